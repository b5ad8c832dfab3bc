using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Analytics.NoiseExcluded: one result per metric.</summary>
    internal sealed class NoiseExcludedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Analytics.NoiseExcluded", RuleSeverity.Error,
            "Every metric says which noise it excludes.",
            "Metrics must exclude non-conversation and system noise as defined: every metric lists its excludes (bots, system messages, joins/leaves, ...). A plan without metrics is skipped.",
            "List what each metric excludes (Add-RolloutMetric -Exclude bot, system, ...).",
            false, RulePhases.Analytics);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var metrics = context.Plan.Analytics.Metrics;
            if (metrics.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Skip, "analytics", "The plan defines no metrics.", "analytics", PhaseName.Analytics);
                yield break;
            }
            for (int i = 0; i < metrics.Count; i++)
            {
                var m = metrics[i];
                var key = PlanKeys.Index("analytics.metrics", i);
                yield return m.Excludes.Count == 0
                    ? context.Result(Rule, GateOutcome.Fail, m.Name, "Metric '" + m.Name + "' does not say which noise it excludes (bots, system messages, ...).", key, PhaseName.Analytics)
                    : context.Result(Rule, GateOutcome.Pass, m.Name, "Metric '" + m.Name + "' excludes " + PlanKeys.List(m.Excludes) + ".", key + ".excludes", PhaseName.Analytics);
            }
        }
    }
}
