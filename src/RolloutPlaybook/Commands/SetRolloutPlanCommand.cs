using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Sets plan-level keys: names, goal, intake, source model, ops and repository layout. A key not given keeps
    /// its value; a list given replaces the list. Setting an intake item resolves its open question.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "RolloutPlan", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class SetRolloutPlanCommand : PlanEditCmdlet
    {
        /// <summary>Renames the connector (a slug: it ends up in file names).</summary>
        [Parameter]
        [ValidatePlanName(PlanPatterns.Connector, PlanNameRules.Connector)]
        public string? Connector { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DisplayName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExternalSystem { get; set; }

        /// <summary>tabular or custom.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(ConnectorPattern))]
        public ConnectorPattern Pattern { get; set; }

        /// <summary>goal.why.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Why { get; set; }

        /// <summary>goal.unlocks.</summary>
        [Parameter]
        [Alias("Unlocks")]
        [ValidateNotNull]
        public string[]? Unlock { get; set; }

        /// <summary>goal.successCriteria (intake Q5).</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? SuccessCriteria { get; set; }

        /// <summary>intake.urgentPhase (intake Q3).</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PhaseName))]
        public PhaseName UrgentPhase { get; set; }

        /// <summary>intake.sourceLimits.rateLimit (intake Q4): 50/1m or @{ Requests = 50; Per = '1m' }.</summary>
        [Parameter]
        [RateLimitTransformation]
        [ValidateNotNull]
        public RateLimit? RateLimit { get; set; }

        /// <summary>intake.sourceLimits.retention (intake Q4).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Retention { get; set; }

        /// <summary>intake.sourceLimits.scopes (intake Q4).</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Scope { get; set; }

        /// <summary>source.auth: bot token, oauth, api key, service account ...</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceAuthCompleter))]
        public string? Auth { get; set; }

        /// <summary>source.pullMode: incremental, snapshot or hybrid.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PullMode))]
        public PullMode PullMode { get; set; }

        /// <summary>ops.health.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Health { get; set; }

        /// <summary>ops.alerts.</summary>
        [Parameter]
        [Alias("Alerts")]
        [ValidateNotNull]
        public string[]? Alert { get; set; }

        /// <summary>team.small: one generalist agent instead of the default split (the tasks are not changed).</summary>
        [Parameter]
        public SwitchParameter Small { get; set; }

        /// <summary>repository.routes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryRoutes { get; set; }

        /// <summary>repository.migrations.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryMigrations { get; set; }

        /// <summary>repository.docs.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryDocs { get; set; }

        /// <summary>repository.code.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? RepositoryCode { get; set; }

        /// <summary>With a file: rewrite it even if it has hand-written comments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceRewrite => Force;

        protected override string Action => "Set plan " + string.Join(", ", MyInvocation.BoundParameters.Keys.Where(IsPlanKey));

        /// <summary>The parameters that name plan keys (this class's own, except -Force).</summary>
        private static bool IsPlanKey(string name)
            => name != nameof(Force) && typeof(SetRolloutPlanCommand).GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly) != null;

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void Edit(RolloutPlan plan)
        {
            // Validate everything first: a failed edit changes nothing.
            var routes = RepositoryRoutes == null ? null : PlanAuthoring.ValidateRepositoryPath("routes", RepositoryRoutes);
            var migrations = RepositoryMigrations == null ? null : PlanAuthoring.ValidateRepositoryPath("migrations", RepositoryMigrations);
            var docs = RepositoryDocs == null ? null : PlanAuthoring.ValidateRepositoryPath("docs", RepositoryDocs);
            var code = RepositoryCode?.Select(c => PlanAuthoring.ValidateRepositoryPath("code", c)).ToList();

            if (Connector != null) plan.Connector = Connector;
            if (DisplayName != null) plan.DisplayName = DisplayName;
            if (ExternalSystem != null) plan.ExternalSystem = ExternalSystem;
            if (Given(nameof(Pattern))) plan.Pattern = Pattern;
            if (Why != null) plan.Goal.Why = Why;
            if (Unlock != null) plan.Goal.Unlocks = Unlock.Where(u => !string.IsNullOrEmpty(u)).ToList();
            if (SuccessCriteria != null) plan.Goal.SuccessCriteria = SuccessCriteria.Where(c => !string.IsNullOrEmpty(c)).ToList();
            if (Given(nameof(UrgentPhase))) plan.Intake.UrgentPhase = UrgentPhase;
            if (RateLimit != null) plan.Intake.SourceLimits.RateLimit = RateLimit;
            if (Retention != null) plan.Intake.SourceLimits.Retention = Retention;
            if (Scope != null) plan.Intake.SourceLimits.Scopes = Scope.Where(s => !string.IsNullOrEmpty(s)).ToList();
            if (Auth != null) plan.Source.Auth = Auth;
            if (Given(nameof(PullMode))) plan.Source.PullMode = PullMode;
            if (Health != null) plan.Ops.Health = Health.Where(h => !string.IsNullOrEmpty(h)).ToList();
            if (Alert != null) plan.Ops.Alerts = Alert.Where(a => !string.IsNullOrEmpty(a)).ToList();
            if (Given(nameof(Small))) plan.Team.Small = Small;
            if (routes != null) plan.Repository.Routes = routes;
            if (migrations != null) plan.Repository.Migrations = migrations;
            if (docs != null) plan.Repository.Docs = docs;
            if (code != null) plan.Repository.Code = code;
        }
    }
}
