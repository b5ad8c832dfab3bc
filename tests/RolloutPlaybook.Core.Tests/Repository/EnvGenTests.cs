using System;
using System.Linq;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Issue 14's generalisation left-overs: typed env modules (t3-env <c>createEnv</c>, a schema-parsed <c>process.env</c>)
    /// read as <c>env.X</c>; role guards by membership (an admins table, <c>rpc('is_admin')</c>) whose missing answer
    /// rejects; helpers named for a role that count only for what their code does.
    /// </summary>
    public class EnvGenTests
    {
        private const string T3Env = "import { createEnv } from '@t3-oss/env-nextjs'\nimport { z } from 'zod'\nexport const env = createEnv({\n  server: { SLACK_TOKEN: z.string(), SLACK_UNUSED: z.string(), SIGNING_KEY: z.string(), DATABASE_URL: z.string() },\n  runtimeEnv: { SLACK_TOKEN: process.env.SLACK_TOKEN, SLACK_UNUSED: process.env.SLACK_UNUSED, SIGNING_KEY: process.env.SLACK_SIGNING_SECRET, DATABASE_URL: process.env.DATABASE_URL },\n})\n";

        private static EnvUsage Usage(TempRepo repo)
        {
            var layout = repo.Layout();
            var graph = new ModuleGraph(layout);
            var routes = RouteInventory.Scan(layout, Array.Empty<string>(), null, graph, new CodeRecognition());
            return EnvUsage.Scan(layout, routes, graph);
        }

        [Fact]
        public void EnvModulesAreClassifiedByWhatTheyParse()
        {
            var t3 = EnvUsage.EnvModules.Classify(ScriptSource.Parse(T3Env).Code)!;
            Assert.Equal("SLACK_SIGNING_SECRET", t3["SIGNING_KEY"]);   // runtimeEnv maps it
            Assert.Equal("SLACK_TOKEN", t3["SLACK_TOKEN"]);
            var zod = EnvUsage.EnvModules.Classify(ScriptSource.Parse("const schema = z.object({ A_KEY: z.string(), B_URL: z.string().url() })\nexport const env = schema.parse(process.env)\n").Code)!;
            Assert.Equal(new[] { "A_KEY", "B_URL" }, zod.Keys);
            Assert.NotNull(EnvUsage.EnvModules.Classify(ScriptSource.Parse("export const env = v.parse(EnvSchema, process.env)\nconst S = v.object({ C_TOKEN: v.string() })\n").Code));
            // A module that only reads process.env, or parses something else, is no typed env module.
            Assert.Null(EnvUsage.EnvModules.Classify(ScriptSource.Parse("export const config = { A_KEY: process.env.A_KEY }\n").Code));
            Assert.Null(EnvUsage.EnvModules.Classify(ScriptSource.Parse("export const body = schema.parse(await req.json())\nconst x = { A_KEY: 1 }\n").Code));
            // createEnv in a comment is not a call.
            Assert.Null(EnvUsage.EnvModules.Classify(ScriptSource.Parse("// createEnv({ A_KEY: z.string() })\nexport const a = { B: 1 }\n").Code));
        }

        [Fact]
        public void EnvXReadsThroughATypedEnvModuleAreTheConnectorsWhereProcessEnvReadsWouldBe()
        {
            using var repo = new TempRepo()
                .File("tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"], \"~/*\": [\"./src/*\"] } } }")
                .File("src/env.mjs", T3Env)
                .File("src/lib/server-env.ts", "import { z } from 'zod'\nconst schema = z.object({ CIPHER_KEY: z.string() })\nexport const serverEnv = schema.parse(process.env)\n")
                .File("src/app/api/slack/a/route.ts", "import { env as e } from '~/env.mjs'\nimport { post } from '@/lib/slack/client'\nimport { db } from '@/lib/db'\nexport async function GET() {\n  return Response.json(await post(e.SIGNING_KEY, e?.NOT_IN_SCHEMA, db))\n}\n")
                .File("src/lib/slack/client.ts", "import { env } from '../../env.mjs'\nimport { serverEnv } from '@/lib/server-env'\nexport const post = () => {\n  const { CIPHER_KEY } = serverEnv\n  return fetch('x', { headers: { a: env.SLACK_TOKEN, b: CIPHER_KEY } })\n}\n")
                .File("src/lib/db.ts", "import { env } from '@/env.mjs'\nexport const db = createClient(env.DATABASE_URL)\n")
                .File("src/lib/unimported.ts", "import { env } from '@/env.mjs'\nexport const u = env.SLACK_UNUSED\n");
            var usage = Usage(repo);
            // The route's read (the variable runtimeEnv maps it to), the connector client's env.X and destructured read;
            // not the shared db module's DATABASE_URL, not an unimported module, not the env module's own list of every var.
            Assert.Equal(new[] { "SLACK_SIGNING_SECRET @ src/app/api/slack/a/route.ts:5", "CIPHER_KEY @ src/lib/slack/client.ts:4", "SLACK_TOKEN @ src/lib/slack/client.ts:5" },
                usage.Reads.Select(r => r.Name + " @ " + r.At));
            // Without the module graph (no imports followed) none of them is seen.
            var layout = repo.Layout();
            Assert.Empty(EnvUsage.Scan(layout, RouteInventory.Scan(layout, Array.Empty<string>())).Reads);
        }

        private static HandlerFacts Facts(TempRepo repo, string planPath, RouteMethod method)
        {
            var layout = repo.Layout();
            var inventory = RouteInventory.Scan(layout, Array.Empty<string>(), null, new ModuleGraph(layout), new CodeRecognition());
            return Assert.IsType<HandlerFacts>(inventory.Find(planPath)!.Handler(method)!.Facts);
        }

        private static string Roles(HandlerFacts facts) => string.Join(", ", facts.Guards.Where(g => g.Kind == "role").Select(g => g.Role + " " + g.At));

        [Fact]
        public void AMembershipWhoseMissingAnswerRejectsIsARoleGuard()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/a/route.ts",
                    "export async function POST() {\n  const { data: { user } } = await supabase.auth.getUser()\n  if (!user) return new Response(null, { status: 401 })\n" +
                    "  const { data: admin } = await supabase.from('admins').select('user_id').eq('user_id', user.id).maybeSingle()\n  if (!admin) return new Response(null, { status: 403 })\n  return Response.json({ ok: true })\n}\n" +
                    "export async function PATCH() {\n  const { data: isOwner, error } = await supabase.rpc('is_org_owner')\n  if (error || !isOwner) {\n    throw new Error('forbidden')\n  }\n  return Response.json({})\n}\n" +
                    "export async function PUT() {\n  const { data } = await supabase.from('team_members').select().eq('user_id', uid).maybeSingle()\n  if (data == null) return new Response(null, { status: 403 })\n  return Response.json({})\n}\n" +
                    // near misses: the answer only returned / logged; a table that is no membership; a check that does not reject
                    "export async function GET() {\n  const { data: admin } = await supabase.from('admins').select().eq('user_id', uid).maybeSingle()\n  console.info(admin)\n  return Response.json({ admin: Boolean(admin) })\n}\n" +
                    "export async function DELETE() {\n  const { data: row } = await supabase.from('settings').select().maybeSingle()\n  if (!row) return new Response(null, { status: 404 })\n  const { data: admin } = await supabase.from('admins').select().maybeSingle()\n  if (!admin) console.warn('not an admin')\n  return Response.json({})\n}\n");
            Assert.Equal("admin src/app/api/slack/a/route.ts:4", Roles(Facts(repo, "/api/slack/a", RouteMethod.POST)));
            Assert.Equal("owner src/app/api/slack/a/route.ts:9", Roles(Facts(repo, "/api/slack/a", RouteMethod.PATCH)));
            Assert.Equal("member src/app/api/slack/a/route.ts:16", Roles(Facts(repo, "/api/slack/a", RouteMethod.PUT)));
            Assert.Equal("", Roles(Facts(repo, "/api/slack/a", RouteMethod.GET)));
            Assert.Equal("", Roles(Facts(repo, "/api/slack/a", RouteMethod.DELETE)));
        }

        [Fact]
        public void ACronSecretComparedThroughATypedEnvModuleIsACronGuard()
        {
            using var repo = new TempRepo()
                .File("src/env.ts", "export const env = createEnv({ server: { CRON_SECRET: z.string(), HOOK_SECRET: z.string() }, runtimeEnv: { CRON_SECRET: process.env.CRON_SECRET, HOOK_SECRET: process.env.HOOK_SECRET } })\n")
                .File("src/app/api/cron/slack-sync/route.ts",
                    "import { env } from '../../../../env'\n" +
                    "export async function GET(request) {\n  if (request.headers.get('authorization') !== `Bearer ${env.CRON_SECRET}`) return new Response(null, { status: 401 })\n  return Response.json({ ok: await sync() })\n}\n" +
                    "export async function POST(request) {\n  if (request.headers.get('x-hook-token') !== env.HOOK_SECRET) return new Response(null, { status: 401 })\n  return Response.json({ ok: await sync() })\n}\n")
                .File("src/app/api/cron/slack-local/route.ts",
                    "const env = { CRON_SECRET: 'x' }\n" +
                    "export async function GET(request) {\n  if (request.headers.get('authorization') !== `Bearer ${env.CRON_SECRET}`) return new Response(null, { status: 401 })\n  return Response.json({ ok: await sync() })\n}\n");
            var layout = repo.Layout();
            var inventory = RouteInventory.Scan(layout, new[] { "/api/cron/slack-sync", "/api/cron/slack-local" }, null, new ModuleGraph(layout), new CodeRecognition());
            HandlerFacts F(string path, RouteMethod m) => Assert.IsType<HandlerFacts>(inventory.Find(path)!.Handler(m)!.Facts);
            var cron = Assert.Single(F("/api/cron/slack-sync", RouteMethod.GET).Guards);
            Assert.Equal("cron", cron.Kind);
            Assert.Contains("env.CRON_SECRET", cron.What);
            Assert.Equal("signature", Assert.Single(F("/api/cron/slack-sync", RouteMethod.POST).Guards).Kind);
            // A local object named env is no env module: its literal is no secret.
            Assert.Empty(F("/api/cron/slack-local", RouteMethod.GET).Guards);
        }

        [Fact]
        public void ARoleFlagOfTheRowLookedUpRejectsAsARoleGuard()
        {
            using var repo = new TempRepo()
                .File("src/app/api/slack/a/route.ts",
                    "export async function POST() {\n  const { data } = await supabase.from('staff_tokens').select('is_admin').eq('token', t).maybeSingle()\n  if (!data?.is_admin) throw new Error('forbidden')\n  return Response.json({})\n}\n" +
                    "export async function PUT() {\n  const { data: row } = await supabase.from('staff_tokens').select().eq('token', t).maybeSingle()\n  if (!row) throw new Error('no token')\n  return Response.json({})\n}\n" +
                    "export async function PATCH() {\n  const { data: row } = await supabase.from('staff_tokens').select().eq('token', t).maybeSingle()\n  if (!row?.isOwner) return new Response(null, { status: 403 })\n  return Response.json({})\n}\n");
            Assert.Equal("admin src/app/api/slack/a/route.ts:2", Roles(Facts(repo, "/api/slack/a", RouteMethod.POST)));
            // A row that only has to exist in a table that is no membership proves no role.
            Assert.Equal("", Roles(Facts(repo, "/api/slack/a", RouteMethod.PUT)));
            Assert.Equal("owner src/app/api/slack/a/route.ts:12", Roles(Facts(repo, "/api/slack/a", RouteMethod.PATCH)));
        }

        [Fact]
        public void ANamedRoleHelperInTheRepositoryCountsForWhatItsCodeDoes()
        {
            using var repo = new TempRepo()
                .File("src/lib/guards.ts",
                    "export function withAdminLogging(h) { return async (req) => { console.info(req.url); return h(req) } }\n" +
                    "export async function requireAdminApi() {\n  const { data: admin } = await supabase.from('admins').select().maybeSingle()\n  if (!admin) throw new Error('forbidden')\n  return admin\n}\n" +
                    "export async function isAdmin(uid) {\n  const { data } = await supabase.from('admins').select().eq('user_id', uid).maybeSingle()\n  return Boolean(data)\n}\n" +
                    "export async function isOwnerish() { return true }\n")
                .File("src/app/api/slack/a/route.ts",
                    "import { withAdminLogging, requireAdminApi, isAdmin, isOwnerish } from '../../../../lib/guards'\nimport { withAdminAuth } from 'some-auth-package'\n" +
                    "async function create() { return Response.json({}) }\nexport const POST = withAdminLogging(create)\n" +
                    "export async function PUT() {\n  await requireAdminApi()\n  return Response.json({})\n}\n" +
                    "export async function PATCH() {\n  if (!(await isAdmin(uid))) return new Response(null, { status: 403 })\n  return Response.json({})\n}\n" +
                    "export async function DELETE() {\n  if (!(await isOwnerish())) return new Response(null, { status: 403 })\n  return Response.json({})\n}\n" +
                    "export const GET = withAdminAuth(async () => Response.json({}))\n");
            // A wrapper named for the role that checks nothing is no guard.
            Assert.Equal("", Roles(Facts(repo, "/api/slack/a", RouteMethod.POST)));
            // requireAdminApi counts for its membership check, found in its own code.
            Assert.Equal("admin src/lib/guards.ts:3", Roles(Facts(repo, "/api/slack/a", RouteMethod.PUT)));
            // isAdmin in a rejecting if counts when its code looks a role up; isOwnerish looks nothing up.
            Assert.Equal("admin src/app/api/slack/a/route.ts:10", Roles(Facts(repo, "/api/slack/a", RouteMethod.PATCH)));
            Assert.Equal("", Roles(Facts(repo, "/api/slack/a", RouteMethod.DELETE)));
            // A helper from a package (its code not in the repository) still counts by its name.
            Assert.Equal("admin src/app/api/slack/a/route.ts:17", Roles(Facts(repo, "/api/slack/a", RouteMethod.GET)));
        }
    }
}

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>Pages Router method dispatch beyond if/switch: handler tables keyed by method, next-connect style routers.</summary>
    public class PagesDispatchTests
    {
        private static RouteInventory Analyzed(TempRepo repo)
        {
            var layout = repo.Layout();
            return RouteInventory.Scan(layout, Array.Empty<string>(), null, new ModuleGraph(layout), new CodeRecognition());
        }

        private static string Facts(RouteInventory inventory, string path, RouteMethod method)
        {
            var facts = Assert.IsType<HandlerFacts>(inventory.Find(path)!.Handler(method)!.Facts);
            return string.Join(", ", facts.Guards.Select(g => g.Kind + (g.Role != null ? ":" + g.Role : "")).Distinct().OrderBy(k => k, System.StringComparer.Ordinal))
                + " | " + string.Join(", ", facts.Writes.Select(w => w.Op + " " + w.Table));
        }

        private const string Lib = "export async function requireSession(req, res) {\n  const { data: { user } } = await supabase.auth.getUser()\n  if (!user) { res.status(401).end(); return null }\n  return user\n}\n" +
            "export function withAdmin(h) {\n  return async (req, res) => {\n    const { data: admin } = await supabase.from('admins').select().maybeSingle()\n    if (!admin) return res.status(403).end()\n    return h(req, res)\n  }\n}\n";

        [Fact]
        public void AHandlerTableKeyedByMethodIsReadAsOneHandlerPerMethod()
        {
            using var repo = new TempRepo()
                .File("pages/lib.js", Lib)
                .File("pages/api/slack/items.js",
                    "import { requireSession, withAdmin } from '../../lib'\n" +
                    "async function list(req, res) { const { data } = await db.from('items').select(); res.json(data) }\n" +
                    "async function create(req, res) {\n  const user = await requireSession(req, res)\n  if (!user) return\n  await db.from('items').insert({ a: 1 })\n  res.status(201).end()\n}\n" +
                    "async function DELETE(req, res) { await db.from('items').delete().eq('id', req.query.id); res.end() }\n" +
                    "const handlers = {\n  GET: list,\n  'POST': create,\n  PUT: withAdmin(async (req, res) => { await db.from('items').update({ b: 2 }).eq('id', 1); res.end() }),\n  DELETE,\n  async PATCH(req, res) { await db.from('items').upsert({ c: 3 }, { onConflict: 'c' }); res.end() },\n}\n" +
                    "export default async function handler(req, res) {\n  const run = handlers[req.method]\n  if (!run) return res.status(405).end()\n  return run(req, res)\n}\n");
            var inventory = Analyzed(repo);
            var route = inventory.Find("/api/slack/items")!;
            Assert.False(route.AcceptsAnyMethod);
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST, RouteMethod.PUT, RouteMethod.PATCH, RouteMethod.DELETE }.OrderBy(m => m), route.Handlers.Select(h => h.Method).OrderBy(m => m));
            Assert.Equal(" | ", Facts(inventory, "/api/slack/items", RouteMethod.GET));
            Assert.Equal("session | insert items", Facts(inventory, "/api/slack/items", RouteMethod.POST));
            Assert.Equal("role:admin | update items", Facts(inventory, "/api/slack/items", RouteMethod.PUT));
            Assert.Equal(" | delete items", Facts(inventory, "/api/slack/items", RouteMethod.DELETE));
            Assert.Equal(" | upsert items", Facts(inventory, "/api/slack/items", RouteMethod.PATCH));
        }

        [Fact]
        public void ANextConnectRouterIsReadPerMethod_UseAppliesToEveryMethod()
        {
            using var repo = new TempRepo()
                .File("pages/lib.js", Lib)
                .File("pages/api/slack/chain.js",
                    "import { createRouter } from 'next-connect'\nimport { requireSession, withAdmin } from '../../lib'\n" +
                    "async function create(req, res) { await db.from('things').insert({ a: 1 }); res.end() }\n" +
                    "const router = createRouter()\n" +
                    "router\n  .get(async (req, res) => { const v = req.headers.get('x'); res.json(v) })\n  .post(withAdmin(create))\n" +
                    "router.delete(async (req, res) => { await db.from('things').delete().eq('id', 1); res.end() })\n" +
                    "export default router.handler({ onError: (err, req, res) => res.status(500).end() })\n")
                .File("pages/api/slack/mw.js",
                    "import nc from 'next-connect'\nimport { requireSession } from '../../lib'\n" +
                    "export default nc()\n  .use(async (req, res, next) => { const u = await requireSession(req, res); if (!u) return; next() })\n" +
                    "  .get((req, res) => res.json({}))\n  .put(async (req, res) => { await db.from('x').update({ a: 1 }).eq('id', 2); res.end() })\n")
                .File("pages/api/slack/plain.js", "export default async function handler(req, res) {\n  const sig = req.headers.get('x-sig')\n  res.json({ sig })\n}\n");
            var inventory = Analyzed(repo);
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST, RouteMethod.DELETE }.OrderBy(m => m), inventory.Find("/api/slack/chain")!.Handlers.Select(h => h.Method).OrderBy(m => m));
            Assert.Equal(" | ", Facts(inventory, "/api/slack/chain", RouteMethod.GET));
            Assert.Equal("role:admin | insert things", Facts(inventory, "/api/slack/chain", RouteMethod.POST));
            Assert.Equal(" | delete things", Facts(inventory, "/api/slack/chain", RouteMethod.DELETE));
            // .use(…) runs for every method.
            Assert.Equal("session | ", Facts(inventory, "/api/slack/mw", RouteMethod.GET));
            Assert.Equal("session | update x", Facts(inventory, "/api/slack/mw", RouteMethod.PUT));
            // headers.get( is no router: a plain handler still answers every method.
            Assert.True(inventory.Find("/api/slack/plain")!.AcceptsAnyMethod);
        }
    }
}
