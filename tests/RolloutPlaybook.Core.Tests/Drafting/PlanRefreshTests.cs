using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Tests.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>Update-RolloutPlan's core: what a refresh adds, reports, prunes, and what it never touches.</summary>
    public class PlanRefreshTests
    {
        private static string AppRepo => FixtureDraftTests.AppRepo;

        private static PlanRefresh Refresh(RolloutPlan plan, bool prune = false, string? repo = null)
            => PlanRefresh.Compute(plan, CodeFactsReader.Read(plan, repo ?? AppRepo), prune);

        private static RolloutPlan Reload(RolloutPlan plan) => PlanFileStore.ParseText(PlanWriter.Write(plan));

        [Theory]
        [InlineData("slack")]
        [InlineData("hubspot")]
        public void ACurrentPlanChangesNothing(string connector)
        {
            var plan = Reload(FixtureDraftTests.Draft(connector).Plan);
            var before = PlanWriter.WriteBytes(plan);
            var refresh = Refresh(plan);
            Assert.False(refresh.ChangesPlan);
            Assert.DoesNotContain(refresh.Changes, c => c.Kind == PlanChangeKind.Added || c.Kind == PlanChangeKind.Removed);
            refresh.Apply();
            Assert.Equal(before, PlanWriter.WriteBytes(plan));
        }

        [Fact]
        public void APlanOneRouteOneMethodOneEnvVarAndOneWriteBehindGetsExactlyThoseFour()
        {
            var current = FixtureDraftTests.Draft("slack").Plan;
            var plan = Reload(current);
            plan.Routes.RemoveAll(r => r.Path == "/api/slack/test-connection");
            plan.Routes.Single(r => r.Path == "/api/slack/mappings/staff").Methods.Remove(RouteMethod.DELETE);
            plan.Handoff.Env.RemoveAll(e => e.Name == "SLACK_SYNC_PAGE_CAP");
            plan.Routes.Single(r => r.Path == "/api/slack/mappings/channels").Writes.Clear();

            var refresh = Refresh(plan);
            var changes = refresh.Changes;
            Assert.Equal(4, changes.Count);
            Assert.All(changes, c => Assert.Equal(PlanChangeKind.Added, c.Kind));
            // In plan order: the channels route's write, the staff route's method, then the new route, then the env var.
            Assert.Equal(new[] { PlanItemKind.Write, PlanItemKind.Method, PlanItemKind.Route, PlanItemKind.EnvVar }, changes.Select(c => c.Item));
            Assert.Equal("src/app/api/slack/mappings/channels/route.ts:35", changes[0].Code);
            Assert.Equal("DELETE /api/slack/mappings/staff", changes[1].Target);
            Assert.Equal("src/app/api/slack/mappings/staff/route.ts:53", changes[1].Code);
            Assert.Equal("/api/slack/test-connection", changes[2].Target);
            Assert.Equal("src/lib/slack/sync.ts:4", changes[3].Code);
            Assert.All(changes, c => Assert.False(c.Applied));

            refresh.Apply();
            Assert.All(changes, c => Assert.True(c.Applied));
            // The plan now says what the draft says (the new route is appended: compare as sets).
            Assert.Equal(current.Routes.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), plan.Routes.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal));
            foreach (var route in current.Routes)
            {
                var got = plan.Routes.Single(r => r.Path == route.Path);
                Assert.Equal(route.Methods, got.Methods);
                Assert.Equal(PlanWriter.Write(new RolloutPlan { Connector = "x", Routes = { route } }), PlanWriter.Write(new RolloutPlan { Connector = "x", Routes = { got } }));
            }
            Assert.Equal(current.Handoff.Env.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal), plan.Handoff.Env.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(current.Assumptions.OrderBy(a => a, StringComparer.Ordinal), plan.Assumptions.OrderBy(a => a, StringComparer.Ordinal));

            // Refreshed once, the plan is current.
            Assert.False(Refresh(Reload(plan)).ChangesPlan);
        }

        [Fact]
        public void WhatTheCodeNoLongerHasIsReportedAndRemovedOnlyWithPrune()
        {
            RolloutPlan Stale()
            {
                var plan = Reload(FixtureDraftTests.Draft("slack").Plan);
                plan.Routes.Add(new RolloutRoute { Path = "/api/slack/legacy", Methods = { RouteMethod.GET }, Auth = "admin" });
                plan.Routes.Single(r => r.Path == "/api/slack/mappings/channels").Methods.Add(RouteMethod.PUT);
                plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SLACK_LEGACY_URL" });
                plan.Handoff.Migrations.Add("supabase/migrations/20250101_slack_gone.sql");
                plan.LinkingPoints.Add(new LinkingPoint { Source = "slack_team", Cardinality = Cardinality.OneToMany });
                plan.Routes.Single(r => r.Path == "/api/slack/sync/channel/[channelId]").Writes.Add(new RouteWrite { Table = "slack_channels", Action = WriteAction.Update, OnConflict = "id" });
                return plan;
            }

            var kept = Stale();
            var before = PlanWriter.WriteBytes(kept);
            var report = Refresh(kept);
            Assert.Equal(6, report.Changes.Count);
            Assert.All(report.Changes, c => { Assert.Equal(PlanChangeKind.NotInCode, c.Kind); Assert.Null(c.Code); Assert.Contains("-Prune", c.Message); });
            Assert.Equal(new[] { "PUT /api/slack/mappings/channels", "/api/slack/sync/channel/[channelId] slack_channels", "/api/slack/legacy", "slack_team", "SLACK_LEGACY_URL", "supabase/migrations/20250101_slack_gone.sql" },
                report.Changes.Select(c => c.Target));
            Assert.False(report.ChangesPlan);
            report.Apply();
            Assert.Equal(before, PlanWriter.WriteBytes(kept));

            var pruned = Stale();
            var prune = Refresh(pruned, prune: true);
            Assert.All(prune.Changes, c => Assert.Equal(PlanChangeKind.Removed, c.Kind));
            prune.Apply();
            Assert.Equal(PlanWriter.Write(FixtureDraftTests.Draft("slack").Plan), PlanWriter.Write(pruned));
        }

        [Fact]
        public void APrunedRouteTakesItsDraftedAssumptionsWithItAndLeavesHandWrittenOnes()
        {
            var repo = Path.Combine(Path.GetTempPath(), "rp-prune-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            try
            {
                CopyTree(AppRepo, repo);
                var plan = Reload(FixtureDraftTests.Draft("slack", repo).Plan);
                const string gone = "/api/slack/mappings/staff";
                plan.Assumptions.Add("Hand-written: " + gone + " stays admin-only.");
                bool AboutGone(string a) => a.StartsWith(PlanDrafter.AssumptionPrefix, StringComparison.Ordinal) && a.Split(' ').Any(w => w.TrimEnd('.', ',') == gone);
                Assert.Contains(plan.Assumptions, AboutGone);
                File.Delete(Path.Combine(repo, "src", "app", "api", "slack", "mappings", "staff", "route.ts"));

                var kept = Reload(plan);
                Refresh(kept, repo: repo).Apply();
                Assert.Contains(kept.Routes, r => r.Path == gone);
                Assert.Contains(kept.Assumptions, AboutGone);

                var pruned = Reload(plan);
                var refresh = Refresh(pruned, prune: true, repo: repo);
                Assert.Contains(refresh.Changes, c => c.Kind == PlanChangeKind.Removed && c.Item == PlanItemKind.Route && c.Target == gone);
                refresh.Apply();
                Assert.DoesNotContain(pruned.Routes, r => r.Path == gone);
                Assert.DoesNotContain(pruned.Assumptions, AboutGone);
                Assert.Contains("Hand-written: " + gone + " stays admin-only.", pruned.Assumptions);
                // Every assumption that went is about an item the refresh removed (the route, or what only it wrote or read).
                var removed = refresh.Changes.Where(c => c.Kind == PlanChangeKind.Removed).ToList();
                Assert.All(plan.Assumptions.Except(pruned.Assumptions), a => Assert.Contains(removed, c => PlanDrafter.IsAssumptionAbout(a, c.Item, c.Target)));
            }
            finally
            {
                try { Directory.Delete(repo, true); } catch (IOException) { }
            }
        }

        [Theory]
        [InlineData("From code: route /api/x is src/app/api/x/route.ts:1.", PlanItemKind.Route, "/api/x", true)]
        [InlineData("From code: GET, POST /api/x upserts t source s at a.ts:3.", PlanItemKind.Route, "/api/x", true)]
        [InlineData("From code: route /api/x/y is src/app/api/x/y/route.ts:1.", PlanItemKind.Route, "/api/x", false)]
        [InlineData("route /api/x is src/app/api/x/route.ts:1.", PlanItemKind.Route, "/api/x", false)]
        [InlineData("From code: POST /api/x is exported at a.ts:2; no auth guard found.", PlanItemKind.Method, "POST /api/x", true)]
        [InlineData("From code: POST /api/x is exported at a.ts:2; no auth guard found.", PlanItemKind.Method, "GET /api/x", false)]
        [InlineData("From code: GET, POST /api/x upserts t source s at a.ts:3.", PlanItemKind.Write, "/api/x t", true)]
        [InlineData("From code: GET, POST /api/x upserts t2 at a.ts:3.", PlanItemKind.Write, "/api/x t", false)]
        [InlineData("From code: env var X_TOKEN (secret by its name) is read at a.ts:1.", PlanItemKind.EnvVar, "X_TOKEN", true)]
        [InlineData("From code: env var X_TOKEN_2 is read at a.ts:1.", PlanItemKind.EnvVar, "X_TOKEN", false)]
        [InlineData("From code: linking point x_user -> staff is written to entity_external_ids at a.ts:4; 1:1.", PlanItemKind.LinkingPoint, "x_user", true)]
        [InlineData("From code: migration m/1.sql creates t (m/1.sql:1).", PlanItemKind.Migration, "m/1.sql", true)]
        public void DraftedAssumptionsAreMatchedToTheirItemsOnly(string assumption, PlanItemKind kind, string target, bool about)
            => Assert.Equal(about, PlanDrafter.IsAssumptionAbout(assumption, kind, target));

        private static void CopyTree(string from, string to)
        {
            foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }

        [Fact]
        public void HandWrittenTextIsNeverRewrittenAndDisagreementsAreReported()
        {
            var path = Path.Combine(AppRepo, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            var plan = PlanFileStore.Load(path);
            var texts = plan.LinkingPoints.Select(lp => lp.Purpose + "|" + lp.Remap + "|" + lp.ExternalId).ToList();
            var evidence = plan.Phases.All().SelectMany(p => p.Value.Checks).Select(c => c.Evidence).ToList();
            var refresh = Refresh(plan);
            // The deals upsert's conflict target differs (planted drift 5): reported, not rewritten.
            var differs = Assert.Single(refresh.Changes, c => c.Kind == PlanChangeKind.Differs);
            Assert.Equal(PlanItemKind.Write, differs.Item);
            Assert.Equal("src/app/api/hubspot/sync/deals/route.ts:17", differs.Code);
            Assert.Contains("portal_id,deal_id", differs.Message);
            refresh.Apply();
            Assert.Equal("deal_id", plan.Routes.Single(r => r.Path == "/api/hubspot/sync/deals").Writes.Single().OnConflict);
            Assert.Equal(texts, plan.LinkingPoints.Select(lp => lp.Purpose + "|" + lp.Remap + "|" + lp.ExternalId));
            Assert.Equal(evidence, plan.Phases.All().SelectMany(p => p.Value.Checks).Select(c => c.Evidence));
            // The planted drifts in the code's favour were added: the PATCH method, its write, the env var.
            Assert.Contains(refresh.Changes, c => c.Kind == PlanChangeKind.Added && c.Target == "PATCH /api/hubspot/mappings/companies");
            Assert.Contains(refresh.Changes, c => c.Kind == PlanChangeKind.Added && c.Target == "HUBSPOT_PORTAL_ID");
            Assert.Contains(refresh.Changes, c => c.Kind == PlanChangeKind.NotInCode && c.Target == "DELETE /api/hubspot/mappings/owners");
        }

        [Fact]
        public void ASeedWithOnlyConnectorAndRepositoryLayoutIsFilledFromTheCode()
        {
            using var repo = new TempRepo();
            repo.File("app/api/acme/items/route.ts",
                "import { requireRole } from '@/lib/auth';\n" +
                "export async function GET() {\n  await requireRole('staff');\n  return Response.json([]);\n}\n")
                .File("db/migrations/001_acme_items.sql", "create table acme_items (id text primary key);\n")
                .File("lib/acme.ts", "export const token = process.env.ACME_API_KEY;\n");
            var seed = PlanFileStore.ParseText("schemaVersion: 1\nconnector: acme\nrepository: { routes: app/api, migrations: db/migrations, code: [lib/acme.ts] }\n");
            var refresh = Refresh(seed, repo: repo.Root);
            Assert.Equal(new[] { PlanItemKind.Route, PlanItemKind.EnvVar, PlanItemKind.Migration }, refresh.Changes.Select(c => c.Item));
            refresh.Apply();
            var route = Assert.Single(seed.Routes);
            Assert.Equal("/api/acme/items", route.Path);
            Assert.Equal("staff", route.Auth);
            Assert.True(Assert.Single(seed.Handoff.Env).Secret);
            Assert.Equal("db/migrations/001_acme_items.sql", Assert.Single(seed.Handoff.Migrations));
            Assert.Equal("app/api", seed.Repository.Routes);
        }

        [Fact]
        public void AMissingRepositoryIsAClearError()
        {
            var ex = Assert.Throws<RolloutException>(() => CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, Path.Combine(AppRepo, "no-such-folder")));
            Assert.Equal("RepositoryNotFound", ex.ErrorId);
            var escape = Assert.Throws<RolloutException>(() => CodeFactsReader.Read(new RolloutPlan { Connector = "slack", Repository = { Routes = "../outside" } }, AppRepo));
            Assert.Equal("PathOutsideRepository", escape.ErrorId);
            Assert.Contains("repository.routes", escape.Message);
        }
    }
}
