using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>Scheduling waves vs one pass over the dependency list (resolving each id). Goal ≤ 10×, linear in edges.</summary>
    [MemoryDiagnoser]
    public class WaveBenchmarks
    {
        private List<AgentTask> tasks = null!;

        [Params(10_000, 100_000, 1_000_000)]
        public int Edges { get; set; }

        [GlobalSetup]
        public void Setup() => tasks = Generators.TaskGraph(Math.Max(2, Edges / 5), Edges);

        [Benchmark(Baseline = true, Description = "one pass over the dependency list")]
        public int OnePass()
        {
            var index = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
            for (int i = 0; i < tasks.Count; i++) index[tasks[i].Id] = i;
            int sum = 0;
            foreach (var t in tasks) foreach (var d in t.DependsOn) sum += index[d];
            return sum;
        }

        [Benchmark(Description = "WaveScheduler.Schedule")]
        public WavePlan Schedule() => WaveScheduler.Schedule("bench", tasks);
    }
}
