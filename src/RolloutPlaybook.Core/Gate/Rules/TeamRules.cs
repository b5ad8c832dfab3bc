using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Team.Acyclic: one result per task (a task in a cycle names the cycle).</summary>
    internal sealed class TeamAcyclicRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Team.Acyclic", RuleSeverity.Error,
            "The task graph is acyclic, its dependencies exist and every task has an agent.",
            "The agent-team task graph must be schedulable in waves: task ids are unique, every dependsOn names an existing task, no task depends on itself through a cycle, and every task names its agent.",
            "Fix the dependencies (Add-AgentTask -DependsOn ...) so they name existing tasks without a cycle, and give every task an agent.",
            false, RulePhases.All);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var tasks = context.Plan.Team.Tasks;
            if (tasks.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Fail, "team", "The plan has no agent tasks.", "team");
                yield break;
            }
            var byId = new Dictionary<string, AgentTask>(StringComparer.Ordinal);
            foreach (var t in tasks) if (!byId.ContainsKey(t.Id)) byId[t.Id] = t;
            var cycles = TaskGraph.Cycles(tasks);
            for (int i = 0; i < tasks.Count; i++)
            {
                var t = tasks[i];
                var key = PlanKeys.Index("team.tasks", i);
                var problems = new List<string>();
                string focus = key;
                if (tasks.Take(i).Any(o => o.Id == t.Id)) problems.Add("task id '" + t.Id + "' is used more than once");
                if (string.IsNullOrWhiteSpace(t.Agent)) problems.Add("task '" + t.Id + "' has no agent");
                var unknown = t.DependsOn.Where(d => !byId.ContainsKey(d)).ToList();
                if (unknown.Count > 0) { problems.Add("task '" + t.Id + "' depends on " + PlanKeys.List(unknown.Select(u => "'" + u + "'")) + ", which " + (unknown.Count == 1 ? "does" : "do") + " not exist"); focus = key + ".dependsOn"; }
                if (cycles.TryGetValue(t.Id, out var cycle)) { problems.Add("task '" + t.Id + "' is in the cycle " + string.Join(" -> ", cycle)); focus = key + ".dependsOn"; }
                yield return context.Verdict(Rule, problems,
                    "Task '" + t.Id + "' (" + t.Agent + ")" + (t.DependsOn.Count == 0 ? " has no dependencies." : " depends on " + PlanKeys.List(t.DependsOn) + "."), t.Id, focus, t.Phase);
            }
        }
    }

    /// <summary>RP.Team.Order: Warn when the playbook's execution order is not followed.</summary>
    internal sealed class TeamOrderRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Team.Order", RuleSeverity.Warning,
            "api-integration after schema-sync, ui-ops after api-integration, review last.",
            "The playbook's execution order: api-integration tasks depend (directly or not) on schema-sync tasks, ui-ops tasks on api-integration tasks, and review tasks on every other task. A different order is a warning.",
            "Add the dependencies (Add-AgentTask -DependsOn ...) so the waves follow the playbook order.",
            false, RulePhases.All);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var tasks = context.Plan.Team.Tasks;
            if (tasks.Count == 0) yield break;
            var reach = TaskGraph.Ancestors(tasks);
            Func<string, List<AgentTask>> ofAgent = a => tasks.Where(t => AgentRoles.Is(t.Agent, a)).ToList();
            var schema = ofAgent(AgentRoles.SchemaSync);
            var api = ofAgent(AgentRoles.ApiIntegration);
            var ui = ofAgent(AgentRoles.UiOps);
            for (int i = 0; i < tasks.Count; i++)
            {
                var t = tasks[i];
                var before = reach[t.Id];
                List<AgentTask>? required = null;
                string? after = null;
                if (AgentRoles.Is(t.Agent, AgentRoles.ApiIntegration)) { required = schema; after = AgentRoles.SchemaSync; }
                else if (AgentRoles.Is(t.Agent, AgentRoles.UiOps)) { required = api; after = AgentRoles.ApiIntegration; }
                else if (AgentRoles.Is(t.Agent, AgentRoles.Review)) { required = tasks.Where(o => !AgentRoles.Is(o.Agent, AgentRoles.Review)).ToList(); after = "every other"; }
                if (required == null) continue;
                var key = PlanKeys.Index("team.tasks", i);
                var missing = required.Where(r => r.Id != t.Id && !before.Contains(r.Id)).Select(r => r.Id).Distinct().ToList();
                yield return missing.Count == 0
                    ? context.Result(Rule, GateOutcome.Pass, t.Id, "Task '" + t.Id + "' (" + t.Agent + ") runs after " + after + (required.Count == 1 || after == "every other" ? " task." : " tasks."), key, t.Phase)
                    : context.Result(Rule, GateOutcome.Warn, t.Id, "Task '" + t.Id + "' (" + t.Agent + ") should run after " + after + (after == "every other" ? " task" : " tasks") + ", but does not depend on " +
                        PlanKeys.List(missing.Select(m => "'" + m + "'")) + ".", key + ".dependsOn", t.Phase);
            }
        }
    }

    /// <summary>Graph facts of the task list, tolerant of unknown ids and duplicates.</summary>
    internal static class TaskGraph
    {
        /// <summary>For each task in a cycle, one cycle through it (ids, first repeated at the end).</summary>
        public static Dictionary<string, List<string>> Cycles(IReadOnlyList<AgentTask> tasks)
        {
            var deps = Deps(tasks);
            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new List<string>();
            void Visit(string id)
            {
                state[id] = 1; stack.Add(id);
                foreach (var d in deps[id])
                {
                    if (!deps.ContainsKey(d)) continue;
                    state.TryGetValue(d, out var s);
                    if (s == 0) Visit(d);
                    else if (s == 1)
                    {
                        var cycle = stack.Skip(stack.IndexOf(d)).ToList();
                        cycle.Add(d);
                        foreach (var member in cycle) if (!result.ContainsKey(member)) result[member] = cycle;
                    }
                }
                stack.RemoveAt(stack.Count - 1); state[id] = 2;
            }
            foreach (var id in deps.Keys.ToList()) if (!state.ContainsKey(id)) Visit(id);
            return result;
        }

        /// <summary>Every task each task depends on, directly or not.</summary>
        public static Dictionary<string, HashSet<string>> Ancestors(IReadOnlyList<AgentTask> tasks)
        {
            var deps = Deps(tasks);
            var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var id in deps.Keys)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var queue = new Queue<string>(deps[id]);
                while (queue.Count > 0)
                {
                    var d = queue.Dequeue();
                    if (!seen.Add(d) || !deps.TryGetValue(d, out var next)) continue;
                    foreach (var n in next) queue.Enqueue(n);
                }
                result[id] = seen;
            }
            return result;
        }

        private static Dictionary<string, List<string>> Deps(IReadOnlyList<AgentTask> tasks)
        {
            var deps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var t in tasks)
            {
                if (!deps.TryGetValue(t.Id, out var list)) deps[t.Id] = list = new List<string>();
                list.AddRange(t.DependsOn);
            }
            return deps;
        }
    }
}
