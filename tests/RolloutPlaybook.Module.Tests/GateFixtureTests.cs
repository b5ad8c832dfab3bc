using System.IO;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The gate on the fixture application repository (tests/fixtures/app-repo, see its DRIFT.md).</summary>
    public class GateFixtureTests
    {
        private static string AppRepo => Path.Combine(Repo.Fixtures, "app-repo");
        private static string PlanOf(string connector) => Path.Combine(AppRepo, "src", "docs", "connectors", connector, "rollout-plan.yaml");

        [Fact]
        public void CleanConnectorHasNoFail()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1]", PlanOf("slack"), AppRepo);
            result.AssertNoErrors();
            var results = result.Output.Select(o => (GateResult)o.BaseObject).ToList();
            Assert.DoesNotContain(results, r => r.Outcome == GateOutcome.Fail);
            // The repository rules really ran: they pass with code evidence, not skip.
            foreach (var rule in new[] { "RP.Map.OneToOneEnforced", "RP.Docs.RoutesMatch", "RP.Docs.MigrationsMatch", "RP.Docs.EnvMatch", "RP.Map.OnConflictDocumented" })
                Assert.Contains(results, r => r.RuleId == rule && r.Outcome == GateOutcome.Pass);
            Assert.Contains(results, r => r.RuleId == "RP.Map.OneToOneEnforced" && r.Target == "slack_user"
                && r.Evidence.Contains("supabase/migrations/20260211_slack_one_to_one_index.sql:4"));
            Assert.Contains(results, r => r.RuleId == "RP.Docs.RoutesMatch" && r.Target == "/api/cron/slack-sync" && r.Outcome == GateOutcome.Pass);
        }

        [Theory]
        [InlineData("RP.Docs.RoutesMatch", "/api/hubspot/mappings/owners", "src/app/api/hubspot/mappings/owners/route.ts", 1, "DELETE")]
        [InlineData("RP.Docs.RoutesMatch", "/api/hubspot/mappings/companies", "src/app/api/hubspot/mappings/companies/route.ts", 28, "PATCH")]
        [InlineData("RP.Map.OneToOneEnforced", "hubspot_owner", "supabase/migrations/20260301_hubspot_companies.sql", 11, "not enforced")]
        [InlineData("RP.Map.OneToOneEnforced", "hubspot_company", "supabase/migrations/20260302_hubspot_company_index.sql", 2, "forbids its second mapping")]
        [InlineData("RP.Map.OnConflictDocumented", "/api/hubspot/sync/deals POST upsert hubspot_deals", "src/app/api/hubspot/sync/deals/route.ts", 17, "'portal_id,deal_id'")]
        [InlineData("RP.Docs.EnvMatch", "HUBSPOT_PORTAL_ID", "src/lib/hubspot/client.ts", 13, "HUBSPOT_PORTAL_ID")]
        public void EachPlantedCodeDriftIsOneFailNamingItsFileAndLine(string rule, string target, string file, int line, string words)
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Rule $args[2]", PlanOf("hubspot"), AppRepo, rule);
            result.AssertNoErrors();
            var fails = result.Output.Select(o => (GateResult)o.BaseObject).Where(r => r.Outcome == GateOutcome.Fail && r.Target == target).ToList();
            var fail = Assert.Single(fails);
            Assert.Equal(file, fail.CodeFile);
            Assert.Equal(line, fail.CodeLine);
            Assert.Contains(words, fail.Message);
            Assert.Contains(file + ":" + line, fail.Evidence.Concat(new[] { fail.Message }).Aggregate((a, b) => a + " " + b) + " " + file + ":" + fail.CodeLine);
            Assert.NotEmpty(fail.Recommendation);
        }

        [Fact]
        public void PlantedMissingMigrationIsOneFailAtItsPlanLine()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Rule RP.Docs.MigrationsMatch", PlanOf("hubspot"), AppRepo);
            var fail = Assert.Single(result.Output.Select(o => (GateResult)o.BaseObject), r => r.Outcome == GateOutcome.Fail);
            Assert.Equal("supabase/migrations/20260303_hubspot_deals.sql", fail.Target);
            Assert.Equal(PlanOf("hubspot"), fail.PlanFile);
            Assert.Equal(201, fail.PlanLine);
        }

        [Fact]
        public void WithoutPathTheRepositorysOwnPlansAreCheckedWhereverTheScriptRuns()
        {
            using var ps = new PowerShellSession();
            using var elsewhere = new TempFolder();
            ps.SetLocation(elsewhere.Path);
            var result = ps.Run("Test-RolloutGate -RepositoryPath $args[0]", AppRepo);
            result.AssertNoErrors();
            var connectors = result.Output.Select(o => (string)o.Properties["Connector"].Value).Distinct().OrderBy(c => c, System.StringComparer.Ordinal);
            Assert.Equal(new[] { "hubspot", "slack" }, connectors);
            // Evidence names plan files relative to the repository, like code files.
            var evidence = result.Output.SelectMany(o => (System.Collections.Generic.IEnumerable<string>)o.Properties["Evidence"].Value).ToList();
            Assert.Contains(evidence, e => e.StartsWith("src/docs/connectors/slack/rollout-plan.yaml:", System.StringComparison.Ordinal));
            Assert.DoesNotContain(evidence, e => e.StartsWith(AppRepo, System.StringComparison.Ordinal));
        }

        [Fact]
        public void HubspotHasExactlyThePlantedFailsAndQuietIsFalse()
        {
            using var ps = new PowerShellSession();
            ps.SetLocation(AppRepo);
            var result = ps.Run("Test-RolloutGate -RepositoryPath . | Where-Object Outcome -eq 'Fail' | ForEach-Object { $_.Connector + ' ' + $_.RuleId + ' ' + $_.Target }");
            result.AssertNoErrors();
            Assert.Equal(new[]
            {
                "hubspot RP.Docs.EnvMatch HUBSPOT_PORTAL_ID",
                "hubspot RP.Docs.MigrationsMatch supabase/migrations/20260303_hubspot_deals.sql",
                "hubspot RP.Docs.RoutesMatch /api/hubspot/mappings/companies",
                "hubspot RP.Docs.RoutesMatch /api/hubspot/mappings/owners",
                "hubspot RP.Map.OnConflictDocumented /api/hubspot/sync/deals POST upsert hubspot_deals",
                "hubspot RP.Map.OneToOneEnforced hubspot_company",
                "hubspot RP.Map.OneToOneEnforced hubspot_owner",
            }, result.Output.Select(o => (string)o.BaseObject).OrderBy(x => x, System.StringComparer.Ordinal));
            var quiet = ps.Run("Test-RolloutGate -RepositoryPath . -Quiet");
            Assert.False(quiet.Single<bool>());
            var slackOnly = ps.Run("Test-RolloutGate -Path src/docs/connectors/slack/rollout-plan.yaml -RepositoryPath . -Quiet");
            Assert.True(slackOnly.Single<bool>());
        }

        [Fact]
        public void SarifPointsAtTheCodeFileOfARepositoryFinding()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var sarif = temp.File("gate.sarif");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Rule RP.Docs.EnvMatch -OutputFormat Sarif -OutputPath $args[2] | Out-Null", PlanOf("hubspot"), AppRepo, sarif);
            result.AssertNoErrors();
            var text = File.ReadAllText(sarif);
            Assert.Contains("\"uri\": \"src/lib/hubspot/client.ts\"", text);
            Assert.Contains("\"startLine\": 13", text);
        }
    }
}
