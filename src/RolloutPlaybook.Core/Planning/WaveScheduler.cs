using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>
    /// Schedules the agent-team task graph into waves: the topological generations of the graph, every task
    /// in the earliest wave its dependencies allow. Linear in tasks + dependencies (no sorting: every list is
    /// built by walking tasks in plan order). Order inside a wave, in Blocks and in Unblocks is the plan's task
    /// order, so the same plan always gives the same waves.
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
            if (tasks == null) throw new ArgumentNullException(nameof(tasks));
            int n = tasks.Count;
            var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
            {
                var id = tasks[i]?.Id;
                if (string.IsNullOrEmpty(id))
                    throw new RolloutException(ErrorIds.AgentTaskIdMissing,
                        "Task " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of the team has no id.", "team.tasks[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                if (index.ContainsKey(id!))
                    throw new RolloutException(ErrorIds.AgentTaskDuplicate,
                        "Task id '" + id + "' is used by more than one task.", id);
                index.Add(id!, i);
            }

            // Resolve dependencies (a dependency listed twice counts once) and count dependents per task.
            var deps = new int[n][];
            var start = new int[n + 1];
            var indegree = new int[n];
            var lastSeen = new int[n];
            for (int i = 0; i < n; i++) lastSeen[i] = -1;
            for (int i = 0; i < n; i++)
            {
                var list = tasks[i].DependsOn;
                var resolved = new List<int>(list?.Count ?? 0);
                if (list != null)
                    foreach (var name in list)
                    {
                        if (name == null || !index.TryGetValue(name, out var d))
                            throw new RolloutException(ErrorIds.AgentTaskUnknownDependency,
                                "Task '" + tasks[i].Id + "' depends on '" + name + "', which is not a task of the plan.", tasks[i].Id);
                        if (lastSeen[d] == i) continue;
                        lastSeen[d] = i;
                        resolved.Add(d);
                        start[d + 1]++;
                    }
                deps[i] = resolved.ToArray();
                indegree[i] = deps[i].Length;
            }

            // Dependents in compressed (CSR) form, filled by walking tasks in plan order: dependents of d are
            // dependents[start[d] .. start[d+1]) and already in plan order.
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            var fill = (int[])start.Clone();
            var dependents = new int[start[n]];
            for (int i = 0; i < n; i++)
                foreach (var d in deps[i]) dependents[fill[d]++] = i;

            // Kahn's algorithm by generations; wave numbers only (members are collected in plan order below).
            var wave = new int[n];
            var current = new List<int>();
            for (int i = 0; i < n; i++) if (indegree[i] == 0) { current.Add(i); wave[i] = 1; }
            int placed = 0, waveCount = 0;
            while (current.Count > 0)
            {
                waveCount++;
                placed += current.Count;
                var next = new List<int>();
                foreach (var t in current)
                    for (int e = start[t]; e < start[t + 1]; e++)
                    {
                        int u = dependents[e];
                        if (--indegree[u] == 0) { wave[u] = waveCount + 1; next.Add(u); }
                    }
                current = next;
            }
            if (placed < n)
            {
                var cycle = FindCycle(tasks, deps, indegree);
                throw new RolloutException(ErrorIds.AgentTaskCycle,
                    "The task graph has a cycle: " + string.Join(" → ", cycle) + ". Remove one of these dependencies.", cycle[0]);
            }

            var waveTasks = new WaveTask[n];
            for (int i = 0; i < n; i++)
            {
                var blocks = new string[start[i + 1] - start[i]];
                for (int k = 0; k < blocks.Length; k++) blocks[k] = tasks[dependents[start[i] + k]].Id;
                waveTasks[i] = new WaveTask(tasks[i], wave[i], blocks);
            }

            // Members, agents and unblocked tasks per wave, each in plan order, in one pass over tasks and edges.
            var members = new List<WaveTask>[waveCount];
            var agents = new List<string>[waveCount];
            var agentSeen = new HashSet<string>[waveCount];
            var unblocks = new List<string>[waveCount];
            var lastUnblocked = new int[waveCount];
            for (int g = 0; g < waveCount; g++)
            {
                members[g] = new List<WaveTask>(); agents[g] = new List<string>(); unblocks[g] = new List<string>();
                agentSeen[g] = new HashSet<string>(StringComparer.Ordinal); lastUnblocked[g] = -1;
            }
            for (int i = 0; i < n; i++)
            {
                int g = wave[i] - 1;
                members[g].Add(waveTasks[i]);
                var agent = tasks[i].Agent;
                if (!string.IsNullOrEmpty(agent) && agentSeen[g].Add(agent!)) agents[g].Add(agent!);
                foreach (var d in deps[i])
                {
                    int dg = wave[d] - 1;
                    if (lastUnblocked[dg] == i) continue;
                    lastUnblocked[dg] = i;
                    unblocks[dg].Add(tasks[i].Id);
                }
            }

            var path = CriticalPath(tasks, deps, wave);
            var onPath = new HashSet<string>(path, StringComparer.Ordinal);
            var waves = new AgentWave[waveCount];
            for (int g = 0; g < waveCount; g++)
            {
                string? critical = null;
                foreach (var t in members[g]) if (onPath.Contains(t.Id)) { critical = t.Id; break; }
                waves[g] = new AgentWave(connector, g + 1, members[g].ToArray(), agents[g].ToArray(), unblocks[g].ToArray(), critical);
            }
            return new WavePlan(connector, waves, path, AgentWaves(tasks, wave));
        }

        /// <summary>
        /// The longest dependency chain (counted in tasks). A task's wave is one more than its latest dependency's,
        /// so walking back from the first task of the last wave through dependencies one wave earlier gives it.
        /// </summary>
        private static IReadOnlyList<string> CriticalPath(IReadOnlyList<AgentTask> tasks, int[][] deps, int[] wave)
        {
            if (tasks.Count == 0) return Array.Empty<string>();
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

        /// <summary>Agent → its waves, agents in order of first appearance in the plan, waves ascending.</summary>
        private static IReadOnlyDictionary<string, IReadOnlyList<int>> AgentWaves(IReadOnlyList<AgentTask> tasks, int[] wave)
        {
            var order = new List<string>();
            var sets = new Dictionary<string, bool[]>(StringComparer.Ordinal);
            int maxWave = 0;
            for (int i = 0; i < tasks.Count; i++) if (wave[i] > maxWave) maxWave = wave[i];
            for (int i = 0; i < tasks.Count; i++)
            {
                var agent = tasks[i].Agent;
                if (string.IsNullOrEmpty(agent)) continue;
                if (!sets.TryGetValue(agent!, out var set)) { sets[agent!] = set = new bool[maxWave + 1]; order.Add(agent!); }
                set[wave[i]] = true;
            }
            // Added in plan order and never removed from, so enumeration follows the plan's order of agents.
            var result = new Dictionary<string, IReadOnlyList<int>>(order.Count, StringComparer.Ordinal);
            foreach (var agent in order)
            {
                var list = new List<int>();
                var set = sets[agent];
                for (int w = 1; w < set.Length; w++) if (set[w]) list.Add(w);
                result.Add(agent, list.ToArray());
            }
            return result;
        }

        /// <summary>A cycle among the tasks Kahn's algorithm could not place, as ids with the first repeated at the end.</summary>
        private static List<string> FindCycle(IReadOnlyList<AgentTask> tasks, int[][] deps, int[] indegree)
        {
            // A task is unplaced exactly when its remaining indegree is above zero, and then it has an unplaced
            // dependency: walking unplaced dependencies must revisit a task, and the revisited stretch is a cycle.
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
            var members = walk.GetRange(position[node], walk.Count - position[node]);
            members.Reverse();
            // Start at the task that comes first in the plan, so the message is stable.
            int first = 0;
            for (int k = 1; k < members.Count; k++) if (members[k] < members[first]) first = k;
            var cycle = new List<string>(members.Count + 1);
            for (int k = 0; k < members.Count; k++) cycle.Add(tasks[members[(first + k) % members.Count]].Id);
            cycle.Add(cycle[0]);
            return cycle;
        }

        /// <summary>
        /// The waves seen by some agents only (names compared case-insensitively): the waves they work in, each narrowed
        /// to their tasks, their agents and what those tasks unblock. Wave numbers stay those of the whole plan.
        /// </summary>
        public static IReadOnlyList<AgentWave> WavesOf(WavePlan plan, IEnumerable<string> agents)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var wanted = new HashSet<string>(agents ?? throw new ArgumentNullException(nameof(agents)), StringComparer.OrdinalIgnoreCase);
            var result = new List<AgentWave>();
            foreach (var w in plan.Waves)
            {
                var tasks = new List<WaveTask>();
                foreach (var t in w.Tasks) if (t.Agent != null && wanted.Contains(t.Agent)) tasks.Add(t);
                if (tasks.Count == 0) continue;
                var names = new List<string>();
                var unblocks = new List<string>();
                var seenUnblocks = new HashSet<string>(StringComparer.Ordinal);
                foreach (var t in tasks) if (!names.Contains(t.Agent!)) names.Add(t.Agent!);
                // Keep the wave's plan order for Unblocks: filter the wave's list by what these tasks block.
                foreach (var t in tasks) foreach (var b in t.Blocks) seenUnblocks.Add(b);
                foreach (var u in w.Unblocks) if (seenUnblocks.Contains(u)) unblocks.Add(u);
                string? critical = w.CriticalTask != null && tasks.Exists(t => t.Id == w.CriticalTask) ? w.CriticalTask : null;
                result.Add(new AgentWave(w.Connector, w.Number, tasks.ToArray(), names.ToArray(), unblocks.ToArray(), critical));
            }
            return result;
        }

        /// <summary>A Mermaid flowchart of the task graph with one subgraph per wave (GitHub renders it).</summary>
        public static string ToMermaid(WavePlan plan)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            return plan.Mermaid;
        }
    }
}
