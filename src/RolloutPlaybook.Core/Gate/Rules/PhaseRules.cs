using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Phase.ChecksDefined: one result per phase.</summary>
    internal sealed class ChecksDefinedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Phase.ChecksDefined", RuleSeverity.Error,
            "Each phase has checks; a pass without evidence is a Fail.",
            "Every one of the four phases (mapping, sync, analytics, ops) has at least one validation check, and every check recorded as pass carries its evidence.",
            "Add checks to the phase (Add-ValidationCheck -Phase ...) and record evidence with each result (Set-ValidationResult -Evidence ...).",
            false, RulePhases.All);

        public RolloutRule Rule => Info;

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
}
