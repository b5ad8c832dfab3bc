using System.Linq;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-RolloutNote: every parameter set.</summary>
    public class AddRolloutNoteTests
    {
        [Fact]
        public void AddRolloutNoteEveryParameterSet()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-RolloutNote -Assumption 'History older than 90 days is not needed' | " +
                "Add-RolloutNote -OpenQuestion 'Denormalize sender_is_staff?' | " +
                "Add-RolloutNote -Risk 'private channels need a manual invite' -Mitigation 'warn at mapping time' | Add-RolloutNote -Risk 'rate limits'");
            Assert.Equal("History older than 90 days is not needed", plan.Assumptions.Last());
            Assert.Equal("Denormalize sender_is_staff?", plan.OpenQuestions.Last());
            Assert.Equal("warn at mapping time", plan.Risks[0].Mitigation);
            Assert.Null(plan.Risks[1].Mitigation);
        }
    }
}
