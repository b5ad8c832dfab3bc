using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Creates a rollout plan: the four phases, the default agent team and the intake policy. It asks nothing.</summary>
    [Cmdlet(VerbsCommon.New, "RolloutPlan")]
    [OutputType(typeof(RolloutPlan))]
    public sealed class NewRolloutPlanCommand : RolloutCmdlet
    {
        /// <summary>The connector slug, used in file names: lower-case letters, digits and '-'.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePlanName(PlanPatterns.Connector, PlanNameRules.Connector)]
        public string Connector { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExternalSystem { get; set; }

        [Parameter]
        public ConnectorPattern Pattern { get; set; }

        /// <summary>Why the connector exists (goal.why).</summary>
        [Parameter]
        public string? Why { get; set; }

        /// <summary>Intake Q3: the most urgent phase.</summary>
        [Parameter]
        public PhaseName UrgentPhase { get; set; }

        /// <summary>Intake Q5: what success looks like in the first 2-4 weeks.</summary>
        [Parameter]
        public string[]? SuccessCriteria { get; set; }

        /// <summary>Intake Q4: the source rate limit (50/1m or @{ Requests = 50; Per = '1m' }).</summary>
        [Parameter]
        [RateLimitTransformation]
        public RateLimit? RateLimit { get; set; }

        /// <summary>Intake Q4: the source's history retention.</summary>
        [Parameter]
        public string? Retention { get; set; }

        /// <summary>Intake Q4: the scopes the source grants.</summary>
        [Parameter]
        public string[]? Scope { get; set; }

        /// <summary>One generalist agent (plus review) instead of the default split.</summary>
        [Parameter]
        public SwitchParameter Small { get; set; }

        protected override void ProcessRecord()
        {
            var request = new NewPlanRequest
            {
                Connector = Connector,
                DisplayName = DisplayName,
                ExternalSystem = ExternalSystem,
                Pattern = MyInvocation.BoundParameters.ContainsKey(nameof(Pattern)) ? Pattern : (ConnectorPattern?)null,
                Why = Why,
                UrgentPhase = MyInvocation.BoundParameters.ContainsKey(nameof(UrgentPhase)) ? UrgentPhase : (PhaseName?)null,
                SuccessCriteria = SuccessCriteria,
                RateLimit = RateLimit,
                Retention = Retention,
                Scopes = Scope,
                Small = Small,
            };
            try
            {
                WriteObject(PlanFactory.Create(request));
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Connector);
            }
        }
    }
}
