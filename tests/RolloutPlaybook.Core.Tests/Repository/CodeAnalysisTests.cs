using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>SPEC §8 code analysis on small repositories written per test: following calls across files, and the recognisers.</summary>
    public sealed class CodeAnalysisTests : IDisposable
    {
        private readonly string root = Path.Combine(Path.GetTempPath(), "rp-code-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public void Dispose() { try { Directory.Delete(root, true); } catch (IOException) { } }

        private void Write(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        private (RouteInventory Routes, ModuleGraph Graph) Scan(CodeRecognition? recognition = null, string connector = "acme")
        {
            if (!File.Exists(Path.Combine(root, "tsconfig.json")))
                Write("tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }");
            var plan = new RolloutPlan { Connector = connector };
            var layout = RepositoryLayout.For(plan, root);
            var graph = new ModuleGraph(layout);
            return (RouteInventory.Scan(layout, Array.Empty<string>(), null, graph, recognition), graph);
        }

        private HandlerFacts Facts(RouteMethod method, string route = "/api/acme/x", CodeRecognition? recognition = null)
        {
            var (routes, _) = Scan(recognition);
            var handler = routes.Find(route)!.Handler(method)!;
            Assert.NotNull(handler.Facts);
            return handler.Facts!;
        }

        [Fact]
        public void WrapperFromAnAliasedImportProvesTheSession_AWrapperThatDoesNotAuthenticateProvesNothing()
        {
            Write("src/lib/mw/errors.ts", "export function withErrorHandler(h) { return async (r) => { try { return await h(r); } catch { return new Response('x', { status: 500 }); } }; }\n");
            Write("src/lib/mw/rls.ts", "import { createClient } from '@/lib/db';\nexport function withRLSContext(h) {\n  return async (r) => {\n    const { data: { user } } = await createClient().auth.getUser();\n    if (!user) return new Response('no', { status: 401 });\n    return h(r, user.id);\n  };\n}\n");
            Write("src/lib/db.ts", "export const createClient = () => null as any;\n");
            Write("src/app/api/acme/x/route.ts", "import { withErrorHandler } from '@/lib/mw/errors';\nimport { withRLSContext } from '@/lib/mw/rls';\nasync function handleCreate(r, userId) { return Response.json({ userId }); }\nexport const POST = withErrorHandler(withRLSContext(handleCreate));\nexport const GET = withErrorHandler(handleCreate);\n");
            var post = Facts(RouteMethod.POST);
            var session = Assert.Single(post.Guards);
            Assert.Equal("session", session.Kind);
            Assert.Equal("src/lib/mw/rls.ts:4", session.At);
            Assert.False(session.Conditional);
            Assert.Empty(Facts(RouteMethod.GET).Guards);
        }

        [Fact]
        public void ExportListRenamesAndReExportChainsAreFollowed()
        {
            Write("src/lib/auth/impl.ts", "import { getServerSession } from 'next-auth';\nexport async function requireUser() { return getServerSession(); }\n");
            Write("src/lib/auth/index.ts", "export * from './impl';\n");
            Write("src/app/api/acme/x/route.ts", "import { requireUser as must } from '@/lib/auth';\nasync function handler(req) { await must(); return Response.json({}); }\nexport { handler as GET };\n");
            var guard = Assert.Single(Facts(RouteMethod.GET).Guards);
            Assert.Equal("src/lib/auth/impl.ts:2", guard.At);
        }

        [Fact]
        public void CyclesBetweenFilesEndAndEachFileIsReadOnce()
        {
            Write("src/lib/a.ts", "import { b } from './b';\nexport function a(n) { return b(n); }\n");
            Write("src/lib/b.ts", "import { a } from './a';\nexport function b(n) { return a(n) + c(n); }\nfunction c(n) { return n; }\n");
            Write("src/app/api/acme/x/route.ts", "import { a } from '@/lib/a';\nexport async function GET() { return Response.json(a(1)); }\n");
            Write("src/app/api/acme/y/route.ts", "import { b } from '@/lib/b';\nexport async function GET() { return Response.json(b(1)); }\n");
            var (routes, graph) = Scan();
            Assert.Equal(new[] { "a (src/lib/a.ts:2)", "b (src/lib/b.ts:2)", "c (src/lib/b.ts:3)" }, routes.Find("/api/acme/x")!.Handler(RouteMethod.GET)!.Facts!.Followed.OrderBy(x => x));
            Assert.Equal(4, graph.FilesRead); // two routes and two lib files, each once for both handlers
        }

        [Fact]
        public void CallsDeeperThanSixAreNotFollowedAndSaySo()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < 8; i++) sb.Append("export function f" + i + "() { return f" + (i + 1) + "(); }\n");
            sb.Append("export function f8() { return requireRole('admin'); }\n");
            Write("src/lib/chain.ts", sb.ToString());
            Write("src/app/api/acme/x/route.ts", "import { f0 } from '@/lib/chain';\nexport async function GET() { await f0(); return Response.json({}); }\n");
            var facts = Facts(RouteMethod.GET);
            Assert.True(facts.DepthLimited);
            Assert.Empty(facts.Guards);
        }

        [Fact]
        public void CommentedOutConditionalAndFailOpenGuards()
        {
            Write("src/app/api/acme/x/route.ts",
                "export async function GET(req) {\n  // await requireRole('admin');\n  return Response.json(await load());\n}\n" +
                "export async function POST(req) {\n  if (req.headers.get('x-debug')) {\n    await requireRole('admin');\n  }\n  return Response.json(await load());\n}\n" +
                "export async function PUT(req) {\n  const secret = process.env.CRON_SECRET;\n  if (secret && req.headers.get('authorization') !== `Bearer ${secret}`) return new Response('no', { status: 401 });\n  return Response.json(await load());\n}\n" +
                "export async function DELETE(req) {\n  if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) return new Response('no', { status: 401 });\n  return Response.json(await load());\n}\n" +
                "async function load() { return 1; }\n");
            Assert.Empty(Facts(RouteMethod.GET).Guards);
            Assert.True(Assert.Single(Facts(RouteMethod.POST).Guards).Conditional);
            var failOpen = Assert.Single(Facts(RouteMethod.PUT).Guards);
            Assert.Equal("cron", failOpen.Kind);
            Assert.True(failOpen.FailOpen);
            var strict = Assert.Single(Facts(RouteMethod.DELETE).Guards);
            Assert.False(strict.FailOpen || strict.Conditional);
        }

        [Fact]
        public void ListedGuardsValidatorsAndCronSecrets()
        {
            Write("src/app/api/acme/x/route.ts",
                "import { verifyPartner, checkShape } from 'partner-sdk';\nexport async function POST(req) {\n  await verifyPartner(req);\n  const body = checkShape(await req.json());\n  return Response.json(body);\n}\n" +
                "export async function GET(req) {\n  if (req.headers.get('authorization') !== 'Bearer ' + process.env.JOBS_KEY) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n");
            var recognition = new CodeRecognition();
            recognition.Guards["signature"] = new List<string> { "verifyPartner" };
            recognition.Validators.Add("checkShape");
            recognition.CronSecrets.Add("JOBS_KEY");
            var post = Facts(RouteMethod.POST, recognition: recognition);
            Assert.Equal("signature", Assert.Single(post.Guards).Kind);
            Assert.Equal(BodyValidation.Schema, post.Validation);
            Assert.Equal("cron", Assert.Single(Facts(RouteMethod.GET, recognition: recognition).Guards).Kind);
            // Without the plan's names: nothing is recognised, and JOBS_KEY is no cron secret.
            var bare = Facts(RouteMethod.POST);
            Assert.Empty(bare.Guards);
            Assert.Equal(BodyValidation.None, bare.Validation);
            Assert.NotEqual("cron", Facts(RouteMethod.GET).Guards.Single().Kind);
        }

        [Fact]
        public void AListedNameThatIsNoValidRegexIsRefusedNamingItsPlanKey()
        {
            Write("src/app/api/acme/x/route.ts", "export async function POST(req) { return Response.json({}); }\n");
            var guards = new CodeRecognition();
            guards.Guards["admin"] = new List<string> { "assertAdmin(" };
            var ex = Assert.Throws<RolloutPlaybook.Core.Errors.RolloutException>(() => Scan(guards));
            Assert.Equal("RoutePatternInvalid", ex.ErrorId);
            Assert.Contains("repository.guards.admin 'assertAdmin('", ex.Message);
            var validators = new CodeRecognition();
            validators.Validators.Add("[check");
            ex = Assert.Throws<RolloutPlaybook.Core.Errors.RolloutException>(() => Scan(validators));
            Assert.Equal("RoutePatternInvalid", ex.ErrorId);
            Assert.Contains("repository.validators '[check'", ex.Message);
        }

        [Fact]
        public void BodyValidationByTypeChecksPresenceChecksAndJsonParse()
        {
            Write("src/app/api/acme/x/route.ts",
                "export async function POST(req) {\n  const body = await req.json();\n  if (typeof body.name !== 'string' || !Array.isArray(body.tags)) return new Response('bad', { status: 400 });\n  return Response.json({ n: body.name, t: body.tags });\n}\n" +
                "export async function PUT(req) {\n  const body = await req.json();\n  if (!body.name) return new Response('bad', { status: 400 });\n  return Response.json({ n: body.name });\n}\n" +
                "export async function PATCH(req) {\n  const raw = await req.text();\n  const data = JSON.parse(raw);\n  if (typeof data.name !== 'string') return new Response('bad', { status: 400 });\n  return Response.json({ n: data.name, e: data.email });\n}\n");
            var post = Facts(RouteMethod.POST);
            Assert.Equal(BodyValidation.TypeChecks, post.Validation);
            Assert.Equal(new[] { "name", "tags" }, post.FieldsRead);
            Assert.Equal(BodyValidation.None, Facts(RouteMethod.PUT).Validation);
            var patch = Facts(RouteMethod.PATCH);
            Assert.Equal(BodyValidation.PartialTypeChecks, patch.Validation);
            Assert.Equal(new[] { "email", "name" }, patch.FieldsRead);
        }

        [Fact]
        public void WritesThroughHelpersVariablesAndBoundArguments()
        {
            Write("src/lib/store.ts",
                "import { db } from './db';\nconst UNIQUE = '23505';\n" +
                "async function writeBatch(table, rows, conflict) { await db.from(table).upsert(rows, { onConflict: conflict, ignoreDuplicates: true }); }\n" +
                "export async function save(items) {\n  const records = items.map((i) => ({ source: 'acme_user', external_id: i.id }));\n  const batch = records.slice(0, 10);\n  await writeBatch('entity_external_ids', batch, 'source,external_id');\n}\n" +
                "export async function add(row) {\n  const { error } = await db.from('acme_notes').insert(row);\n  if (error?.code === UNIQUE) return false;\n  return true;\n}\n" +
                "export async function drop() { await db.from('entity_external_ids').delete().eq('source', 'acme_user'); }\n");
            Write("src/lib/db.ts", "export const db: any = null;\n");
            Write("src/app/api/acme/x/route.ts",
                "import { save, add, drop } from '@/lib/store';\nexport async function POST(req) { await save([]); await add({}); await drop(); await db2.rpc('acme_refresh', {}); return Response.json({}); }\n" +
                "// await db.from('acme_ghost').insert({}) and a '23505' in a comment are not code\n");
            var facts = Facts(RouteMethod.POST);
            var upsert = facts.Writes.Single(w => w.Op == "upsert");
            Assert.Equal("entity_external_ids", upsert.Table);
            Assert.Equal(new[] { "acme_user" }, upsert.Sources);
            Assert.Equal(new[] { "source", "external_id" }, upsert.OnConflict);
            Assert.True(upsert.IgnoreDuplicates);
            Assert.Equal("acme_notes", facts.Writes.Single(w => w.Op == "insert").Table);
            Assert.Equal(new[] { "acme_user" }, facts.Writes.Single(w => w.Op == "delete").Sources);
            Assert.Equal("acme_refresh", facts.Writes.Single(w => w.Op == "rpc").Table);
            Assert.DoesNotContain(facts.Writes, w => w.Table == "acme_ghost");
            Assert.StartsWith("src/lib/store.ts:", facts.UniqueViolationAt);
        }

        [Fact]
        public void AFixedResponseNeedsNoData()
        {
            Write("src/app/api/acme/x/route.ts",
                "import { ApiErrors } from '@/lib/errors';\nexport async function GET() { return ApiErrors.notFound('Use POST method'); }\n" +
                "export async function POST() { return NextResponse.json(await load()); }\nasync function load() { return 1; }\n");
            Assert.True(Facts(RouteMethod.GET).FixedResponse);
            Assert.False(Facts(RouteMethod.POST).FixedResponse);
        }

        [Fact]
        public void AFixedResponseMayLogButNotLogWhatItLoads()
        {
            // A stub endpoint (Slack's options URL, say) that only logs and answers the same thing every time.
            Write("src/app/api/acme/x/route.ts",
                "export async function POST(req) {\n  console.log('options request');\n  // TODO: answer with real options\n  return NextResponse.json({ options: [] });\n}\n" +
                "export async function PUT(req) {\n  console.log('put', await req.json());\n  return NextResponse.json({ ok: true });\n}\n" +
                "export async function PATCH(req) {\n  console.info(loadAll());\n  return NextResponse.json({ ok: true });\n}\nfunction loadAll() { return supabase.from('t').select(); }\n");
            Assert.True(Facts(RouteMethod.POST).FixedResponse);
            Assert.False(Facts(RouteMethod.PUT).FixedResponse);
            Assert.False(Facts(RouteMethod.PATCH).FixedResponse);
        }

        /// <summary>The route-file fuzzer, extended to the analysis: mutated files that import each other (cycles, wrappers, re-exports) never throw or hang.</summary>
        [Fact]
        public void MutatedFilesThatImportEachOtherNeverThrowOrHang()
        {
            int count = Math.Max(60, (int.TryParse(Environment.GetEnvironmentVariable("RP_FUZZ_COUNT"), out var n) && n > 0 ? n : 3000) / 25);
            var seeds = new[]
            {
                "import { b, wrap } from '@/lib/b';\nexport function a(x) { return b(x) ?? a(x - 1); }\nexport const withA = (h) => wrap(async (r) => { await requireRole('admin'); return h(r); });\n",
                "import { a } from './a';\nexport * from './a';\nexport function b(x) { return a(x); }\nexport function wrap(h) { return withWrap(h); }\nconst withWrap = (h) => wrap(h);\n",
                "import { withA } from '@/lib/a';\nimport * as lib from '../../../../lib/b';\nasync function handler(req) { const body = await req.json(); await lib.b(body.x); return db.from('t').upsert(body, { onConflict: 'id' }); }\nexport const POST = withA(withA(handler));\nexport { handler as GET, handler as PUT };\n",
            };
            var slowest = TimeSpan.Zero;
            for (int seed = 0; seed < count; seed++)
            {
                var random = new Random(seed);
                string Mutated(int i) => MutateText(seeds[i], random);
                Write("src/lib/a.ts", Mutated(0));
                Write("src/lib/b.ts", Mutated(1));
                Write("src/app/api/acme/x/route.ts", Mutated(2));
                var watch = Stopwatch.StartNew();
                try { Scan(); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException("seed " + seed + ": " + ex.GetType().Name + ": " + ex.Message); }
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "seed " + seed + " took " + watch.Elapsed);
            }
        }

        private static readonly string[] Inserts = { "{", "}", "(", ")", "'", "`", "${", "/*", "*/", "//", "\n", "import { a } from './a';\n", "export * from './b';\n", "a(", "wrap(", "=>", "export const GET = GET;\n" };

        private static string MutateText(string text, Random random)
        {
            var sb = new StringBuilder(text);
            int rounds = random.Next(4);
            for (int r = 0; r < rounds; r++)
            {
                int at = sb.Length == 0 ? 0 : random.Next(sb.Length);
                switch (random.Next(4))
                {
                    case 0: sb.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                    case 1: sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 30))); break;
                    case 2: sb.Length = at; break;
                    default: sb.Insert(at, new string("({[`'"[random.Next(5)], random.Next(1, 50))); break;
                }
            }
            return sb.ToString();
        }
    }
}
