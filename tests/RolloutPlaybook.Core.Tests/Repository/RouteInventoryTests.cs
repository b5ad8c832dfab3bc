using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class RouteInventoryTests
    {
        [Fact]
        public void DynamicSegmentsGroupsAndPrivateFolders()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/sync/channel/[channelId]/route.ts", "export async function POST(req) {}")
                .File("src/app/api/slack/(admin)/mappings/staff/route.js", "export function GET() {}")
                .File("src/app/api/slack/[...slug]/route.ts", "export const GET = () => {};")
                .File("src/app/api/slack/_lib/helpers/route.ts", "export function GET() {}")
                .File("src/app/api/slack/sync/helpers.ts", "export function GET() {}")
                .File("src/app/api/slack/route.ts", "export function GET() {}")
                .File("src/app/api/slackish/route.ts", "export function GET() {}")
                .File("src/app/api/hubspot/route.ts", "export function GET() {}");
            var routes = RouteInventory.Scan(repo.Layout(), Array.Empty<string>());
            Assert.Equal(new[] { "/api/slack", "/api/slack/[...slug]", "/api/slack/mappings/staff", "/api/slack/sync/channel/[channelId]" },
                routes.Routes.Select(r => r.PlanPath));
            Assert.All(routes.Routes, r => Assert.True(r.InConnectorFolder));
            var dynamic = routes.Find("/api/slack/sync/channel/[channelId]/")!;
            Assert.Equal("src/app/api/slack/sync/channel/[channelId]/route.ts", dynamic.RelativePath);
            Assert.Equal(RouteMethod.POST, dynamic.Handlers.Single().Method);
            Assert.Equal("src/app/api/slack/(admin)/mappings/staff/route.js", routes.Find("/api/slack/mappings/staff")!.RelativePath);
        }

        [Fact]
        public void PlanListedRoutesAreFoundAnywhereUnderTheRoutesRoot()
        {
            using var repo = new TempRepo()
                .File("src/app/api/(jobs)/cron/slack-sync/route.ts", "export async function GET(request) {}")
                .File("src/app/api/cron/other-sync/route.ts", "export async function GET(request) {}")
                .File("src/app/api/slack/a/route.ts", "export async function GET() {}");
            var routes = RouteInventory.Scan(repo.Layout(), new[] { "/api/cron/slack-sync", "/api/slack/a", "/api/missing/x", "/api/../../etc", "/api/./x", "not-api" });
            Assert.Equal(new[] { "/api/cron/slack-sync", "/api/slack/a" }, routes.Routes.Select(r => r.PlanPath));
            var cron = routes.Find("/api/cron/slack-sync")!;
            Assert.False(cron.InConnectorFolder);
            Assert.Equal("src/app/api/(jobs)/cron/slack-sync/route.ts", cron.RelativePath);
            Assert.Null(routes.Find("/api/cron/other-sync"));
        }

        [Fact]
        public void LinksOutOfTheRepositoryAreNotRead()
        {
            using var repo = new TempRepo().File("src/app/api/slack/ok/route.ts", "export function GET() {}");
            using var outside = new TempRepo().File("evil/route.ts", "export function POST() {}");
            Directory.CreateSymbolicLink(Path.Combine(repo.Root, "src/app/api/slack/evil"), Path.Combine(outside.Root, "evil"));
            File.CreateSymbolicLink(Path.Combine(repo.Root, "src/app/api/slack/ok2"), Path.Combine(outside.Root, "evil"));
            var routes = RouteInventory.Scan(repo.Layout(), new[] { "/api/slack/evil" });
            Assert.Equal(new[] { "/api/slack/ok" }, routes.Routes.Select(r => r.PlanPath));
        }

        [Fact]
        public void NoRoutesFolderIsAnEmptyInventory()
        {
            using var repo = new TempRepo();
            Assert.Empty(RouteInventory.Scan(repo.Layout(), new[] { "/api/slack/x" }).Routes);
        }

        [Fact]
        public void JsonParseIsNotValidation()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/raw/route.ts", "export async function POST(req) { await requireRole(req); const body = JSON.parse(await req.text()); }")
                .File("src/app/api/slack/zod/route.ts", "export async function POST(req) { await requireRole(req); const body = Schema.parse(JSON.parse(await req.text())); }");
            var routes = RouteInventory.Scan(repo.Layout(), Array.Empty<string>()).Routes;
            Assert.False(routes.Single(r => r.PlanPath == "/api/slack/raw").Handlers.Single().ValidatesBody);
            Assert.True(routes.Single(r => r.PlanPath == "/api/slack/zod").Handlers.Single().ValidatesBody);
        }

        [Fact]
        public void CancellationStopsTheScan()
        {
            using var repo = new TempRepo().File("src/app/api/slack/x/route.ts", "export function GET() {}");
            var cancelled = new System.Threading.CancellationToken(true);
            Assert.ThrowsAny<System.OperationCanceledException>(() => RouteInventory.Scan(repo.Layout(), Array.Empty<string>(), cancelled));
        }
    }
}
