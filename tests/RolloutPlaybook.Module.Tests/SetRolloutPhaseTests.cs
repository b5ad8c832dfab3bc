using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Set-RolloutPhase: scope and deliverables.</summary>
    public class SetRolloutPhaseTests
    {
        [Fact]
        public void SetRolloutPhaseSetsScopeAndDeliverables()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-RolloutPhase -Phase ops -Scope 'Health and alerts' -Deliverable 'status card', 'alert rules' | Set-RolloutPhase sync 'Incremental sync'");
            Assert.Equal("Health and alerts", plan.Phases.Ops.Scope);
            Assert.Equal(new[] { "status card", "alert rules" }, plan.Phases.Ops.Deliverables);
            Assert.Equal("Incremental sync", plan.Phases.Sync.Scope);
            Assert.Empty(plan.Phases.Sync.Deliverables);
        }
    }
}
