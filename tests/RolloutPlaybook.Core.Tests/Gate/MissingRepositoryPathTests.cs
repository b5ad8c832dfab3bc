using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>
    /// SPEC §8, never a Pass over nothing: a configured repository.migrations / repository.envExample entry that names nothing
    /// is a Fail of the rules that read it, at the entry's plan line and key; the other rules still run.
    /// </summary>
    public sealed class MissingRepositoryPathTests : IDisposable
    {
        private static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");
        private readonly string root = Path.Combine(Path.GetTempPath(), "rp-missing-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public MissingRepositoryPathTests()
        {
            foreach (var file in Directory.GetFiles(AppRepo, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, Path.GetRelativePath(AppRepo, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public void Dispose() { try { Directory.Delete(root, true); } catch (IOException) { } }

        /// <summary>The fixture's hubspot plan (212 lines) with these lines appended to its repository: block.</summary>
        private RolloutPlan Hubspot(string lines)
        {
            var plan = Path.Combine(root, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            Assert.Equal(212, File.ReadAllLines(plan).Length);
            File.AppendAllText(plan, lines);
            return PlanFileStore.Load(plan);
        }

        [Fact]
        public void MisspeltMigrationsFolderFailsOneToOneEnforcedAtItsPlanLine()
        {
            // Before: the misspelt folder was read as "no migrations", and the hubspot 1:N links passed over nothing.
            var results = Run(Hubspot("  migrations: [supabase/migratons]\n"), "RP.Map.OneToOneEnforced", root);
            var fail = Assert.Single(results);
            Assert.Equal(GateOutcome.Fail, fail.Outcome);
            Assert.Equal("supabase/migratons", fail.Target);
            Assert.Equal("repository.migrations[0]", fail.PlanKey);
            Assert.Equal(213, fail.PlanLine);
            Assert.StartsWith("repository.migrations[0]: 'supabase/migratons' does not exist in the repository", fail.Message);
            Assert.Equal("src/docs/connectors/hubspot/rollout-plan.yaml:213", fail.Evidence[0]);
            Assert.NotEmpty(fail.Recommendation);
        }

        [Fact]
        public void OneMissingEntryAmongExistingOnesStillFailsAndNoPassIsGiven()
        {
            var results = Run(Hubspot("  migrations: [supabase/migrations, supabase/nope.sql]\n"), "RP.Map.OneToOneEnforced", root);
            var fail = Assert.Single(results);
            Assert.Equal(GateOutcome.Fail, fail.Outcome);
            Assert.Equal("repository.migrations[1]", fail.PlanKey);
            Assert.Equal(213, fail.PlanLine);
        }

        [Fact]
        public void MissingOrFolderEnvExampleFailsEnvMatchAtItsPlanLine()
        {
            Directory.CreateDirectory(Path.Combine(root, "config"));
            var results = Run(Hubspot("  envExample:\n    - .env.exmaple\n    - config\n"), "RP.Docs.EnvMatch", root);
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(GateOutcome.Fail, r.Outcome));
            Assert.Equal(new[] { "repository.envExample[0]", "repository.envExample[1]" }, results.Select(r => r.PlanKey));
            Assert.Equal(new int?[] { 214, 215 }, results.Select(r => r.PlanLine));
            Assert.Contains("'config' is a folder", results[1].Message);
            Assert.DoesNotContain(results, r => r.Message.Contains("no env example file to check"));
        }

        [Fact]
        public void RulesThatDoNotReadTheMissingPathStillRun()
        {
            var plan = Hubspot("  migrations: [supabase/migratons]\n  envExample: [.env.exmaple]\n");
            var all = RunAll(plan, root);
            Assert.Single(all, r => r.RuleId == "RP.Map.OneToOneEnforced");
            Assert.Single(all, r => r.RuleId == "RP.Docs.EnvMatch");
            Assert.Contains(all, r => r.RuleId == "RP.Docs.RoutesMatch");
            Assert.Contains(all, r => r.RuleId == "RP.Docs.MigrationsMatch");
        }
    }
}
