using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Planning
{
    public class WaveSchedulerTests
    {
        private static AgentTask T(string id, string? agent = null, params string[] deps)
        {
            var t = new AgentTask { Id = id, Agent = agent ?? id };
            t.DependsOn.AddRange(deps);
            return t;
        }

        private static WavePlan Schedule(params AgentTask[] tasks) => WaveScheduler.Schedule("x", tasks);

        private static string[] Shape(WavePlan plan) => plan.Waves.Select(w => string.Join(",", w.Tasks.Select(t => t.Id))).ToArray();

        // ---- bad input first ----

        [Fact]
        public void UnknownDependencyNamesBothIds()
        {
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("api-mappings", null, "sync-schma")));
            Assert.Equal("AgentTaskUnknownDependency", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidData, ex.Kind);
            Assert.Contains("'api-mappings'", ex.Message);
            Assert.Contains("'sync-schma'", ex.Message);
            Assert.Equal("api-mappings", ex.Target);
        }

        [Fact]
        public void DuplicateIdIsRejected()
        {
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("a"), T("b"), T("a")));
            Assert.Equal("AgentTaskDuplicate", ex.ErrorId);
            Assert.Contains("'a'", ex.Message);
        }

        [Fact]
        public void MissingIdIsRejected()
        {
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("a"), new AgentTask { Id = "" }));
            Assert.Equal("AgentTaskIdMissing", ex.ErrorId);
            Assert.Contains("Task 2", ex.Message);
        }

        [Fact]
        public void SelfLoopIsACycleOfOne()
        {
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("a"), T("b", null, "b")));
            Assert.Equal("AgentTaskCycle", ex.ErrorId);
            Assert.Contains("b → b.", ex.Message);
        }

        [Fact]
        public void CycleOfTwoIsNamedFromThePlansFirstTask()
        {
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("sync-schema", null, "api-mappings"), T("api-mappings", null, "sync-schema")));
            Assert.Equal("AgentTaskCycle", ex.ErrorId);
            Assert.Contains("sync-schema → api-mappings → sync-schema", ex.Message);
            Assert.Equal("sync-schema", ex.Target);
        }

        [Fact]
        public void CycleOfThreeReadsInExecutionOrder()
        {
            // c waits for a, b waits for c, a waits for b: in execution order a → c → b → a.
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("a", null, "b"), T("b", null, "c"), T("c", null, "a")));
            Assert.Contains("a → c → b → a", ex.Message);
        }

        [Fact]
        public void CycleBehindValidTasksIsFoundAndOnlyItsMembersNamed()
        {
            // root is fine; x and y form a cycle; z hangs below the cycle.
            var ex = Assert.Throws<RolloutException>(() => Schedule(T("root"), T("z", null, "y"), T("x", null, "root", "y"), T("y", null, "x")));
            Assert.Contains("x → y → x", ex.Message);
            Assert.DoesNotContain("z", ex.Message.Replace("Remove", ""));
            Assert.DoesNotContain("root", ex.Message);
        }

        [Fact]
        public void NullTaskListIsAnArgumentError()
            => Assert.Throws<ArgumentNullException>(() => WaveScheduler.Schedule("x", null!));

        // ---- shapes ----

        [Fact]
        public void EmptyTeamHasNoWaves()
        {
            var plan = Schedule();
            Assert.Empty(plan.Waves);
            Assert.Empty(plan.CriticalPath);
            Assert.Empty(plan.AgentWaves);
            Assert.Equal("flowchart LR\n", plan.Mermaid);
        }

        [Fact]
        public void DefaultTeamRunsInFourWaves()
        {
            var plan = WaveScheduler.Schedule(PlanFactory.Create(new NewPlanRequest { Connector = "slack" }));
            Assert.Equal(new[] { "schema-sync,analytics", "api-integration", "ui-ops", "review" }, Shape(plan));
            Assert.Equal(new[] { "schema-sync", "analytics" }, plan.Waves[0].Agents);
            Assert.Equal(new[] { "api-integration", "review" }, plan.Waves[0].Unblocks);
            Assert.Equal(new[] { "ui-ops", "review" }, plan.Waves[1].Unblocks);
            Assert.Empty(plan.Waves[3].Unblocks);
            Assert.Equal(new[] { "schema-sync", "api-integration", "ui-ops", "review" }, plan.CriticalPath);
            Assert.Equal(new[] { "schema-sync", "analytics", "api-integration", "ui-ops", "review" }, plan.AgentWaves.Keys.ToArray());
            Assert.Equal(new[] { 3 }, plan.AgentWaves["ui-ops"]);
            Assert.All(plan.Waves, w => Assert.Equal("slack", w.Connector));
        }

        [Fact]
        public void SmallTeamIsOneGeneralistWavePlusReview()
        {
            var plan = WaveScheduler.Schedule(PlanFactory.Create(new NewPlanRequest { Connector = "close", Small = true }));
            Assert.Equal(new[] { "generalist", "review" }, Shape(plan));
            Assert.Equal(new[] { "generalist" }, plan.Waves[0].Agents);
        }

        [Fact]
        public void DiamondPutsBothMiddlesInOneWave()
        {
            var plan = Schedule(T("top"), T("left", null, "top"), T("right", null, "top"), T("bottom", null, "left", "right"));
            Assert.Equal(new[] { "top", "left,right", "bottom" }, Shape(plan));
            var top = plan.Waves[0].Tasks[0];
            Assert.Equal(new[] { "left", "right" }, top.Blocks);
            Assert.Equal(new[] { "left", "right" }, plan.Waves[0].Unblocks);
            Assert.Equal(new[] { "bottom" }, plan.Waves[1].Unblocks);
            Assert.Equal(new[] { "top", "left", "bottom" }, plan.CriticalPath);
            Assert.Equal(3, plan.Waves[2].Tasks[0].Wave);
        }

        [Fact]
        public void TaskGoesToTheWaveAfterItsLatestDependency()
        {
            // late depends on a chain end (wave 3) and on a root (wave 1): wave 4, not 2.
            var plan = Schedule(T("a"), T("b", null, "a"), T("c", null, "b"), T("late", null, "a", "c"));
            Assert.Equal(new[] { "a", "b", "c", "late" }, Shape(plan));
            Assert.Equal(new[] { "b", "late" }, plan.Waves[0].Unblocks);
        }

        [Fact]
        public void OrderInsideAWaveIsPlanOrderNotInsertionOrDependencyOrder()
        {
            // z is listed first but becomes ready after y in Kahn's processing; the wave still lists the plan's order.
            var plan = Schedule(T("z", null, "b"), T("a"), T("b"), T("y", null, "a"));
            Assert.Equal(new[] { "a,b", "z,y" }, Shape(plan));
            Assert.Equal(new[] { "z", "y" }, plan.Waves[0].Unblocks);
        }

        [Fact]
        public void IndependentComponentsShareWaves()
        {
            var plan = Schedule(T("a1", "one"), T("a2", "one", "a1"), T("b1", "two"), T("b2", "two", "b1"), T("b3", "two", "b2"), T("solo", "three"));
            Assert.Equal(new[] { "a1,b1,solo", "a2,b2", "b3" }, Shape(plan));
            Assert.Equal(new[] { "b1", "b2", "b3" }, plan.CriticalPath);
            Assert.Equal(new[] { "one", "two", "three" }, plan.Waves[0].Agents);
            Assert.Equal(new[] { 1, 2 }, plan.AgentWaves["one"]);
            Assert.Equal(new[] { 1, 2, 3 }, plan.AgentWaves["two"]);
            Assert.Empty(plan.Waves[0].Tasks.Single(t => t.Id == "solo").Blocks);
        }

        [Fact]
        public void DuplicateDependencyCountsOnce()
        {
            var plan = Schedule(T("a"), T("b", null, "a", "a"));
            Assert.Equal(new[] { "a", "b" }, Shape(plan));
            Assert.Equal(new[] { "b" }, plan.Waves[0].Tasks[0].Blocks);
            Assert.Single(plan.Mermaid.Split('\n'), l => l.Contains("-->"));
        }

        [Fact]
        public void AgentsAreDistinctInTaskOrderAndTasksWithoutAgentAreSkipped()
        {
            var plan = Schedule(new AgentTask { Id = "anon" }, T("p", "beta"), T("q", "alpha"), T("r", "beta"));
            Assert.Equal(new[] { "beta", "alpha" }, plan.Waves[0].Agents);
            Assert.Equal(new[] { "beta", "alpha" }, plan.AgentWaves.Keys.ToArray());
        }

        [Fact]
        public void LongChainMakesOneWavePerTask()
        {
            const int n = 5000;
            var tasks = Enumerable.Range(0, n).Select(i => i == 0 ? T("t0") : T("t" + i, null, "t" + (i - 1))).ToArray();
            var plan = WaveScheduler.Schedule("x", tasks);
            Assert.Equal(n, plan.Waves.Count);
            Assert.Equal(n, plan.CriticalPath.Count);
            Assert.Equal("t4999", plan.Waves[n - 1].Tasks.Single().Id);
            Assert.Equal("t0", plan.CriticalPath[0]);
        }

        [Fact]
        public void HundredThousandTaskGraphIsScheduledCorrectly()
        {
            // Layered random graph: task i depends on up to 3 earlier tasks; ids are listed in shuffled order.
            const int n = 100_000;
            var random = new Random(42);
            var deps = new List<int>[n];
            for (int i = 0; i < n; i++)
            {
                deps[i] = new List<int>();
                if (i == 0) continue;
                int k = random.Next(0, 4);
                for (int j = 0; j < k; j++) deps[i].Add(random.Next(Math.Max(0, i - 500), i));
            }
            var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            var tasks = order.Select(i => { var t = T("task-" + i, "agent-" + (i % 7)); t.DependsOn.AddRange(deps[i].Select(d => "task-" + d)); return t; }).ToArray();

            var plan = WaveScheduler.Schedule("big", tasks);

            // Reference: wave = 1 + max(wave of dependencies), computed in index order (dependencies have smaller indexes).
            var expected = new int[n];
            for (int i = 0; i < n; i++) expected[i] = 1 + (deps[i].Count == 0 ? 0 : deps[i].Max(d => expected[d]));
            var actual = plan.Waves.SelectMany(w => w.Tasks).ToDictionary(t => t.Id, t => t.Wave);
            Assert.Equal(n, actual.Count);
            for (int i = 0; i < n; i++) Assert.Equal(expected[i], actual["task-" + i]);
            Assert.Equal(expected.Max(), plan.Waves.Count);
            Assert.Equal(plan.Waves.Count, plan.CriticalPath.Count);
            // Every consecutive pair of the critical path is a real dependency.
            for (int k = 1; k < plan.CriticalPath.Count; k++)
                Assert.Contains(plan.CriticalPath[k - 1], tasks.First(t => t.Id == plan.CriticalPath[k]).DependsOn);
            // Inside each wave, tasks keep the plan's order.
            var position = new Dictionary<string, int>();
            for (int p = 0; p < tasks.Length; p++) position[tasks[p].Id] = p;
            Assert.All(plan.Waves, w => Assert.True(w.Tasks.Select(t => position[t.Id]).SequenceEqual(w.Tasks.Select(t => position[t.Id]).OrderBy(x => x))));
        }

        [Fact]
        public void HundredThousandTaskCycleIsNamedWhole()
        {
            const int n = 100_000;
            var tasks = Enumerable.Range(0, n).Select(i => T("t" + i, null, "t" + ((i + 1) % n))).ToArray();
            var ex = Assert.Throws<RolloutException>(() => WaveScheduler.Schedule("x", tasks));
            Assert.Equal("AgentTaskCycle", ex.ErrorId);
            Assert.StartsWith("The task graph has a cycle: t0 → t99999 → t99998", ex.Message);
        }

        [Fact]
        public void SameInputSameSchedule()
        {
            var plan = PlanFactory.Create(new NewPlanRequest { Connector = "slack" });
            Assert.Equal(WaveScheduler.Schedule(plan).Mermaid, WaveScheduler.Schedule(plan).Mermaid);
        }

        // ---- filtering by agent ----

        [Fact]
        public void WavesOfNarrowsToTheAgentsTasks()
        {
            var plan = Schedule(T("s", "schema"), T("m", "metrics"), T("api", "api", "s"), T("ui", "ui", "api", "m"), T("rev", "review", "s", "m", "api", "ui"));
            var mine = WaveScheduler.WavesOf(plan, new[] { "METRICS" });
            var wave = Assert.Single(mine);
            Assert.Equal(1, wave.Number);
            Assert.Equal(new[] { "m" }, wave.Tasks.Select(t => t.Id));
            Assert.Equal(new[] { "metrics" }, wave.Agents);
            Assert.Equal(new[] { "ui", "rev" }, wave.Unblocks);
            Assert.Null(wave.CriticalTask);
            Assert.Empty(WaveScheduler.WavesOf(plan, new[] { "nobody" }));
        }

        // ---- Mermaid ----

        [Fact]
        public void MermaidHasOneSubgraphPerWaveAndOneEdgePerDependency()
        {
            var plan = Schedule(T("top", "a"), T("left", "b", "top"), T("right", "b", "top"), T("bottom", "c", "left", "right"));
            Assert.Equal(
                "flowchart LR\n" +
                "  subgraph wave1[\"Wave 1\"]\n    t1[\"top<br/>a\"]\n  end\n" +
                "  subgraph wave2[\"Wave 2\"]\n    t2[\"left<br/>b\"]\n    t3[\"right<br/>b\"]\n  end\n" +
                "  subgraph wave3[\"Wave 3\"]\n    t4[\"bottom<br/>c\"]\n  end\n" +
                "  t1 --> t2\n  t1 --> t3\n  t2 --> t4\n  t3 --> t4\n",
                WaveScheduler.ToMermaid(plan));
        }

        [Fact]
        public void MermaidEscapesLabelText()
        {
            var plan = Schedule(new AgentTask { Id = "end", Agent = "ops \"team\" <b>&#1\nx" });
            Assert.Contains("t1[\"end<br/>ops #quot;team#quot; #lt;b#gt;#amp;#35;1 x\"]", plan.Mermaid);
        }
    }
}
