using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>SPEC §9 on the fixture application: drafts against the hand-written truthful plan, the gate on the draft, refreshes.</summary>
    public class FixtureDraftTests
    {
        internal static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");

        internal static PlanDraft Draft(string connector, string? repo = null)
        {
            var facts = CodeFactsReader.Read(new RolloutPlan { Connector = connector }, repo ?? AppRepo);
            return PlanDrafter.Draft(new NewPlanRequest { Connector = connector }, facts);
        }

        private static RolloutPlan Truthful(string connector) => PlanFileStore.Load(Path.Combine(AppRepo, "src", "docs", "connectors", connector, "rollout-plan.yaml"));

        /// <summary>(route, method) pairs a plan's write entry is about.</summary>
        private static IEnumerable<string> WriteFacts(RolloutRoute route)
        {
            foreach (var w in route.Writes)
            {
                // An entry without method is about every mutating method (every method when none mutates).
                var methods = w.Method.Count > 0 ? w.Method
                    : route.Methods.Any(RouteMethods.IsMutating) ? route.Methods.Where(RouteMethods.IsMutating).ToList() : route.Methods;
                foreach (var m in methods)
                    // Old plans imply the op from the action (action: delete is op: delete): compare what the write does.
                    yield return route.Path + " " + m + " " + w.Table + " " + (w.Source ?? "-") + " " + w.EffectiveOp + " " +
                        (w.Action == WriteAction.Delete ? "-" : w.Action?.ToString() ?? "-") + " " + (w.OnConflict ?? "-");
            }
        }

        [Fact]
        public void SlackDraftAgreesWithTheTruthfulPlanOnRoutesMethodsEnvAndAtLeastNinetyPercentOfGuardsAndWrites()
        {
            var draft = Draft("slack").Plan;
            var truth = Truthful("slack");

            Assert.Equal(truth.Routes.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), draft.Routes.Select(r => r.Path));
            foreach (var route in truth.Routes)
            {
                var drafted = draft.Routes.Single(r => r.Path == route.Path);
                Assert.Equal(route.Methods.OrderBy(m => m), drafted.Methods);
            }
            Assert.Equal(truth.Handoff.Env.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal), draft.Handoff.Env.Select(e => e.Name));
            Assert.Equal(truth.Handoff.Env.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Secret), draft.Handoff.Env.Select(e => e.Secret));

            // Guards: per route and method, the truthful auth against the drafted one.
            var guards = truth.Routes.SelectMany(r => r.Methods.Select(m => (r.Path, m, r.Auth))).ToList();
            int guardHits = guards.Count(g => draft.Routes.Single(r => r.Path == g.Path).Auth == g.Auth);
            Assert.True(guardHits >= 0.9 * guards.Count, guardHits + " of " + guards.Count + " guards agree");

            var truthWrites = truth.Routes.SelectMany(WriteFacts).ToList();
            var draftWrites = new HashSet<string>(draft.Routes.SelectMany(WriteFacts));
            var missed = truthWrites.Where(w => !draftWrites.Contains(w)).ToList();
            Assert.True(truthWrites.Count - missed.Count >= 0.9 * truthWrites.Count, "missed writes: " + string.Join("; ", missed));
            Assert.Equal(6, truthWrites.Count);

            // Linking points: sources, cardinality and enforcement from the migration state.
            var points = draft.LinkingPoints.ToDictionary(lp => lp.Source);
            foreach (var lp in truth.LinkingPoints)
            {
                Assert.Equal(lp.Cardinality, points[lp.Source].Cardinality);
                Assert.Equal(lp.EnforcedIn, points[lp.Source].EnforcedIn);
                Assert.Equal(lp.Entity, points[lp.Source].Entity);
            }
            Assert.Equal(truth.Handoff.Migrations, draft.Handoff.Migrations);
        }

        [Fact]
        public void EveryInferredItemIsAnAssumptionWithItsFileAndLine()
        {
            var draft = Draft("slack");
            Assert.NotEmpty(draft.Items);
            foreach (var item in draft.Items)
            {
                Assert.Contains(item.Assumption, draft.Plan.Assumptions);
                Assert.StartsWith(PlanDrafter.AssumptionPrefix, item.Assumption);
                Assert.Matches(@"[\w/\[\].-]+\.(ts|sql):\d+", item.Assumption);
            }
            Assert.Contains("From code: POST /api/slack/mappings/staff inserts into entity_external_ids source slack_user at src/app/api/slack/mappings/staff/route.ts:34.", draft.Plan.Assumptions);
            Assert.Contains(draft.Plan.Assumptions, a => a.StartsWith("From code: linking point slack_user -> staff", StringComparison.Ordinal)
                && a.Contains("idx_entity_external_ids_one_to_one_sources (supabase/migrations/20260211_slack_one_to_one_index.sql:4)"));
        }

        [Fact]
        public void IntakeItemsTheCodeCannotAnswerStayOpenAndLinkingPointsAnswerQ1AndQ2()
        {
            var plan = Draft("slack").Plan;
            var tied = plan.OpenQuestions.Select(IntakePolicy.TiedItem).Where(n => n.HasValue).Select(n => n!.Value).ToList();
            Assert.Equal(new[] { 3, 4, 5 }, tied);
            Assert.Equal(new[] { 3, 4, 5 }, plan.Assumptions.Select(IntakePolicy.TiedItem).Where(n => n.HasValue).Select(n => n!.Value));
            Assert.Null(plan.Goal.Why);

            // Nothing to link in the code: Q1 and Q2 stay open too.
            using var repo = new Repository.TempRepo();
            repo.File("src/app/api/close/ping/route.ts", "export async function GET() { return Response.json({ ok: true }); }\n");
            var empty = Draft("close", repo.Root).Plan;
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, empty.OpenQuestions.Select(IntakePolicy.TiedItem).Where(n => n.HasValue).Select(n => n!.Value));
        }

        [Theory]
        [InlineData("slack")]
        [InlineData("hubspot")]
        public void TheSameCodeDraftsTheSameBytes(string connector)
        {
            var first = PlanWriter.WriteBytes(Draft(connector).Plan);
            var second = PlanWriter.WriteBytes(Draft(connector).Plan);
            Assert.Equal(first, second);
            // And the bytes load back as a valid plan.
            var loaded = PlanFileStore.ParseText(System.Text.Encoding.UTF8.GetString(first));
            Assert.Equal(connector, loaded.Connector);
        }

        [Theory]
        [InlineData("slack")]
        [InlineData("hubspot")]
        public void GatingTheDraftGivesNoRepositoryFailThatIsNotAnOpenQuestion(string connector)
        {
            var plan = Draft(connector).Plan;
            var repositoryRules = new HashSet<string>(RuleCatalog.All.Where(r => r.NeedsRepository).Select(r => r.Id));
            var results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = AppRepo }).ToList();
            Assert.Contains(results, r => repositoryRules.Contains(r.RuleId) && r.Outcome == GateOutcome.Pass);
            var unexplained = results
                .Where(r => r.Outcome == GateOutcome.Fail && repositoryRules.Contains(r.RuleId))
                // The rollout document is rendered from the plan after drafting (Export-RolloutDocument), not read from code.
                .Where(r => r.RuleId != "RP.Docs.DocumentCurrent")
                .Where(r => !plan.OpenQuestions.Any(q => q.Contains(r.Target)))
                .Select(r => r.RuleId + " " + r.Target + ": " + r.Message)
                .ToList();
            Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        }

        [Fact]
        public void HubspotDraftRecordsWhatTheCodeDoesWhereThePlantedDriftsAre()
        {
            var plan = Draft("hubspot").Plan;
            var owners = plan.Routes.Single(r => r.Path == "/api/hubspot/mappings/owners");
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST }, owners.Methods);
            var companies = plan.Routes.Single(r => r.Path == "/api/hubspot/mappings/companies");
            Assert.Contains(RouteMethod.PATCH, companies.Methods);
            var deals = plan.Routes.Single(r => r.Path == "/api/hubspot/sync/deals").Writes.Single();
            Assert.Equal("portal_id,deal_id", deals.OnConflict);
            Assert.Contains(plan.Handoff.Env, e => e.Name == "HUBSPOT_PORTAL_ID" && !e.Secret);
            Assert.Contains(plan.Handoff.Env, e => e.Name == "HUBSPOT_PRIVATE_APP_TOKEN" && e.Secret);
            Assert.Contains("/api/cron/hubspot-sync", plan.Routes.Select(r => r.Path));
            Assert.Equal("cron", plan.Routes.Single(r => r.Path == "/api/cron/hubspot-sync").Auth);
            // hubspot_owner is not in the final 1:1 index (the IF NOT EXISTS no-op): 1:N in the app, as the code really is.
            Assert.Equal(Cardinality.OneToMany, plan.LinkingPoints.Single(lp => lp.Source == "hubspot_owner").Cardinality);
            Assert.Equal(Cardinality.OneToOne, plan.LinkingPoints.Single(lp => lp.Source == "hubspot_company").Cardinality);
            Assert.DoesNotContain(plan.Handoff.Migrations, m => m.Contains("slack"));
            Assert.Contains("supabase/migrations/20260301_hubspot_companies.sql", plan.Handoff.Migrations);
        }
    }
}

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>SPEC §9 targets on every application of the §8 corpus (tests/fixtures/corpus, each with a truthful plan).</summary>
    public class CorpusDraftTests
    {
        public static IEnumerable<object[]> Apps()
        {
            var corpus = Path.Combine(TestPaths.Fixtures, "corpus");
            foreach (var app in Directory.GetDirectories(corpus).OrderBy(d => d, StringComparer.Ordinal))
                foreach (var plan in Directory.GetFiles(app, "rollout-plan.yaml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
                    yield return new object[] { Path.GetFileName(app), Path.GetRelativePath(app, plan).Replace('\\', '/') };
            yield return new object[] { "../app-repo", "src/docs/connectors/slack/rollout-plan.yaml" };
        }

        private static string Root(string app) => Path.GetFullPath(Path.Combine(TestPaths.Fixtures, "corpus", app));

        /// <summary>The targets where the truthful plan states an intent the code misses (expectations.tsv): not counted.</summary>
        private static HashSet<string> Misses(string app)
        {
            var file = Path.Combine(Root(app), "expectations.tsv");
            var misses = new HashSet<string>(StringComparer.Ordinal);
            if (!File.Exists(file)) return misses;
            foreach (var line in File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#'))
            {
                var cells = line.Split('\t');
                if (cells.Length >= 4) misses.Add(cells[3]);
            }
            return misses;
        }

        private static IEnumerable<(string Target, string Fact)> Writes(RolloutRoute route)
        {
            foreach (var w in route.Writes)
            {
                var methods = w.Method.Count > 0 ? w.Method
                    : route.Methods.Any(RouteMethods.IsMutating) ? route.Methods.Where(RouteMethods.IsMutating).ToList() : route.Methods;
                foreach (var m in methods)
                    yield return (route.Path + " " + m + " " + (w.EffectiveOp?.ToString().ToLowerInvariant() ?? "") + " " + w.Table,
                        route.Path + " " + m + " " + w.Table + " " + (w.Source ?? "-") + " " + w.EffectiveOp + " " + (w.Action == WriteAction.Delete ? "-" : w.Action?.ToString() ?? "-") + " " + (w.OnConflict ?? "-"));
            }
        }

        [Theory]
        [MemberData(nameof(Apps))]
        public void TheDraftAgreesWithTheTruthfulPlan(string app, string planFile)
        {
            var root = Root(app);
            var truth = PlanFileStore.Load(Path.Combine(root, planFile));
            var connector = truth.Connector;
            var seed = new RolloutPlan { Connector = connector, Repository = truth.Repository };
            var draft = PlanDrafter.Draft(new NewPlanRequest { Connector = connector }, CodeFactsReader.Read(seed, root), truth.Repository).Plan;
            var misses = Misses(app);

            Assert.Equal(truth.Routes.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal), draft.Routes.Select(r => r.Path).OrderBy(p => p, StringComparer.Ordinal));
            foreach (var route in truth.Routes)
                Assert.Equal(route.Methods.OrderBy(m => m), draft.Routes.Single(r => r.Path == route.Path).Methods.OrderBy(m => m));
            // An env var the code reads and the truthful plan forgets (a true finding of expectations.tsv) is in the draft.
            Assert.Equal(truth.Handoff.Env.Select(e => e.Name).Concat(draft.Handoff.Env.Select(e => e.Name).Where(misses.Contains)).Distinct().OrderBy(n => n, StringComparer.Ordinal),
                draft.Handoff.Env.Select(e => e.Name));

            var guards = truth.Routes.SelectMany(r => r.Methods.Select(m => (Route: r, Method: m))).Where(x => !misses.Contains(x.Route.Path + " " + x.Method)).ToList();
            // none and public say the same (no guard).
            string? Auth(RolloutRoute route, RouteMethod m) { var a = route.Auth?.For(m); return string.Equals(a, "public", StringComparison.OrdinalIgnoreCase) ? "none" : a; }
            var wrongGuards = guards.Where(g => !string.Equals(Auth(g.Route, g.Method), Auth(draft.Routes.Single(r => r.Path == g.Route.Path), g.Method), StringComparison.OrdinalIgnoreCase))
                .Select(g => g.Route.Path + " " + g.Method + ": plan " + g.Route.Auth?.For(g.Method) + ", draft " + draft.Routes.Single(r => r.Path == g.Route.Path).Auth?.For(g.Method)).ToList();
            Assert.True(guards.Count - wrongGuards.Count >= 0.9 * guards.Count, app + ": " + string.Join("; ", wrongGuards));

            var truthWrites = truth.Routes.SelectMany(Writes).Where(w => !misses.Any(m => m.StartsWith(w.Target, StringComparison.Ordinal))).ToList();
            var drafted = new HashSet<string>(draft.Routes.SelectMany(Writes).Select(w => w.Fact));
            var missed = truthWrites.Where(w => !drafted.Contains(w.Fact)).Select(w => w.Fact).ToList();
            Assert.True(truthWrites.Count - missed.Count >= 0.9 * truthWrites.Count, app + " missed writes: " + string.Join("; ", missed) + " | drafted: " + string.Join("; ", drafted));
        }

        [Theory]
        [MemberData(nameof(Apps))]
        public void GatingTheDraftGivesNoRepositoryFailThatIsNotAnOpenQuestion(string app, string planFile)
        {
            var root = Root(app);
            var truth = PlanFileStore.Load(Path.Combine(root, planFile));
            var connector = truth.Connector;
            var seed = new RolloutPlan { Connector = connector, Repository = truth.Repository };
            var plan = PlanDrafter.Draft(new NewPlanRequest { Connector = connector }, CodeFactsReader.Read(seed, root), truth.Repository).Plan;
            var repositoryRules = new HashSet<string>(RuleCatalog.All.Where(r => r.NeedsRepository && !r.NeedsDatabase).Select(r => r.Id));
            var results = new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root }).ToList();
            var unexplained = results
                .Where(r => r.Outcome == GateOutcome.Fail && repositoryRules.Contains(r.RuleId) && r.RuleId != "RP.Docs.DocumentCurrent")
                .Where(r => !plan.OpenQuestions.Any(q => q.Contains(r.Target)))
                .Select(r => r.RuleId + " " + r.Target + ": " + r.Message)
                .ToList();
            Assert.True(unexplained.Count == 0, app + ":\n" + string.Join("\n", unexplained));
        }
    }
}
