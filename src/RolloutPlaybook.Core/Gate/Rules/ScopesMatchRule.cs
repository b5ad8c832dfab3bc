using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Docs.ScopesMatch: handoff scopes = intake scopes, one result.</summary>
    internal sealed class ScopesMatchRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.ScopesMatch", RuleSeverity.Error,
            "The handoff scopes equal the intake scopes.",
            "The scopes the setup handoff asks for must be exactly the scopes the source needs (intake sourceLimits.scopes): none missing, none extra.",
            "Add the missing scopes to the handoff (Add-HandoffScope ... -Reason ...) or to the intake, and remove extra ones.",
            false, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var intake = context.Plan.Intake.SourceLimits.Scopes;
            var handoff = context.Plan.Handoff.Scopes.Select(s => s.Name).ToList();
            var missing = intake.Where(s => !handoff.Contains(s, StringComparer.Ordinal)).Distinct().ToList();
            var extra = handoff.Where(s => !intake.Contains(s, StringComparer.Ordinal)).Distinct().ToList();
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add("the handoff does not ask for " + PlanKeys.List(missing) + " (intake scopes)");
            if (extra.Count > 0) problems.Add("the handoff asks for " + PlanKeys.List(extra) + ", which the intake does not list");
            if (intake.Count == 0 && handoff.Count == 0) problems.Add("neither the intake nor the handoff names any scopes");
            yield return context.Verdict(Rule, problems, "Handoff and intake both name " + PlanKeys.List(intake) + ".", "scopes",
                missing.Count > 0 || intake.Count == 0 ? "handoff.scopes" : "intake.sourceLimits.scopes", PhaseName.Ops,
                new[] { context.PlanEvidence("intake.sourceLimits.scopes"), context.PlanEvidence("handoff.scopes") });
        }
    }
}
