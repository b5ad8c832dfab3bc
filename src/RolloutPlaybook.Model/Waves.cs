using System.Collections.Generic;

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
        public IReadOnlyList<string> DependsOn => Task.DependsOn;
        /// <summary>The tasks that depend directly on this one.</summary>
        public IReadOnlyList<string> Blocks { get; }
        public AgentTask Task { get; }
        public override string ToString() => Id;
    }

    /// <summary>One dependency wave: tasks that can run together once every earlier wave is done.</summary>
    public sealed class AgentWave
    {
        public AgentWave(int number, IReadOnlyList<WaveTask> tasks, IReadOnlyList<string> agents, IReadOnlyList<string> unblocks)
        {
            Number = number; Tasks = tasks; Agents = agents; Unblocks = unblocks;
        }

        public int Number { get; }
        public IReadOnlyList<WaveTask> Tasks { get; }
        /// <summary>The distinct agents working in this wave, in task order.</summary>
        public IReadOnlyList<string> Agents { get; }
        /// <summary>Tasks of later waves that depend on a task of this wave.</summary>
        public IReadOnlyList<string> Unblocks { get; }
        public override string ToString() => "Wave " + Number;
    }

    /// <summary>The scheduled task graph: waves, the critical path, and the waves each agent works in.</summary>
    public sealed class WavePlan
    {
        public WavePlan(string connector, IReadOnlyList<AgentWave> waves, IReadOnlyList<string> criticalPath, IReadOnlyDictionary<string, IReadOnlyList<int>> agentWaves)
        {
            Connector = connector; Waves = waves; CriticalPath = criticalPath; AgentWaves = agentWaves;
        }

        public string Connector { get; }
        public IReadOnlyList<AgentWave> Waves { get; }
        /// <summary>The longest dependency chain, first task first.</summary>
        public IReadOnlyList<string> CriticalPath { get; }
        /// <summary>Agent name → the wave numbers it works in (ascending).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<int>> AgentWaves { get; }
    }
}
