using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests
{
    public class WaveSchedulerSmokeTests
    {
        [Fact]
        public void DefaultTeamRunsInFourWaves()
        {
            var plan = PlanFactory.Create(new NewPlanRequest { Connector = "slack" });
            var waves = WaveScheduler.Schedule(plan);
            Assert.Equal(new[] { "schema-sync,analytics", "api-integration", "ui-ops", "review" },
                waves.Waves.Select(w => string.Join(",", w.Tasks.Select(t => t.Id))).ToArray());
            Assert.Equal(new[] { "schema-sync", "api-integration", "ui-ops", "review" }, waves.CriticalPath);
        }

        [Fact]
        public void CycleIsNamed()
        {
            var plan = new RolloutPlan { Connector = "x" };
            plan.Team.Tasks.Add(new AgentTask { Id = "sync-schema", DependsOn = { "api-mappings" } });
            plan.Team.Tasks.Add(new AgentTask { Id = "api-mappings", DependsOn = { "sync-schema" } });
            var ex = Assert.Throws<RolloutException>(() => WaveScheduler.Schedule(plan));
            Assert.Equal("AgentTaskCycle", ex.ErrorId);
            Assert.Contains("sync-schema → api-mappings → sync-schema", ex.Message);
        }
    }
}
