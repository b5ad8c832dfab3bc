using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>The SPEC §8 additions to schemaVersion 1: per-method auth, writes: none, op, new actions, linking point table/key, repository settings.</summary>
    public class PlanFormat8Tests
    {
        private const string File = "plans/slack.yaml";
        private const string Head = "schemaVersion: 1\nconnector: slack\n";

        private static RolloutPlan Load(string yaml) => PlanFileStore.Parse(Encoding.UTF8.GetBytes(Head + yaml), File);

        private static PlanProblem[] Problems(string yaml)
            => Assert.Throws<PlanInvalidException>(() => Load(yaml)).Problems.ToArray();

        private static void AssertRoundTrips(RolloutPlan plan, string expectedYamlPart)
        {
            var yaml = PlanWriter.Write(plan);
            Assert.Contains(expectedYamlPart, yaml);
            var again = PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), null);
            PlanEquality.AssertEqual(plan, again);
            Assert.Equal(yaml, PlanWriter.Write(again));
            var json = PlanWriter.Write(plan, PlanFormat.Json);
            var fromJson = PlanFileStore.Parse(Encoding.UTF8.GetBytes(json), null);
            PlanEquality.AssertEqual(plan, fromJson);
            Assert.Equal(yaml, PlanWriter.Write(fromJson));
        }

        // ---- bad input first -------------------------------------------------------------------

        [Fact]
        public void PerMethodAuthWithAnUnknownMethodIsPositioned()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET, POST]\n    auth: { GET: none, FETCH: admin }\n"));
            Assert.Equal(6, p.Line);
            Assert.Equal(24, p.Column);
            Assert.Equal("routes[0].auth.FETCH", p.KeyPath);
            Assert.Contains("expected a method (\"GET\", \"POST\", \"PUT\", \"PATCH\" or \"DELETE\")", p.Message);
        }

        [Fact]
        public void PerMethodAuthWithoutAValueIsPositioned()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET]\n    auth:\n      GET:\n"));
            Assert.Equal("routes[0].auth.GET", p.KeyPath);
            Assert.Contains("expected the auth of GET", p.Message);
        }

        [Fact]
        public void AuthAsAListIsRefused()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET]\n    auth: [admin, cron]\n"));
            Assert.Equal("routes[0].auth", p.KeyPath);
            Assert.Contains("one per method such as { GET: none, POST: admin }", p.Message);
        }

        [Theory]
        [InlineData("{ table: t, op: upsert, action: update }", "action", "names its conflict target")]
        [InlineData("{ table: t, op: upsert, action: reject, onConflict: a }", "action", "(that is an insert: op: insert)")]
        [InlineData("{ table: t, op: upsert }", "op", "an upsert says what a conflict does")]
        [InlineData("{ table: t, op: insert, action: update }", "action", "op: upsert")]
        [InlineData("{ table: t, op: insert }", "op", "an insert says what a conflict does")]
        [InlineData("{ table: t, op: insert, action: reject, onConflict: a }", "onConflict", "an insert has no conflict target")]
        [InlineData("{ table: t, op: update, action: update }", "action", "an update write takes no action")]
        [InlineData("{ table: t, op: delete, action: delete }", "action", "old spelling of op: delete")]
        [InlineData("{ table: t, op: rpc, onConflict: a }", "onConflict", "a rpc write has no conflict target")]
        [InlineData("{ table: t, action: append, onConflict: a }", "onConflict", "an append insert generates its key")]
        public void WriteEntriesThatContradictTheirOpArePositioned(string entry, string key, string message)
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes:\n      - " + entry + "\n"));
            Assert.Equal("routes[0].writes[0]." + key, p.KeyPath);
            Assert.Equal(File, p.File);
            Assert.Equal(7, p.Line);
            Assert.Contains(message, p.Message);
        }

        [Fact]
        public void UnknownOpListsTheOps()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes:\n      - { table: t, op: merge }\n"));
            Assert.Equal("routes[0].writes[0].op", p.KeyPath);
            Assert.Equal("expected \"insert\", \"upsert\", \"update\", \"delete\" or \"rpc\", got \"merge\"", p.Message);
        }

        [Fact]
        public void WritesAsAnotherWordThanNoneIsRefused()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes: nothing\n"));
            Assert.Equal("routes[0].writes", p.KeyPath);
            Assert.Contains("expected a list", p.Message);
        }

        [Fact]
        public void LinkingPointTableAndKeyGoTogether()
        {
            var problems = Problems("linkingPoints:\n  - source: a\n    table: slack_alert_channels\n  - source: b\n    key: [x]\n  - source: c\n    table: t\n    key: [ok, \"bad col\"]\n");
            Assert.Equal(new[] { "linkingPoints[0].table", "linkingPoints[1].key", "linkingPoints[2].key[1]" }, problems.Select(p => p.KeyPath).ToArray());
            Assert.Equal(5, problems[0].Line);
            Assert.Contains("also names its key columns", problems[0].Message);
            Assert.Contains("add table:", problems[1].Message);
            Assert.Contains("expected a column name", problems[2].Message);
        }

        [Fact]
        public void RepositorySettingsArePositioned()
        {
            var problems = Problems("repository:\n  routeBase: api\n  identityTable: \"drop table\"\n  documentName: docs/X.md\n  guards:\n    session: [\"(unclosed\"]\n    \"bad key\": [x]\n  validators: [\"[z-a]\"]\n");
            var byKey = problems.ToDictionary(p => p.KeyPath);
            Assert.Contains("a URL path starting with /", byKey["repository.routeBase"].Message);
            Assert.Equal(4, byKey["repository.routeBase"].Line);
            Assert.Contains("a table name", byKey["repository.identityTable"].Message);
            Assert.Contains("a file name without folders", byKey["repository.documentName"].Message);
            Assert.Contains("not a valid name or regex", byKey["repository.guards.session[0]"].Message);
            Assert.Equal(8, byKey["repository.guards.session[0]"].Line);
            Assert.Contains("expected an auth value", byKey["repository.guards.bad key"].Message);
            Assert.Contains("not a valid name or regex", byKey["repository.validators[0]"].Message);
            Assert.Equal(10, byKey["repository.validators[0]"].Line);
        }

        [Fact]
        public void GuardsMustBeAMapping()
        {
            var p = Assert.Single(Problems("repository:\n  guards: [authenticate]\n"));
            Assert.Equal("repository.guards", p.KeyPath);
            Assert.Contains("expected a mapping of auth values to helper names", p.Message);
        }

        // ---- what they mean and how they are written ---------------------------------------------

        [Fact]
        public void PerMethodAuthAnswersPerMethod()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST, DELETE]\n    auth: { get: none, POST: admin }\n");
            var auth = plan.Routes[0].Auth!;
            Assert.True(auth.IsPerMethod);
            Assert.Equal("none", auth.For(RouteMethod.GET));
            Assert.Equal("admin", auth.For(RouteMethod.POST));
            Assert.Null(auth.For(RouteMethod.DELETE));
            Assert.Equal("GET: none, POST: admin", auth.ToString());
            AssertRoundTrips(plan, "    auth: { GET: none, POST: admin }\n");
        }

        [Fact]
        public void OneAuthStandsForEveryMethodAndStillComparesAsText()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST]\n    auth: admin\n");
            var auth = plan.Routes[0].Auth!;
            Assert.False(auth.IsPerMethod);
            Assert.Equal("admin", auth.For(RouteMethod.GET));
            Assert.True(auth == "admin");
            Assert.False(auth == "cron");
            AssertRoundTrips(plan, "    auth: admin\n");
        }

        [Fact]
        public void WritesNoneLoadsAsAFlagAndIsWrittenBack()
        {
            var plan = Load("routes:\n  - path: /api/slack/test\n    methods: [POST]\n    writes: None\n");
            Assert.True(plan.Routes[0].NoWrites);
            Assert.Empty(plan.Routes[0].Writes);
            AssertRoundTrips(plan, "    writes: none\n");
        }

        [Fact]
        public void OpAndTheNewActionsLoadAndOldActionsImplyTheirOp()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST, PATCH, DELETE]\n    writes:\n" +
                "      - { table: audit_log, method: GET, op: insert, action: append }\n" +
                "      - { table: slack_alerts, method: POST, op: insert, action: ignore }\n" +
                "      - { table: slack_settings, method: PATCH, op: update }\n" +
                "      - { table: refresh_stats, method: POST, op: rpc }\n" +
                "      - { table: entity_external_ids, source: slack_user, method: DELETE, action: delete }\n" +
                "      - { table: entity_external_ids, method: POST, action: update, onConflict: \"source,external_id\" }\n" +
                "      - { table: entity_external_ids, method: POST, action: reject }\n");
            var w = plan.Routes[0].Writes;
            Assert.Equal(new WriteOp?[] { WriteOp.Insert, WriteOp.Insert, WriteOp.Update, WriteOp.Rpc, WriteOp.Delete, WriteOp.Upsert, WriteOp.Insert }, w.Select(x => x.EffectiveOp).ToArray());
            Assert.Equal(new[] { RouteMethod.GET }, w[0].Method);
            Assert.Equal(WriteAction.Append, w[0].Action);
            Assert.Null(w[4].Op);                          // an old plan's delete stays as written
            Assert.Equal(WriteAction.Delete, w[4].Action);
            AssertRoundTrips(plan, "      - table: audit_log\n        method: GET\n        op: insert\n        action: append\n");
            Assert.Contains("        action: delete\n", PlanWriter.Write(plan));
        }

        [Fact]
        public void LinkingPointTableAndKeyRoundTrip()
        {
            var plan = Load("linkingPoints:\n  - source: slack_alert\n    cardinality: \"1:1\"\n    table: slack_alert_channels\n    key: [slack_connection_id, alert_type]\n");
            Assert.Equal("slack_alert_channels", plan.LinkingPoints[0].Table);
            Assert.Equal(new[] { "slack_connection_id", "alert_type" }, plan.LinkingPoints[0].Key);
            AssertRoundTrips(plan, "    table: slack_alert_channels\n    key: [slack_connection_id, alert_type]\n");
        }

        [Fact]
        public void RepositorySettingsLoadAndRoundTrip()
        {
            var plan = Load("repository:\n  routes: app/api\n  migrations: [supabase/migrations, db/extra/001_init.sql]\n  routeBase: /api/integrations\n" +
                "  connectorRoutes: [app/api/integrations/slack]\n  pages: pages/api\n  envExample: [env.example]\n  identityTable: external_links\n" +
                "  documentName: SLACK.md\n  guards:\n    signature: verifySlackRequest\n    session: [authenticate, withRLSContext]\n" +
                "  validators: [validateBody, \"^check[A-Z]\\\\w+$\"]\n  cronSecrets: [CRON_SECRET_TOKEN]\n");
            var r = plan.Repository;
            Assert.Equal(new[] { "supabase/migrations", "db/extra/001_init.sql" }, r.Migrations);
            Assert.Equal("/api/integrations", r.RouteBase);
            Assert.Equal(new[] { "app/api/integrations/slack" }, r.ConnectorRoutes);
            Assert.Equal("pages/api", r.Pages);
            Assert.Equal(new[] { "env.example" }, r.EnvExample);
            Assert.Equal("external_links", r.IdentityTable);
            Assert.Equal("SLACK.md", r.DocumentName);
            Assert.Equal(new[] { "session", "signature" }, r.Guards.Keys.ToArray());
            Assert.Equal(new[] { "verifySlackRequest" }, r.Guards["signature"]);
            Assert.Equal(new[] { "authenticate", "withRLSContext" }, r.Guards["session"]);
            Assert.Equal(new[] { "CRON_SECRET_TOKEN" }, r.CronSecrets);
            AssertRoundTrips(plan, "  guards:\n    session: [authenticate, withRLSContext]\n    signature: [verifySlackRequest]\n");
        }

        [Fact]
        public void OneMigrationsEntryIsStillWrittenAsOneValue()
        {
            var plan = Load("repository:\n  migrations: db/migrations\n");
            Assert.Equal(new[] { "db/migrations" }, plan.Repository.Migrations);
            Assert.Contains("  migrations: db/migrations\n", PlanWriter.Write(plan));
        }

        [Fact]
        public void NamePatternsTellNamesFromRegexes()
        {
            Assert.True(PlanNamePatterns.IsPlainName("auth.verify"));
            Assert.False(PlanNamePatterns.IsPlainName("verify(Slack|Teams)"));
            Assert.Matches(PlanNamePatterns.ToRegex("authenticate"), "const u = await authenticate(request)");
            Assert.DoesNotMatch(PlanNamePatterns.ToRegex("authenticate"), "const u = await reauthenticate(request)");
            Assert.DoesNotMatch(PlanNamePatterns.ToRegex("authenticate"), "// authenticate is done upstream");
            Assert.Matches(PlanNamePatterns.ToRegex("verify(Slack|Teams)Request"), "verifyTeamsRequest(sig)");
        }
    }
}
