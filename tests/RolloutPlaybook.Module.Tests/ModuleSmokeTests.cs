using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    public class ModuleSmokeTests
    {
        [Fact]
        public void PipelineCreatesExportsAndImportsAPlan()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("slack.yaml");
            ps.Run("New-RolloutPlan -Connector slack | Add-LinkingPoint -Source slack_user -Entity staff -Cardinality 1:1 | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var result = ps.Run("Import-RolloutPlan $args[0]", file);
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal("slack", plan.Connector);
            Assert.Equal(EnforcedIn.Db, Assert.Single(plan.LinkingPoints).EnforcedIn);
        }
    }
}
