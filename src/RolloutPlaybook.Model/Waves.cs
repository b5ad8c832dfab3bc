using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RolloutPlaybook.Model
{
    /// <summary>A task placed in its wave: what it waits for and what it blocks.</summary>
    public sealed class WaveTask
    {
        public WaveTask(AgentTask task, int wave, IReadOnlyList<string> blocks)
        {
            Task = task; Wave = wave; Blocks = blocks;
        }

        public string Id => Task.Id;
        public string? Agent => Task.Agent;
        public string? Title => Task.Title;
        public PhaseName? Phase => Task.Phase;
        public int Wave { get; }
        /// <summary>The tasks this one waits for.</summary>
        public IReadOnlyList<string> DependsOn => Task.DependsOn;
        /// <summary>The tasks that depend directly on this one, in plan order.</summary>
        public IReadOnlyList<string> Blocks { get; }
        public AgentTask Task { get; }
        public override string ToString() => Id;
    }

    /// <summary>One dependency wave: tasks that can run together once every earlier wave is done.</summary>
    public sealed class AgentWave
    {
        public AgentWave(int number, IReadOnlyList<WaveTask> tasks, IReadOnlyList<string> agents, IReadOnlyList<string> unblocks)
            : this("", number, tasks, agents, unblocks, null)
        {
        }

        public AgentWave(string connector, int number, IReadOnlyList<WaveTask> tasks, IReadOnlyList<string> agents, IReadOnlyList<string> unblocks, string? criticalTask)
        {
            Connector = connector; Number = number; Tasks = tasks; Agents = agents; Unblocks = unblocks; CriticalTask = criticalTask;
        }

        /// <summary>The plan's connector (tells the waves of several piped plans apart).</summary>
        public string Connector { get; }
        public int Number { get; }
        /// <summary>The wave's tasks, in plan order.</summary>
        public IReadOnlyList<WaveTask> Tasks { get; }
        /// <summary>The distinct agents working in this wave, in task order.</summary>
        public IReadOnlyList<string> Agents { get; }
        /// <summary>Tasks of later waves that depend on a task of this wave, in plan order.</summary>
        public IReadOnlyList<string> Unblocks { get; }
        /// <summary>The task of this wave on the plan's critical path (null when the path does not reach this wave).</summary>
        public string? CriticalTask { get; }
        public override string ToString() => "Wave " + Number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The scheduled task graph: waves, the critical path, and the waves each agent works in.</summary>
    public sealed class WavePlan
    {
        private string? mermaid;

        public WavePlan(string connector, IReadOnlyList<AgentWave> waves, IReadOnlyList<string> criticalPath, IReadOnlyDictionary<string, IReadOnlyList<int>> agentWaves)
        {
            Connector = connector; Waves = waves; CriticalPath = criticalPath; AgentWaves = agentWaves;
        }

        public string Connector { get; }
        public IReadOnlyList<AgentWave> Waves { get; }
        /// <summary>The longest dependency chain, first task first.</summary>
        public IReadOnlyList<string> CriticalPath { get; }
        /// <summary>Agent name → the wave numbers it works in (ascending); agents in plan order.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<int>> AgentWaves { get; }

        /// <summary>A Mermaid flowchart of the task graph, one subgraph per wave (GitHub renders it in Markdown).</summary>
        public string Mermaid => mermaid ??= MermaidFlowchart.Write(this);

        public override string ToString() => "WavePlan " + Connector + " (" + Waves.Count.ToString(CultureInfo.InvariantCulture) + " waves)";
    }

    /// <summary>Writes the Mermaid flowchart of a wave plan.</summary>
    internal static class MermaidFlowchart
    {
        public static string Write(WavePlan plan) => Write(plan, finalNewline: true);

        /// <summary>The flowchart; without <paramref name="finalNewline"/> the text ends with its last line (for a fence in Markdown).</summary>
        public static string Write(WavePlan plan, bool finalNewline)
        {
            int taskCount = 0;
            foreach (var w in plan.Waves) taskCount += w.Tasks.Count;
            // Sized for small plans; a large one grows the builder in chunks rather than one huge array.
            var sb = new StringBuilder(Math.Min(64 + taskCount * 64, 16 * 1024));
            sb.Append("flowchart LR\n");
            // Node names are generated (t1, t2, ...): task ids may contain '.', '-' or Mermaid keywords such as "end".
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            int counter = 0;
            foreach (var w in plan.Waves)
                foreach (var t in w.Tasks) ids[t.Id] = "t" + (++counter).ToString(CultureInfo.InvariantCulture);
            foreach (var w in plan.Waves)
            {
                var number = w.Number.ToString(CultureInfo.InvariantCulture);
                sb.Append("  subgraph wave").Append(number).Append("[\"Wave ").Append(number).Append("\"]\n");
                foreach (var t in w.Tasks)
                {
                    sb.Append("    ").Append(ids[t.Id]).Append("[\"");
                    AppendText(sb, t.Id);
                    if (!string.IsNullOrEmpty(t.Agent)) AppendText(sb.Append("<br/>"), t.Agent!);
                    sb.Append("\"]\n");
                }
                sb.Append("  end\n");
            }
            // One edge per dependency (dependency --> dependent), dependents in wave order; a dependency listed twice is drawn once.
            var drawn = new HashSet<string>(StringComparer.Ordinal);
            foreach (var w in plan.Waves)
                foreach (var t in w.Tasks)
                {
                    if (t.DependsOn.Count == 0) continue;
                    drawn.Clear();
                    var target = ids[t.Id];
                    foreach (var d in t.DependsOn)
                        if (d != null && drawn.Add(d) && ids.TryGetValue(d, out var source))
                            sb.Append("  ").Append(source).Append(" --> ").Append(target).Append('\n');
                }
            return finalNewline ? sb.ToString() : sb.ToString(0, sb.Length - 1);
        }

        /// <summary>Label text inside double quotes: Mermaid entity codes for the characters its parser or HTML would take.</summary>
        private static void AppendText(StringBuilder sb, string text)
        {
            if (text.IndexOfAny(LabelSpecials) < 0) { sb.Append(text); return; }
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("#quot;"); break;
                    case '#': sb.Append("#35;"); break;
                    case '&': sb.Append("#amp;"); break;
                    case '<': sb.Append("#lt;"); break;
                    case '>': sb.Append("#gt;"); break;
                    case '\r': case '\n': case '\t': sb.Append(' '); break;
                    default: sb.Append(c); break;
                }
            }
        }

        private static readonly char[] LabelSpecials = { '"', '#', '&', '<', '>', '\r', '\n', '\t' };
    }
}
