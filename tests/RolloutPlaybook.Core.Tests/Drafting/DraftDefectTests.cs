using System.Linq;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Tests.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>What looks like a defect in the code becomes an open question of the draft, naming where it is.</summary>
    public class DraftDefectTests
    {
        private const string Unsafe =
            "import { createServiceClient } from '@/lib/supabase/server';\n" +                   // 1
            "\n" +                                                                                 // 2
            "export async function POST(request: Request) {\n" +                                  // 3
            "  const body = await request.json();\n" +                                            // 4
            "  const supabase = createServiceClient();\n" +                                       // 5
            "  await supabase.from('acme_events').upsert({ id: body.id, kind: body.kind });\n" +  // 6
            "  return Response.json({ ok: true });\n" +                                           // 7
            "}\n" +                                                                                // 8
            "\n" +                                                                                 // 9
            "export async function GET() {\n" +                                                   // 10
            "  return Response.json({ ok: true });\n" +                                           // 11
            "}\n";                                                                                 // 12

        private static PlanDraft DraftOf(TempRepo repo, string connector = "acme")
            => PlanDrafter.Draft(new Core.Planning.NewPlanRequest { Connector = connector }, CodeFactsReader.Read(new RolloutPlan { Connector = connector }, repo.Root));

        [Fact]
        public void AnUnguardedMutatingHandlerAnUnvalidatedBodyAndAnUpsertWithoutOnConflictAreOpenQuestions()
        {
            using var repo = new TempRepo();
            repo.File("src/app/api/acme/events/route.ts", Unsafe);
            var draft = DraftOf(repo);
            var questions = draft.Plan.OpenQuestions.Where(q => !q.StartsWith("Intake", System.StringComparison.Ordinal)).ToList();
            // Each question starts with the gate's target for the same thing (handler: path then method; write: path, method, op, table).
            Assert.Contains("/api/acme/events POST changes data but no auth guard was found (src/app/api/acme/events/route.ts:3): add one, or is it meant to be public?", questions);
            Assert.Contains(questions, q => q.StartsWith("/api/acme/events POST reads the request body at src/app/api/acme/events/route.ts:4 without validating it", System.StringComparison.Ordinal));
            Assert.Contains(questions, q => q.StartsWith("/api/acme/events POST upsert acme_events at src/app/api/acme/events/route.ts:6 has no onConflict", System.StringComparison.Ordinal));
            Assert.Equal(3, questions.Count);
            // The draft records what the code does: no guard, an upsert that updates on the primary key.
            var route = Assert.Single(draft.Plan.Routes);
            Assert.Equal("none", route.Auth);
            var write = Assert.Single(route.Writes);
            Assert.Equal(WriteAction.Update, write.Action);
            Assert.Null(write.OnConflict);
        }

        [Fact]
        public void AGetThatWritesWithoutACallerCheckIsAnOpenQuestion_OneThatComparesStateIsNot()
        {
            using var repo = new TempRepo();
            // An OAuth callback that trusts its state parameter and stores the token it gets.
            repo.File("src/app/api/acme/oauth/callback/route.ts",
                "export async function GET(req) {\n" +                                                        // 1
                "  const code = req.nextUrl.searchParams.get('code');\n" +                                     // 2
                "  const token = await exchange(code);\n" +                                                    // 3
                "  await supabase.from('acme_tokens').upsert({ team: token.team, token: token.value }, { onConflict: 'team' });\n" + // 4
                "  return NextResponse.redirect('/done');\n" +                                                 // 5
                "}\n");
            // A read-only GET raises nothing.
            repo.File("src/app/api/acme/status/route.ts", "export async function GET() {\n  const { data } = await supabase.from('acme_tokens').select();\n  return Response.json(data);\n}\n");
            var questions = DraftOf(repo).Plan.OpenQuestions.Where(q => !q.StartsWith("Intake", System.StringComparison.Ordinal)).ToList();
            var question = Assert.Single(questions);
            Assert.Equal("/api/acme/oauth/callback GET writes acme_tokens (src/app/api/acme/oauth/callback/route.ts:4) but no caller check was found: add one (an OAuth callback compares its state parameter with the one it issued), or is it meant to be public?", question);

            // Compared with the state it issued, the callback is checked: no question.
            repo.File("src/app/api/acme/oauth/callback/route.ts",
                "import { cookies } from 'next/headers';\n" +
                "export async function GET(req) {\n" +
                "  const state = req.nextUrl.searchParams.get('state');\n" +
                "  if (!state || state !== (await cookies()).get('acme_state')?.value) return new Response('bad state', { status: 400 });\n" +
                "  const token = await exchange(req.nextUrl.searchParams.get('code'));\n" +
                "  await supabase.from('acme_tokens').upsert({ team: token.team, token: token.value }, { onConflict: 'team' });\n" +
                "  return NextResponse.redirect('/done');\n" +
                "}\n");
            Assert.DoesNotContain(DraftOf(repo).Plan.OpenQuestions, q => !q.StartsWith("Intake", System.StringComparison.Ordinal));
        }

        [Fact]
        public void ASafeHandlerRaisesNoQuestion()
        {
            using var repo = new TempRepo();
            repo.File("src/app/api/acme/events/route.ts",
                "import { z } from 'zod';\nimport { requireRole } from '@/lib/auth';\nconst Input = z.object({ id: z.string() });\n" +
                "export async function POST(request: Request) {\n  await requireRole('ops');\n  const input = Input.parse(await request.json());\n" +
                "  await supabase.from('acme_events').upsert({ id: input.id }, { onConflict: 'id' });\n  return Response.json({ ok: true });\n}\n");
            var draft = DraftOf(repo);
            Assert.DoesNotContain(draft.Plan.OpenQuestions, q => !q.StartsWith("Intake", System.StringComparison.Ordinal));
            var route = Assert.Single(draft.Plan.Routes);
            Assert.Equal("ops", route.Auth);
            Assert.Equal("id", Assert.Single(route.Writes).OnConflict);
        }

        [Theory]
        [InlineData("SLACK_BOT_TOKEN", true)]
        [InlineData("CRON_SECRET", true)]
        [InlineData("HUBSPOT_API_KEY", true)]
        [InlineData("DB_PASSWORD", true)]
        [InlineData("SIGNING_SECRETS", true)]
        [InlineData("SLACK_SYNC_PAGE_CAP", false)]
        [InlineData("KEYBOARD_LAYOUT", false)]
        [InlineData("MONKEY_MODE", false)]
        public void ASecretIsGuessedFromTheWordsOfItsName(string name, bool secret)
            => Assert.Equal(secret, PlanDrafter.IsSecretName(name));

        [Fact]
        public void RoutesElsewhereAreTheConnectorsOnlyWhenAFolderNamesIt()
        {
            using var repo = new TempRepo();
            const string handler = "export async function GET() { return Response.json({ ok: true }); }\n";
            repo.File("src/app/api/acme/ping/route.ts", handler)
                .File("src/app/api/cron/acme-sync/route.ts", handler)
                .File("src/app/api/webhooks/acme/events/route.ts", handler)
                .File("src/app/api/cron/acmex-sync/route.ts", handler)
                .File("src/app/api/cron/other-sync/route.ts", handler)
                .File("src/app/api/_private/acme/route.ts", handler);
            var paths = DraftOf(repo).Plan.Routes.Select(r => r.Path).ToList();
            Assert.Equal(new[] { "/api/acme/ping", "/api/cron/acme-sync", "/api/webhooks/acme/events" }, paths);
        }
    }
}
