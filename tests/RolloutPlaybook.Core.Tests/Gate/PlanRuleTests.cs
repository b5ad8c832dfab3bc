using System;
using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>Every plan-only rule: the example plan passes it, a plan with the matching defect fails it, at the right line.</summary>
    public class PlanRuleTests
    {
        [Fact]
        public void ExamplePlanPassesEveryPlanRuleAndSkipsRepositoryRules()
        {
            var results = RunAll(Example());
            Assert.DoesNotContain(results, r => r.Outcome == GateOutcome.Fail);
            Assert.All(results.Where(r => RuleCatalog.All.Single(x => x.Id == r.RuleId).NeedsRepository), r =>
            {
                Assert.Equal(GateOutcome.Skip, r.Outcome);
                Assert.Contains("-RepositoryPath", r.Message);
            });
            Assert.Equal(GateOutcome.Warn, results.Single(r => r.RuleId == "RP.Intake.OpenQuestions").Outcome);
        }

        [Fact]
        public void BuildChecksPass_FailsForPendingCheckAndMissingKind()
        {
            var plan = Example();
            plan.Phases.Sync.Checks.Single(c => c.Id == "sync-lint").Status = CheckStatus.Pending;
            plan.Phases.Sync.Checks.RemoveAll(c => c.Id == "sync-build");
            var results = Run(plan, "RP.Build.ChecksPass");
            var lint = results.Only("lint");
            Assert.Equal(GateOutcome.Fail, lint.Outcome);
            Assert.Contains("'sync-lint' (sync) is recorded as pending, not pass", lint.Message);
            Assert.Equal(126, lint.PlanLine); // the status line of sync-lint in the example plan
            Assert.Equal(GateOutcome.Fail, results.Only("build").Outcome);
            Assert.Contains("No build check", results.Only("build").Message);
            Assert.Equal(GateOutcome.Pass, results.Only("typecheck").Outcome);
            Assert.NotEmpty(lint.Recommendation);
        }

        [Fact]
        public void BuildChecksPass_PassWithoutEvidenceFails()
        {
            var plan = Example();
            plan.Phases.Sync.Checks.Single(c => c.Id == "sync-typecheck").Evidence = null;
            var typecheck = Run(plan, "RP.Build.ChecksPass").Only("typecheck");
            Assert.Equal(GateOutcome.Fail, typecheck.Outcome);
            Assert.Contains("without evidence", typecheck.Message);
        }

        [Fact]
        public void SourceDeclared_PassesAndFailsPerLinkingPoint()
        {
            Run(Example(), "RP.Map.SourceDeclared").AllPass();
            var plan = Example();
            plan.LinkingPoints[1].Source = "slack_user";
            plan.LinkingPoints[1].Cardinality = null;
            plan.LinkingPoints[0].Entity = null;
            var results = Run(plan, "RP.Map.SourceDeclared");
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(GateOutcome.Fail, r.Outcome));
            Assert.Contains("no entity", results[0].Message);
            Assert.Contains("declared more than once", results[1].Message);
            Assert.Contains("no cardinality", results[1].Message);
            Assert.Equal(31, results[1].PlanLine); // linkingPoints[1].source
        }

        [Fact]
        public void SourceDeclared_NoLinkingPointsFails()
        {
            var plan = Example();
            plan.LinkingPoints.Clear();
            Assert.Equal(GateOutcome.Fail, Assert.Single(Run(plan, "RP.Map.SourceDeclared")).Outcome);
        }

        [Fact]
        public void RemapSafe_NeedsRemapTextAndPassedRemapCheck()
        {
            Run(Example(), "RP.Map.RemapSafe").AllPass();
            var plan = Example();
            plan.LinkingPoints[1].Remap = " ";
            var results = Run(plan, "RP.Map.RemapSafe");
            Assert.Equal(GateOutcome.Pass, results.Only("slack_user").Outcome);
            Assert.Equal(GateOutcome.Fail, results.Only("slack_channel").Outcome);
            Assert.Contains("stale attribution", results.Only("slack_channel").Message);

            plan = Example();
            plan.Phases.Mapping.Checks.Single(c => c.Kind == CheckKind.Remap).Status = CheckStatus.Fail;
            results = Run(plan, "RP.Map.RemapSafe");
            Assert.All(results, r => Assert.Equal(GateOutcome.Fail, r.Outcome));
            Assert.Contains("'mapping-remap' is fail", results[0].Message);
        }

        [Fact]
        public void OnConflictDocumented_PlanPart()
        {
            var ok = Run(Example(), "RP.Map.OnConflictDocumented");
            ok.AllPass();
            Assert.Contains("not checked", ok.Only("/api/slack/mappings/channels").Message);
            Assert.DoesNotContain(ok, r => r.Target == "/api/slack/mappings/staff" && r.Outcome != GateOutcome.Pass);

            var plan = Example();
            plan.Routes[1].Writes[0].OnConflict = null;        // update without a target
            plan.Routes[0].Writes.Clear();                     // POST and DELETE undocumented
            plan.Routes[2].Writes[0].Action = null;            // no action
            var results = Run(plan, "RP.Map.OnConflictDocumented");
            Assert.Contains("'update' but names no onConflict target", results.Only("/api/slack/mappings/channels").Message);
            Assert.Contains("DELETE writes are not documented", results.Only("/api/slack/mappings/staff").Message);

            // SPEC §8: when every entry names its methods, a mutating method no entry names writes nothing.
            plan = Example();
            plan.Routes[0].Writes.RemoveAt(1);
            Assert.Equal(GateOutcome.Pass, Run(plan, "RP.Map.OnConflictDocumented").Only("/api/slack/mappings/staff").Outcome);
            Assert.Contains("has no action", results.Only("/api/slack/sync/channel/[channelId]").Message);
            Assert.Equal(GateOutcome.Pass, results.Only("/api/cron/slack-sync").Outcome);

            // writes: none and the ops that take no action (update, delete, rpc) are documented as they are.
            plan = Example();
            plan.Routes[0].Writes.Clear();
            plan.Routes[0].NoWrites = true;
            plan.Routes[2].Writes[0].Action = null;
            plan.Routes[2].Writes[0].OnConflict = null;
            plan.Routes[2].Writes[0].Op = WriteOp.Rpc;
            results = Run(plan, "RP.Map.OnConflictDocumented");
            Assert.Equal(GateOutcome.Pass, results.Only("/api/slack/mappings/staff").Outcome);
            Assert.Contains("documented as writing nothing (writes: none)", results.Only("/api/slack/mappings/staff").Message);
            Assert.Equal(GateOutcome.Pass, results.Only("/api/slack/sync/channel/[channelId]").Outcome);
            Assert.Contains(" rpc", results.Only("/api/slack/sync/channel/[channelId]").Message);
        }

        [Fact]
        public void RestartSafe()
        {
            Run(Example(), "RP.Sync.RestartSafe").AllPass();
            var plan = Example();
            plan.Sync.WatermarkAdvance = WatermarkAdvance.BeforeWrite;
            plan.Sync.IdempotencyKey = null;
            var r = Assert.Single(Run(plan, "RP.Sync.RestartSafe"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Contains("before the write", r.Message);
            Assert.Contains("no idempotency key", r.Message);
            Assert.Equal("sync.watermarkAdvance", r.PlanKey);

            plan.Source.PullMode = PullMode.Snapshot;
            Run(plan, "RP.Sync.RestartSafe").AllPass();
        }

        [Fact]
        public void OverlapSafe_LeaseAgainstWorstCaseRunAndSchedule()
        {
            var pass = Assert.Single(Run(Example(), "RP.Sync.OverlapSafe"));
            Assert.Equal(GateOutcome.Pass, pass.Outcome);
            Assert.Contains("20 units x (1 + 5 pages) x 1.2s = 144s", pass.Message);

            var plan = Example();
            plan.Sync.Lease = Duration.Parse("2m");            // 120s < 144s
            var fail = Assert.Single(Run(plan, "RP.Sync.OverlapSafe"));
            Assert.Equal(GateOutcome.Fail, fail.Outcome);
            Assert.Contains("does not outlast the worst-case run", fail.Message);

            plan.Sync.Lease = Duration.Parse("6m");            // longer than the 5m schedule
            Assert.Contains("longer than the schedule", Assert.Single(Run(plan, "RP.Sync.OverlapSafe")).Message);

            plan.Sync.Lease = null;
            Assert.Contains("No lease", Assert.Single(Run(plan, "RP.Sync.OverlapSafe")).Message);
        }

        [Fact]
        public void PageCapSafe()
        {
            Run(Example(), "RP.Sync.PageCapSafe").AllPass();
            var plan = Example();
            plan.Sync.Resume = ResumeMode.Restart;
            var r = Assert.Single(Run(plan, "RP.Sync.PageCapSafe"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Contains("restarts from the beginning", r.Message);
            plan = Example();
            plan.Sync.PageCap = null;
            Assert.Contains("No page cap", Assert.Single(Run(plan, "RP.Sync.PageCapSafe")).Message);
        }

        [Fact]
        public void RateBudget_ExactlyAtTheLimitFitsAndFasterFails()
        {
            Run(Example(), "RP.Sync.RateBudget").AllPass();   // 1.2s spacing = 50/min exactly
            var plan = Example();
            plan.Sync.CallInterval = Duration.Parse("1s");     // 60/min against 50/min
            var r = Assert.Single(Run(plan, "RP.Sync.RateBudget"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Contains("120 calls per run", r.Message);
            Assert.Contains("at least 1.2s", r.Message);

            plan.Sync.UnitsPerRun = 5; plan.Sync.PageCap = 4;   // 25 calls fit one 50-call window
            Run(plan, "RP.Sync.RateBudget").AllPass();

            plan.Intake.SourceLimits.RateLimit = null;
            Assert.Contains("rate limit is not stated", Assert.Single(Run(plan, "RP.Sync.RateBudget")).Message);
        }

        [Fact]
        public void RateBudget_CountsEveryRunThatStartsInsideTheLimitsWindow()
        {
            // 8 units x (1 + 4 pages) = 40 calls fit 50/min once, but a run every 10s makes 6 runs = 240 calls a minute.
            var plan = Example();
            plan.Sync.UnitsPerRun = 8; plan.Sync.PageCap = 4;
            plan.Sync.CallInterval = Duration.Parse("100ms");
            plan.Sync.Schedule = Duration.Parse("10s");
            var r = Assert.Single(Run(plan, "RP.Sync.RateBudget"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Contains("6 runs (every 10s) per 1m = 240 calls", r.Message);

            plan.Sync.Schedule = Duration.Parse("5m");      // one run per window: 40 calls fit
            Run(plan, "RP.Sync.RateBudget").AllPass();
            plan.Sync.Schedule = Duration.Parse("10s");
            plan.Sync.CallInterval = Duration.Parse("1.2s"); // spaced at the limit: fits however often runs start
            Run(plan, "RP.Sync.RateBudget").AllPass();
        }

        [Fact]
        public void NoiseExcluded()
        {
            Run(Example(), "RP.Analytics.NoiseExcluded").AllPass();
            var plan = Example();
            plan.Analytics.Metrics[0].Excludes.Clear();
            var r = Assert.Single(Run(plan, "RP.Analytics.NoiseExcluded"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Equal("response_time", r.Target);
            plan.Analytics.Metrics.Clear();
            Assert.Equal(GateOutcome.Skip, Assert.Single(Run(plan, "RP.Analytics.NoiseExcluded")).Outcome);
        }

        [Fact]
        public void ScopesMatch_BothDirections()
        {
            Run(Example(), "RP.Docs.ScopesMatch").AllPass();
            var plan = Example();
            plan.Handoff.Scopes.RemoveAt(2);
            plan.Handoff.Scopes.Add(new HandoffScope { Name = "chat:write", Reason = "post" });
            var r = Assert.Single(Run(plan, "RP.Docs.ScopesMatch"));
            Assert.Equal(GateOutcome.Fail, r.Outcome);
            Assert.Contains("does not ask for users:read", r.Message);
            Assert.Contains("asks for chat:write", r.Message);
        }

        [Fact]
        public void HandoffComplete_PerPart()
        {
            Run(Example(), "RP.Handoff.Complete").AllPass();
            var plan = Example();
            plan.Handoff.ExternalApp.Clear();
            plan.Handoff.Scopes[1].Reason = null;
            plan.Handoff.Env[2].Deploy = null;
            plan.Handoff.Migrations.Clear();
            plan.Handoff.SmokeTests[1].Expect = null;
            var results = Run(plan, "RP.Handoff.Complete");
            Assert.Equal(5, results.Count);
            Assert.All(results, r => Assert.Equal(GateOutcome.Fail, r.Outcome));
            Assert.Contains("channels:history", results.Only("scopes").Message);
            Assert.Contains("SLACK_SYNC_PAGE_CAP does not say where to set it in deployment", results.Only("env").Message);
            Assert.Contains("2. POST /api/slack/mappings/staff", results.Only("smokeTests").Message);
        }

        [Fact]
        public void NoSecretValues_NamesTheKeyNeverTheValue()
        {
            Run(Example(), "RP.Handoff.NoSecretValues").AllPass();
            var plan = Example();
            var token = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
            plan.Risks[0].Mitigation = "use token " + token;
            plan.Handoff.Env[0].Value = "anything";
            var results = Run(plan, "RP.Handoff.NoSecretValues");
            Assert.Equal(2, results.Count);
            var env = results.Only("handoff.env[0].value");
            Assert.Contains("marked secret", env.Message);
            var risk = results.Only("risks[0].mitigation");
            Assert.Contains("a Slack token", risk.Message);
            Assert.All(results, r => Assert.DoesNotContain("AbCdEf", r.Message + string.Join(" ", r.Evidence)));
        }

        [Fact]
        public void TeamAcyclic_CycleUnknownDependencyAndMissingAgent()
        {
            Run(Example(), "RP.Team.Acyclic").AllPass();
            var plan = Example();
            plan.Team.Tasks.Single(t => t.Id == "sync-schema").DependsOn.Add("review");
            plan.Team.Tasks.Single(t => t.Id == "metrics").DependsOn.Add("nope");
            plan.Team.Tasks.Single(t => t.Id == "metrics").Agent = null;
            var results = Run(plan, "RP.Team.Acyclic");
            var schema = results.Only("sync-schema");
            Assert.Equal(GateOutcome.Fail, schema.Outcome);
            Assert.Contains("cycle sync-schema -> review -> sync-schema", schema.Message);
            Assert.Contains("'nope', which does not exist", results.Only("metrics").Message);
            Assert.Contains("has no agent", results.Only("metrics").Message);
        }

        [Fact]
        public void TeamOrder_WarnsWhenOrderIsNotFollowed()
        {
            Run(Example(), "RP.Team.Order").AllPass();
            var plan = Example();
            plan.Team.Tasks.Single(t => t.Id == "review").DependsOn.Remove("metrics");
            plan.Team.Tasks.Single(t => t.Id == "api-sync").DependsOn.Clear();
            var results = Run(plan, "RP.Team.Order");
            Assert.Equal(GateOutcome.Warn, results.Only("review").Outcome);
            Assert.Contains("'metrics'", results.Only("review").Message);
            Assert.Equal(GateOutcome.Warn, results.Only("api-sync").Outcome);
            Assert.Equal(GateOutcome.Pass, results.Only("api-mappings").Outcome);
            Assert.DoesNotContain(results, r => r.Outcome == GateOutcome.Fail);
        }

        [Fact]
        public void ChecksDefined_PerPhase()
        {
            Run(Example(), "RP.Phase.ChecksDefined").AllPass();
            var plan = Example();
            plan.Phases.Ops.Checks.Clear();
            plan.Phases.Mapping.Checks[1].Evidence = "";
            var results = Run(plan, "RP.Phase.ChecksDefined");
            Assert.Equal(GateOutcome.Fail, results.Only("ops").Outcome);
            Assert.Equal(PhaseName.Ops, results.Only("ops").Phase);
            var mapping = results.Only("mapping");
            Assert.Equal(GateOutcome.Fail, mapping.Outcome);
            Assert.Contains("'mapping-unique' is pass without evidence", mapping.Message);
            Assert.Equal("phases.mapping.checks[1].status", mapping.PlanKey);
        }

        [Fact]
        public void OpenQuestions_WarnPerQuestionOrPass()
        {
            var warn = Assert.Single(Run(Example(), "RP.Intake.OpenQuestions"));
            Assert.Equal(GateOutcome.Warn, warn.Outcome);
            Assert.Equal(227, warn.PlanLine);
            var plan = Example();
            plan.OpenQuestions.Clear();
            Run(plan, "RP.Intake.OpenQuestions").AllPass();
        }

        [Fact]
        public void FiltersByRuleWildcardCategoryAndPhase()
        {
            var engine = new GateEngine();
            var sync = engine.Evaluate(Example(), new GateOptions { Rules = new[] { "rp.sync.*" }, Today = Today }).ToList();
            Assert.Equal(new[] { "RP.Sync.OverlapSafe", "RP.Sync.PageCapSafe", "RP.Sync.RateBudget", "RP.Sync.RestartSafe" }, sync.Select(r => r.RuleId).Distinct().OrderBy(x => x));
            var docs = engine.Evaluate(Example(), new GateOptions { Categories = new[] { "docs" }, Today = Today }).ToList();
            Assert.All(docs, r => Assert.Equal("Docs", r.Category));
            var analytics = engine.Evaluate(Example(), new GateOptions { Phases = new[] { PhaseName.Analytics }, Today = Today }).ToList();
            Assert.Equal(new[] { "analytics" }, analytics.Where(r => r.RuleId == "RP.Phase.ChecksDefined").Select(r => r.Target));
            Assert.DoesNotContain(analytics, r => r.Category == "Sync" || r.Category == "Map");
        }

        [Fact]
        public void CatalogueHasEverySpecRuleWithTexts()
        {
            var spec = new[] { "RP.Build.ChecksPass", "RP.Map.SourceDeclared", "RP.Map.OneToOneEnforced", "RP.Map.OnConflictDocumented", "RP.Map.RemapSafe",
                "RP.Sync.RestartSafe", "RP.Sync.OverlapSafe", "RP.Sync.PageCapSafe", "RP.Sync.RateBudget", "RP.Analytics.NoiseExcluded", "RP.Docs.RoutesMatch",
                "RP.Docs.MigrationsMatch", "RP.Docs.ScopesMatch", "RP.Docs.EnvMatch", "RP.Docs.DocumentCurrent", "RP.Handoff.Complete", "RP.Handoff.NoSecretValues",
                "RP.Team.Acyclic", "RP.Team.Order", "RP.Phase.ChecksDefined", "RP.Intake.OpenQuestions" };
            Assert.Empty(spec.Except(RuleCatalog.All.Select(r => r.Id)));
            Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Id).Distinct().Count());
            Assert.All(RuleCatalog.All, r =>
            {
                Assert.Matches(PlanPatterns.RuleId, r.Id);
                Assert.Equal(r.Id.Split('.')[1], r.Category.ToString());
                Assert.False(string.IsNullOrWhiteSpace(r.Synopsis + r.Description + r.Recommendation));
            });
            // The category is the id's middle part, a RuleCategory: an id without one is refused.
            Assert.Throws<System.ArgumentException>(() => new RolloutRule("RP.Nonsense.X", RuleSeverity.Error, "s", "d", "r", false, new[] { PhaseName.Ops }));
            Assert.Throws<System.ArgumentException>(() => new RolloutRule("Map.X", RuleSeverity.Error, "s", "d", "r", false, new[] { PhaseName.Ops }));
            Assert.Equal(System.Enum.GetNames(typeof(RuleCategory)).OrderBy(n => n), RuleCatalog.All.Select(r => r.Category.ToString()).Distinct().OrderBy(n => n));
            Assert.Equal(RuleCatalog.All.Count - 1, new GateEngine().Rules.Count); // every rule but the waiver check is evaluated by a rule class
        }

        [Fact]
        public void EveryRuleClassDeclaresItsTextsOnceAndIsInTheCatalogue()
        {
            // The catalogue is an explicit list (its order is output); reflection finds a rule class left out of it.
            var ruleTypes = typeof(IGateRule).Assembly.GetTypes()
                .Where(t => typeof(IGateRule).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract).ToList();
            Assert.NotEmpty(ruleTypes);
            var evaluated = new GateEngine().Rules;
            Assert.Equal(ruleTypes.Count, evaluated.Count);
            Assert.All(ruleTypes, t =>
            {
                var info = t.GetField("Info", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as RolloutRule;
                Assert.NotNull(info);
                var instance = (IGateRule)Activator.CreateInstance(t, nonPublic: true)!;
                Assert.Same(info, instance.Rule);
                Assert.Single(RuleCatalog.All, r => ReferenceEquals(r, info));
                Assert.Single(evaluated, r => ReferenceEquals(r, info));
            });
            Assert.Equal("RP.Gate.WaiverExpired", RuleCatalog.All[RuleCatalog.All.Count - 1].Id);
        }
    }
}
