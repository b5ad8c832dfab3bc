using System;
using System.Management.Automation;
using System.Threading;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Creates a rollout plan: the four phases, the default agent team and the intake policy. It asks nothing.
    /// With -RepositoryPath it drafts the plan of an existing connector from its code (SPEC §9).
    /// </summary>
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

        /// <summary>The application repository whose code the plan is drafted from (routes, guards, writes, env vars, migrations, linking points).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryPath { get; set; }

        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        protected override void StopProcessing() => stop.Cancel();

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
                if (RepositoryPath == null)
                {
                    WriteObject(PlanFactory.Create(request));
                    return;
                }
                var root = ResolveNewFile(RepositoryPath);
                if (!System.IO.Directory.Exists(root))
                    throw new RolloutException(ErrorIds.RepositoryNotFound, "Repository folder '" + RepositoryPath + "' does not exist.", RepositoryPath);
                WriteProgress(new ProgressRecord(1, "New-RolloutPlan", "Reading the code of connector '" + Connector + "' in " + root));
                var facts = CodeFactsReader.Read(new RolloutPlan { Connector = Connector }, root, stop.Token);
                WriteProgress(new ProgressRecord(1, "New-RolloutPlan", "Done") { RecordType = ProgressRecordType.Completed });
                var draft = PlanDrafter.Draft(request, facts);
                WriteVerbose("Drafted " + draft.Plan.Routes.Count + " route(s), " + draft.Plan.LinkingPoints.Count + " linking point(s), " + draft.Plan.Handoff.Env.Count + " env var(s) and " +
                    draft.Plan.Handoff.Migrations.Count + " migration(s) from " + root + "; " + draft.Plan.OpenQuestions.Count + " open question(s).");
                WriteObject(draft.Plan);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Connector);
            }
        }
    }
}
