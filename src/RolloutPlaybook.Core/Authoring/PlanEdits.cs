using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>Adds a row of the mapping matrix. Without <see cref="EnforcedIn"/>: db for 1:1, app for 1:N.</summary>
    public sealed class AddLinkingPointEdit : PlanEdit
    {
        public string Source { get; set; } = "";
        public string Entity { get; set; } = "";
        public Cardinality Cardinality { get; set; }
        public EnforcedIn? EnforcedIn { get; set; }
        public string? ExternalId { get; set; }
        public string? Purpose { get; set; }
        public IList<string>? Metadata { get; set; }
        public string? Remap { get; set; }
        public string? Table { get; set; }
        public IList<string>? Key { get; set; }

        public override string Summary => "Add linking point '" + Source + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if ((Table == null) != (Key == null))
                throw new RolloutException(ErrorIds.InvalidLinkingPoint,
                    "Linking point '" + Source + "': -Table and -Key go together (the app's own table and the columns that identify one link).", Source);
            var enforcedIn = EnforcedIn ?? (Cardinality == Cardinality.OneToOne ? Model.EnforcedIn.Db : Model.EnforcedIn.App);
            var point = new LinkingPoint
            {
                Source = Source, Purpose = Purpose, ExternalId = ExternalId, Entity = Entity,
                Cardinality = Cardinality, EnforcedIn = enforcedIn, Remap = Remap, Table = Table,
            };
            if (Key != null) point.Key.AddRange(Key.Distinct());
            if (Metadata != null) point.Metadata.AddRange(Metadata.Where(m => !string.IsNullOrEmpty(m)));
            PlanEditor.AddOrReplace(plan.LinkingPoints, point, lp => lp.Source == Source, context,
                () => new RolloutException(ErrorIds.LinkingPointExists,
                    "Plan '" + plan.Connector + "' already has linking point '" + Source + "'; use -Force to replace it.", Source));
            if (Cardinality == Cardinality.OneToMany && enforcedIn == Model.EnforcedIn.Db)
                context.Warn("Linking point '" + Source + "' is 1:N but enforced in the DB: a partial unique index on it would reject its second mapping (RP.Map.OneToOneEnforced fails).");
        }
    }

    /// <summary>Adds an API route with its methods, auth and writes (checked against SPEC §3 before anything changes).</summary>
    public sealed class AddRouteEdit : PlanEdit
    {
        public string Route { get; set; } = "";
        public IList<RouteMethod> Methods { get; set; } = new List<RouteMethod>();
        public RouteAuth? Auth { get; set; }
        public IList<RouteWrite> Writes { get; set; } = new List<RouteWrite>();
        /// <summary><c>writes: none</c>: no method of the route writes.</summary>
        public bool NoWrites { get; set; }

        public override string Summary => "Add route '" + Route + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var route = new RolloutRoute { Path = Route, Auth = Auth, NoWrites = NoWrites };
            route.Methods.AddRange(Methods.Distinct());
            route.Writes.AddRange(Writes);
            PlanAuthoring.ValidateRoute(route);
            var outside = PlanFiles.PlanRouteRules.PathProblem(plan, Route);
            if (outside != null)
                throw new RolloutException(ErrorIds.RoutePathOutsideRouteBase, "Route '" + Route + "': " + outside + ".", Route);
            PlanEditor.AddOrReplace(plan.Routes, route, r => r.Path == Route, context,
                () => new RolloutException(ErrorIds.RolloutRouteExists,
                    "Plan '" + plan.Connector + "' already has route '" + Route + "'; use -Force to replace it.", Route));
            if (route.Writes.Count == 0 && !route.NoWrites && route.Methods.Any(Planning.RouteMethods.IsMutating))
                context.Warn("Route '" + Route + "' has a mutating method but no -Writes: RP.Map.OnConflictDocumented fails until its writes are documented (or -Writes none if it writes nothing).");
        }
    }

    /// <summary>
    /// Adds a task to the agent-team graph. A dependency on a task the plan does not have yet is allowed in memory (a
    /// pipeline may add that task next; saving checks the whole graph) but not when the edit is saved on its own.
    /// </summary>
    public sealed class AddAgentTaskEdit : PlanEdit
    {
        public string Id { get; set; } = "";
        public string Agent { get; set; } = "";
        public string Title { get; set; } = "";
        public PhaseName? Phase { get; set; }
        public IList<string>? DependsOn { get; set; }

        public override string Summary => "Add agent task '" + Id + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var dependsOn = (DependsOn ?? new List<string>()).Distinct(StringComparer.Ordinal).ToList();
            if (dependsOn.Contains(Id, StringComparer.Ordinal))
                throw new RolloutException(ErrorIds.AgentTaskDependsOnItself, "Task '" + Id + "' cannot depend on itself.", Id);
            var missing = dependsOn.Where(d => !plan.Team.Tasks.Any(t => t.Id == d)).ToList();
            if (missing.Count > 0 && context.SavedAlone)
                throw ForwardReference(plan, Id, missing);
            var task = new AgentTask { Id = Id, Agent = Agent, Phase = Phase, Title = Title, DependsOn = dependsOn };
            PlanEditor.AddOrReplace(plan.Team.Tasks, task, t => t.Id == Id, context,
                () => new RolloutException(ErrorIds.AgentTaskExists,
                    "Plan '" + plan.Connector + "' already has task '" + Id + "'; use -Force to replace it.", Id));
            foreach (var m in missing)
                context.Note("Task '" + Id + "' depends on '" + m + "', which the plan does not have yet: add it before the plan is saved.");
        }

        /// <summary>A plan file cannot hold a dependency on a task it does not have: say how to add both.</summary>
        internal static RolloutException ForwardReference(RolloutPlan plan, string id, IList<string> missing)
        {
            var names = string.Join(", ", missing.Select(m => "'" + m + "'"));
            var nearest = missing.Count == 1 ? PlanRemoval.Nearest(missing[0], plan.Team.Tasks.Select(t => t.Id)) : null;
            return new RolloutException(ErrorIds.AgentTaskDependencyNotFound,
                "Task '" + id + "' depends on " + names + ", which plan '" + plan.Connector + "' does not have" +
                (nearest != null ? " (did you mean '" + nearest + "'?)" : "") +
                ". A plan file is saved after each -Path edit, so add " + names + " first; or add the tasks in any order in one pipeline: " +
                "Import-RolloutPlan <file> | Add-AgentTask " + id + " … -DependsOn " + missing[0] + " | Add-AgentTask " + missing[0] + " … | Export-RolloutPlan <file>.",
                missing[0]);
        }
    }

    /// <summary>Changes a task in place; what is not given stays as it is.</summary>
    public sealed class SetAgentTaskEdit : PlanEdit
    {
        public string Id { get; set; } = "";
        public string? Agent { get; set; }
        public string? Title { get; set; }
        public PhaseName? Phase { get; set; }
        /// <summary>Replaces the task's dependencies (an empty list clears them).</summary>
        public IList<string>? DependsOn { get; set; }

        public override string Summary => "Change agent task '" + Id + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var task = plan.Team.Tasks.FirstOrDefault(t => t.Id == Id)
                ?? throw PlanRemoval.NotFound(ErrorIds.AgentTaskNotFound, "task", Id, plan.Connector, plan.Team.Tasks.Select(t => t.Id));
            if (DependsOn != null)
            {
                if (DependsOn.Contains(Id, StringComparer.Ordinal))
                    throw new RolloutException(ErrorIds.AgentTaskDependsOnItself, "Task '" + Id + "' cannot depend on itself.", Id);
                foreach (var missing in DependsOn.Where(d => !plan.Team.Tasks.Any(t => t.Id == d)))
                    throw PlanRemoval.NotFound(ErrorIds.AgentTaskNotFound, "task", missing, plan.Connector, plan.Team.Tasks.Select(t => t.Id));
            }
            if (Agent != null) task.Agent = Agent;
            if (Title != null) task.Title = Title;
            if (Phase.HasValue) task.Phase = Phase;
            if (DependsOn != null) task.DependsOn = DependsOn.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Adds an environment variable to the Manual Setup Handoff; a secret never has a value in the plan.</summary>
    public sealed class AddHandoffEnvVarEdit : PlanEdit
    {
        public string Name { get; set; } = "";
        public bool Secret { get; set; }
        public string Local { get; set; } = "";
        public string Deploy { get; set; } = "";
        public string? Purpose { get; set; }
        public string? Value { get; set; }

        public override string Summary => "Add handoff env var '" + Name + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if (Secret && Value != null)
                throw new RolloutException(ErrorIds.SecretValueNotAllowed,
                    "Env var '" + Name + "' is a secret: its value never goes into the plan (set it in " + Local + " and " + Deploy + "); drop -Value.", Name);
            var env = new HandoffEnvVar { Name = Name, Secret = Secret, Purpose = Purpose, Local = Local, Deploy = Deploy, Value = Value };
            PlanEditor.AddOrReplace(plan.Handoff.Env, env, e => e.Name == Name, context,
                () => new RolloutException(ErrorIds.HandoffEnvVarExists,
                    "The handoff already has env var '" + Name + "'; use -Force to replace it.", Name));
        }
    }

    /// <summary>Adds a scope of the external app; warns while the intake scopes do not list it.</summary>
    public sealed class AddHandoffScopeEdit : PlanEdit
    {
        public string Name { get; set; } = "";
        public string Reason { get; set; } = "";

        public override string Summary => "Add handoff scope '" + Name + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            PlanEditor.AddOrReplace(plan.Handoff.Scopes, new HandoffScope { Name = Name, Reason = Reason }, s => s.Name == Name, context,
                () => new RolloutException(ErrorIds.HandoffScopeExists,
                    "The handoff already has scope '" + Name + "'; use -Force to replace it.", Name));
            if (!plan.Intake.SourceLimits.Scopes.Contains(Name))
                context.Warn("Scope '" + Name + "' is not among the intake scopes: RP.Docs.ScopesMatch fails until both lists agree (Set-RolloutPlan -Scope).");
        }
    }

    /// <summary>Adds a migration to apply: a .sql file inside the repository, listed once.</summary>
    public sealed class AddHandoffMigrationEdit : PlanEdit
    {
        public string Path { get; set; } = "";

        public override string Summary => "Add handoff migration '" + Path + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            PlanAuthoring.ValidateMigrationPath(Path);
            var migration = Path.Replace('\\', '/');
            if (plan.Handoff.Migrations.Contains(migration))
                throw new RolloutException(ErrorIds.HandoffMigrationExists,
                    "The handoff already lists migration '" + migration + "'.", migration);
            plan.Handoff.Migrations.Add(migration);
        }
    }

    /// <summary>Adds the next smoke test.</summary>
    public sealed class AddHandoffSmokeTestEdit : PlanEdit
    {
        public string Action { get; set; } = "";
        public string Expect { get; set; } = "";

        public override string Summary => "Add handoff smoke test '" + Action + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
            => plan.Handoff.SmokeTests.Add(new SmokeTest { Action = Action, Expect = Expect });
    }

    /// <summary>Adds the next step of creating the external app.</summary>
    public sealed class AddHandoffAppStepEdit : PlanEdit
    {
        public string Step { get; set; } = "";

        public override string Summary => "Add external app step '" + Step + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context) => plan.Handoff.ExternalApp.Add(Step);
    }

    /// <summary>The kinds of note <see cref="AddNoteEdit"/> adds.</summary>
    public enum NoteKind
    {
        Assumption,
        OpenQuestion,
        Risk,
    }

    /// <summary>Adds an assumption, an open question, or a risk with its mitigation; each text once.</summary>
    public sealed class AddNoteEdit : PlanEdit
    {
        public NoteKind Kind { get; set; }
        public string Text { get; set; } = "";
        /// <summary>How a risk is handled (risks only).</summary>
        public string? Mitigation { get; set; }

        private string What => Kind == NoteKind.Assumption ? "assumption" : Kind == NoteKind.OpenQuestion ? "open question" : "risk";

        public override string Summary => "Add " + What + " '" + Text + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if (Mitigation != null && Kind != NoteKind.Risk)
                throw new RolloutException(ErrorIds.InvalidRolloutNote,
                    "-Mitigation belongs to a risk (-Risk), not to an " + What + ".", Text);
            bool exists = Kind == NoteKind.Assumption ? plan.Assumptions.Contains(Text)
                : Kind == NoteKind.OpenQuestion ? plan.OpenQuestions.Contains(Text)
                : plan.Risks.Exists(r => r.Risk == Text);
            if (exists)
                throw new RolloutException(ErrorIds.RolloutNoteExists, "The plan already has the " + What + " '" + Text + "'.", Text);
            if (Kind == NoteKind.Assumption) plan.Assumptions.Add(Text);
            else if (Kind == NoteKind.OpenQuestion) plan.OpenQuestions.Add(Text);
            else plan.Risks.Add(new RiskItem { Risk = Text, Mitigation = Mitigation });
        }
    }

    /// <summary>Adds a waiver of a rule the gate has (the nearest id is named otherwise); an expired one is a warning.</summary>
    public sealed class AddGateWaiverEdit : PlanEdit
    {
        public string Rule { get; set; } = "";
        public string Reason { get; set; } = "";
        public DateTime Expires { get; set; }
        public string? Target { get; set; }
        /// <summary>Today, for the expiry warning (the local date unless a test says otherwise).</summary>
        public DateTime Today { get; set; } = DateTime.Today;

        public override string Summary => "Add waiver of " + Rule + (Target == null ? "" : " for '" + Target + "'");

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if (!Gate.RuleCatalog.All.Any(r => r.Id == Rule))
            {
                var nearest = PlanRemoval.Nearest(Rule, Gate.RuleCatalog.All.Select(r => r.Id));
                throw new RolloutException(ErrorIds.GateRuleNotFound,
                    "The gate has no rule '" + Rule + "'" + (nearest != null ? " — did you mean '" + nearest + "'?" : "; Get-RolloutRule lists the rules."), Rule);
            }
            var waiver = new GateWaiver { Rule = Rule, Target = Target, Reason = Reason, Expires = DateTime.SpecifyKind(Expires.Date, DateTimeKind.Unspecified) };
            PlanEditor.AddOrReplace(plan.Waivers, waiver, w => w.Rule == Rule && w.Target == Target, context,
                () => new RolloutException(ErrorIds.GateWaiverExists,
                    "The plan already waives " + Rule + (Target == null ? "" : " for '" + Target + "'") + "; use -Force to replace the waiver.", Rule));
            if (waiver.Expires < Today.Date)
                context.Warn("The waiver of " + Rule + " expired on " + waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": the gate reports an expired waiver as a Fail.");
        }
    }

    /// <summary>Adds an analytics metric; one that excludes no noise is a warning (RP.Analytics.NoiseExcluded).</summary>
    public sealed class AddMetricEdit : PlanEdit
    {
        public string Name { get; set; } = "";
        public string Definition { get; set; } = "";
        public IList<string>? Exclude { get; set; }
        public IList<string>? Recompute { get; set; }
        public int? Version { get; set; }

        public override string Summary => "Add metric '" + Name + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var metric = new RolloutMetric { Name = Name, Definition = Definition, Version = Version };
            if (Exclude != null) metric.Excludes.AddRange(Exclude);
            if (Recompute != null) metric.Recompute.AddRange(Recompute);
            PlanEditor.AddOrReplace(plan.Analytics.Metrics, metric, m => m.Name == Name, context,
                () => new RolloutException(ErrorIds.RolloutMetricExists,
                    "Plan '" + plan.Connector + "' already has metric '" + Name + "'; use -Force to replace it.", Name));
            if (metric.Excludes.Count == 0)
                context.Warn("Metric '" + Name + "' excludes no noise: RP.Analytics.NoiseExcluded fails until -Exclude says what it leaves out.");
        }
    }

    /// <summary>Adds a validation check to a phase (moving it there when <c>-Force</c> replaces one of another phase).</summary>
    public sealed class AddValidationCheckEdit : PlanEdit
    {
        public PhaseName Phase { get; set; }
        public string Id { get; set; } = "";
        public string Description { get; set; } = "";
        public CheckKind? Kind { get; set; }

        public override string Summary => "Add " + PlanEnum.Format(Phase) + " check '" + Id + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var check = new ValidationCheck { Id = Id, Description = Description, Kind = Kind };
            var existing = PlanAuthoring.FindCheck(plan, Id, out var phase);
            if (existing != null)
            {
                if (!context.Replace)
                    throw new RolloutException(ErrorIds.ValidationCheckExists,
                        "Plan '" + plan.Connector + "' already has check '" + Id + "' (" + PlanEnum.Format(phase) + " phase); use -Force to replace it.", Id);
                if (phase == Phase)
                {
                    var checks = plan.Phases[phase].Checks;
                    checks[checks.IndexOf(existing)] = check;
                    return;
                }
                plan.Phases[phase].Checks.Remove(existing);
            }
            plan.Phases[Phase].Checks.Add(check);
        }
    }

    /// <summary>Adds an invariant the gate runs against the live database: one SELECT; what it cannot run is refused or warned.</summary>
    public sealed class AddInvariantEdit : PlanEdit
    {
        private static readonly string[] ReadingWords = { "select", "with", "values", "table" };

        public string Id { get; set; } = "";
        public string Sql { get; set; } = "";
        public string? Description { get; set; }

        public override string Summary => "Add invariant '" + Id + "'";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var sql = Sql.Trim();
            var refusal = InvariantSql.Refusal(sql);
            if (refusal != null && refusal.Kind != LiveQueryFailure.Error && refusal.Kind != LiveQueryFailure.RefusedWrite)
                throw new RolloutException(ErrorIds.InvariantNotAQuery,
                    "Invariant '" + Id + "' cannot be run by the gate: " + refusal.Message.Replace(", and nothing of it was run", "").Replace(", so it was not sent", "") + ". An invariant is one SELECT that returns the rows that break it.", Id);
            var invariant = new PlanInvariant { Id = Id, Description = Description, Sql = sql };
            PlanEditor.AddOrReplace(plan.Invariants, invariant, i => i.Id == Id, context,
                () => new RolloutException(ErrorIds.RolloutInvariantExists,
                    "Plan '" + plan.Connector + "' already has invariant '" + Id + "'; use -Force to replace it.", Id));
            var first = InvariantSql.FirstKeyword(sql);
            if (!ReadingWords.Contains(first))
                context.Warn("Invariant '" + Id + "' starts with '" + first.ToUpperInvariant() + "', not SELECT: the gate does not send it, and RP.Db.Invariants warns instead of checking anything.");
            else if (refusal != null && refusal.Kind == LiveQueryFailure.RefusedWrite)
                context.Warn("Invariant '" + Id + "' will not be run by the gate: " + refusal.Message.Replace(", so it was not sent", "") + "; RP.Db.Invariants warns instead of checking anything.");
        }
    }
}

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>Records a check's result; a pass needs evidence (EvidenceRequired).</summary>
    public sealed class SetValidationResultEdit : PlanEdit
    {
        public string Id { get; set; } = "";
        public CheckStatus Status { get; set; }
        public string? Evidence { get; set; }
        public string? RecordedBy { get; set; }
        /// <summary>Kept to whole seconds, as the file keeps it (the object is the same as a re-import gives).</summary>
        public System.DateTime? RecordedAt { get; set; }

        public override string Summary => "Set check '" + Id + "' to " + PlanEnum.Format(Status);

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var check = PlanAuthoring.FindCheck(plan, Id, out _)
                ?? throw new RolloutException(ErrorIds.ValidationCheckNotFound,
                    "Plan '" + plan.Connector + "' has no check '" + Id + "'; add it with Add-ValidationCheck.", Id);
            var at = RecordedAt.HasValue ? new System.DateTime(RecordedAt.Value.Ticks - RecordedAt.Value.Ticks % System.TimeSpan.TicksPerSecond, RecordedAt.Value.Kind) : (System.DateTime?)null;
            PlanAuthoring.RecordResult(check, Status, Evidence, RecordedBy, at);
        }
    }

    /// <summary>Sets a phase's scope and deliverables (what is not given stays).</summary>
    public sealed class SetPhaseEdit : PlanEdit
    {
        public PhaseName Phase { get; set; }
        public string? Scope { get; set; }
        /// <summary>Replaces the list.</summary>
        public IList<string>? Deliverables { get; set; }

        public override string Summary => "Set " + PlanEnum.Format(Phase) + " phase";

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var phase = plan.Phases[Phase];
            if (Scope != null) phase.Scope = Scope;
            if (Deliverables != null) phase.Deliverables = Deliverables.Where(d => !string.IsNullOrEmpty(d)).ToList();
        }
    }
}
