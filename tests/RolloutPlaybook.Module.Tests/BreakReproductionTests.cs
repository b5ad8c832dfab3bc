using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Issue 13's reproductions through the real engine, one test per break (breaks 1–3: HostileRepositoryTests).</summary>
    public class BreakReproductionTests
    {
        [Fact]
        public void AHugeDurationIsAPositionedErrorAndTheBatchGoesOn()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var ovf = temp.File("ovf.yaml");
            File.WriteAllText(ovf, "schemaVersion: 1\nconnector: slack\nsync:\n  lease: 9999999999999999999999999999d\n");
            var good = temp.File("good.yaml");
            File.Copy(Repo.ExamplePlan, good);
            var result = ps.Run("Import-RolloutPlan $args[0], $args[1]", ovf, good);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("RolloutPlanInvalid,RolloutPlaybook.Commands.ImportRolloutPlanCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("ovf.yaml:4:10", error.ToString());
            Assert.Equal("slack", result.Single<RolloutPlan>().Connector);
        }
    }
}
