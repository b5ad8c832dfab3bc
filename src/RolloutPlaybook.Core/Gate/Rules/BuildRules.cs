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

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Build.ChecksPass", RuleSeverity.Error,
            "Lint, typecheck and build checks are recorded as passed, with evidence.",
            "The plan must record at least one check of each kind lint, typecheck and build (in any phase), and every one of them must have status pass and evidence of the run.",
            "Add the missing checks (Add-ValidationCheck -Kind lint|typecheck|build), run them, and record the result with evidence (Set-ValidationResult -Status pass -Evidence '...').",
            false, RulePhases.All);

        public RolloutRule Rule => Info;

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
