using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class RouteHandlerTests
    {
        [Fact]
        public void HandlersInCommentsAndStringsAreNotExported()
        {
            var code = "// export async function POST(req) {}\n/* export const PUT = () => {} */\nconst s = 'export function PATCH() {}';\nconst t = `export { x as DELETE }`;\nexport async function GET() { return 1; }";
            Assert.Equal("GET", Scan.Methods(code));
        }

        [Theory]
        [InlineData("export const GET = handler;\nconst handler = handler;\n")]
        [InlineData("export const POST = a;\nconst a = b;\nconst b = a;\n")]
        [InlineData("export const PUT = withAuth(handler);\nconst handler = withAuth(handler);\n")]
        [InlineData("const handler = handler;\nexport { handler as DELETE };\n")]
        public void HandlersDefinedInTermsOfThemselvesEndTheSearch(string code)
        {
            // Each of these once recursed until the stack overflowed, which ends the PowerShell process.
            var handlers = Scan.Handlers(code);
            var handler = Assert.Single(handlers);
            Assert.False(handler.HasAuthGuard);
            Assert.False(handler.TakesRequest);
        }

        [Fact]
        public void AllExportForms()
        {
            var code = @"
export async function GET(request: Request) { await requireAuth(); }
export function POST(req) { requireRole('admin'); }
export const PUT = async (req: NextRequest) => { requireRole('admin'); };
async function remove(request: Request) { await getServerSession(); }
const patchHandler = async (r) => { requireAuth(); };
export { remove as DELETE, patchHandler as PATCH };
";
            var handlers = Scan.Handlers(code);
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST, RouteMethod.PUT, RouteMethod.PATCH, RouteMethod.DELETE }, handlers.Select(h => h.Method));
            Assert.All(handlers, h => Assert.True(h.HasAuthGuard, h.Method + " guard"));
            Assert.All(handlers, h => Assert.True(h.TakesRequest, h.Method + " request"));
            Assert.Equal(2, handlers.Single(h => h.Method == RouteMethod.GET).Line);
            Assert.Equal(7, handlers.Single(h => h.Method == RouteMethod.DELETE).Line);
        }

        [Fact]
        public void ExportListOfLocalFunctions()
        {
            var code = "function GET() { return 1; }\nasync function POST(request) {\n  const b = schema.parse(await request.json());\n}\nexport { GET, POST };\n";
            var handlers = Scan.Handlers(code);
            Assert.Equal("GET,POST", string.Join(",", handlers.Select(h => h.Method)));
            var post = handlers[1];
            Assert.True(post.ReadsBody);
            Assert.Equal(3, post.BodyReadLine);
            Assert.True(post.ValidatesBody);
            Assert.False(handlers[0].TakesRequest);
        }

        [Fact]
        public void NonMethodExportsAndLookalikesAreIgnored()
        {
            var code = "export const dynamic = 'force-dynamic';\nexport async function GETTER() {}\nexport function getHandler() {}\nexport const revalidate = 0;\nexport { helper as default };\nfunction helper() {}";
            Assert.Equal("", Scan.Methods(code));
        }

        [Fact]
        public void FactsArePerHandler()
        {
            var code = @"export async function GET() {
  return NextResponse.json({ ok: true });
}

export async function POST(request: NextRequest) {
  await requireRole('admin');
  const body = await request.json();
  return NextResponse.json(body);
}
";
            var get = Scan.Handler(code, RouteMethod.GET);
            var post = Scan.Handler(code, RouteMethod.POST);
            Assert.False(get.HasAuthGuard);
            Assert.False(get.ReadsBody);
            Assert.False(get.TakesRequest);
            Assert.True(post.HasAuthGuard);
            Assert.Equal(6, post.AuthGuardLine);
            Assert.True(post.ReadsBody);
            Assert.Equal(7, post.BodyReadLine);
            Assert.False(post.ValidatesBody);
            Assert.Equal(9, post.EndLine);
        }

        [Fact]
        public void ResponseJsonIsNotABodyRead()
        {
            var code = "export async function POST(req: Request) {\n  const r = await fetch(url);\n  const data = await r.json();\n  return NextResponse.json(data);\n}";
            Assert.False(Scan.Handler(code, RouteMethod.POST).ReadsBody);
        }

        [Fact]
        public void BodyReadForms()
        {
            Assert.True(Scan.Handler("export async function POST(req) { const f = await req.formData(); }", RouteMethod.POST).ReadsBody);
            Assert.True(Scan.Handler("export async function POST(req) { const t = await req.clone().text(); }", RouteMethod.POST).ReadsBody);
            Assert.True(Scan.Handler("export async function POST(req) { const t = await (req as any).json(); }", RouteMethod.POST).ReadsBody);
            Assert.True(Scan.Handler("export const POST = async (request) => ({ b: await request\n  .json() });", RouteMethod.POST).ReadsBody);
            // A body-less handler that calls .json() on something else does not read the request.
            Assert.False(Scan.Handler("export async function POST() { const t = await res.json(); }", RouteMethod.POST).ReadsBody);
        }

        [Fact]
        public void ReturnTypesAndGenericsDoNotHideTheBody()
        {
            var code = "export async function POST<T>(req: Request): Promise<NextResponse<{ ok: boolean }>> {\n  requireAuth();\n}\n" +
                       "export const GET: (r: Request) => Promise<Response> = async (r) => { requireAuth(); return new Response(); };";
            Assert.True(Scan.Handler(code, RouteMethod.POST).HasAuthGuard);
            var get = Scan.Handler(code, RouteMethod.GET);
            Assert.True(get.HasAuthGuard);
            Assert.True(get.TakesRequest);
        }

        [Fact]
        public void WrappedConstHandlerUsesTheInlineFunction()
        {
            var code = "export const POST = withErrors(async (req: Request) => {\n  const input = Input.safeParse(await req.json());\n  await requireRole('admin');\n});";
            var post = Scan.Handler(code, RouteMethod.POST);
            Assert.True(post.TakesRequest);
            Assert.True(post.ReadsBody);
            Assert.True(post.ValidatesBody);
            Assert.True(post.HasAuthGuard);
        }

        [Fact]
        public void ConstAliasOfLocalFunction()
        {
            var code = "async function handler(request: Request) { await requireAuth(); }\nexport const GET = handler;\nexport const POST = handler;";
            var handlers = Scan.Handlers(code);
            Assert.Equal(2, handlers.Count);
            Assert.All(handlers, h => Assert.True(h.HasAuthGuard));
        }

        [Fact]
        public void GuardInAStringOrCommentDoesNotCount()
        {
            var code = "export async function GET() {\n  // requireRole('admin')\n  const s = 'requireAuth()';\n}";
            Assert.False(Scan.Handler(code, RouteMethod.GET).HasAuthGuard);
        }

        [Fact]
        public void CronSecretCheckForms()
        {
            var template = "export async function GET(request: Request) {\n  if (request.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) return new Response('no', { status: 401 });\n}";
            var h = Scan.Handler(template, RouteMethod.GET);
            Assert.True(h.ChecksCronSecret);
            Assert.Equal(2, h.CronSecretLine);

            var replace = "export async function GET(req) {\n  const token = req.headers.get('Authorization')?.replace('Bearer ', '');\n  if (token !== process.env['CRON_SECRET']) return unauthorized();\n}";
            Assert.True(Scan.Handler(replace, RouteMethod.GET).ChecksCronSecret);

            // Reading the secret without comparing it with the Authorization bearer token is not a check.
            var noCompare = "export async function GET() { console.log(process.env.CRON_SECRET); }";
            Assert.False(Scan.Handler(noCompare, RouteMethod.GET).ChecksCronSecret);
            var commented = "export async function GET(req) {\n  // if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`)\n  return ok();\n}";
            Assert.False(Scan.Handler(commented, RouteMethod.GET).ChecksCronSecret);
        }

        [Fact]
        public void CronSecretAndBearerWithoutAComparisonAreNotACheck()
        {
            // Mutation check (issue 18): the recogniser's comparison requirement is what tells these apart from a check;
            // the other forms in CronSecretCheckForms fail for other reasons too.
            // A handler that sends the secret on (a bearer header to another service) names all three but compares nothing.
            var forwards = "export async function GET(req) {\n  await fetch(upstream, { headers: { Authorization: `Bearer ${process.env.CRON_SECRET}` } });\n  return ok();\n}";
            Assert.False(Scan.Handler(forwards, RouteMethod.GET).ChecksCronSecret);
            var logs = "export async function GET(req) {\n  console.log(req.headers.get('authorization'), `Bearer ${process.env.CRON_SECRET}`);\n  return ok();\n}";
            Assert.False(Scan.Handler(logs, RouteMethod.GET).ChecksCronSecret);
        }

        [Fact]
        public void Handles23505InCodeNotInComments()
        {
            Assert.True(Scan.Handler("export async function POST(r) { if (error.code === '23505') return conflict(); }", RouteMethod.POST).Handles23505);
            Assert.True(Scan.Handler("const UNIQUE = \"23505\";\nexport async function POST(r) {\n  if (error?.code === UNIQUE) return conflict();\n}", RouteMethod.POST).Handles23505);
            Assert.False(Scan.Handler("export async function POST(r) {\n  // TODO handle 23505\n  return ok();\n}", RouteMethod.POST).Handles23505);
            var two = "export async function GET() { return ok(); }\nexport async function POST(r) { if (e.code == '23505') {} }";
            Assert.False(Scan.Handler(two, RouteMethod.GET).Handles23505);
            Assert.Equal(2, Scan.Handler(two, RouteMethod.POST).Handles23505Line);
        }

        [Fact]
        public void UpsertLiterals()
        {
            var code = @"export async function POST(req) {
  await supabase
    .from('slack_messages')
    .upsert(rows, { onConflict: 'channel_id, message_ts', ignoreDuplicates: true });
  await supabase.from(""entity_external_ids"").upsert({ a: 1, b: [1, 2] }, { ignoreDuplicates: false, onConflict: ""source,external_id"" });
  await db.upsert(rows, { onConflict: `a,b` });
  await db.upsert(rows, { onConflict: `${col},b` });
  await db.upsert(rows);
}";
            var upserts = Scan.Handler(code, RouteMethod.POST).Upserts;
            Assert.Equal(5, upserts.Count);
            Assert.Equal("slack_messages", upserts[0].Table);
            Assert.Equal(new[] { "channel_id", "message_ts" }, upserts[0].OnConflict);
            Assert.True(upserts[0].IgnoreDuplicates);
            Assert.Equal(4, upserts[0].Line);
            Assert.Equal("entity_external_ids", upserts[1].Table);
            Assert.Equal(new[] { "source", "external_id" }, upserts[1].OnConflict);
            Assert.False(upserts[1].IgnoreDuplicates);
            Assert.Null(upserts[2].Table);
            Assert.Equal(new[] { "a", "b" }, upserts[2].OnConflict);
            Assert.Null(upserts[3].OnConflict);
            Assert.Null(upserts[4].OnConflict);
            Assert.False(upserts[4].IgnoreDuplicates);
        }

        [Fact]
        public void UpsertOptionsInAStringAreNotOptions()
        {
            var code = "export async function POST(r) {\n  log(`upsert(rows, { onConflict: 'x' })`);\n  await s.from('t').upsert(rows, { onConflict: CONFLICT });\n}\nconst CONFLICT = 'a,b';";
            var upserts = Scan.Handler(code, RouteMethod.POST).Upserts;
            Assert.Single(upserts);
            Assert.Equal("t", upserts[0].Table);
            Assert.Equal(new[] { "a", "b" }, upserts[0].OnConflict);
        }

        [Fact]
        public void FromOfAnotherStatementIsNotTheTable()
        {
            var code = "export async function POST(r) {\n  await s.from('other').select();\n  await rows.upsert(x, { onConflict: 'a' });\n}";
            Assert.Null(Scan.Handler(code, RouteMethod.POST).Upserts[0].Table);
        }

        [Fact]
        public void UnbalancedCodeDoesNotThrow()
        {
            foreach (var code in new[] { "export async function POST(", "export const GET = ", "export {", "export async function POST(req) { .upsert(", "export function DELETE(a) { .from(`x${", "`${" })
                Scan.Handlers(code);
        }

        [Fact]
        public void RequestReceiverCheckAgreesWithItsRegex()
        {
            // The body-read receiver test is the regex (?<![\w$.])name(?![\w$]), decided without it for ASCII neighbours.
            var random = new System.Random(11);
            var pieces = new[] { "req", "request", "r", "$", "_", ".", "1", "e", "q", " ", "(", ")", "!", "?.", "é", "日", "\u00a0", "\u200d", "ǅ", "٣" };
            foreach (var name in new[] { "req", "request", "r", "$r", "_", "$" })
                for (int n = 0; n < 4000; n++)
                {
                    var sb = new System.Text.StringBuilder();
                    for (int k = random.Next(8); k >= 0; k--) sb.Append(pieces[random.Next(pieces.Length)]);
                    var receiver = sb.ToString();
                    var expected = System.Text.RegularExpressions.Regex.IsMatch(receiver, @"(?<![\w$.])" + System.Text.RegularExpressions.Regex.Escape(name) + @"(?![\w$])");
                    Assert.True(expected == RolloutPlaybook.Core.Repository.RouteHandlerReader.NamesRequest(receiver, name), name + " in '" + receiver + "'");
                }
        }

        [Fact]
        public void FirstExportOfAMethodWins()
        {
            var code = "export async function GET() { requireAuth(); }\nexport const GET = () => {};";
            var get = Scan.Handler(code, RouteMethod.GET);
            Assert.Equal(1, get.Line);
            Assert.True(get.HasAuthGuard);
        }
    }
}
