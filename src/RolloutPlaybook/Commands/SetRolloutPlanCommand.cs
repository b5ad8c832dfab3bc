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
    public sealed class SetRolloutPlanCommand : PlanEditorCmdlet
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

        /// <summary>repository.migrations: migration folders or single .sql files, applied in the order given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? RepositoryMigrations { get; set; }

        /// <summary>repository.docs.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryDocs { get; set; }

        /// <summary>repository.code.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? RepositoryCode { get; set; }

        /// <summary>repository.routeBase: the URL the routes folder stands for (default /api).</summary>
        [Parameter]
        [ValidatePattern(PlanPatterns.RouteBase, Options = RegexOptions.None)]
        public string? RepositoryRouteBase { get; set; }

        /// <summary>repository.connectorRoutes: the connector's own route folders (every route file under them must be in the plan).</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? RepositoryConnectorRoutes { get; set; }

        /// <summary>repository.pages: the Pages Router API folder (default src/pages/api, else pages/api).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryPages { get; set; }

        /// <summary>repository.envExample: the files that document env vars.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? RepositoryEnvExample { get; set; }

        /// <summary>repository.identityTable (default entity_external_ids).</summary>
        [Parameter]
        [ValidatePattern(PlanPatterns.SqlName, Options = RegexOptions.None)]
        public string? RepositoryIdentityTable { get; set; }

        /// <summary>repository.documentName: the rollout document's file name (default {CONNECTOR}-ROLLOUT-PLAN.md).</summary>
        [Parameter]
        [ValidatePattern(PlanPatterns.FileName, Options = RegexOptions.None)]
        public string? RepositoryDocumentName { get; set; }

        /// <summary>repository.guards: the app's guard helpers per auth value, @{ session = 'authenticate', 'withRLSContext'; signature = 'verifySlackRequest' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public System.Collections.Hashtable? RepositoryGuards { get; set; }

        /// <summary>repository.validators: the app's body validator helpers (names or regexes).</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? RepositoryValidators { get; set; }

        /// <summary>repository.cronSecrets: the env vars a cron guard compares the bearer token with.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidatePattern(PlanPatterns.EnvVar, Options = RegexOptions.None)]
        public string[]? RepositoryCronSecrets { get; set; }

        private string Action => "Set plan " + string.Join(", ", MyInvocation.BoundParameters.Keys.Where(IsPlanKey));

        /// <summary>The parameters that name plan keys (this class's own, except -Force).</summary>
        private static bool IsPlanKey(string name)
            => name != nameof(Force) && typeof(SetRolloutPlanCommand).GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly) != null;

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override PlanEdit CreateEdit() => Change(Action, Edit);

        private void Edit(RolloutPlan plan)
        {
            // Validate everything first: a failed edit changes nothing.
            var routes = RepositoryRoutes == null ? null : PlanAuthoring.ValidateRepositoryPath("routes", RepositoryRoutes);
            var migrations = RepositoryMigrations?.Select(m => PlanAuthoring.ValidateRepositoryPath("migrations", m)).ToList();
            var connectorRoutes = RepositoryConnectorRoutes?.Select(c => PlanAuthoring.ValidateRepositoryPath("connectorRoutes", c)).ToList();
            var pages = RepositoryPages == null ? null : PlanAuthoring.ValidateRepositoryPath("pages", RepositoryPages);
            var envExample = RepositoryEnvExample?.Select(e => PlanAuthoring.ValidateRepositoryPath("envExample", e)).ToList();
            var guards = RepositoryGuards == null ? null : PlanAuthoring.Guards(RepositoryGuards.Keys.Cast<object>().ToDictionary(
                k => System.Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                k => (System.Collections.Generic.IEnumerable<string>)Strings(RepositoryGuards[k])));
            var validators = RepositoryValidators == null ? null : PlanAuthoring.NamePatterns("validators", RepositoryValidators);
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
            if (RepositoryRouteBase != null) plan.Repository.RouteBase = RepositoryRouteBase.Length > 1 ? RepositoryRouteBase.TrimEnd('/') : RepositoryRouteBase;
            if (connectorRoutes != null) plan.Repository.ConnectorRoutes = connectorRoutes;
            if (pages != null) plan.Repository.Pages = pages;
            if (envExample != null) plan.Repository.EnvExample = envExample;
            if (RepositoryIdentityTable != null) plan.Repository.IdentityTable = RepositoryIdentityTable;
            if (RepositoryDocumentName != null) plan.Repository.DocumentName = RepositoryDocumentName;
            if (guards != null) plan.Repository.Guards = guards;
            if (validators != null) plan.Repository.Validators = validators;
            if (RepositoryCronSecrets != null) plan.Repository.CronSecrets = RepositoryCronSecrets.Distinct().ToList();
        }

        /// <summary>A hashtable value as a list of text: one name, or an array of names.</summary>
        private static System.Collections.Generic.List<string> Strings(object? value)
        {
            var v = value is PSObject pso ? pso.BaseObject : value;
            var items = v is string || !(v is System.Collections.IEnumerable e) ? new[] { v } : e.Cast<object?>();
            return items.Select(i => i is PSObject p ? p.BaseObject : i)
                .Select(i => System.Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
        }
    }
}
