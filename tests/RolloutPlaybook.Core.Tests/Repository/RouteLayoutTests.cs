using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>SPEC §8 route layouts: app/api, route.tsx, connectorRoutes, routeBase, and Pages Router API files.</summary>
    public class RouteLayoutTests
    {
        private const string Guarded = "import { requireRole } from '@/lib/auth';\n";

        private static string Shapes(RouteInventory inventory)
            => string.Join("; ", inventory.Routes.Select(r => r.PlanPath + " " + r.RelativePath + " " + string.Join(",", r.Handlers.Select(h => h.Method)) + (r.InConnectorFolder ? " own" : "")));

        [Fact]
        public void AppApiIsTheDefaultWhenSrcAppApiIsAbsentAndRouteTsxCounts()
        {
            using var repo = new TempRepo()
                .File("app/api/slack/a/route.tsx", "export async function GET() { return Response.json({}) }")
                .File("app/api/slack/b/route.ts", "export const POST = async (req: Request) => Response.json({})");
            var layout = repo.Layout();
            Assert.Equal("app/api", layout.Relative(layout.RoutesRoot));
            Assert.Equal("/api/slack/a app/api/slack/a/route.tsx GET own; /api/slack/b app/api/slack/b/route.ts POST own", Shapes(RouteInventory.Scan(layout, Array.Empty<string>())));
        }

        [Fact]
        public void ConnectorRoutesElsewhereAreTheConnectorsOwn()
        {
            using var repo = new TempRepo()
                .File("src/app/api/integrations/slack/events/route.ts", "export async function POST(req: Request) { }")
                .File("src/app/api/integrations/hubspot/route.ts", "export async function POST(req: Request) { }")
                .File("src/app/api/slack/legacy/route.ts", "export async function GET() { }");
            var layout = repo.Layout("slack", s => s.ConnectorRoutes = new List<string> { "src/app/api/integrations/slack" });
            Assert.Equal("/api/integrations/slack/events src/app/api/integrations/slack/events/route.ts POST own", Shapes(RouteInventory.Scan(layout, Array.Empty<string>())));
            // A route elsewhere is checked when the plan lists it, and is not the connector's own.
            Assert.Equal("/api/integrations/slack/events src/app/api/integrations/slack/events/route.ts POST own; /api/slack/legacy src/app/api/slack/legacy/route.ts GET",
                Shapes(RouteInventory.Scan(layout, new[] { "/api/slack/legacy" })));
        }

        [Fact]
        public void RouteBaseIsTheUrlOfTheRoutesFolder()
        {
            using var repo = new TempRepo().File("src/app/api/v2/slack/x/route.ts", "export async function GET() { }");
            var layout = repo.Layout("slack", s => { s.Routes = "src/app/api/v2"; s.RouteBase = "/api"; });
            Assert.Equal("/api/slack/x src/app/api/v2/slack/x/route.ts GET own", Shapes(RouteInventory.Scan(layout, new[] { "/api/slack/x" })));
        }

        [Fact]
        public void PagesRouterFilesAreRoutesWithTheMethodsTheyBranchOn()
        {
            using var repo = new TempRepo()
                .File("pages/api/slack/mappings.ts", Guarded + "export default async function handler(req, res) {\n  await requireRole('admin');\n  if (req.method === 'GET') return res.json([]);\n  if ('POST' === req.method) { return res.status(201).end(); }\n  res.status(405).end();\n}\n")
                .File("pages/api/slack/channels/index.ts", "async function channels(req, res) {\n  switch (req.method) {\n    case 'GET': return res.json([]);\n    case \"DELETE\": return res.end();\n    // case 'PUT':\n  }\n}\nexport default withErrors(channels);\n")
                .File("pages/api/slack/users/[id].js", "export default function (req, res) {\n  if (!['GET', 'PATCH'].includes(req.method)) return res.status(405).end();\n  res.end();\n}\n")
                .File("pages/api/slack/ping.ts", "export default function ping(req, res) { res.end('pong') }\n")
                .File("pages/api/slack/_lib/helpers.ts", "export function helper() {}\n")
                .File("pages/api/slack/types.d.ts", "export {}\n")
                .File("pages/api/other/x.ts", "export default function x(req, res) { if (req.method === 'POST') res.end() }\n");
            var layout = repo.Layout();
            Assert.Equal("pages/api", layout.Relative(layout.PagesRoot!));
            var inventory = RouteInventory.Scan(layout, Array.Empty<string>());
            Assert.Equal(
                "/api/slack/channels pages/api/slack/channels/index.ts GET,DELETE own; " +
                "/api/slack/mappings pages/api/slack/mappings.ts GET,POST own; " +
                "/api/slack/ping pages/api/slack/ping.ts GET,POST,PUT,PATCH,DELETE own; " +
                "/api/slack/users/[id] pages/api/slack/users/[id].js GET,PATCH own",
                Shapes(inventory));
            Assert.True(inventory.Find("/api/slack/ping")!.AcceptsAnyMethod);
            var mappings = inventory.Find("/api/slack/mappings")!;
            Assert.All(mappings.Handlers, h => Assert.True(h.HasAuthGuard, h.Method + " guard"));
            Assert.All(mappings.Handlers, h => Assert.Equal(2, h.Line));                                  // the default export's line
            Assert.All(inventory.Find("/api/slack/channels")!.Handlers, h => Assert.Equal(8, h.Line));
            Assert.All(inventory.Find("/api/slack/users/[id]")!.Handlers, h => Assert.Equal(1, h.Line));
            Assert.Null(inventory.Find("/api/other/x"));
            Assert.Equal("pages/api/other/x.ts", RouteInventory.Scan(layout, new[] { "/api/other/x" }).Find("/api/other/x")!.RelativePath);
        }

        [Fact]
        public void RoutesMatchComparesPagesRoutesBothWays()
        {
            using var repo = new TempRepo()
                .File("pages/api/slack/mappings.ts", Guarded + "export default async function handler(req, res) {\n  await requireRole('admin');\n  if (req.method === 'GET') return res.json([]);\n  if (req.method === 'POST') return res.end();\n}\n")
                .File("pages/api/slack/ping.ts", "export default function ping(req, res) { res.end('pong') }\n")
                .File("pages/api/slack/extra.ts", Guarded + "export default async function h(req, res) { await requireRole('admin'); if (req.method === 'GET') res.end() }\n");
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/mappings", Methods = { RouteMethod.GET, RouteMethod.POST, RouteMethod.DELETE }, Auth = "admin" });
            plan.Routes.Add(new RolloutRoute { Path = "/api/slack/ping", Methods = { RouteMethod.GET }, Auth = "public" });
            var results = Run(plan, "RP.Docs.RoutesMatch", repo.Root);
            var mappings = results.Only("/api/slack/mappings");
            Assert.Equal(GateOutcome.Fail, mappings.Outcome);
            Assert.Contains("exports no DELETE handler", mappings.Message);
            Assert.Equal(GateOutcome.Pass, results.Only("/api/slack/ping").Outcome);  // a handler for every method: only GET is planned
            Assert.Equal(GateOutcome.Fail, results.Only("/api/slack/extra").Outcome);  // unplanned route file of the connector
        }
    }
}
