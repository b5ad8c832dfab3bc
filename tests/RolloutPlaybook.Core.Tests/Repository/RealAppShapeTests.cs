using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Shapes seen in public Next.js + Supabase applications that the recognisers misread before (issue 14,
    /// generalisation), each with its near miss: a role checked inline from a profiles lookup, an HMAC through Web
    /// Crypto, a webhook body parsed by the sender's SDK, and the app's own Supabase env vars.
    /// </summary>
    public sealed class RealAppShapeTests : IDisposable
    {
        private readonly string root = Path.Combine(Path.GetTempPath(), "rp-shape-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public void Dispose() { try { Directory.Delete(root, true); } catch (IOException) { } }

        private void Write(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        private HandlerFacts Facts(RouteMethod method, string route = "/api/acme/x")
        {
            if (!File.Exists(Path.Combine(root, "tsconfig.json")))
                Write("tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }");
            var layout = RepositoryLayout.For(new RolloutPlan { Connector = "acme" }, root);
            var routes = RouteInventory.Scan(layout, Array.Empty<string>(), null, new ModuleGraph(layout), null);
            var handler = routes.Find(route)!.Handler(method)!;
            Assert.NotNull(handler.Facts);
            return handler.Facts!;
        }

        private const string Session = "  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) return Response.json({}, { status: 401 });\n";

        [Fact]
        public void ARoleComparedInARejectingConditionIsARoleGuard_AFlagOrUserMetadataIsNot()
        {
            Write("src/app/api/acme/x/route.ts",
                "export async function POST() {\n" + Session +
                "  const { data: profile } = await supabase.from('profiles').select('role').eq('id', user.id).single();\n" +
                "  if (profile?.role !== 'admin') return Response.json({}, { status: 403 });\n  return Response.json({});\n}\n" +
                "export async function PUT() {\n" + Session +
                "  const { data: m } = await supabase.from('members').select('role').eq('user_id', user.id).single();\n" +
                "  if (!m || !['owner', 'admin'].includes(m.role)) return Response.json({}, { status: 403 });\n  return Response.json({});\n}\n" +
                "export async function PATCH() {\n" + Session +
                "  const { data: profile } = await supabase.from('profiles').select('role').eq('id', user.id).single();\n" +
                "  const isAdmin = profile?.role === 'admin';\n  return Response.json({ isAdmin });\n}\n" +
                "export async function DELETE() {\n" + Session +
                "  if (user.user_metadata?.role !== 'admin') return Response.json({}, { status: 403 });\n  return Response.json({});\n}\n");
            var post = Facts(RouteMethod.POST).Guards.Single(g => g.Kind == "role");
            Assert.Equal("admin", post.Role);
            Assert.Equal("src/app/api/acme/x/route.ts:5", post.At);
            Assert.Equal("owner|admin", Facts(RouteMethod.PUT).Guards.Single(g => g.Kind == "role").Role);
            Assert.DoesNotContain(Facts(RouteMethod.PATCH).Guards, g => g.Kind == "role");
            Assert.DoesNotContain(Facts(RouteMethod.DELETE).Guards, g => g.Kind == "role");
            Assert.True(RolloutPlaybook.Core.Gate.Rules.GuardedRule.Satisfies(post, "admin"));
            Assert.False(RolloutPlaybook.Core.Gate.Rules.GuardedRule.Satisfies(post, "owner"));
        }

        [Fact]
        public void WebCryptoHmacIsASignature_SigningAnOutgoingCallIsNot()
        {
            Write("src/lib/acme/verify.ts",
                "export async function verifySig(payload, header, secret) {\n  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n" +
                "  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(payload));\n  const hex = Buffer.from(mac).toString('hex');\n  return hex === header;\n}\n" +
                "export async function checkMac(payload, sig, key) {\n  return crypto.subtle.verify('HMAC', key, sig, new TextEncoder().encode(payload));\n}\n");
            Write("src/app/api/acme/x/route.ts",
                "import { verifySig, checkMac } from '@/lib/acme/verify';\n" +
                "export async function POST(req) {\n  const raw = await req.text();\n  if (!(await verifySig(raw, req.headers.get('x-signature'), process.env.ACME_SECRET))) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n" +
                "export async function PUT(req) {\n  const raw = await req.text();\n  if (!(await checkMac(raw, req.headers.get('x-signature'), null))) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n" +
                "export async function PATCH(req) {\n  const key = await crypto.subtle.importKey('raw', new Uint8Array(8), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n" +
                "  const mac = await crypto.subtle.sign('HMAC', key, new Uint8Array(4));\n  await fetch('https://x.example', { method: 'POST', headers: { 'x-signature': String(mac) } });\n  return Response.json({});\n}\n");
            var post = Assert.Single(Facts(RouteMethod.POST).Guards, g => g.Kind == "signature");
            Assert.Equal("src/lib/acme/verify.ts:3", post.At);
            Assert.Contains("crypto.subtle.sign", post.What);
            Assert.Contains("crypto.subtle.verify", Assert.Single(Facts(RouteMethod.PUT).Guards, g => g.Kind == "signature").What);
            Assert.Empty(Facts(RouteMethod.PATCH).Guards);
        }

        [Fact]
        public void AssertOnASchemaValidates_ConsoleAssertDoesNot()
        {
            // Mutation check (issue 18): the receiver test of .assert()/.cast() must tell a schema from console.
            Write("src/app/api/acme/x/route.ts",
                "import { TicketInput, ticketSchema } from '@/lib/acme/schemas';\n" +
                "export async function POST(req) {\n  const body = await req.json();\n  TicketInput.assert(body);\n  return Response.json({ name: body.name });\n}\n" +
                "export async function PUT(req) {\n  const body = ticketSchema.cast(await req.json());\n  return Response.json({ name: body.name });\n}\n" +
                "export async function PATCH(req) {\n  const body = await req.json();\n  console.assert(body.name, 'a name');\n  return Response.json({ name: body.name });\n}\n");
            Assert.Equal(BodyValidation.Schema, Facts(RouteMethod.POST).Validation);
            Assert.Equal(BodyValidation.Schema, Facts(RouteMethod.PUT).Validation);
            Assert.NotEqual(BodyValidation.Schema, Facts(RouteMethod.PATCH).Validation);
        }

        [Fact]
        public void AWebhookBodyParsedByStripeOrSvixIsValidated_ARawBodyPassedOnIsNot()
        {
            Write("src/app/api/acme/x/route.ts",
                "import Stripe from 'stripe';\nimport { Webhook } from 'svix';\nconst stripe = new Stripe('k');\n" +
                "export async function POST(req) {\n  const body = await req.text();\n  const event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET);\n  return Response.json({ id: event.id });\n}\n" +
                "export async function PUT(req) {\n  const payload = await req.text();\n  const evt = new Webhook(process.env.SVIX_SECRET).verify(payload, Object.fromEntries(req.headers));\n  return Response.json({ type: evt.type });\n}\n" +
                "export async function PATCH(req) {\n  const payload = await req.text();\n  await fetch('https://x.example', { method: 'POST', body: payload });\n  return Response.json({});\n}\n");
            var post = Facts(RouteMethod.POST);
            Assert.Equal(BodyValidation.Schema, post.Validation);
            Assert.Equal("src/app/api/acme/x/route.ts:6", post.ValidationAt);
            Assert.Contains("constructEvent", post.ValidationWhat);
            Assert.Equal(BodyValidation.Schema, Facts(RouteMethod.PUT).Validation);
            Assert.Equal(BodyValidation.None, Facts(RouteMethod.PATCH).Validation);
        }

        [Fact]
        public void TheAppsOwnSupabaseVarsAreNotTheConnectorsHandoff_UnlessTheHandoffNamesThem()
        {
            Write("src/app/api/acme/x/route.ts",
                "import { createClient } from '@supabase/supabase-js';\nconst admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL, process.env.SUPABASE_SERVICE_ROLE_KEY);\n" +
                "export async function GET() {\n  const { data } = await admin.from('acme_items').select('*');\n  return Response.json({ data, token: process.env.ACME_TOKEN });\n}\n");
            var plan = new RolloutPlan { Connector = "acme" };
            plan.Routes.Add(new RolloutRoute { Path = "/api/acme/x", Methods = { RouteMethod.GET }, Auth = "none" });
            GateResult[] Run() => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = new[] { "RP.Docs.EnvMatch" } }).ToArray();
            var results = Run();
            Assert.Equal("ACME_TOKEN", Assert.Single(results, r => r.Outcome == GateOutcome.Fail).Target);
            Assert.DoesNotContain(results, r => r.Target == "SUPABASE_SERVICE_ROLE_KEY" || r.Target == "NEXT_PUBLIC_SUPABASE_URL");
            // Named in the handoff, it is checked like any other.
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SUPABASE_SERVICE_ROLE_KEY", Secret = true });
            Assert.Equal(GateOutcome.Pass, Assert.Single(Run(), r => r.Target == "SUPABASE_SERVICE_ROLE_KEY").Outcome);
        }
    

        [Theory]
        [InlineData("/api/beta/:path*", "/api/beta", true)]
        [InlineData("/api/beta/:path*", "/api/beta/mw/items", true)]
        [InlineData("/api/beta/:path*", "/api/betamax", false)]
        [InlineData("/api/beta/:path+", "/api/beta", false)]
        [InlineData("/api/users/:id", "/api/users/x", true)]
        [InlineData("/api/users/:id", "/api/users/x/y", false)]
        [InlineData("/((?!_next/static|_next/image|favicon.ico).*)", "/api/acme/x", true)]
        [InlineData("/((?!api|_next/static).*)", "/api/acme/x", false)]
        [InlineData("/api/admin", "/api/admin", true)]
        public void MiddlewareMatchersReadAsNextJsDoes(string matcher, string path, bool matches)
            => Assert.Equal(matches, MiddlewareGuard.ToRegex(matcher)!.IsMatch(path));

        private GateResult[] Guarded(string auth, params string[] paths)
        {
            var plan = new RolloutPlan { Connector = "acme" };
            foreach (var p in paths) plan.Routes.Add(new RolloutRoute { Path = p, Methods = { RouteMethod.GET }, Auth = auth });
            return new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = new[] { "RP.Api.Guarded" } }).ToArray();
        }

        private const string Unguarded = "export async function GET() {\n  const { data } = await db.from('acme_items').select('*');\n  return Response.json(data);\n}\n";

        [Fact]
        public void AMiddlewareThatRejectsGuardsTheRoutesItsMatcherCovers_NotOthersNorAMiddlewareThatOnlyRefreshes()
        {
            Write("tsconfig.json", "{}");
            Write("src/app/api/acme/x/route.ts", Unguarded);
            Write("src/app/api/acme/open/route.ts", Unguarded);
            Write("src/middleware.ts",
                "import { NextResponse } from 'next/server';\nexport async function middleware(req) {\n  const { data: { session } } = await supabase.auth.getSession();\n" +
                "  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/api/acme/x/:path*'] };\n");
            var results = Guarded("session", "/api/acme/x", "/api/acme/open");
            var x = Assert.Single(results, r => r.Target == "/api/acme/x GET");
            Assert.Equal(GateOutcome.Pass, x.Outcome);
            Assert.Contains("src/middleware.ts:2", x.Message);
            Assert.Contains("src/middleware.ts:3", x.Evidence);
            Assert.Equal(GateOutcome.Fail, Assert.Single(results, r => r.Target == "/api/acme/open GET").Outcome);
            // The middleware proves a session, not a role.
            Assert.Equal(GateOutcome.Fail, Assert.Single(Guarded("admin", "/api/acme/x")).Outcome);

            // Deciding by the path: the gate cannot tell which routes it rejects.
            Write("src/middleware.ts",
                "import { NextResponse } from 'next/server';\nexport async function middleware(req) {\n  const { data: { session } } = await supabase.auth.getSession();\n" +
                "  if (!session && req.nextUrl.pathname.startsWith('/api/acme/x')) return NextResponse.json({}, { status: 401 });\n  return NextResponse.next();\n}\n");
            Assert.Equal(GateOutcome.Warn, Assert.Single(Guarded("session", "/api/acme/open")).Outcome);

            // Only refreshing the session cookie is no guard.
            Write("src/middleware.ts", "import { NextResponse } from 'next/server';\nexport async function middleware(req) {\n  await supabase.auth.getUser();\n  return NextResponse.next({ request: req });\n}\n");
            Assert.Equal(GateOutcome.Fail, Assert.Single(Guarded("session", "/api/acme/x")).Outcome);
        }
    

        [Fact]
        public void AnUpsertWithoutOnConflictConflictsOnThePrimaryKey()
        {
            Write("supabase/migrations/20260101_a.sql",
                "create table acme_seen (user_id uuid not null, day date not null, primary key (user_id, day));\n" +
                "create table acme_events (id uuid primary key default gen_random_uuid(), external_id text not null);\n");
            Write("src/app/api/acme/x/route.ts",
                "export async function POST() {\n  await db.from('acme_seen').upsert([{ user_id: 'u', day: 'd' }], { ignoreDuplicates: true });\n" +
                "  await db.from('acme_events').upsert({ external_id: 'e' });\n  await db.from('acme_other').upsert({ a: 1 });\n  return Response.json({});\n}\n");
            var plan = new RolloutPlan { Connector = "acme" };
            var route = new RolloutRoute { Path = "/api/acme/x", Methods = { RouteMethod.POST }, Auth = "none" };
            route.Writes.Add(new RouteWrite { Table = "acme_seen", Op = WriteOp.Upsert, Action = WriteAction.Ignore, OnConflict = "user_id,day" });
            route.Writes.Add(new RouteWrite { Table = "acme_events", Op = WriteOp.Upsert, Action = WriteAction.Update, OnConflict = "external_id" });
            route.Writes.Add(new RouteWrite { Table = "acme_other", Op = WriteOp.Upsert, Action = WriteAction.Update, OnConflict = "a" });
            plan.Routes.Add(route);
            var results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = new[] { "RP.Map.OnConflictDocumented" } }).ToArray();
            var seen = Assert.Single(results, r => r.Target.EndsWith("acme_seen", StringComparison.Ordinal));
            Assert.Equal(GateOutcome.Pass, seen.Outcome);
            Assert.Contains("primary key (user_id, day)", seen.Message);
            Assert.Contains("supabase/migrations/20260101_a.sql:1", seen.Message);
            var events = Assert.Single(results, r => r.Target.EndsWith("acme_events", StringComparison.Ordinal));
            Assert.Equal(GateOutcome.Fail, events.Outcome);
            Assert.Contains("primary key (id)", events.Message);
            // A table the migrations do not define: no key to compare with.
            Assert.Contains("has no onConflict", Assert.Single(results, r => r.Target.EndsWith("acme_other", StringComparison.Ordinal)).Message);
        }
    

        [Fact]
        public void OctokitAndResendWebhookVerifyAreSignatures_APasswordVerifyIsNot()
        {
            Write("src/app/api/acme/x/route.ts",
                "import { Webhooks } from '@octokit/webhooks';\nimport { Resend } from 'resend';\nimport argon2 from 'argon2';\n" +
                "const webhooks = new Webhooks({ secret: 's' });\nconst resend = new Resend('k');\n" +
                "export async function POST(req) {\n  const payload = await req.text();\n  if (!(await webhooks.verify(payload, req.headers.get('x-hub-signature-256')))) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n" +
                "export async function PUT(req) {\n  const payload = await req.text();\n  resend.webhooks.verify({ payload, headers: {}, webhookSecret: 's' });\n  return Response.json({});\n}\n" +
                "export async function PATCH(req) {\n  const body = await req.json();\n  if (!(await argon2.verify(stored, body.password))) return new Response('no', { status: 401 });\n  return Response.json({});\n}\n");
            var post = Facts(RouteMethod.POST);
            Assert.Equal("webhooks.verify()", Assert.Single(post.Guards, g => g.Kind == "signature").What);
            Assert.Equal(BodyValidation.Schema, post.Validation);
            Assert.Equal("resend.webhooks.verify()", Assert.Single(Facts(RouteMethod.PUT).Guards, g => g.Kind == "signature").What);
            var patch = Facts(RouteMethod.PATCH);
            Assert.DoesNotContain(patch.Guards, g => g.Kind == "signature");
            Assert.NotEqual(BodyValidation.Schema, patch.Validation);
        }
    

        [Fact]
        public void RoleHelpersNamedForTheirRoleAreRoleGuards_AnIsAdminFlagOutsideAConditionIsNot()
        {
            Write("src/lib/acme/admin.ts",
                // Helpers in the repository count for what their code does (EnvGenTests: one that checks nothing is no guard).
                "export async function requireAdminApi() {\n  const { data: p } = await supabase.from('profiles').select('role').single();\n  if (p?.role !== 'admin') return { ok: false };\n  return { ok: true };\n}\n" +
                "export async function isAdmin() {\n  const { data: p } = await supabase.from('profiles').select('role').single();\n  return p?.role === 'admin';\n}\n" +
                "export function withOwnerAuth(h) {\n  return async (req) => {\n    const { data: p } = await supabase.from('profiles').select('role').single();\n    if (p?.role !== 'owner') return new Response(null, { status: 403 });\n    return h(req);\n  };\n}\n");
            Write("src/app/api/acme/x/route.ts",
                "import { requireAdminApi, isAdmin, withOwnerAuth } from '@/lib/acme/admin';\n" +
                "export async function POST() {\n  const auth = await requireAdminApi();\n  if (!auth.ok) return Response.json({}, { status: 403 });\n  return Response.json({});\n}\n" +
                "export async function PUT() {\n  if (!(await isAdmin())) return Response.json({}, { status: 403 });\n  return Response.json({});\n}\n" +
                "export async function PATCH() {\n  const admin = await isAdmin();\n  return Response.json({ admin });\n}\n" +
                "export const DELETE = withOwnerAuth(async () => Response.json({}));\n");
            Assert.Equal("admin", Assert.Single(Facts(RouteMethod.POST).Guards, g => g.Kind == "role").Role);
            Assert.Equal("isAdmin()", Assert.Single(Facts(RouteMethod.PUT).Guards, g => g.Kind == "role").What);
            Assert.DoesNotContain(Facts(RouteMethod.PATCH).Guards, g => g.Kind == "role");
            Assert.Equal("owner", Assert.Single(Facts(RouteMethod.DELETE).Guards, g => g.Kind == "role").Role);
        }
    }
}
