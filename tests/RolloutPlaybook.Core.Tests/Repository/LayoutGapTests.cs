using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;
using RolloutPlaybook.Core.Tests.Gate;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Issue 14's layout gaps (SPEC §8): Pages Router handlers read per <c>req.method</c> branch, route files that re-export
    /// their handlers, route paths under <c>repository.routeBase</c>, configured paths that do not exist, and env vars read
    /// in the modules the connector's routes import.
    /// </summary>
    public class LayoutGapTests
    {
        private static RouteInventory Analyzed(TempRepo repo, string connector = "slack", Action<RepositorySettings>? settings = null, params string[] planPaths)
        {
            var layout = repo.Layout(connector, settings);
            return RouteInventory.Scan(layout, planPaths, null, new ModuleGraph(layout), new CodeRecognition());
        }

        private static HandlerFacts FactsOf(RouteInventory inventory, string planPath, RouteMethod method)
            => Assert.IsType<HandlerFacts>(inventory.Find(planPath)!.Handler(method)!.Facts);

        private static string Guards(HandlerFacts facts)
            => string.Join(", ", facts.Guards.Select(g => g.Kind + (g.Conditional ? " (conditional)" : "") + " " + g.At));

        private static List<GateResult> Gate(RolloutPlan plan, string root, params string[] rules)
            => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = rules, Today = new DateTime(2026, 11, 29) }).ToList();

        private static RolloutRoute Route(string path, string auth, params RouteMethod[] methods)
            => new RolloutRoute { Path = path, Methods = methods.ToList(), Auth = auth.Contains("=") ? Auth(auth) : new RouteAuth(auth), NoWrites = true };

        /// <summary><c>GET=public,POST=session</c> as a per-method auth.</summary>
        private static RouteAuth Auth(string perMethod)
        {
            var plan = GateTestPlans.FromYaml("schemaVersion: 1\nconnector: slack\nroutes:\n  - path: /api/slack/x\n    methods: [GET]\n    auth: { " +
                string.Join(", ", perMethod.Split(',').Select(p => p.Replace("=", ": "))) + " }\n");
            return plan.Routes[0].Auth!;
        }

        // ---- 1. Pages Router per-method guards ----

        private const string Session = "import { getServerSession } from 'next-auth/next';\nexport async function sessionOf(req, res) { return getServerSession(req, res, {}); }\n";

        [Fact]
        public void PagesRouterGuardInsideThePostBranchGuardsPostAndLeavesGetPublic()
        {
            using var repo = new TempRepo().File("lib/auth.js", Session)
                .File("pages/api/slack/notes.js", "import { sessionOf } from '../../../lib/auth';\n" +
                    "export default async function handler(req, res) {\n" +
                    "  if (req.method === 'GET') {\n    const { data } = await db.from('notes').select('*');\n    return res.json(data);\n  }\n" +
                    "  if (req.method === 'POST') {\n    const session = await sessionOf(req, res);\n    if (!session) return res.status(401).end();\n    return res.status(201).end();\n  }\n" +
                    "  return res.status(405).end();\n}\n");
            var inventory = Analyzed(repo);
            var file = inventory.Find("/api/slack/notes")!;
            Assert.Equal("GET,POST", string.Join(",", file.Handlers.Select(h => h.Method)));
            Assert.False(file.AcceptsAnyMethod);
            Assert.Equal("", Guards(FactsOf(inventory, "/api/slack/notes", RouteMethod.GET)));
            // Before: one function for every method, the guard read as inside a branch (conditional) for both.
            Assert.Equal("session lib/auth.js:2", Guards(FactsOf(inventory, "/api/slack/notes", RouteMethod.POST)));

            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(Route("/api/slack/notes", "GET=public,POST=session", RouteMethod.GET, RouteMethod.POST));
            var results = Gate(plan, repo.Root, "RP.Api.Guarded");
            Assert.All(results, r => Assert.True(r.Outcome == GateOutcome.Pass, r.ToString()));
            // A drift of GET's auth to session is caught on GET alone.
            plan.Routes[0].Auth = Auth("GET=session,POST=session");
            var drifted = Gate(plan, repo.Root, "RP.Api.Guarded");
            Assert.Equal(GateOutcome.Fail, Assert.Single(drifted, r => r.Target == "/api/slack/notes GET").Outcome);
            Assert.Equal(GateOutcome.Pass, Assert.Single(drifted, r => r.Target == "/api/slack/notes POST").Outcome);
        }

        [Fact]
        public void PagesRouterSwitchCasesShareFallThroughLabelsAndDefaultIsNoMethod()
        {
            using var repo = new TempRepo()
                .File("pages/api/slack/tags/[id].js",
                    "export default async function handler(req, res) {\n" +
                    "  const { id } = req.query;\n" +
                    "  switch (req.method) {\n" +
                    "    case 'GET': {\n      return res.json(await db.from('tags').select('*').eq('id', id));\n    }\n" +
                    "    case 'PUT':\n    case 'PATCH': {\n      await requireAdmin(req, res);\n      await db.from('tags').update({ name: 'x' }).eq('id', id);\n      return res.end();\n    }\n" +
                    "    case 'DELETE':\n      await requireAdmin(req, res);\n      await db.from('tags').delete().eq('id', id);\n      return res.status(204).end();\n" +
                    "    default:\n      await db.from('audit').insert({ what: 'bad method' });\n      return res.status(405).end();\n  }\n}\n");
            var inventory = Analyzed(repo);
            Assert.Equal("GET,PUT,PATCH,DELETE", string.Join(",", inventory.Find("/api/slack/tags/[id]")!.Handlers.Select(h => h.Method)));
            var get = FactsOf(inventory, "/api/slack/tags/[id]", RouteMethod.GET);
            Assert.Equal("", Guards(get));
            Assert.Empty(get.Writes); // the default: branch (405) is no method's code
            foreach (var m in new[] { RouteMethod.PUT, RouteMethod.PATCH })
            {
                var facts = FactsOf(inventory, "/api/slack/tags/[id]", m);
                Assert.Equal("role pages/api/slack/tags/[id].js:9", Guards(facts));
                Assert.Equal("update tags", string.Join(";", facts.Writes.Select(w => w.Op + " " + w.Table)));
            }
            var delete = FactsOf(inventory, "/api/slack/tags/[id]", RouteMethod.DELETE);
            Assert.Equal("role pages/api/slack/tags/[id].js:14", Guards(delete));
            Assert.Equal("delete tags", string.Join(";", delete.Writes.Select(w => w.Op + " " + w.Table)));
        }

        [Fact]
        public void PagesRouterCodeBeforeTheBranchesIsEveryMethodsAndABranchThatReturnsEndsItsMethod()
        {
            using var repo = new TempRepo()
                .File("pages/api/slack/a.js",
                    "export default async function handler(req, res) {\n" +
                    "  await requireRole('staff');\n" +
                    "  if (req.method === 'GET') return res.json([]);\n" +
                    "  if (req.method === 'POST') { return res.status(201).end(); }\n" +
                    "  res.status(405).end();\n}\n")
                .File("pages/api/slack/b.js",
                    "export default async function handler(req, res) {\n" +
                    "  if (req.method === 'GET') {\n    return res.json(await db.from('b').select('*'));\n  }\n" +
                    "  await requireRole('admin');\n" +
                    "  if (req.method === 'POST') {\n    await db.from('b').insert({ x: 1 });\n    return res.end();\n  }\n}\n")
                .File("pages/api/slack/c.js",
                    "export default async function handler(req, res) {\n" +
                    "  if (req.method !== 'POST') return res.status(405).end();\n" +
                    "  await requireRole('admin');\n" +
                    "  await db.from('c').insert({ x: 1 });\n  res.end();\n}\n");
            var inventory = Analyzed(repo);
            Assert.Equal("role pages/api/slack/a.js:2", Guards(FactsOf(inventory, "/api/slack/a", RouteMethod.GET)));
            Assert.Equal("role pages/api/slack/a.js:2", Guards(FactsOf(inventory, "/api/slack/a", RouteMethod.POST)));
            // GET returns before the guard: it is not GET's; POST passes it unconditionally.
            Assert.Equal("", Guards(FactsOf(inventory, "/api/slack/b", RouteMethod.GET)));
            Assert.Equal("role pages/api/slack/b.js:5", Guards(FactsOf(inventory, "/api/slack/b", RouteMethod.POST)));
            Assert.Empty(FactsOf(inventory, "/api/slack/b", RouteMethod.GET).Writes);
            // A negated check (the 405 early return) is not a method's branch: everything after it is POST's.
            var c = inventory.Find("/api/slack/c")!;
            Assert.Equal("POST", string.Join(",", c.Handlers.Select(h => h.Method)));
            Assert.Equal("role pages/api/slack/c.js:3", Guards(FactsOf(inventory, "/api/slack/c", RouteMethod.POST)));
        }

        [Fact]
        public void PagesRouterHandlerThatNeverBranchesServesEveryMethodAsBefore()
        {
            using var repo = new TempRepo().File("pages/api/slack/ping.js",
                "export default async function handler(req, res) {\n  await requireRole('admin');\n  if (req.query.deep) { await db.from('pings').insert({ at: 1 }); }\n  res.end();\n}\n");
            var inventory = Analyzed(repo);
            var file = inventory.Find("/api/slack/ping")!;
            Assert.True(file.AcceptsAnyMethod);
            Assert.Equal(5, file.Handlers.Count);
            Assert.All(file.Handlers, h => Assert.Equal("role pages/api/slack/ping.js:2", Guards(h.Facts!)));
        }

        [Fact]
        public void PagesRouterBranchesAreFoundInOrderWithTheirMethods()
        {
            var source = ScriptSource.Parse("function h(req, res) {\n  if (req.method === 'GET' || req.method === 'HEAD') { a(); }\n  else if (['PUT', 'PATCH'].includes(req.method)) b();\n  else { c(); }\n}\n");
            var branches = PagesRouter.Branches(source, 0, source.Code.Length);
            Assert.Equal(new[] { "GET", "PUT,PATCH", "" }, branches.Select(b => string.Join(",", b.Methods)));
            Assert.Equal("a();", source.Code.Substring(branches[0].BodyStart, branches[0].BodyEnd - branches[0].BodyStart).Trim());
            Assert.Equal("b();", source.Code.Substring(branches[1].BodyStart, branches[1].BodyEnd - branches[1].BodyStart).Trim());
        }

        // ---- 2. export { GET } from './impl' ----

        [Fact]
        public void ReExportedHandlersAreFollowedToTheirImplementation()
        {
            using var repo = new TempRepo()
                .File("tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }")
                .File("src/app/api/slack/a/route.ts", "export { GET } from './impl';\n")
                .File("src/app/api/slack/a/impl.ts", "export async function GET(request: Request) {\n  await requireRole('admin');\n  return Response.json({});\n}\n")
                .File("src/app/api/slack/b/route.ts", "export { handler as GET, handler as POST } from '@/server/slack/b';\n")
                .File("src/server/slack/b.ts", "export { handler } from './b-impl';\n")
                .File("src/server/slack/b-impl.ts", "export const handler = withAuth(async (req: Request) => Response.json(await req.json()));\nfunction withAuth(h) { return async (req) => { await requireRole('staff'); return h(req); }; }\n")
                .File("src/app/api/slack/c/route.ts", "export * from './c-impl';\n")
                .File("src/app/api/slack/c/c-impl.ts", "export async function DELETE() {\n  await requireRole('admin');\n  return new Response(null);\n}\nexport const helper = 1;\n");
            var inventory = Analyzed(repo);
            var a = FactsOf(inventory, "/api/slack/a", RouteMethod.GET);
            Assert.Equal("role src/app/api/slack/a/impl.ts:2", Guards(a));
            Assert.Equal("src/app/api/slack/a/impl.ts", a.File);
            Assert.Equal("GET,POST", string.Join(",", inventory.Find("/api/slack/b")!.Handlers.Select(h => h.Method)));
            Assert.Equal("role src/server/slack/b-impl.ts:2", Guards(FactsOf(inventory, "/api/slack/b", RouteMethod.POST)));
            Assert.Equal("DELETE", string.Join(",", inventory.Find("/api/slack/c")!.Handlers.Select(h => h.Method)));
            Assert.Equal("role src/app/api/slack/c/c-impl.ts:2", Guards(FactsOf(inventory, "/api/slack/c", RouteMethod.DELETE)));
        }

        [Fact]
        public void ReExportCyclesEndAndTheHandlerIsSkippedNotFailed()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/x/route.ts", "export { GET } from './a';\n")
                .File("src/app/api/slack/x/a.ts", "export { GET } from './b';\n")
                .File("src/app/api/slack/x/b.ts", "export { GET } from './a';\n");
            var inventory = Analyzed(repo);
            var handler = inventory.Find("/api/slack/x")!.Handler(RouteMethod.GET)!;
            Assert.Null(handler.Facts);
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Routes.Add(Route("/api/slack/x", "admin", RouteMethod.GET));
            Assert.Equal(GateOutcome.Skip, Assert.Single(Gate(plan, repo.Root, "RP.Api.Guarded")).Outcome);
        }

        // ---- 3. routeBase ----

        private const string PlanHead = "schemaVersion: 1\nconnector: slack\nroutes:\n  - path: /integrations/slack/events\n    methods: [POST]\n";

        [Fact]
        public void RoutePathsOutsideApiNeedTheRouteBase()
        {
            var ex = Assert.Throws<PlanInvalidException>(() => GateTestPlans.FromYaml(PlanHead));
            var problem = Assert.Single(ex.Problems);
            Assert.Equal("routes[0].path", problem.KeyPath);
            Assert.Equal(4, problem.Line);
            Assert.Contains("set repository.routeBase (e.g. routeBase: /integrations)", problem.Message);
            var other = Assert.Throws<PlanInvalidException>(() => GateTestPlans.FromYaml(PlanHead + "repository:\n  routeBase: /hooks\n"));
            Assert.Contains("with repository.routeBase /hooks/", Assert.Single(other.Problems).Message);
            Assert.Equal("/integrations/slack/events", GateTestPlans.FromYaml(PlanHead + "repository:\n  routeBase: /integrations\n").Routes[0].Path);
            // /api/ paths load whatever the route base is; "/" as the base allows any path.
            Assert.NotNull(GateTestPlans.FromYaml(PlanHead.Replace("/integrations/", "/api/") + "repository:\n  routeBase: /integrations\n"));
            Assert.NotNull(GateTestPlans.FromYaml(PlanHead + "repository:\n  routeBase: /\n"));
        }

        [Fact]
        public void RouteBaseLayoutKeepsEveryRouteFileOfTheConnectorFolderInThePlan()
        {
            using var repo = new TempRepo()
                .File("src/app/(api)/integrations/slack/events/route.ts", "export async function POST(req: Request) { await requireRole('admin'); return Response.json({}); }\n")
                .File("src/app/(api)/integrations/slack/extra/route.ts", "export async function GET() { return Response.json({}); }\n")
                .File("src/app/api/cron/slack-sync/route.ts", "export async function GET() { return Response.json({}); }\n");
            var plan = GateTestPlans.FromYaml(PlanHead + "    auth: admin\n    writes: none\nrepository:\n  routes: src/app/(api)/integrations\n  routeBase: /integrations\n");
            var results = Gate(plan, repo.Root, "RP.Docs.RoutesMatch");
            Assert.Equal(GateOutcome.Pass, results.Only("/integrations/slack/events").Outcome);
            Assert.Equal(GateOutcome.Fail, results.Only("/integrations/slack/extra").Outcome);
            // A cron route named for the connector in the default API folder is found too (and listed, it is checked).
            Assert.Equal(GateOutcome.Warn, results.Only("/api/cron/slack-sync").Outcome);
            plan.Routes.Add(Route("/api/cron/slack-sync", "none", RouteMethod.GET));
            Assert.Equal(GateOutcome.Pass, Gate(plan, repo.Root, "RP.Docs.RoutesMatch").Only("/api/cron/slack-sync").Outcome);
        }

        // ---- 4. configured paths that do not exist ----

        [Fact]
        public void ConfiguredFoldersThatDoNotExistFailTheRulesThatReadThemAtTheirPlanLines()
        {
            using var repo = new TempRepo().File("src/app/api/slack/x/route.ts", "export async function GET() { return Response.json({}); }\n").File("lib/file.ts", "");
            var file = Path.Combine(repo.Root, "rollout-plan.yaml");
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nrepository:\n  routes: src/app/apii\n  pages: lib/file.ts\n  docs: src/dcs\n" +
                "  connectorRoutes: [src/app/api/slack, src/app/api/integrations/slack]\n  code: [lib/file.ts, src/lib/nope, lib/fi*, lib/zz*]\n");
            var plan = PlanFileStore.Load(file);
            var layout = RepositoryLayout.For(plan, repo.Root);
            Assert.Equal(new[] { "repository.routes", "repository.pages", "repository.connectorRoutes[1]", "repository.docs", "repository.code[1]", "repository.code[3]" },
                layout.MissingPaths.Select(m => m.Key));
            Assert.Contains("'lib/file.ts' is a file", layout.MissingPaths[1].Message);
            var results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = repo.Root, Today = new DateTime(2026, 11, 29) }).ToList();
            var routes = results.Where(r => r.RuleId == "RP.Docs.RoutesMatch").ToList();
            Assert.Equal(new[] { "repository.routes", "repository.pages", "repository.connectorRoutes[1]" }, routes.Select(r => r.PlanKey));
            Assert.All(routes, r => Assert.Equal(GateOutcome.Fail, r.Outcome));
            Assert.Equal(new int?[] { 4, 5, 7 }, routes.Select(r => r.PlanLine));
            Assert.StartsWith("repository.routes: 'src/app/apii' does not exist in the repository", routes[0].Message);
            Assert.Equal(3, results.Count(r => r.RuleId == "RP.Api.Guarded"));
            Assert.Equal(new[] { "repository.routes", "repository.pages", "repository.connectorRoutes[1]", "repository.code[1]", "repository.code[3]" },
                results.Where(r => r.RuleId == "RP.Docs.EnvMatch").Select(r => r.PlanKey));
            var doc = Assert.Single(results, r => r.RuleId == "RP.Docs.DocumentCurrent");
            Assert.Equal("repository.docs", doc.PlanKey);
            Assert.Equal(6, doc.PlanLine);
            Assert.DoesNotContain(results, r => r.Outcome == GateOutcome.Pass && (r.RuleId == "RP.Docs.RoutesMatch" || r.RuleId == "RP.Docs.EnvMatch" || r.RuleId.StartsWith("RP.Api.")));
        }

        [Fact]
        public void ConfiguredPathsThatExistAreNotReported()
        {
            using var repo = new TempRepo().File("src/app/api/slack/x/route.ts", "").File("pages/api/slack.ts", "").File("docs/x.md", "").File("lib/slack-client.ts", "");
            var layout = repo.Layout("slack", s =>
            {
                s.Routes = "src/app/api"; s.Pages = "pages/api"; s.Docs = "docs";
                s.ConnectorRoutes = new List<string> { "src/app/api/slack" }; s.Code = new List<string> { "lib/slack*", "lib/slack-client.ts" };
            });
            Assert.Empty(layout.MissingPaths);
            // Defaults that do not exist are not configured paths: nothing to report.
            using var empty = new TempRepo();
            Assert.Empty(empty.Layout().MissingPaths);
        }

        // ---- 5. EnvMatch follows imports ----

        [Fact]
        public void EnvReadsInImportedHelpersCountWhenTheyAreTheConnectors()
        {
            using var repo = new TempRepo()
                .File("tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }")
                .File("src/app/api/slack/a/route.ts", "import { post } from '@/services/slack-client';\nimport { db } from '@/lib/db';\nexport async function GET() { return Response.json(await post(db)); }\n")
                .File("src/services/slack-client.ts", "import { sign } from '../lib/sign';\nexport const post = (db) => fetch(process.env.SLACK_API_URL + sign());\n")
                .File("src/lib/sign.ts", "import { post } from '../services/slack-client';\nexport const sign = () => process.env.SLACK_SIGNING_SECRET + process.env.SIGNING_SALT;\n")
                .File("src/lib/db.ts", "export const db = createClient(process.env.SUPABASE_URL);\n")
                .File("src/lib/unrelated.ts", "export const k = process.env.SLACK_UNUSED_TOKEN;\n");
            var layout = repo.Layout();
            var graph = new ModuleGraph(layout);
            var routes = RouteInventory.Scan(layout, Array.Empty<string>(), null, graph, new CodeRecognition());
            var usage = EnvUsage.Scan(layout, routes, graph);
            // The connector's client (its path names slack) and a shared helper's SLACK_ variable; not the database URL of a
            // shared module, not SIGNING_SALT (neither named), not an unimported module; the import cycle ends.
            Assert.Equal(new[] { "SLACK_SIGNING_SECRET @ src/lib/sign.ts:2", "SLACK_API_URL @ src/services/slack-client.ts:2" },
                usage.Reads.Select(r => r.Name + " @ " + r.At));
            // Without the graph (as before): none of them.
            Assert.Empty(EnvUsage.Scan(layout, routes).Reads);
        }
    }
}
