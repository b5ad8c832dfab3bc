using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>The repository rules on the fixture application (clean slack, hubspot with planted drift; see its DRIFT.md).</summary>
    public class RepositoryRuleTests
    {
        private static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");

        private static RolloutPlan Plan(string connector)
            => PlanFileStore.Load(Path.Combine(AppRepo, "src", "docs", "connectors", connector, "rollout-plan.yaml"));

        [Theory]
        [InlineData("RP.Map.OneToOneEnforced")]
        [InlineData("RP.Map.OnConflictDocumented")]
        [InlineData("RP.Docs.RoutesMatch")]
        [InlineData("RP.Docs.MigrationsMatch")]
        [InlineData("RP.Docs.EnvMatch")]
        public void CleanConnectorPasses(string rule) => Run(Plan("slack"), rule, AppRepo).AllPass();

        [Fact]
        public void OneToOneEnforced_AnIndexKeyedByExternalIdDoesNotCount()
        {
            // Copy the fixture and redefine the 1:1 index on (source, external_id): unique, partial, naming
            // slack_user — but it lets one staff member hold two Slack user ids.
            var root = Path.Combine(Path.GetTempPath(), "rp-idx-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            foreach (var file in Directory.GetFiles(AppRepo, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, Path.GetRelativePath(AppRepo, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            try
            {
                File.WriteAllText(Path.Combine(root, "supabase", "migrations", "20270101_wrong_shape.sql"),
                    "DROP INDEX IF EXISTS idx_entity_external_ids_one_to_one_sources;\n" +
                    "CREATE UNIQUE INDEX idx_external_one ON entity_external_ids (source, external_id) WHERE source IN ('bigquery', 'slack_user');\n");
                var results = Run(Plan("slack"), "RP.Map.OneToOneEnforced", root);
                var r = results.Only("slack_user");
                Assert.Equal(GateOutcome.Fail, r.Outcome);
                Assert.Contains("does not stop one entity from holding two 'slack_user' ids", r.Message);
                Assert.Equal("supabase/migrations/20270101_wrong_shape.sql", r.CodeFile);
                Assert.Equal(2, r.CodeLine);
            }
            finally { Directory.Delete(root, true); }
        }

        [Fact]
        public void OneToOneEnforced_FailsForMissingAndForWronglyIndexedSources()
        {
            var results = Run(Plan("hubspot"), "RP.Map.OneToOneEnforced", AppRepo);
            var owner = results.Only("hubspot_owner");
            Assert.Equal(GateOutcome.Fail, owner.Outcome);
            Assert.Equal("supabase/migrations/20260301_hubspot_companies.sql", owner.CodeFile);
            Assert.Equal(11, owner.CodeLine);
            Assert.Equal(AppRepo, owner.RepositoryRoot);
            var company = results.Only("hubspot_company");
            Assert.Equal(GateOutcome.Fail, company.Outcome);
            Assert.Contains("forbids its second mapping", company.Message);
            Assert.Contains("supabase/migrations/20260302_hubspot_company_index.sql:2", company.Evidence);
        }

        [Theory]
        [InlineData("create index x on t (a) where source = 'slack_user';\n", 1)]
        [InlineData("-- 'slack_user'\n  -- 'slack_user'\nx 'slack_user'\r\ny\r'slack_user' -- z\r\n\r\n", 5)]
        [InlineData("a\r\n\r\n\n\r'slack_user'", 5)]
        [InlineData("\t-- 'slack_user'\n'slack_\nuser'\n-'slack_user'", 4)]
        [InlineData("'slack_users'\n'slack_user\r'", 0)]
        [InlineData("", 0)]
        public void OneToOneEnforced_LastMentionCountsLinesAsReadAllLinesDoes(string text, int expected)
        {
            Assert.Equal(expected, OneToOneEnforcedRule.LastLineNaming(text, "'slack_user'"));
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, text);
                var lines = File.ReadAllLines(file);
                int last = 0;
                for (int i = 0; i < lines.Length; i++)
                    if (!lines[i].TrimStart().StartsWith("--", StringComparison.Ordinal) && lines[i].Contains("'slack_user'")) last = i + 1;
                Assert.Equal(last, expected);
            }
            finally { File.Delete(file); }
        }

        [Theory]
        [InlineData("route exports no GET", "Route exports no GET.")]
        [InlineData("src/app/api/x/route.ts:3 exports PUT", "src/app/api/x/route.ts:3 exports PUT.")]
        [InlineData("slack_user is not enforced.", "slack_user is not enforced.")]
        [InlineData("'x' is quoted", "'x' is quoted.")]
        [InlineData("word then a/b.c_d:'e'", "Word then a/b.c_d:'e'.")]
        [InlineData("single", "Single.")]
        [InlineData("a.b", "a.b.")]
        [InlineData(" leading space/", " leading space/.")]
        [InlineData("", ".")]
        public void SentenceCapitalisesOnlyAPlainFirstWord(string problem, string expected)
            => Assert.Equal(expected, GateContext.Sentence(new[] { problem }));

        [Fact]
        public void OnConflictDocumented_CodeMustAgree()
        {
            var results = Run(Plan("hubspot"), "RP.Map.OnConflictDocumented", AppRepo);
            // One result per write (SPEC §8): the target names the route, methods, op and table.
            var deals = results.Only("/api/hubspot/sync/deals POST upsert hubspot_deals");
            Assert.Equal(GateOutcome.Fail, deals.Outcome);
            Assert.Equal(17, deals.CodeLine);
            Assert.Equal(GateOutcome.Pass, results.Single(r => r.Target.StartsWith("/api/hubspot/mappings/owners POST insert", StringComparison.Ordinal)).Outcome);   // reject + 23505 handled

            var plan = Plan("slack");
            plan.Routes.Single(r => r.Path == "/api/slack/mappings/channels").Writes[0].Action = WriteAction.Ignore;
            var channels = Run(plan, "RP.Map.OnConflictDocumented", AppRepo).Only("/api/slack/mappings/channels POST upsert entity_external_ids (slack_channel)");
            Assert.Equal(GateOutcome.Fail, channels.Outcome);
            Assert.Contains("does not set ignoreDuplicates", channels.Message);
        }

        [Fact]
        public void RoutesMatch_BothDirections()
        {
            var results = Run(Plan("hubspot"), "RP.Docs.RoutesMatch", AppRepo);
            Assert.Contains("exports no DELETE handler", results.Only("/api/hubspot/mappings/owners").Message);
            Assert.Contains("exports PATCH, which the plan does not list", results.Only("/api/hubspot/mappings/companies").Message);

            var plan = Plan("slack");
            plan.Routes.RemoveAll(r => r.Path == "/api/slack/test-connection");
            var unplanned = Run(plan, "RP.Docs.RoutesMatch", AppRepo).Only("/api/slack/test-connection");
            Assert.Equal(GateOutcome.Fail, unplanned.Outcome);
            Assert.Contains("is not in the plan", unplanned.Message);

            // Guards are RP.Api.Guarded's now, one result per handler.
            plan = Plan("slack");
            plan.Routes.Single(r => r.Path == "/api/slack/mappings/staff").Auth = "cron";
            Assert.Equal(GateOutcome.Pass, Run(plan, "RP.Docs.RoutesMatch", AppRepo).Only("/api/slack/mappings/staff").Outcome);
            var guarded = Run(plan, "RP.Api.Guarded", AppRepo).Only("/api/slack/mappings/staff POST");
            Assert.Equal(GateOutcome.Fail, guarded.Outcome);
            Assert.Contains("cron secret", guarded.Message);
        }

        [Fact]
        public void MigrationsMatch()
        {
            var results = Run(Plan("hubspot"), "RP.Docs.MigrationsMatch", AppRepo);
            Assert.Equal(GateOutcome.Fail, results.Only("supabase/migrations/20260303_hubspot_deals.sql").Outcome);
            Assert.Equal(2, results.Count(r => r.Outcome == GateOutcome.Pass));
        }

        [Fact]
        public void EnvMatch_ReadsMustBeInHandoffAndHandoffInEnvExample()
        {
            var results = Run(Plan("hubspot"), "RP.Docs.EnvMatch", AppRepo);
            var portal = results.Only("HUBSPOT_PORTAL_ID");
            Assert.Equal(GateOutcome.Fail, portal.Outcome);
            Assert.Equal("src/lib/hubspot/client.ts", portal.CodeFile);

            var plan = Plan("slack");
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SLACK_NOT_IN_EXAMPLE", Local = ".env.local", Deploy = "Vercel" });
            var missing = Run(plan, "RP.Docs.EnvMatch", AppRepo).Only("SLACK_NOT_IN_EXAMPLE");
            Assert.Equal(GateOutcome.Fail, missing.Outcome);
            Assert.Contains(".env.example", missing.Message);
        }

        [Fact]
        public void RepositoryPathEscapeIsAnErrorBeforeAnyResult()
        {
            var plan = Plan("slack");
            plan.Repository.Migrations = new System.Collections.Generic.List<string> { "../../outside" };
            var ex = Assert.Throws<RolloutException>(() => RunAll(plan, AppRepo));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
        }

        [Fact]
        public void DocumentCurrent_PassesForTheFixtureDocumentRenderedFromThePlan()
        {
            // tests/fixtures/app-repo/src/docs/SLACK-ROLLOUT-PLAN.md is Export-RolloutDocument's output for the fixture plan.
            var r = Assert.Single(Run(Plan("slack"), "RP.Docs.DocumentCurrent", AppRepo));
            Assert.Equal(GateOutcome.Pass, r.Outcome);
            Assert.Equal("src/docs/SLACK-ROLLOUT-PLAN.md", r.Target);
            Assert.Contains("is the rendering of the current plan", r.Message);
        }

        [Fact]
        public void DocumentCurrent_ComparesTheDocumentWithTheRendering()
        {
            var root = Path.Combine(Path.GetTempPath(), "rp-doc-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path.Combine(root, "src", "docs"));
            try
            {
                var plan = Example();
                var engine = new GateEngine(new IGateRule[] { new DocumentCurrentRule(p => "# " + p.Connector + "\n\nbody\n") });
                GateResult Check() => engine.Evaluate(plan, new GateOptions { RepositoryRoot = root, Today = Today }).Single();

                Assert.Contains("does not exist", Check().Message);
                File.WriteAllText(Path.Combine(root, "src", "docs", "SLACK-ROLLOUT-PLAN.md"), "# slack\r\n\r\nbody\r\n");
                Assert.Equal(GateOutcome.Pass, Check().Outcome);
                File.WriteAllText(Path.Combine(root, "src", "docs", "SLACK-ROLLOUT-PLAN.md"), "# slack\n\nold body\n");
                var stale = Check();
                Assert.Equal(GateOutcome.Fail, stale.Outcome);
                Assert.Equal("src/docs/SLACK-ROLLOUT-PLAN.md", stale.CodeFile);
                Assert.Equal(3, stale.CodeLine);
            }
            finally { Directory.Delete(root, true); }
        }
    }
}
