using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>
    /// Schedules the agent-team task graph into waves: the topological generations of the graph, every task
    /// in the earliest wave its dependencies allow. Linear in tasks + dependencies. Order inside a wave is the
    /// plan's task order, so the same plan always gives the same waves.
    /// </summary>
    public static class WaveScheduler
    {
        public static WavePlan Schedule(RolloutPlan plan)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            return Schedule(plan.Connector, plan.Team.Tasks);
        }

        public static WavePlan Schedule(string connector, IReadOnlyList<AgentTask> tasks)
        {
            int n = tasks.Count;
            var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                if (index.ContainsKey(tasks[i].Id))
                    throw new RolloutException("AgentTaskDuplicate", RolloutErrorKind.InvalidData,
                        "Task id '" + tasks[i].Id + "' is used by more than one task.", tasks[i].Id);
                index.Add(tasks[i].Id, i);
            }

            // Edges dep -> task, in compressed (CSR) form: dependents of d are targets[start[d] .. start[d+1]).
            var indegree = new int[n];
            var start = new int[n + 1];
            var deps = new int[n][];
            for (int i = 0; i < n; i++)
            {
                var list = tasks[i].DependsOn;
                var resolved = new int[list.Count];
                for (int k = 0; k < list.Count; k++)
                {
                    if (!index.TryGetValue(list[k], out var d))
                        throw new RolloutException("AgentTaskUnknownDependency", RolloutErrorKind.InvalidData,
                            "Task '" + tasks[i].Id + "' depends on '" + list[k] + "', which is not a task of the plan.", tasks[i].Id);
                    resolved[k] = d;
                    start[d + 1]++;
                }
                deps[i] = resolved;
                indegree[i] = resolved.Length;
            }
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            var fill = (int[])start.Clone();
            var dependents = new int[start[n]];
            for (int i = 0; i < n; i++)
                foreach (var d in deps[i]) dependents[fill[d]++] = i;

            // Kahn's algorithm by generations.
            var wave = new int[n];
            var current = new List<int>();
            for (int i = 0; i < n; i++) if (indegree[i] == 0) { current.Add(i); wave[i] = 1; }
            var generations = new List<List<int>>();
            int placed = 0;
            while (current.Count > 0)
            {
                current.Sort();
                generations.Add(current);
                placed += current.Count;
                var next = new List<int>();
                foreach (var t in current)
                    for (int e = start[t]; e < start[t + 1]; e++)
                    {
                        int u = dependents[e];
                        if (--indegree[u] == 0) { wave[u] = generations.Count + 1; next.Add(u); }
                    }
                current = next;
            }
            if (placed < n)
            {
                var cycle = FindCycle(tasks, deps, indegree);
                throw new RolloutException("AgentTaskCycle", RolloutErrorKind.InvalidData,
                    "The task graph has a cycle: " + string.Join(" → ", cycle) + ". Remove one of these dependencies.", cycle[0]);
            }

            var waves = new List<AgentWave>(generations.Count);
            var waveTasks = new WaveTask[n];
            for (int i = 0; i < n; i++)
            {
                var blocks = new string[start[i + 1] - start[i]];
                var order = new int[blocks.Length];
                Array.Copy(dependents, start[i], order, 0, order.Length);
                Array.Sort(order);
                for (int k = 0; k < order.Length; k++) blocks[k] = tasks[order[k]].Id;
                waveTasks[i] = new WaveTask(tasks[i], wave[i], blocks);
            }
            for (int g = 0; g < generations.Count; g++)
            {
                var members = generations[g];
                var agents = new List<string>();
                var seenAgents = new HashSet<string>(StringComparer.Ordinal);
                var unblocked = new SortedSet<int>();
                foreach (var t in members)
                {
                    var agent = tasks[t].Agent ?? "";
                    if (agent.Length > 0 && seenAgents.Add(agent)) agents.Add(agent);
                    for (int e = start[t]; e < start[t + 1]; e++) unblocked.Add(dependents[e]);
                }
                waves.Add(new AgentWave(g + 1, members.Select(t => waveTasks[t]).ToArray(), agents, unblocked.Select(u => tasks[u].Id).ToArray()));
            }

            return new WavePlan(connector, waves, CriticalPath(tasks, deps, wave), AgentWaves(tasks, wave));
        }

        private static IReadOnlyList<string> CriticalPath(IReadOnlyList<AgentTask> tasks, int[][] deps, int[] wave)
        {
            if (tasks.Count == 0) return new string[0];
            int end = 0;
            for (int i = 1; i < tasks.Count; i++) if (wave[i] > wave[end]) end = i;
            var path = new List<string> { tasks[end].Id };
            int node = end;
            while (wave[node] > 1)
            {
                int prev = -1;
                foreach (var d in deps[node]) if (wave[d] == wave[node] - 1 && (prev < 0 || d < prev)) prev = d;
                node = prev;
                path.Add(tasks[node].Id);
            }
            path.Reverse();
            return path;
        }

        private static IReadOnlyDictionary<string, IReadOnlyList<int>> AgentWaves(IReadOnlyList<AgentTask> tasks, int[] wave)
        {
            var map = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
            for (int i = 0; i < tasks.Count; i++)
            {
                var agent = tasks[i].Agent;
                if (string.IsNullOrEmpty(agent)) continue;
                if (!map.TryGetValue(agent!, out var set)) map[agent!] = set = new SortedSet<int>();
                set.Add(wave[i]);
            }
            return map.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value.ToArray(), StringComparer.Ordinal);
        }

        /// <summary>A cycle among the tasks Kahn's algorithm could not place, as ids with the first repeated at the end.</summary>
        private static List<string> FindCycle(IReadOnlyList<AgentTask> tasks, int[][] deps, int[] indegree)
        {
            // Every unplaced task has an unplaced dependency; walking dependencies must revisit a task.
            int startNode = Array.FindIndex(indegree, d => d > 0);
            var position = new Dictionary<int, int>();
            var walk = new List<int>();
            int node = startNode;
            while (!position.ContainsKey(node))
            {
                position[node] = walk.Count;
                walk.Add(node);
                int nextNode = -1;
                foreach (var d in deps[node]) if (indegree[d] > 0) { nextNode = d; break; }
                node = nextNode;
            }
            // walk follows "depends on" edges; reverse so the message reads in execution order (a → b: b waits for a).
            var members = walk.Skip(position[node]).ToList();
            members.Reverse();
            // Start at the task that comes first in the plan, so the message is stable.
            int first = members.IndexOf(members.Min());
            var cycle = members.Skip(first).Concat(members.Take(first)).Select(i => tasks[i].Id).ToList();
            cycle.Add(cycle[0]);
            return cycle;
        }

        /// <summary>A Mermaid flowchart of the task graph with one subgraph per wave (GitHub renders it).</summary>
        public static string ToMermaid(WavePlan plan)
        {
            var sb = new StringBuilder();
            sb.Append("flowchart LR\n");
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            int counter = 0;
            foreach (var w in plan.Waves)
                foreach (var t in w.Tasks) ids[t.Id] = "t" + (++counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var w in plan.Waves)
            {
                sb.Append("  subgraph wave").Append(w.Number).Append("[\"Wave ").Append(w.Number).Append("\"]\n");
                foreach (var t in w.Tasks)
                {
                    sb.Append("    ").Append(ids[t.Id]).Append("[\"").Append(MermaidText(t.Id));
                    if (!string.IsNullOrEmpty(t.Agent)) sb.Append("<br/>").Append(MermaidText(t.Agent!));
                    sb.Append("\"]\n");
                }
                sb.Append("  end\n");
            }
            foreach (var w in plan.Waves)
                foreach (var t in w.Tasks)
                    foreach (var d in t.DependsOn)
                        sb.Append("  ").Append(ids[d]).Append(" --> ").Append(ids[t.Id]).Append('\n');
            return sb.ToString();
        }

        private static string MermaidText(string text)
            => text.Replace("&", "&amp;").Replace("\"", "#quot;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
