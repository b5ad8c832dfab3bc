using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Map.SourceDeclared: one result per linking point.</summary>
    internal sealed class SourceDeclaredRule : IGateRule
    {
        private static readonly Regex SourcePattern = new Regex(PlanPatterns.Source, RegexOptions.CultureInvariant);

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.SourceDeclared", RuleSeverity.Error,
            "Every linking point has a valid unique source, an entity, an external id and a cardinality.",
            "Each linking point is one entity_external_ids.source: its source name must follow ^[a-z][a-z0-9_]*$ and be unique in the plan, and it must name the internal entity, the external id it stores and its cardinality (1:1 or 1:N). A plan without linking points fails.",
            "Complete the linking point in the plan (Add-LinkingPoint -Source ... -Entity ... -ExternalId ... -Cardinality 1:1|1:N), one per source.",
            false, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var points = context.Plan.LinkingPoints;
            if (points.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Fail, "linkingPoints", "The plan has no linking points: no external id is mapped to an internal entity yet (intake Q1).", "linkingPoints", PhaseName.Mapping);
                yield break;
            }
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                var key = PlanKeys.Index("linkingPoints", i);
                var problems = new List<string>();
                string focus = key;
                if (string.IsNullOrWhiteSpace(lp.Source) || !SourcePattern.IsMatch(lp.Source))
                { problems.Add("source '" + lp.Source + "' is not a valid source name (lower-case letters, digits and '_')"); focus = key + ".source"; }
                else if (points.Take(i).Any(p => string.Equals(p.Source, lp.Source, StringComparison.Ordinal)))
                { problems.Add("source '" + lp.Source + "' is declared more than once"); focus = key + ".source"; }
                if (string.IsNullOrWhiteSpace(lp.Entity)) problems.Add("no entity (the internal entity type it maps to)");
                if (string.IsNullOrWhiteSpace(lp.ExternalId)) problems.Add("no externalId (what external identifier it stores)");
                if (lp.Cardinality == null) problems.Add("no cardinality (1:1 or 1:N, intake Q2)");
                var target = string.IsNullOrWhiteSpace(lp.Source) ? key : lp.Source;
                var label = "linking point '" + target + "'";
                yield return problems.Count == 0
                    ? context.Result(Rule, GateOutcome.Pass, target, "Source '" + lp.Source + "' maps " + lp.ExternalId + " to " + lp.Entity + " (" + PlanEnum.Format(lp.Cardinality!.Value) + ").", key, PhaseName.Mapping)
                    : context.Result(Rule, GateOutcome.Fail, target, GateContext.Sentence(new[] { label + ": " + string.Join(", ", problems) }), focus, PhaseName.Mapping);
            }
        }
    }

    /// <summary>RP.Map.RemapSafe: one result per linking point.</summary>
    internal sealed class RemapSafeRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.RemapSafe", RuleSeverity.Error,
            "Every linking point says how a remap avoids stale attribution, and a remap check passed.",
            "Mapping and remapping must not leave stale attribution behind: every linking point states its remap strategy (remap:), and a validation check of kind remap is recorded as passed.",
            "Describe the remap behaviour of each linking point (Add-LinkingPoint -Remap ...) and add a check of kind remap that proves it (Add-ValidationCheck -Kind remap; Set-ValidationResult -Status pass -Evidence ...).",
            false, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var points = context.Plan.LinkingPoints;
            var remapChecks = PlanKeys.Checks(context.Plan).Where(c => c.Check.Kind == CheckKind.Remap).ToList();
            var passed = remapChecks.FirstOrDefault(c => c.Check.Status == CheckStatus.Pass && !string.IsNullOrWhiteSpace(c.Check.Evidence));
            if (points.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Skip, "linkingPoints", "The plan has no linking points to remap.", "linkingPoints", PhaseName.Mapping);
                yield break;
            }
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                var key = PlanKeys.Index("linkingPoints", i);
                var problems = new List<string>();
                if (string.IsNullOrWhiteSpace(lp.Remap)) problems.Add("linking point '" + lp.Source + "' does not say how a remap avoids stale attribution (remap:)");
                if (passed.Check == null)
                    problems.Add(remapChecks.Count == 0 ? "no check of kind remap is recorded" : "no remap check has passed with evidence (" + PlanKeys.List(remapChecks.Select(c => "'" + c.Check.Id + "' is " + PlanEnum.Format(c.Check.Status))) + ")");
                var evidence = passed.Check != null ? new[] { context.PlanEvidence(passed.Key) } : null;
                yield return context.Verdict(Rule, problems,
                    "Remap of '" + lp.Source + "': " + lp.Remap + "; check '" + passed.Check?.Id + "' passed.", lp.Source,
                    string.IsNullOrWhiteSpace(lp.Remap) ? key : (passed.Check == null && remapChecks.Count > 0 ? remapChecks[0].Key + ".status" : key + ".remap"),
                    PhaseName.Mapping, evidence);
            }
        }
    }
}
