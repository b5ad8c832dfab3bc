using System;
using System.IO;
using System.Linq;
using System.Threading;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>Writers racing on one plan file: never a torn or mixed file, and the loser is told, not silently overwritten.</summary>
    [Collection("PlanFileStore hooks")]
    public sealed class ContentionTests : IDisposable
    {
        private readonly string dir = Path.Combine(Path.GetTempPath(), "rp-contention-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public ContentionTests() { Directory.CreateDirectory(dir); }

        public void Dispose()
        {
            PlanFileStore.BeforeReplace = null;
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }

        [Fact]
        public void TwoWritersOfTheSamePlanFile_OneWinsTheOtherGetsChangedOnDisk()
        {
            var file = Path.Combine(dir, "plan.yaml");
            File.Copy(TestPaths.ExamplePlan, file);
            for (int round = 0; round < 40; round++)
            {
                var a = PlanFileStore.Load(file);
                var b = PlanFileStore.Load(file);
                a.DisplayName = "written by A in round " + round;
                b.DisplayName = "written by B in round " + round;
                b.LinkingPoints.Add(new LinkingPoint { Source = "b_only_" + round, Entity = "staff", Cardinality = Cardinality.OneToOne });
                // Written back to its own file, the plan keeps the file's first line (the example's schema reference).
                var expectedA = PlanWriter.WriteBytes(a, PlanFormat.Yaml, TestPaths.ExampleSchemaReference);
                var expectedB = PlanWriter.WriteBytes(b, PlanFormat.Yaml, TestPaths.ExampleSchemaReference);

                using var start = new Barrier(2);
                Exception? Save(RolloutPlan plan)
                {
                    start.SignalAndWait();
                    try { PlanFileStore.Save(plan, file); return null; }
                    catch (RolloutException ex) { return ex; }
                }
                var results = new Exception?[2];
                var threads = new[] { new Thread(() => results[0] = Save(a)), new Thread(() => results[1] = Save(b)) };
                foreach (var t in threads) t.Start();
                foreach (var t in threads) t.Join();

                var failures = results.Where(r => r != null).Cast<RolloutException>().ToArray();
                var failure = Assert.Single(failures);
                Assert.Equal("RolloutPlanChangedOnDisk", failure.ErrorId);
                var written = File.ReadAllBytes(file);
                Assert.Equal(results[0] == null ? expectedA : expectedB, written);
                Assert.Equal(new[] { "plan.yaml" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());
            }
        }

        [Fact]
        public void AWriteInterruptedBeforeTheRenameLeavesTheOldFileAndNoTemporaryFile()
        {
            var file = Path.Combine(dir, "plan.yaml");
            File.Copy(TestPaths.ExamplePlan, file);
            var before = File.ReadAllBytes(file);
            var plan = PlanFileStore.Load(file);
            plan.DisplayName = "never written";
            string? tempSeen = null;
            PlanFileStore.BeforeReplace = temp => { tempSeen = temp; throw new IOException("simulated crash between write and rename"); };
            var ex = Assert.Throws<RolloutException>(() => PlanFileStore.Save(plan, file));
            Assert.Equal("RolloutPlanWriteFailed", ex.ErrorId);
            Assert.NotNull(tempSeen);
            Assert.Equal(before, File.ReadAllBytes(file));
            Assert.Equal(new[] { "plan.yaml" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());

            // The plan still belongs to its file: once the fault is gone, the same plan saves.
            PlanFileStore.BeforeReplace = null;
            PlanFileStore.Save(plan, file);
            Assert.Contains("displayName: never written", File.ReadAllText(file));
        }

        [Fact]
        public void AnUnexpectedFaultAlsoCleansUp()
        {
            var file = Path.Combine(dir, "new.yaml");
            PlanFileStore.BeforeReplace = _ => throw new InvalidOperationException("not an IO fault");
            Assert.Throws<InvalidOperationException>(() => PlanFileStore.Save(new RolloutPlan { Connector = "x" }, file));
            Assert.Empty(Directory.GetFiles(dir));
        }
    }

    [CollectionDefinition("PlanFileStore hooks", DisableParallelization = true)]
    public sealed class PlanFileStoreHooks { }
}
