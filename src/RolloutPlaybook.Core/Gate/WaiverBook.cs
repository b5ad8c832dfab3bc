using System;
using System.Collections.Generic;
using System.Globalization;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>
    /// The plan's waivers. A Fail of a waived rule (and target, when the waiver names one; wildcards allowed)
    /// becomes Waived until the waiver's expiry day has passed; every expired waiver is a Fail of its own
    /// (<c>RP.Gate.WaiverExpired</c>), and then no longer waives anything.
    /// </summary>
    internal sealed class WaiverBook
    {
        /// <summary>RP.Gate.WaiverExpired, the check the engine runs itself after the rules: its id, texts and phases.</summary>
        public static readonly RolloutRule ExpiredRule = new RolloutRule("RP.Gate.WaiverExpired", RuleSeverity.Error,
            "A waiver in the plan has expired.",
            "A waiver turns a Fail of its rule (and target) into Waived until its expiry day. After that day the waiver is a Fail of its own and no longer waives anything.",
            "Fix what the waiver covered, or renew the waiver with a new expiry date and reason (Add-GateWaiver).",
            false, RulePhases.All);

        private readonly RolloutPlan plan;
        private readonly DateTime today;

        public WaiverBook(RolloutPlan plan, DateTime today) { this.plan = plan; this.today = today.Date; }

        public bool IsExpired(GateWaiver waiver) => waiver.Expires.Date < today;

        public GateResult Apply(GateResult result)
        {
            if (result.Outcome != GateOutcome.Fail) return result;
            foreach (var waiver in plan.Waivers)
            {
                if (!string.Equals(waiver.Rule, result.RuleId, StringComparison.OrdinalIgnoreCase)) continue;
                if (!string.IsNullOrEmpty(waiver.Target) && !Wildcard.IsMatch(result.Target, waiver.Target!)) continue;
                if (IsExpired(waiver)) continue;
                result.Outcome = GateOutcome.Waived;
                result.WaiverReason = waiver.Reason;
                result.WaiverExpires = waiver.Expires.Date;
                return result;
            }
            return result;
        }

        public IEnumerable<GateResult> ExpiredWaiverResults(GateContext context)
        {
            for (int i = 0; i < plan.Waivers.Count; i++)
            {
                var waiver = plan.Waivers[i];
                if (!IsExpired(waiver)) continue;
                var target = string.IsNullOrEmpty(waiver.Target) ? waiver.Rule : waiver.Rule + " " + waiver.Target;
                var expires = waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                yield return context.Result(ExpiredRule, GateOutcome.Fail, target,
                    "The waiver of " + waiver.Rule + (string.IsNullOrEmpty(waiver.Target) ? "" : " for '" + waiver.Target + "'") +
                    " expired on " + expires + " (reason was: " + waiver.Reason + "); it no longer waives anything.",
                    "waivers[" + i.ToString(CultureInfo.InvariantCulture) + "].expires");
            }
        }
    }
}
