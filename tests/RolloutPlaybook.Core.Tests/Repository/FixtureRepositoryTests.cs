using System.IO;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>The scanners on tests/fixtures/app-repo: the clean slack connector and the planted drift of hubspot (DRIFT.md).</summary>
    public class FixtureRepositoryTests
    {
        private static readonly string Repo = Path.Combine(TestPaths.Fixtures, "app-repo");

        private sealed class Scanned
        {
            public RolloutPlan Plan = null!;
            public RepositoryLayout Layout = null!;
            public RouteInventory Routes = null!;
            public MigrationState Migrations = null!;
            public EnvUsage Env = null!;
        }

        private static Scanned ScanConnector(string connector)
        {
            var plan = PlanFileStore.Load(Path.Combine(Repo, "src/docs/connectors", connector, "rollout-plan.yaml"));
            var layout = RepositoryLayout.For(plan, Repo);
            var routes = RouteInventory.Scan(layout, plan.Routes.Select(r => r.Path));
            return new Scanned { Plan = plan, Layout = layout, Routes = routes, Migrations = MigrationState.Load(layout), Env = EnvUsage.Scan(layout, routes) };
        }

        [Fact]
        public void SlackRoutesMatchThePlanExactly()
        {
            var s = ScanConnector("slack");
            Assert.Equal(s.Plan.Routes.Select(r => r.Path).OrderBy(p => p, System.StringComparer.Ordinal), s.Routes.Routes.Select(r => r.PlanPath));
            foreach (var planned in s.Plan.Routes)
            {
                var route = s.Routes.Find(planned.Path)!;
                Assert.Equal(planned.Methods.OrderBy(m => m), route.Handlers.Select(h => h.Method));
                foreach (var handler in route.Handlers)
                {
                    if (planned.Auth == "cron") Assert.True(handler.ChecksCronSecret, planned.Path);
                    else Assert.True(handler.HasAuthGuard, planned.Path + " " + handler.Method);
                    if (handler.ReadsBody) Assert.True(handler.ValidatesBody, planned.Path + " " + handler.Method);
                }
                foreach (var write in planned.Writes.Where(w => w.Action == WriteAction.Update || w.Action == WriteAction.Ignore))
                {
                    var methods = write.Method.Count > 0 ? write.Method : planned.Methods;
                    var upserts = route.Handlers.Where(h => methods.Contains(h.Method)).SelectMany(h => h.Upserts).Where(u => u.Table == write.Table).ToList();
                    Assert.NotEmpty(upserts);
                    Assert.All(upserts, u => Assert.Equal(write.OnConflict!.Split(','), u.OnConflict));
                    Assert.All(upserts, u => Assert.Equal(write.Action == WriteAction.Ignore, u.IgnoreDuplicates));
                }
                foreach (var write in planned.Writes.Where(w => w.Action == WriteAction.Reject))
                    Assert.All(route.Handlers.Where(h => write.Method.Contains(h.Method)), h => Assert.True(h.Handles23505));
            }
            var cron = s.Routes.Find("/api/cron/slack-sync")!;
            Assert.False(cron.InConnectorFolder);
            Assert.Equal("src/app/api/cron/slack-sync/route.ts", cron.RelativePath);
            var dynamic = s.Routes.Find("/api/slack/sync/channel/[channelId]")!;
            Assert.Equal("src/app/api/slack/sync/channel/[channelId]/route.ts", dynamic.RelativePath);
        }

        [Fact]
        public void MigrationStateIgnoresDecoysAndDownFiles()
        {
            var s = ScanConnector("slack");
            Assert.DoesNotContain(s.Migrations.ForwardFiles, f => f.EndsWith("_down.sql"));
            Assert.Equal(6, s.Migrations.ForwardFiles.Count);
            var oneToOne = s.Migrations.OneToOneIndexes.Single(i => i.Name == "idx_entity_external_ids_one_to_one_sources");
            Assert.Equal(new[] { "bigquery", "slack_user" }, oneToOne.Sources);
            Assert.Equal("supabase/migrations/20260211_slack_one_to_one_index.sql:4", oneToOne.At);
            Assert.DoesNotContain(s.Migrations.OneToOneIndexes, i => i.Sources.Contains("slack_channel"));
            Assert.All(s.Plan.Handoff.Migrations, m => Assert.True(s.Migrations.Exists(m), m));
        }

        [Fact]
        public void SlackEnvReadsAreDocumented()
        {
            var s = ScanConnector("slack");
            Assert.Equal(new[] { "CRON_SECRET", "SLACK_BOT_TOKEN", "SLACK_SYNC_PAGE_CAP" }, s.Env.Names);
            Assert.Equal(s.Env.Names, s.Plan.Handoff.Env.Select(e => e.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.All(s.Plan.Handoff.Env, e => Assert.True(s.Env.EnvExample!.ContainsKey(e.Name), e.Name));
        }

        [Fact]
        public void HubspotDrift1_DocumentedMethodNotExported()
        {
            var route = ScanConnector("hubspot").Routes.Find("/api/hubspot/mappings/owners")!;
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST }, route.Handlers.Select(h => h.Method));
        }

        [Fact]
        public void HubspotDrift2_ExportedMethodNotDocumented()
        {
            var route = ScanConnector("hubspot").Routes.Find("/api/hubspot/mappings/companies")!;
            var patch = route.Handler(RouteMethod.PATCH)!;
            Assert.Equal("src/app/api/hubspot/mappings/companies/route.ts:28", route.At(patch.Line));
            Assert.True(patch.HasAuthGuard && patch.ValidatesBody);
        }

        [Fact]
        public void HubspotDrift3And4_IndexState()
        {
            var indexes = ScanConnector("hubspot").Migrations.OneToOneIndexes;
            Assert.DoesNotContain(indexes, i => i.Sources.Contains("hubspot_owner"));
            var company = indexes.Single(i => i.Sources.Contains("hubspot_company"));
            Assert.Equal("supabase/migrations/20260302_hubspot_company_index.sql:2", company.At);
        }

        [Fact]
        public void HubspotDrift5_OnConflictDiffers()
        {
            var upsert = ScanConnector("hubspot").Routes.Find("/api/hubspot/sync/deals")!.Handler(RouteMethod.POST)!.Upserts.Single();
            Assert.Equal("hubspot_deals", upsert.Table);
            Assert.Equal(new[] { "portal_id", "deal_id" }, upsert.OnConflict);
            Assert.Equal(17, upsert.Line);
        }

        [Fact]
        public void HubspotDrift6_UndocumentedEnvVar()
        {
            var s = ScanConnector("hubspot");
            var undocumented = s.Env.Names.Except(s.Plan.Handoff.Env.Select(e => e.Name)).ToList();
            Assert.Equal(new[] { "HUBSPOT_PORTAL_ID" }, undocumented);
            Assert.Equal("src/lib/hubspot/client.ts:13", s.Env.Reads.Single(r => r.Name == "HUBSPOT_PORTAL_ID").At);
        }

        [Fact]
        public void HubspotDrift7_MissingMigration()
        {
            var s = ScanConnector("hubspot");
            Assert.Equal(new[] { "supabase/migrations/20260303_hubspot_deals.sql" }, s.Plan.Handoff.Migrations.Where(m => !s.Migrations.Exists(m)));
        }

        [Fact]
        public void HubspotEverythingElseHolds()
        {
            var s = ScanConnector("hubspot");
            foreach (var route in s.Routes.Routes)
                foreach (var handler in route.Handlers)
                {
                    Assert.True(route.PlanPath.StartsWith("/api/cron/") ? handler.ChecksCronSecret : handler.HasAuthGuard, route.PlanPath + " " + handler.Method);
                    if (handler.ReadsBody) Assert.True(handler.ValidatesBody);
                }
            Assert.True(s.Routes.Find("/api/hubspot/mappings/owners")!.Handler(RouteMethod.POST)!.Handles23505);
            Assert.Equal(new[] { "company_id" }, s.Routes.Find("/api/cron/hubspot-sync")!.Handler(RouteMethod.GET)!.Upserts.Single().OnConflict);
        }
    }
}
