using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Build.ChecksPass: one result per check kind lint, typecheck, build.</summary>
    internal sealed class BuildChecksPassRule : IGateRule
    {
        private static readonly CheckKind[] Kinds = { CheckKind.Lint, CheckKind.Typecheck, CheckKind.Build };

        public RolloutRule Rule => RuleCatalog.BuildChecksPass;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var checks = PlanKeys.Checks(context.Plan).ToList();
            foreach (var kind in Kinds)
            {
                var name = PlanEnum.Format(kind);
                var ofKind = checks.Where(c => c.Check.Kind == kind).ToList();
                if (ofKind.Count == 0)
                {
                    yield return context.Result(Rule, GateOutcome.Fail, name, "No " + name + " check is recorded in any phase.", "phases");
                    continue;
                }
                var problems = new List<string>();
                foreach (var c in ofKind)
                {
                    if (c.Check.Status != CheckStatus.Pass)
                        problems.Add(name + " check '" + c.Check.Id + "' (" + PlanEnum.Format(c.Phase) + ") is recorded as " + PlanEnum.Format(c.Check.Status) + ", not pass");
                    else if (string.IsNullOrWhiteSpace(c.Check.Evidence))
                        problems.Add(name + " check '" + c.Check.Id + "' (" + PlanEnum.Format(c.Phase) + ") is pass without evidence");
                }
                var first = ofKind.FirstOrDefault(c => c.Check.Status != CheckStatus.Pass || string.IsNullOrWhiteSpace(c.Check.Evidence));
                var focus = first.Check ?? ofKind[0].Check;
                var key = (first.Check != null ? first.Key : ofKind[0].Key) + ".status";
                yield return context.Verdict(Rule, problems,
                    PlanKeys.List(ofKind.Select(c => "'" + c.Check.Id + "'")) + " passed with evidence (" + focus.Evidence + ").", name, key,
                    evidence: ofKind.Select(c => context.PlanEvidence(c.Key)));
            }
        }
    }

    /// <summary>RP.Phase.ChecksDefined: one result per phase.</summary>
    internal sealed class ChecksDefinedRule : IGateRule
    {
        public RolloutRule Rule => RuleCatalog.PhaseChecksDefined;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            foreach (var phase in context.Plan.Phases.All())
            {
                var name = PlanEnum.Format(phase.Key);
                var key = PlanKeys.Phase(phase.Key);
                if (phase.Value.Checks.Count == 0)
                {
                    yield return context.Result(Rule, GateOutcome.Fail, name, "The " + name + " phase has no validation checks.", key, phase.Key);
                    continue;
                }
                var problems = new List<string>();
                string failingKey = key + ".checks";
                for (int i = 0; i < phase.Value.Checks.Count; i++)
                {
                    var check = phase.Value.Checks[i];
                    if (check.Status == CheckStatus.Pass && string.IsNullOrWhiteSpace(check.Evidence))
                    {
                        if (problems.Count == 0) failingKey = PlanKeys.Index(key + ".checks", i) + ".status";
                        problems.Add("check '" + check.Id + "' is pass without evidence");
                    }
                }
                var count = phase.Value.Checks.Count;
                yield return context.Verdict(Rule, problems,
                    "The " + name + " phase has " + count + (count == 1 ? " check" : " checks") + "; every pass has evidence.", name, failingKey, phase.Key);
            }
        }
    }

    /// <summary>RP.Intake.OpenQuestions: one Warn per open question, or one Pass.</summary>
    internal sealed class OpenQuestionsRule : IGateRule
    {
        public RolloutRule Rule => RuleCatalog.IntakeOpenQuestions;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var questions = context.Plan.OpenQuestions;
            if (questions.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Pass, "openQuestions", "No open questions remain.", "openQuestions");
                yield break;
            }
            for (int i = 0; i < questions.Count; i++)
                yield return context.Result(Rule, GateOutcome.Warn, PlanKeys.Index("openQuestions", i), "Open question: " + questions[i], PlanKeys.Index("openQuestions", i));
        }
    }

    /// <summary>RP.Analytics.NoiseExcluded: one result per metric.</summary>
    internal sealed class NoiseExcludedRule : IGateRule
    {
        public RolloutRule Rule => RuleCatalog.AnalyticsNoiseExcluded;

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
