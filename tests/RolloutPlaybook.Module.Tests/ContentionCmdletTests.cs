using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace RolloutPlaybook.Module.Tests
{
    public class ContentionCmdletTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public ContentionCmdletTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

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

        [Fact]
        public void ConcurrentPathEditsSerialiseInsteadOfFailing()
        {
            // Four runspaces, each adding its own assumptions to one file with -Path at the same time. With the lock taken
            // before the read every edit waits its turn and sees the ones before it: no RolloutPlanChangedOnDisk, nothing lost.
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            const int writers = 4, edits = 15;
            var sessions = new PowerShellSession[writers];
            for (int w = 0; w < writers; w++) sessions[w] = new PowerShellSession();
            var failures = new int[writers];
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using (var start = new System.Threading.Barrier(writers))
            {
                var threads = new System.Threading.Thread[writers];
                for (int w = 0; w < writers; w++)
                {
                    int id = w;
                    threads[w] = new System.Threading.Thread(() =>
                    {
                        start.SignalAndWait();
                        for (int i = 0; i < edits; i++)
                        {
                            var r = sessions[id].Run("Add-RolloutNote -Path $args[0] -Assumption $args[1]", file, "writer " + id + " edit " + i);
                            if (r.AllErrors.Any()) failures[id]++;
                        }
                    });
                    threads[w].Start();
                }
                foreach (var t in threads) t.Join();
            }
            watch.Stop();
            foreach (var s in sessions) s.Dispose();
            var text = File.ReadAllText(file);
            int kept = 0;
            for (int w = 0; w < writers; w++)
                for (int i = 0; i < edits; i++)
                    if (text.Contains("writer " + w + " edit " + i)) kept++;
            output.WriteLine("contention: " + writers + " writers x " + edits + " -Path edits: " + failures.Sum() + " failed, " + kept + " kept, " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal(0, failures.Sum());
            Assert.Equal(writers * edits, kept);
            Assert.Single(Directory.GetFiles(temp.Path));
        }
    }
}
