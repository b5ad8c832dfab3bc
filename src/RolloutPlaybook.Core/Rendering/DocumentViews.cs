using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Rendering
{
    // The facts templates need beyond the plan itself, computed once in code so that templates hold wording
    // only. Templates see these as `doc.*` (rollout document) and `handoff.*` (setup handoff), members in
    // camelCase like the plan's.

    // Table cells and lists in Markdown form. Scriban spends about a microsecond on every function call, so the
    // rows of the large tables carry their cells ready-made: *Code is an inline code span (md_code), *Cell is
    // table-cell text (md_cell), *Inline is inline text (md_inline), *Codes is a ", "-separated list of code
    // spans. Each is null exactly when the template's `if` on the plan value would be false (the value is null, or
    // the list is empty), so `{{ x ?? "wording" }}` in a template reads as `{{ if v }}...{{ else }}wording{{ end }}`.
    internal static class Md
    {
        public static string? Code(object? value) => value == null ? null : PlanFunctions.MdCode(value);
        public static string? Cell(object? value) => value == null ? null : PlanFunctions.MdCell(value);
        public static string? Inline(object? value) => value == null ? null : PlanFunctions.MdInline(value);
        public static string? Spell(object? value) => value == null ? null : PlanFunctions.Spell(value);

        public static string? Codes(IReadOnlyList<string>? items, string separator = ", ") => Join(items, separator, AppendCode);

        public static string? Inlines(IReadOnlyList<string>? items) => Join(items, ", ", AppendInline);

        private static readonly Action<System.Text.StringBuilder, string> AppendCode = PlanFunctions.AppendCode;
        private static readonly Action<System.Text.StringBuilder, string> AppendInline = (sb, item) => sb.Append(PlanFunctions.MdInline(item));

        [ThreadStatic] private static System.Text.StringBuilder? buffer;

        /// <summary>The items, each in its Markdown form, with <paramref name="separator"/> between; null for no items.</summary>
        private static string? Join(IReadOnlyList<string>? items, string separator, Action<System.Text.StringBuilder, string> append)
        {
            if (items == null || items.Count == 0) return null;
            var sb = buffer ??= new System.Text.StringBuilder(256);
            sb.Clear();
            for (int i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(separator);
                append(sb, items[i]);
            }
            return sb.ToString();
        }
    }

    /// <summary>A linking point with its Markdown-ready cells (sections C and D).</summary>
    public sealed class LinkingPointView
    {
        internal LinkingPointView(LinkingPoint lp)
        {
            LinkingPoint = lp;
            SourceCode = PlanFunctions.MdCode(lp.Source);
            ExternalIdCell = Md.Cell(lp.ExternalId);
            EntityCode = Md.Code(lp.Entity);
            MetadataCodes = Md.Codes(lp.Metadata);
            RemapCell = Md.Cell(lp.Remap);
            PurposeCell = Md.Cell(lp.Purpose);
            Cardinality = Md.Spell(lp.Cardinality);
            EnforcedIn = Md.Spell(lp.EnforcedIn);
        }
        public LinkingPoint LinkingPoint { get; }
        public string SourceCode { get; }
        public string? ExternalIdCell { get; }
        public string? EntityCode { get; }
        public string? MetadataCodes { get; }
        public string? RemapCell { get; }
        public string? PurposeCell { get; }
        /// <summary><c>1:1</c> or <c>1:N</c>, or null when not set.</summary>
        public string? Cardinality { get; }
        /// <summary><c>db</c> or <c>app</c>, or null when not set.</summary>
        public string? EnforcedIn { get; }
    }

    /// <summary>A row of the agent-task tables (section F): a scheduled task with its wave, or a task of a graph that cannot be scheduled.</summary>
    public sealed class TaskRowView
    {
        internal TaskRowView(AgentTask task, int? wave, IReadOnlyList<string>? blocks)
        {
            Task = task;
            Wave = wave;
            IdCode = PlanFunctions.MdCode(task.Id);
            AgentCell = Md.Cell(task.Agent);
            Phase = Md.Spell(task.Phase);
            TitleCell = Md.Cell(task.Title);
            DependsOnCodes = Md.Codes(task.DependsOn);
            BlocksCodes = Md.Codes(blocks);
        }
        public AgentTask Task { get; }
        /// <summary>The wave number, or null when the graph cannot be scheduled.</summary>
        public int? Wave { get; }
        public string IdCode { get; }
        public string? AgentCell { get; }
        /// <summary>The phase's plan spelling (<c>mapping</c>), or null.</summary>
        public string? Phase { get; }
        public string? TitleCell { get; }
        public string? DependsOnCodes { get; }
        /// <summary>The tasks that wait for this one (null when none, or when the graph cannot be scheduled).</summary>
        public string? BlocksCodes { get; }
    }

    /// <summary>One wave as a line of the wave list (section F).</summary>
    public sealed class WaveLineView
    {
        internal WaveLineView(AgentWave wave)
        {
            Wave = wave;
            Number = wave.Number;
            TaskCodes = Md.Codes(wave.Tasks.Select(t => t.Id).ToArray()) ?? "";
            AgentsInline = Md.Inlines(wave.Agents);
            UnblocksCodes = Md.Codes(wave.Unblocks);
        }
        public AgentWave Wave { get; }
        public int Number { get; }
        public string TaskCodes { get; }
        /// <summary>The wave's agents, or null when no task has one.</summary>
        public string? AgentsInline { get; }
        /// <summary>What finishing the wave unblocks, or null for the last wave.</summary>
        public string? UnblocksCodes { get; }
    }

    /// <summary>One of the five intake questions and whether the plan answers it.</summary>
    public sealed class IntakeStatusView
    {
        internal IntakeStatusView(IntakeItem item, bool answered)
        {
            Number = item.Number; Topic = item.Topic; Question = item.Question; Answered = answered;
        }
        public int Number { get; }
        public string Topic { get; }
        public string Question { get; }
        public bool Answered { get; }
    }

    /// <summary>A delivery phase with its plan-file name and place in the playbook order.</summary>
    public sealed class PhaseView
    {
        internal PhaseView(int number, PhaseName name, RolloutPhase phase, bool urgent)
        {
            Number = number; Name = PlanEnum.Format(name); Title = name.ToString(); Phase = phase; Urgent = urgent;
            Checks = phase.Checks.Select(c => new CheckView(Name, c)).ToArray();
        }
        public int Number { get; }
        /// <summary>The plan-file spelling: <c>mapping</c>.</summary>
        public string Name { get; }
        /// <summary>For headings: <c>Mapping</c>.</summary>
        public string Title { get; }
        public bool Urgent { get; }
        public RolloutPhase Phase { get; }
        public string? Scope => Phase.Scope;
        public IReadOnlyList<string> Deliverables => Phase.Deliverables;
        public IReadOnlyList<CheckView> Checks { get; }
    }

    /// <summary>A validation check with its phase and spelled status.</summary>
    public sealed class CheckView
    {
        internal CheckView(string phase, ValidationCheck check)
        {
            Phase = phase; Check = check;
            Status = PlanEnum.Format(check.Status);
            IdCode = PlanFunctions.MdCode(check.Id);
            DescriptionCell = Md.Cell(check.Description);
            DescriptionInline = Md.Inline(check.Description);
            EvidenceCell = Md.Cell(check.Evidence);
            EvidenceInline = Md.Inline(check.Evidence);
        }
        public string Phase { get; }
        public ValidationCheck Check { get; }
        public string Id => Check.Id;
        public string? Description => Check.Description;
        public string? Kind => Check.Kind.HasValue ? PlanEnum.Format(Check.Kind.Value) : null;
        /// <summary><c>pending</c>, <c>pass</c>, <c>fail</c> or <c>waived</c>.</summary>
        public string Status { get; }
        public string? Evidence => Check.Evidence;
        public bool Passed => Check.Status == CheckStatus.Pass;
        public bool Failed => Check.Status == CheckStatus.Fail;
        public bool Waived => Check.Status == CheckStatus.Waived;
        public bool Pending => Check.Status == CheckStatus.Pending;
        /// <summary>A pass recorded without evidence (the gate fails it).</summary>
        public bool EvidenceMissing => Check.Status == CheckStatus.Pass && string.IsNullOrWhiteSpace(Check.Evidence);
        public string IdCode { get; }
        public string? DescriptionCell { get; }
        public string? DescriptionInline { get; }
        public string? EvidenceCell { get; }
        public string? EvidenceInline { get; }
    }

    /// <summary>One mutating method of a route and how it writes one table on a conflict.</summary>
    public sealed class MutationView
    {
        internal MutationView(RolloutRoute route, string method, RouteWrite? write)
        {
            Path = route.Path; Method = method; Write = write; NoWrites = route.NoWrites;
            // A per-method auth shows the value of this row's method.
            Auth = PlanEnum.TryParse<RouteMethod>(method, out var m) ? route.Auth?.For(m) : route.Auth?.ToString();
            PathCode = PlanFunctions.MdCode(route.Path);
            AuthCell = Md.Cell(Auth);
            TableCode = Md.Code(write?.Table);
            SourceCode = Md.Code(write?.Source);
            OnConflictCode = Md.Code(write?.OnConflict);
        }
        public string PathCode { get; }
        public string? AuthCell { get; }
        public string? TableCode { get; }
        public string? SourceCode { get; }
        public string? OnConflictCode { get; }
        public string Path { get; }
        public string Method { get; }
        public string? Auth { get; }
        public RouteWrite? Write { get; }
        public string? Table => Write?.Table;
        public string? Source => Write?.Source;
        /// <summary><c>update</c>, <c>ignore</c>, <c>reject</c>, <c>delete</c>, or null when not stated.</summary>
        public string? Action => Write != null && Write.Action.HasValue ? PlanEnum.Format(Write.Action.Value) : null;
        public string? OnConflict => Write?.OnConflict;
        /// <summary>The route says <c>writes: none</c>.</summary>
        public bool NoWrites { get; }
        /// <summary><c>insert</c>, <c>upsert</c>, <c>update</c>, <c>delete</c>, <c>rpc</c> (stated, or implied by an old plan's action), or null.</summary>
        public string? Op => Write?.EffectiveOp is WriteOp op ? PlanEnum.Format(op) : null;
        /// <summary>update and ignore on an upsert need its conflict target (an insert that ignores 23505 has none).</summary>
        public bool NeedsOnConflict => (Write?.Action == WriteAction.Update || Write?.Action == WriteAction.Ignore) && Write?.EffectiveOp != WriteOp.Insert;
        /// <summary>update, delete and rpc take no action; insert and upsert say what a conflict does.</summary>
        public bool Documented => Write != null
            && (Write.Action.HasValue || Write.EffectiveOp == WriteOp.Update || Write.EffectiveOp == WriteOp.Delete || Write.EffectiveOp == WriteOp.Rpc)
            && (!NeedsOnConflict || !string.IsNullOrWhiteSpace(Write.OnConflict));
    }

    /// <summary>A wave-plan view that survives a task graph the scheduler rejects (a cycle, an unknown dependency).</summary>
    public sealed class TeamView
    {
        internal TeamView(RolloutPlan plan)
        {
            Small = plan.Team.Small;
            Tasks = plan.Team.Tasks;
            Agents = plan.Team.Tasks.Select(t => t.Agent).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.Ordinal).ToArray();
            if (plan.Team.Tasks.Count == 0) return;
            try
            {
                Waves = WaveScheduler.Schedule(plan);
                Mermaid = MermaidFlowchart.Write(Waves, finalNewline: false);
            }
            catch (RolloutException ex)
            {
                Error = ex.Message;
                ErrorId = ex.ErrorId;
            }
            if (Waves != null)
            {
                var rows = new List<TaskRowView>(plan.Team.Tasks.Count);
                foreach (var wave in Waves.Waves)
                    foreach (var task in wave.Tasks) rows.Add(new TaskRowView(task.Task, wave.Number, task.Blocks));
                Rows = rows;
                WaveLines = Waves.Waves.Select(w => new WaveLineView(w)).ToArray();
                CriticalPathCodes = Md.Codes(Waves.CriticalPath, " → ") ?? "";
            }
            else Rows = plan.Team.Tasks.Select(t => new TaskRowView(t, null, null)).ToArray();
        }
        public bool Small { get; }
        /// <summary>The team uses the playbook's default agents (schema-sync, api-integration, analytics, ui-ops).</summary>
        public bool DefaultSplit => !Small && AgentRoles.Builders.All(a => Agents.Contains(a));
        public IReadOnlyList<AgentTask> Tasks { get; }
        public IReadOnlyList<string> Agents { get; }
        /// <summary>The scheduled waves; null when there are no tasks or the graph cannot be scheduled.</summary>
        public WavePlan? Waves { get; }
        /// <summary>The Mermaid flowchart source (without the fence).</summary>
        public string? Mermaid { get; }
        /// <summary>The task table: wave by wave when the graph is scheduled, else in plan order.</summary>
        public IReadOnlyList<TaskRowView> Rows { get; } = Array.Empty<TaskRowView>();
        /// <summary>One line per wave; empty when the graph is not scheduled.</summary>
        public IReadOnlyList<WaveLineView> WaveLines { get; } = Array.Empty<WaveLineView>();
        /// <summary>The critical path as code spans joined by arrows, or null when not scheduled.</summary>
        public string? CriticalPathCodes { get; }
        /// <summary>Why the graph cannot be scheduled (e.g. the cycle, named), or null.</summary>
        public string? Error { get; }
        public string? ErrorId { get; }
        public bool Cycle => ErrorId == ErrorIds.AgentTaskCycle;
    }

    /// <summary>Something the Manual Setup Handoff still lacks: <c>Path</c> is where it goes (<c>env[1].deploy</c>).</summary>
    public sealed class HandoffGap
    {
        internal HandoffGap(string path, string item, string? subject)
        {
            Path = path; Item = item; Subject = subject;
        }
        /// <summary>Key path under <c>handoff</c>, e.g. <c>env[1].deploy</c> or <c>smokeTests</c>.</summary>
        public string Path { get; }
        /// <summary>What is missing: externalApp, scopes, scopeReason, env, envPurpose, envLocal, envDeploy, migrations, smokeTests, smokeExpect.</summary>
        public string Item { get; }
        /// <summary>The scope, variable or smoke-test action the gap belongs to.</summary>
        public string? Subject { get; }
    }

    /// <summary>The Manual Setup Handoff as templates see it: secret values removed, migrations in apply order, gaps named.</summary>
    public sealed class HandoffView
    {
        internal HandoffView(RolloutPlan plan)
        {
            var h = plan.Handoff;
            Connector = plan.Connector;
            Title = string.IsNullOrWhiteSpace(plan.DisplayName) ? plan.Connector : plan.DisplayName!;
            ExternalSystem = plan.ExternalSystem;
            ExternalAppNeeded = plan.Pattern != ConnectorPattern.Tabular;
            ExternalApp = h.ExternalApp.ToArray();
            Scopes = h.Scopes.ToArray();
            Env = h.Env.Select(e => new HandoffEnvVar
            {
                Name = e.Name, Secret = e.Secret, Purpose = e.Purpose, Local = e.Local, Deploy = e.Deploy,
                Value = PlanSnapshot.ShownValue(e),
            }).ToArray();
            // supabase/migrations are applied in file-name order, whatever order the plan lists them in.
            Migrations = h.Migrations.OrderBy(m => FileName(m), StringComparer.Ordinal).ThenBy(m => m, StringComparer.Ordinal).ToArray();
            SmokeTests = h.SmokeTests.ToArray();
            Gaps = FindGaps(plan).ToArray();
        }

        public string Connector { get; }
        public string Title { get; }
        public string? ExternalSystem { get; }
        /// <summary>False only for a tabular connector (it needs no external app of its own).</summary>
        public bool ExternalAppNeeded { get; }
        public IReadOnlyList<string> ExternalApp { get; }
        public IReadOnlyList<HandoffScope> Scopes { get; }
        /// <summary>The env vars; a secret's value is never here.</summary>
        public IReadOnlyList<HandoffEnvVar> Env { get; }
        /// <summary>Migration files in apply (file-name) order.</summary>
        public IReadOnlyList<string> Migrations { get; }
        public IReadOnlyList<SmokeTest> SmokeTests { get; }
        public IReadOnlyList<HandoffGap> Gaps { get; }
        public bool Complete => Gaps.Count == 0;

        private static string FileName(string path)
        {
            var cut = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return cut < 0 ? path : path.Substring(cut + 1);
        }

        private static IEnumerable<HandoffGap> FindGaps(RolloutPlan plan)
        {
            var h = plan.Handoff;
            if (plan.Pattern != ConnectorPattern.Tabular && h.ExternalApp.Count == 0) yield return new HandoffGap("externalApp", "externalApp", null);
            if (h.Scopes.Count == 0) yield return new HandoffGap("scopes", "scopes", null);
            for (int i = 0; i < h.Scopes.Count; i++)
                if (string.IsNullOrWhiteSpace(h.Scopes[i].Reason)) yield return new HandoffGap("scopes[" + i + "].reason", "scopeReason", h.Scopes[i].Name);
            if (h.Env.Count == 0) yield return new HandoffGap("env", "env", null);
            for (int i = 0; i < h.Env.Count; i++)
            {
                var e = h.Env[i];
                if (string.IsNullOrWhiteSpace(e.Purpose)) yield return new HandoffGap("env[" + i + "].purpose", "envPurpose", e.Name);
                if (string.IsNullOrWhiteSpace(e.Local)) yield return new HandoffGap("env[" + i + "].local", "envLocal", e.Name);
                if (string.IsNullOrWhiteSpace(e.Deploy)) yield return new HandoffGap("env[" + i + "].deploy", "envDeploy", e.Name);
            }
            if (h.Migrations.Count == 0) yield return new HandoffGap("migrations", "migrations", null);
            if (h.SmokeTests.Count == 0) yield return new HandoffGap("smokeTests", "smokeTests", null);
            for (int i = 0; i < h.SmokeTests.Count; i++)
                if (string.IsNullOrWhiteSpace(h.SmokeTests[i].Expect)) yield return new HandoffGap("smokeTests[" + i + "].expect", "smokeExpect", h.SmokeTests[i].Action);
        }
    }

    /// <summary>Everything the rollout-plan template sees as <c>doc</c>.</summary>
    public sealed class RolloutDocumentView
    {
        internal RolloutDocumentView(RolloutPlan plan, string relativePath, DateTime? timestamp)
        {
            Connector = plan.Connector;
            Title = string.IsNullOrWhiteSpace(plan.DisplayName) ? plan.Connector : plan.DisplayName!;
            RelativePath = relativePath;
            Timestamp = timestamp.HasValue ? PlanFunctions.Spell(timestamp.Value.ToUniversalTime()) : null;
            Intake = IntakePolicy.Items.Select(i => new IntakeStatusView(i, i.IsAnswered(plan))).ToArray();
            var urgent = plan.Intake.UrgentPhase;
            Phases = plan.Phases.All().Select((p, i) => new PhaseView(i + 1, p.Key, p.Value, urgent == p.Key)).ToArray();
            Checks = Phases.SelectMany(p => p.Checks).ToArray();
            Mutations = BuildMutations(plan).ToArray();
            LinkingPoints = plan.LinkingPoints.Select(lp => new LinkingPointView(lp)).ToArray();
            OneToOneDb = plan.LinkingPoints.Where(lp => lp.Cardinality == Cardinality.OneToOne && lp.EnforcedIn == EnforcedIn.Db).Select(lp => lp.Source).ToArray();
            ReadOnlyRoutes = plan.Routes.Where(r => r.Writes.Count == 0 && r.Methods.All(m => !RouteMethods.IsMutating(m))).ToArray();
            Team = new TeamView(plan);
            Handoff = new HandoffView(plan);
        }

        public string Connector { get; }
        public string Title { get; }
        /// <summary>Where the document lives in the repository: <c>src/docs/SLACK-ROLLOUT-PLAN.md</c>.</summary>
        public string RelativePath { get; }
        /// <summary>When the document was rendered (UTC), only when asked for.</summary>
        public string? Timestamp { get; }
        public IReadOnlyList<IntakeStatusView> Intake { get; }
        public IReadOnlyList<PhaseView> Phases { get; }
        /// <summary>Every validation check in phase order.</summary>
        public IReadOnlyList<CheckView> Checks { get; }
        public int ChecksPassed => Checks.Count(c => c.Passed);
        public int ChecksWaived => Checks.Count(c => c.Waived);
        public int ChecksFailed => Checks.Count(c => c.Failed);
        public int ChecksPending => Checks.Count(c => c.Pending);
        /// <summary>Go: at least one check, and every check passed (with evidence) or was waived.</summary>
        public bool Go => Checks.Count > 0 && Checks.All(c => (c.Passed && !c.EvidenceMissing) || c.Waived) && Phases.All(p => p.Checks.Count > 0);
        public IReadOnlyList<MutationView> Mutations { get; }
        public IReadOnlyList<RolloutRoute> ReadOnlyRoutes { get; }
        /// <summary>The linking points with their Markdown-ready cells, in plan order.</summary>
        public IReadOnlyList<LinkingPointView> LinkingPoints { get; }
        /// <summary>Sources that are strict 1:1 and enforced by the database.</summary>
        public IReadOnlyList<string> OneToOneDb { get; }
        public TeamView Team { get; }
        public HandoffView Handoff { get; }

        private static IEnumerable<MutationView> BuildMutations(RolloutPlan plan)
        {
            foreach (var route in plan.Routes)
            {
                var methods = new SortedSet<RouteMethod>(RouteMethods.WritingMethods(route));
                var unassigned = route.Writes.Where(w => w.Method.Count == 0).ToList();
                if (methods.Count == 0)
                {
                    // Writes that name no method on a route with no mutating method: show them under the route's methods.
                    var label = route.Methods.Count == 0 ? "" : string.Join(", ", route.Methods.Select(m => m.ToString()));
                    foreach (var w in unassigned) yield return new MutationView(route, label, w);
                    continue;
                }
                foreach (var m in methods)
                {
                    var writes = RouteMethods.WritesFor(route, m).Select(x => x.Write).ToList();
                    if (writes.Count == 0) yield return new MutationView(route, m.ToString(), null);
                    foreach (var w in writes) yield return new MutationView(route, m.ToString(), w);
                }
            }
        }
    }
}
