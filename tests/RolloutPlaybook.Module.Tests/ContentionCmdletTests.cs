using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace RolloutPlaybook.Module.Tests
{
    public class ContentionCmdletTests
    {
        [Fact]
        public void TwoRunspacesExportingTheSamePlan_TheLoserGetsChangedOnDisk()
        {
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            using var one = new PowerShellSession();
            using var two = new PowerShellSession();
            for (int round = 0; round < 5; round++)
            {
                one.Run("$global:p = Import-RolloutPlan $args[0]; $p.DisplayName = 'one ' + $args[1]", file, round).AssertNoErrors();
                two.Run("$global:p = Import-RolloutPlan $args[0]; $p.DisplayName = 'two ' + $args[1]", file, round).AssertNoErrors();
                var results = new ScriptResult[2];
                using var start = new Barrier(2);
                var threads = new[]
                {
                    new Thread(() => { start.SignalAndWait(); results[0] = one.Run("$p | Export-RolloutPlan"); }),
                    new Thread(() => { start.SignalAndWait(); results[1] = two.Run("$p | Export-RolloutPlan"); }),
                };
                foreach (var t in threads) t.Start();
                foreach (var t in threads) t.Join();
                var errors = results.SelectMany(r => r.AllErrors).ToList();
                var error = Assert.Single(errors);
                Assert.StartsWith("RolloutPlanChangedOnDisk,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
                var winner = results[0].AllErrors.Any() ? "two " : "one ";
                Assert.Contains("displayName: " + winner + round, File.ReadAllText(file));
                Assert.Single(Directory.GetFiles(temp.Path));
            }
        }
    }
}
