using System;
using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Gate
{
    public class WaiverTests
    {
        private static RolloutPlan FailingRateBudget(string? target, DateTime expires)
        {
            var plan = Example();
            plan.Sync.CallInterval = Duration.Parse("1s");
            plan.Waivers.Clear();
            plan.Waivers.Add(new GateWaiver { Rule = "RP.Sync.RateBudget", Target = target, Reason = "one-off backfill", Expires = expires });
            return plan;
        }

        [Fact]
        public void ActiveWaiverTurnsFailIntoWaivedWithReasonAndExpiry()
        {
            var results = RunAll(FailingRateBudget("sync", new DateTime(2026, 12, 31)));
            var r = results.Single(x => x.RuleId == "RP.Sync.RateBudget");
            Assert.Equal(GateOutcome.Waived, r.Outcome);
            Assert.Equal("one-off backfill", r.WaiverReason);
            Assert.Equal(new DateTime(2026, 12, 31), r.WaiverExpires);
            Assert.DoesNotContain(results, x => x.Outcome == GateOutcome.Fail);
        }

        [Fact]
        public void WaiverWithoutTargetCoversEveryTargetAndLastsThroughItsExpiryDay()
        {
            var results = RunAll(FailingRateBudget(null, Today));
            Assert.Equal(GateOutcome.Waived, results.Single(x => x.RuleId == "RP.Sync.RateBudget").Outcome);
        }

        [Fact]
        public void WaiverForAnotherTargetDoesNotApply()
        {
            var results = RunAll(FailingRateBudget("backfill", new DateTime(2026, 12, 31)));
            Assert.Equal(GateOutcome.Fail, results.Single(x => x.RuleId == "RP.Sync.RateBudget").Outcome);
        }

        [Fact]
        public void ExpiredWaiverIsAFailOfItsOwnAndWaivesNothing()
        {
            var results = RunAll(FailingRateBudget("sync", new DateTime(2026, 11, 22)));
            Assert.Equal(GateOutcome.Fail, results.Single(x => x.RuleId == "RP.Sync.RateBudget").Outcome);
            var expired = results.Single(x => x.RuleId == "RP.Gate.WaiverExpired");
            Assert.Equal(GateOutcome.Fail, expired.Outcome);
            Assert.Equal("RP.Sync.RateBudget sync", expired.Target);
            Assert.Contains("expired on 2026-11-22", expired.Message);
            Assert.Equal("waivers[0].expires", expired.PlanKey);
        }

        [Fact]
        public void ExampleWaiverIsActiveUntilTheEndOfTheYearThenFails()
        {
            Assert.DoesNotContain(RunAll(Example()), r => r.RuleId == "RP.Gate.WaiverExpired");
            var later = RunAll(Example(), today: new DateTime(2027, 1, 1));
            var expired = Assert.Single(later, r => r.RuleId == "RP.Gate.WaiverExpired");
            Assert.Equal(232, expired.PlanLine);
        }

        [Fact]
        public void WarnIsNeverWaived()
        {
            var plan = Example();
            plan.Waivers.Add(new GateWaiver { Rule = "RP.Intake.OpenQuestions", Reason = "later", Expires = new DateTime(2030, 1, 1) });
            Assert.Equal(GateOutcome.Warn, Run(plan, "RP.Intake.OpenQuestions").Single().Outcome);
        }
    }
}
