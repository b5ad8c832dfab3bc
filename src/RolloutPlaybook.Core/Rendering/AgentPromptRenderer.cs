using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>What <c>Export-AgentPrompt</c> renders: the whole team, one agent's role, or one wave's kickoff.</summary>
    public sealed class AgentPromptRequest
    {
        public AgentTool Tool { get; set; } = AgentTool.Claude;
        /// <summary>One agent's prompt (its tasks, what it waits for, what it unblocks).</summary>
        public string? Role { get; set; }
        /// <summary>One wave's kickoff.</summary>
        public int? Wave { get; set; }
        /// <summary>A user template file used instead of the embedded <c>agent-prompt.md.scriban</c>.</summary>
        public string? TemplatePath { get; set; }
    }

    /// <summary>
    /// Renders the agent-team handoff prompt. One template (<c>templates/agent-prompt.md.scriban</c>) serves every
    /// variant: the shared parts (context, execution rules, deliverables, quality bar) are Scriban functions of that
    /// template, and the facts that differ are passed in — the tool (Claude Code or Codex: instruction file, how a team
    /// runs) and the scope (team, role, wave). Everything computed (waves, scale arithmetic, per-agent facts) is
    /// prepared here so templates only lay text out.
    /// </summary>
    public static class AgentPromptRenderer
    {
        public const string TemplateName = "agent-prompt.md.scriban";

        public static string Render(RolloutPlan plan, AgentPromptRequest request)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (request == null) throw new ArgumentNullException(nameof(request));
            // The prompt, like the documents, is rendered from a redacted copy: a template cannot change the plan or print a secret.
            plan = PlanSnapshot.WithoutSecretValues(plan);
            var view = BuildView(plan, request);
            var globals = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["plan"] = plan,
                ["prompt"] = view,
                ["waves"] = view.WavePlan,
            };
            // One final newline whatever the template's trailing whitespace control left.
            return TemplateRenderer.Render(TemplateName, request.TemplatePath, globals).TrimEnd('\n', ' ') + "\n";
        }

        /// <summary>The facts a prompt template sees as <c>prompt</c>.</summary>
        public static AgentPromptView BuildView(RolloutPlan plan, AgentPromptRequest request)
        {
            var wavePlan = WaveScheduler.Schedule(plan);
            var byId = new Dictionary<string, WaveTask>(StringComparer.Ordinal);
            foreach (var w in wavePlan.Waves) foreach (var t in w.Tasks) byId[t.Id] = t;

            var agents = wavePlan.AgentWaves.Select(p => new AgentView(p.Key, p.Value,
                wavePlan.Waves.SelectMany(w => w.Tasks).Where(t => t.Agent == p.Key).ToArray())).ToArray();

            string scope = "team";
            AgentRoleView? role = null;
            WaveKickoffView? wave = null;
            if (request.Role != null && request.Wave != null)
                throw new RolloutException(ErrorIds.AgentPromptScopeConflict,
                    "Ask for one agent's prompt (-Role) or one wave's kickoff (-Wave), not both.", request.Role);
            if (request.Role != null)
            {
                var agent = agents.FirstOrDefault(a => string.Equals(a.Name, request.Role, StringComparison.OrdinalIgnoreCase));
                if (agent == null)
                    throw new RolloutException(ErrorIds.AgentRoleNotFound,
                        "Plan '" + plan.Connector + "' has no task for agent '" + request.Role + "'; its agents are " + Names(agents.Select(a => a.Name)) + ".", request.Role);
                scope = "role";
                var mine = new HashSet<string>(agent.Tasks.Select(t => t.Id), StringComparer.Ordinal);
                var waitsFor = Distinct(agent.Tasks.SelectMany(t => t.DependsOn)).Where(id => !mine.Contains(id)).Select(id => new TaskRef(byId[id])).ToArray();
                var unblocks = Distinct(agent.Tasks.SelectMany(t => t.Blocks)).Where(id => !mine.Contains(id)).Select(id => new TaskRef(byId[id])).ToArray();
                role = new AgentRoleView(agent.Name, agent.Tasks, waitsFor, unblocks, agent.WaveList);
            }
            else if (request.Wave != null)
            {
                int number = request.Wave.Value;
                if (number < 1 || number > wavePlan.Waves.Count)
                    throw new RolloutException(ErrorIds.AgentWaveNotFound,
                        "Plan '" + plan.Connector + "' has " + Count(wavePlan.Waves.Count, "wave") + "; there is no wave " + number.ToString(CultureInfo.InvariantCulture) + ".", number);
                scope = "wave";
                var w = wavePlan.Waves[number - 1];
                var inWave = new HashSet<string>(w.Tasks.Select(t => t.Id), StringComparer.Ordinal);
                var waitsFor = Distinct(w.Tasks.SelectMany(t => t.DependsOn)).Where(id => !inWave.Contains(id)).Select(id => new TaskRef(byId[id])).ToArray();
                var done = wavePlan.Waves.Take(number - 1).SelectMany(x => x.Tasks).Select(t => new TaskRef(t)).ToArray();
                wave = new WaveKickoffView(w, waitsFor, done, w.Unblocks.Select(id => new TaskRef(byId[id])).ToArray(), number == wavePlan.Waves.Count);
            }

            var phases = plan.Phases.All().Select((p, i) => new PhaseView(i + 1, p.Key, p.Value, plan.Intake.UrgentPhase == p.Key)).ToArray();
            return new AgentPromptView(plan, request.Tool, scope, wavePlan, agents, role, wave, phases, Scale(plan));
        }

        private static IEnumerable<string> Distinct(IEnumerable<string> ids)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids) if (seen.Add(id)) yield return id;
        }

        private static string Names(IEnumerable<string> names)
        {
            var list = names.Select(n => "'" + n + "'").ToList();
            return list.Count == 0 ? "none (the plan has no tasks)" : string.Join(", ", list);
        }

        private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");

        private const string NotSet = "not set in the plan: state the value you assume";

        /// <summary>The scale facts of the plan as sentences, with the per-run worst case worked out.</summary>
        private static IReadOnlyList<string> Scale(RolloutPlan plan)
        {
            var s = plan.Sync;
            var limits = plan.Intake.SourceLimits;
            var lines = new List<string>();
            lines.Add("Sync units per run: " + (s.UnitsPerRun?.ToString(CultureInfo.InvariantCulture) ?? NotSet) + ".");
            var paging = new List<string>();
            if (s.PageSize != null) paging.Add(s.PageSize.Value.ToString(CultureInfo.InvariantCulture) + " items per page");
            paging.Add(s.PageCap != null
                ? "at most " + Count(s.PageCap.Value, "page") + " per unit per run; capped work resumes on the next run" + (s.Resume == ResumeMode.Cursor ? " from the persisted cursor" : s.Resume == ResumeMode.Restart ? " by restarting the unit" : "")
                : "page cap " + NotSet);
            lines.Add("Paging: " + string.Join(", ", paging) + ".");
            var schedule = new List<string>();
            if (s.Trigger != null) schedule.Add("trigger " + PlanEnum.Format(s.Trigger.Value));
            schedule.Add(s.Schedule != null ? "every " + s.Schedule : "interval " + NotSet);
            schedule.Add(s.Lease != null ? "lease " + s.Lease : "lease " + NotSet);
            if (s.Overlap != null) schedule.Add("overlap window " + s.Overlap + " (re-read on every run)");
            lines.Add("Schedule: " + string.Join("; ", schedule) + ".");
            lines.Add("Source rate limit: " + (limits.RateLimit != null ? limits.RateLimit.Requests.ToString(CultureInfo.InvariantCulture) + " requests per " + limits.RateLimit.Per : NotSet) + "."
                + (s.CallInterval != null ? " Minimum spacing between API calls: " + s.CallInterval + "." : ""));
            if (s.UnitsPerRun != null && s.PageCap != null)
            {
                long calls = (long)s.UnitsPerRun.Value * (1 + s.PageCap.Value);
                var worst = "Worst case per run: " + s.UnitsPerRun.Value.ToString(CultureInfo.InvariantCulture) + " units × (1 + "
                    + s.PageCap.Value.ToString(CultureInfo.InvariantCulture) + " pages) = " + calls.ToString(CultureInfo.InvariantCulture) + " API calls";
                if (s.CallInterval != null)
                {
                    var seconds = calls * s.CallInterval.Value.TotalSeconds;
                    worst += ", " + Duration.FromSeconds(seconds) + " at the call spacing";
                    var checks = new List<string>();
                    if (s.Lease != null) checks.Add(seconds <= s.Lease.Value.TotalSeconds ? "within the " + s.Lease + " lease" : "LONGER than the " + s.Lease + " lease: lower units or pages per run");
                    if (s.Schedule != null) checks.Add(seconds <= s.Schedule.Value.TotalSeconds ? "within the " + s.Schedule + " interval" : "LONGER than the " + s.Schedule + " interval");
                    if (checks.Count > 0) worst += " (" + string.Join(", ", checks) + ")";
                }
                lines.Add(worst + ".");
            }
            lines.Add("Retention: " + (limits.Retention ?? NotSet) + ".");
            lines.Add("Scopes: " + (limits.Scopes.Count > 0 ? string.Join(", ", limits.Scopes) : NotSet) + ".");
            var pull = new List<string>();
            if (plan.Source.PullMode != null) pull.Add(PlanEnum.Format(plan.Source.PullMode.Value));
            if (s.Cursor != null) pull.Add("cursor " + s.Cursor);
            if (s.Watermarks.Count > 0) pull.Add("watermarks " + string.Join(", ", s.Watermarks) + (s.WatermarkAdvance != null ? " advanced " + PlanEnum.Format(s.WatermarkAdvance.Value) : ""));
            if (s.IdempotencyKey != null) pull.Add("idempotency key (" + s.IdempotencyKey + ")");
            if (pull.Count > 0) lines.Add("Pull: " + string.Join("; ", pull) + ".");
            return lines;
        }
    }

    /// <summary>Everything a prompt template sees as <c>prompt</c>.</summary>
    public sealed class AgentPromptView
    {
        internal AgentPromptView(RolloutPlan plan, AgentTool tool, string scope, WavePlan wavePlan, IReadOnlyList<AgentView> agents,
            AgentRoleView? role, WaveKickoffView? wave, IReadOnlyList<PhaseView> phases, IReadOnlyList<string> scale)
        {
            Tool = tool == AgentTool.Codex ? "codex" : "claude";
            ToolName = tool == AgentTool.Codex ? "Codex" : "Claude Code";
            InstructionsFile = tool == AgentTool.Codex ? "AGENTS.md" : "CLAUDE.md";
            Scope = scope;
            Name = string.IsNullOrEmpty(plan.DisplayName) ? plan.Connector : plan.DisplayName!;
            PlanFile = PlanFilePaths.Of(plan.Connector);
            RolloutDocument = Rendering.RolloutDocument.RelativePath(plan);
            WavePlan = wavePlan;
            Agents = agents;
            Role = role;
            Wave = wave;
            Phases = phases;
            Scale = scale;
            UrgentPhase = plan.Intake.UrgentPhase != null ? PlanEnum.Format(plan.Intake.UrgentPhase.Value) : null;
            CriticalPath = string.Join(" → ", wavePlan.CriticalPath);
            Mermaid = wavePlan.Mermaid;
        }

        /// <summary><c>claude</c> or <c>codex</c>.</summary>
        public string Tool { get; }
        /// <summary><c>Claude Code</c> or <c>Codex</c>.</summary>
        public string ToolName { get; }
        /// <summary>Where the tool reads project instructions: <c>CLAUDE.md</c> or <c>AGENTS.md</c>.</summary>
        public string InstructionsFile { get; }
        /// <summary><c>team</c>, <c>role</c> or <c>wave</c>.</summary>
        public string Scope { get; }
        /// <summary>The connector's display name (its slug when it has none).</summary>
        public string Name { get; }
        public string PlanFile { get; }
        public string RolloutDocument { get; }
        public WavePlan WavePlan { get; }
        public IReadOnlyList<AgentView> Agents { get; }
        public AgentRoleView? Role { get; }
        public WaveKickoffView? Wave { get; }
        public IReadOnlyList<PhaseView> Phases { get; }
        /// <summary>Scale facts as sentences (units per run, paging, schedule, rate limit, worst case, retention, scopes).</summary>
        public IReadOnlyList<string> Scale { get; }
        /// <summary>The urgent phase's plan spelling, or null when the intake did not say.</summary>
        public string? UrgentPhase { get; }
        /// <summary>The critical path, ids joined by " → ".</summary>
        public string CriticalPath { get; }
        public string Mermaid { get; }
    }

    /// <summary>An agent of the team: its waves and tasks.</summary>
    public sealed class AgentView
    {
        internal AgentView(string name, IReadOnlyList<int> waves, IReadOnlyList<WaveTask> tasks)
        {
            Name = name; WaveList = waves; Tasks = tasks; WaveCount = waves.Count;
            Waves = string.Join(", ", waves.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        }
        public string Name { get; }
        /// <summary>What the agent works on (its role's focus, <see cref="AgentRoles.Focus"/>).</summary>
        public string Focus => AgentRoles.Focus(Name);
        /// <summary>The wave numbers, e.g. <c>1, 3</c>.</summary>
        public string Waves { get; }
        public IReadOnlyList<int> WaveList { get; }
        public int WaveCount { get; }
        public IReadOnlyList<WaveTask> Tasks { get; }
    }

    /// <summary>A task named from another task's prompt.</summary>
    public sealed class TaskRef
    {
        internal TaskRef(WaveTask task)
        {
            Id = task.Id; Agent = task.Agent; Title = task.Title; Wave = task.Wave;
            Phase = task.Phase != null ? PlanEnum.Format(task.Phase.Value) : null;
        }
        public string Id { get; }
        public string? Agent { get; }
        public string? Title { get; }
        public int Wave { get; }
        public string? Phase { get; }
    }

    /// <summary>One agent's part: its tasks, the other agents' tasks it waits for, and the tasks it unblocks.</summary>
    public sealed class AgentRoleView
    {
        internal AgentRoleView(string agent, IReadOnlyList<WaveTask> tasks, IReadOnlyList<TaskRef> waitsFor, IReadOnlyList<TaskRef> unblocks, IReadOnlyList<int> waves)
        {
            Agent = agent; Tasks = tasks; WaitsFor = waitsFor; Unblocks = unblocks; WaveCount = waves.Count;
            Waves = string.Join(", ", waves.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        }
        public string Agent { get; }
        /// <summary>What the agent works on (its role's focus, <see cref="AgentRoles.Focus"/>).</summary>
        public string Focus => AgentRoles.Focus(Agent);
        public IReadOnlyList<WaveTask> Tasks { get; }
        public IReadOnlyList<TaskRef> WaitsFor { get; }
        public IReadOnlyList<TaskRef> Unblocks { get; }
        public string Waves { get; }
        public int WaveCount { get; }
    }

    /// <summary>One wave's kickoff: its tasks, what must be merged first, and what it unblocks.</summary>
    public sealed class WaveKickoffView
    {
        internal WaveKickoffView(AgentWave wave, IReadOnlyList<TaskRef> waitsFor, IReadOnlyList<TaskRef> earlier, IReadOnlyList<TaskRef> unblocks, bool last)
        {
            Number = wave.Number; Tasks = wave.Tasks; Agents = wave.Agents; WaitsFor = waitsFor; Earlier = earlier; Unblocks = unblocks; Last = last;
        }
        public int Number { get; }
        public IReadOnlyList<WaveTask> Tasks { get; }
        public IReadOnlyList<string> Agents { get; }
        /// <summary>Tasks of earlier waves this wave's tasks depend on directly.</summary>
        public IReadOnlyList<TaskRef> WaitsFor { get; }
        /// <summary>Every task of the earlier waves (all merged before this wave starts).</summary>
        public IReadOnlyList<TaskRef> Earlier { get; }
        public IReadOnlyList<TaskRef> Unblocks { get; }
        /// <summary>Whether this is the plan's last wave.</summary>
        public bool Last { get; }
    }
}
