using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using static RolloutPlaybook.Core.Tests.PlanFiles.PlanKeyTestKit;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>The plan's <c>repository</c> settings (SPEC §8): positioned errors, load, round-trip, names versus patterns.</summary>
    public class RepositoryKeysTests
    {
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
