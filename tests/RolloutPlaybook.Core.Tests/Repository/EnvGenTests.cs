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
            var routes = RouteInventory.Scan(layout, new string[0], null, graph, new CodeRecognition());
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
            Assert.Empty(EnvUsage.Scan(layout, RouteInventory.Scan(layout, new string[0])).Reads);
        }

        private static HandlerFacts Facts(TempRepo repo, string planPath, RouteMethod method)
        {
            var layout = repo.Layout();
            var inventory = RouteInventory.Scan(layout, new string[0], null, new ModuleGraph(layout), new CodeRecognition());
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
