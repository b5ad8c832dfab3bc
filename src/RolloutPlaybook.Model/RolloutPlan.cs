using System;
using System.Collections.Generic;

namespace RolloutPlaybook.Model
{
    /// <summary>
    /// A connector rollout plan. It mirrors the plan file key for key (SPEC §3): <c>linkingPoints</c>
    /// in the file is <see cref="LinkingPoints"/> here. Cmdlets change a plan in place and pass it on.
    /// </summary>
    public sealed class RolloutPlan
    {
        [PlanRequired]
        public int SchemaVersion { get; set; } = 1;
        [PlanRequired, PlanPattern(PlanPatterns.Connector, "a connector slug (lower-case letters, digits and '-', starting with a letter)")]
        public string Connector { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? ExternalSystem { get; set; }
        public ConnectorPattern? Pattern { get; set; }
        public PlanGoal Goal { get; set; } = new PlanGoal();
        public PlanIntake Intake { get; set; } = new PlanIntake();
        public SourceModel Source { get; set; } = new SourceModel();
        public List<LinkingPoint> LinkingPoints { get; set; } = new List<LinkingPoint>();
        public List<RolloutRoute> Routes { get; set; } = new List<RolloutRoute>();
        public SyncStrategy Sync { get; set; } = new SyncStrategy();
        public AnalyticsPlan Analytics { get; set; } = new AnalyticsPlan();
        public OpsPlan Ops { get; set; } = new OpsPlan();
        public PhasePlan Phases { get; set; } = new PhasePlan();
        public TeamPlan Team { get; set; } = new TeamPlan();
        public SetupHandoff Handoff { get; set; } = new SetupHandoff();
        public List<RiskItem> Risks { get; set; } = new List<RiskItem>();
        public List<string> Assumptions { get; set; } = new List<string>();
        public List<string> OpenQuestions { get; set; } = new List<string>();
        public List<GateWaiver> Waivers { get; set; } = new List<GateWaiver>();
        public List<PlanInvariant> Invariants { get; set; } = new List<PlanInvariant>();
        public RepositorySettings Repository { get; set; } = new RepositorySettings();

        /// <summary>The file this plan was imported from or last exported to; null for a plan made in memory.</summary>
        [PlanIgnore]
        public string? SourcePath { get; internal set; }

        /// <summary>What the plan file looked like when it was read or written (for change detection and positions).</summary>
        internal PlanFileState? FileState { get; set; }

        /// <summary>Where a key path (e.g. <c>linkingPoints[1].cardinality</c>) stood in the file the plan was read from.</summary>
        public PlanLocation? GetLocation(string keyPath)
        {
            var state = FileState;
            if (state == null) return null;
            // Fall back to the nearest enclosing key that was written in the file.
            var path = keyPath;
            while (true)
            {
                if (state.Locations.TryGetValue(path, out var location)) return location;
                int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0) return state.Locations.TryGetValue("", out var root) ? root : null;
                path = path.Substring(0, cut);
            }
        }

        public override string ToString() => "RolloutPlan " + Connector;
    }

    /// <summary>Excludes a property from the plan file (runtime-only information).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PlanIgnoreAttribute : Attribute { }

    /// <summary>A list that is written as a single scalar when it has one item (e.g. <c>method: POST</c>).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PlanScalarWhenSingleAttribute : Attribute { }

    /// <summary>A small mapping written in flow style (<c>{ requests: 50, per: 1m }</c>).</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PlanFlowAttribute : Attribute { }

    internal sealed class PlanFileState
    {
        public PlanFileState(string path, string contentHash, bool hadComments, IReadOnlyDictionary<string, PlanLocation> locations)
        {
            Path = path; ContentHash = contentHash; HadComments = hadComments; Locations = locations;
        }
        public string Path { get; }
        public string ContentHash { get; }
        public bool HadComments { get; }
        public IReadOnlyDictionary<string, PlanLocation> Locations { get; }
    }

    public sealed class PlanGoal
    {
        public string? Why { get; set; }
        public List<string> Unlocks { get; set; } = new List<string>();
        public List<string> SuccessCriteria { get; set; } = new List<string>();
    }

    public sealed class PlanIntake
    {
        public PhaseName? UrgentPhase { get; set; }
        public SourceLimits SourceLimits { get; set; } = new SourceLimits();
    }

    public sealed class SourceLimits
    {
        public RateLimit? RateLimit { get; set; }
        public string? Retention { get; set; }
        public List<string> Scopes { get; set; } = new List<string>();
    }

    public sealed class SourceModel
    {
        public string? Auth { get; set; }
        public PullMode? PullMode { get; set; }
    }

    /// <summary>One row of the mapping matrix: an <c>entity_external_ids.source</c>.</summary>
    public sealed class LinkingPoint
    {
        [PlanRequired, PlanPattern(PlanPatterns.Source, "a source name (lower-case letters, digits and '_', starting with a letter)")]
        public string Source { get; set; } = "";
        public string? Purpose { get; set; }
        public string? ExternalId { get; set; }
        public string? Entity { get; set; }
        public Cardinality? Cardinality { get; set; }
        public EnforcedIn? EnforcedIn { get; set; }
        public List<string> Metadata { get; set; } = new List<string>();
        public string? Remap { get; set; }
        /// <summary>The app's own table that keeps this link when it is not the identity table (SPEC §8), e.g. <c>slack_alert_channels</c>.</summary>
        [PlanPattern(PlanPatterns.SqlName, "a table name (letters, digits and '_', optionally schema-qualified)")]
        public string? Table { get; set; }
        /// <summary>The columns of <see cref="Table"/> that identify one link (a 1:1 + db link is enforced by a UNIQUE on exactly these).</summary>
        public List<string> Key { get; set; } = new List<string>();
    }

    public sealed class RolloutRoute
    {
        [PlanRequired, PlanPattern(PlanPatterns.RoutePath, "a route path such as /api/slack/sync (dynamic segments as [name])")]
        public string Path { get; set; } = "";
        public List<RouteMethod> Methods { get; set; } = new List<RouteMethod>();
        /// <summary>One auth for the route or one per method (<c>auth: { GET: none, POST: admin }</c>); <c>Auth.For(method)</c> answers per method.</summary>
        public RouteAuth? Auth { get; set; }
        [PlanNone(nameof(NoWrites))]
        public List<RouteWrite> Writes { get; set; } = new List<RouteWrite>();
        /// <summary>The file's <c>writes: none</c>: no method of the route writes.</summary>
        [PlanIgnore]
        public bool NoWrites { get; set; }
    }

    /// <summary>How a mutating route writes a table, and what it does on a conflict.</summary>
    public sealed class RouteWrite
    {
        [PlanRequired]
        public string Table { get; set; } = "";
        public string? Source { get; set; }
        [PlanScalarWhenSingle]
        public List<RouteMethod> Method { get; set; } = new List<RouteMethod>();
        /// <summary>The supabase-js call: insert, upsert, update, delete or rpc (for rpc, <see cref="Table"/> is the function).</summary>
        public WriteOp? Op { get; set; }
        public WriteAction? Action { get; set; }
        public string? OnConflict { get; set; }

        /// <summary>
        /// The operation the entry is about: <see cref="Op"/> when given, else what an old plan's action implies
        /// (update/ignore: upsert; reject/append: insert; delete: delete); null when neither says.
        /// </summary>
        public WriteOp? EffectiveOp
        {
            get
            {
                if (Op.HasValue) return Op;
                switch (Action)
                {
                    case WriteAction.Update: case WriteAction.Ignore: return WriteOp.Upsert;
                    case WriteAction.Reject: case WriteAction.Append: return WriteOp.Insert;
                    case WriteAction.Delete: return WriteOp.Delete;
                    default: return null;
                }
            }
        }
    }

    public sealed class SyncStrategy
    {
        public SyncTrigger? Trigger { get; set; }
        public Duration? Schedule { get; set; }
        public string? Cursor { get; set; }
        public List<string> Watermarks { get; set; } = new List<string>();
        public WatermarkAdvance? WatermarkAdvance { get; set; }
        public string? IdempotencyKey { get; set; }
        public Duration? Lease { get; set; }
        public Duration? Overlap { get; set; }
        public int? PageSize { get; set; }
        public int? PageCap { get; set; }
        public ResumeMode? Resume { get; set; }
        public int? UnitsPerRun { get; set; }
        public Duration? CallInterval { get; set; }
    }

    public sealed class AnalyticsPlan
    {
        public List<RolloutMetric> Metrics { get; set; } = new List<RolloutMetric>();
    }

    public sealed class RolloutMetric
    {
        [PlanRequired]
        public string Name { get; set; } = "";
        public string? Definition { get; set; }
        public List<string> Excludes { get; set; } = new List<string>();
        public List<string> Recompute { get; set; } = new List<string>();
        public int? Version { get; set; }
    }

    public sealed class OpsPlan
    {
        public List<string> Health { get; set; } = new List<string>();
        public List<string> Alerts { get; set; } = new List<string>();
    }

    /// <summary>The four playbook phases, always in this order.</summary>
    public sealed class PhasePlan
    {
        public RolloutPhase Mapping { get; set; } = new RolloutPhase();
        public RolloutPhase Sync { get; set; } = new RolloutPhase();
        public RolloutPhase Analytics { get; set; } = new RolloutPhase();
        public RolloutPhase Ops { get; set; } = new RolloutPhase();

        public RolloutPhase this[PhaseName phase]
        {
            get
            {
                switch (phase)
                {
                    case PhaseName.Mapping: return Mapping;
                    case PhaseName.Sync: return Sync;
                    case PhaseName.Analytics: return Analytics;
                    default: return Ops;
                }
            }
        }

        /// <summary>The phases in playbook order with their names.</summary>
        public IEnumerable<KeyValuePair<PhaseName, RolloutPhase>> All()
        {
            yield return new KeyValuePair<PhaseName, RolloutPhase>(PhaseName.Mapping, Mapping);
            yield return new KeyValuePair<PhaseName, RolloutPhase>(PhaseName.Sync, Sync);
            yield return new KeyValuePair<PhaseName, RolloutPhase>(PhaseName.Analytics, Analytics);
            yield return new KeyValuePair<PhaseName, RolloutPhase>(PhaseName.Ops, Ops);
        }
    }

    public sealed class RolloutPhase
    {
        public string? Scope { get; set; }
        public List<string> Deliverables { get; set; } = new List<string>();
        public List<ValidationCheck> Checks { get; set; } = new List<ValidationCheck>();

        /// <summary>What a table cell shows for a phase (<c>$plan.Phases</c>): its scope and how far its checks are.</summary>
        public override string ToString()
            => (string.IsNullOrEmpty(Scope) ? "(no scope)" : Scope) + " [" + Checks.FindAll(c => c.Status == CheckStatus.Pass).Count + "/" + Checks.Count + " checks pass]";
    }

    /// <summary>A phase validation check with its pass/fail evidence.</summary>
    public sealed class ValidationCheck
    {
        [PlanRequired, PlanPattern(PlanPatterns.Identifier, "a check id (letters, digits, '.', '_' or '-')")]
        public string Id { get; set; } = "";
        public string? Description { get; set; }
        public CheckKind? Kind { get; set; }
        public CheckStatus Status { get; set; } = CheckStatus.Pending;
        public string? Evidence { get; set; }
        /// <summary>Who recorded the result (only when asked for).</summary>
        public string? RecordedBy { get; set; }
        /// <summary>When the result was recorded (only when asked for).</summary>
        public DateTime? RecordedAt { get; set; }
    }

    public sealed class TeamPlan
    {
        public bool Small { get; set; }
        public List<AgentTask> Tasks { get; set; } = new List<AgentTask>();
    }

    /// <summary>A task of the agent-team graph.</summary>
    public sealed class AgentTask
    {
        [PlanRequired, PlanPattern(PlanPatterns.Identifier, "a task id (letters, digits, '.', '_' or '-')")]
        public string Id { get; set; } = "";
        public string? Agent { get; set; }
        public PhaseName? Phase { get; set; }
        public string? Title { get; set; }
        public List<string> DependsOn { get; set; } = new List<string>();
    }

    /// <summary>The Manual Setup Handoff: what a non-author needs to set the connector up.</summary>
    public sealed class SetupHandoff
    {
        public List<string> ExternalApp { get; set; } = new List<string>();
        public List<HandoffScope> Scopes { get; set; } = new List<HandoffScope>();
        public List<HandoffEnvVar> Env { get; set; } = new List<HandoffEnvVar>();
        public List<string> Migrations { get; set; } = new List<string>();
        public List<SmokeTest> SmokeTests { get; set; } = new List<SmokeTest>();
    }

    public sealed class HandoffScope
    {
        [PlanRequired]
        public string Name { get; set; } = "";
        public string? Reason { get; set; }
    }

    public sealed class HandoffEnvVar
    {
        [PlanRequired, PlanPattern(PlanPatterns.EnvVar, "an environment variable name (upper-case letters, digits and '_', starting with a letter)")]
        public string Name { get; set; } = "";
        public bool Secret { get; set; }
        public string? Purpose { get; set; }
        public string? Local { get; set; }
        public string? Deploy { get; set; }
        /// <summary>An example value for a non-secret variable; a secret never has one.</summary>
        public string? Value { get; set; }
    }

    public sealed class SmokeTest
    {
        [PlanRequired]
        public string Action { get; set; } = "";
        public string? Expect { get; set; }

        public override string ToString() => Expect == null ? Action : Action + " -> " + Expect;
    }

    public sealed class RiskItem
    {
        [PlanRequired]
        public string Risk { get; set; } = "";
        public string? Mitigation { get; set; }

        public override string ToString() => Mitigation == null ? Risk : Risk + " (" + Mitigation + ")";
    }

    /// <summary>Turns a gate Fail of <see cref="Rule"/> (optionally for one target) into Waived until it expires.</summary>
    public sealed class GateWaiver
    {
        [PlanRequired, PlanPattern(PlanPatterns.RuleId, "a gate rule id such as RP.Sync.RateBudget")]
        public string Rule { get; set; } = "";
        public string? Target { get; set; }
        [PlanRequired]
        public string Reason { get; set; } = "";
        [PlanRequired]
        public DateTime Expires { get; set; }
    }

    /// <summary>Where the connector's code lives in the application repository (SPEC §2 defaults when empty).</summary>
    public sealed class RepositorySettings
    {
        /// <summary>The App Router routes folder (default <c>src/app/api</c>, else <c>app/api</c>).</summary>
        public string? Routes { get; set; }
        /// <summary>Migration folders (their <c>*.sql</c> in file-name order) or single .sql files, applied in list order.</summary>
        [PlanScalarWhenSingle]
        public List<string> Migrations { get; set; } = new List<string>();
        public string? Docs { get; set; }
        public List<string> Code { get; set; } = new List<string>();
        /// <summary>The URL the routes folder stands for (default <c>/api</c>).</summary>
        [PlanPattern(PlanPatterns.RouteBase, "a URL path starting with / (e.g. /api)")]
        public string? RouteBase { get; set; }
        /// <summary>The connector's own route folders (default <c>{routes}/{connector}</c>): every route file under them must be in the plan.</summary>
        public List<string> ConnectorRoutes { get; set; } = new List<string>();
        /// <summary>The Pages Router API folder (default <c>src/pages/api</c>, else <c>pages/api</c>).</summary>
        public string? Pages { get; set; }
        /// <summary>The files that document env vars (default: whichever of .env.example, .env.sample, .env.local.example, env.example exist).</summary>
        public List<string> EnvExample { get; set; } = new List<string>();
        /// <summary>The identity table (default <c>entity_external_ids</c>).</summary>
        [PlanPattern(PlanPatterns.SqlName, "a table name (letters, digits and '_', optionally schema-qualified)")]
        public string? IdentityTable { get; set; }
        /// <summary>The rollout document's file name (default <c>{CONNECTOR}-ROLLOUT-PLAN.md</c>).</summary>
        [PlanPattern(PlanPatterns.FileName, "a file name without folders (e.g. SLACK-ROLLOUT-PLAN.md)")]
        public string? DocumentName { get; set; }
        /// <summary>The app's own guard helpers per auth value: <c>{ session: [authenticate], signature: [verifySlackRequest] }</c> (names or regexes).</summary>
        public SortedDictionary<string, List<string>> Guards { get; set; } = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        /// <summary>The app's own body validators (names or regexes).</summary>
        public List<string> Validators { get; set; } = new List<string>();
        /// <summary>The env vars a cron guard compares with (default: any whose name contains CRON).</summary>
        public List<string> CronSecrets { get; set; } = new List<string>();
    }
}

namespace RolloutPlaybook.Model
{
    /// <summary>
    /// A fact the live database must hold (SPEC §10): a read-only query that returns no rows when all is well
    /// (<c>invariants: - { id: no-stale-attribution, description: ..., sql: "select ..." }</c>).
    /// </summary>
    public sealed class PlanInvariant
    {
        [PlanRequired, PlanPattern(PlanPatterns.Identifier, "an invariant id (letters, digits, '.', '_' or '-')")]
        public string Id { get; set; } = "";
        public string? Description { get; set; }
        [PlanRequired]
        public string Sql { get; set; } = "";

        public override string ToString() => Id;
    }
}
