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
}
