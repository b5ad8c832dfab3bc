using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Map.SourceDeclared: one result per linking point.</summary>
    internal sealed class SourceDeclaredRule : IGateRule
    {
        private static readonly Regex SourcePattern = new Regex(PlanPatterns.Source, RegexOptions.CultureInvariant);

        public RolloutRule Rule => RuleCatalog.MapSourceDeclared;

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
        public RolloutRule Rule => RuleCatalog.MapRemapSafe;

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

    /// <summary>RP.Map.OnConflictDocumented: one result per route that writes; with a repository the code must agree.</summary>
    internal sealed class OnConflictDocumentedRule : IGateRule
    {
        public RolloutRule Rule => RuleCatalog.MapOnConflictDocumented;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var routes = context.Plan.Routes;
            bool any = false;
            for (int r = 0; r < routes.Count; r++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var route = routes[r];
                var methods = RouteMethods.WritingMethods(route);
                var key = PlanKeys.Index("routes", r);
                if (methods.Count == 0)
                {
                    // A route that writes nothing by the plan: its code must not write either.
                    if (context.RepositoryRoot != null)
                        foreach (var result in WriteComparison.Results(context, Rule, route, key, methods)) { any = true; yield return result; }
                    continue;
                }
                any = true;
                var problems = new List<string>();
                string focus = key;
                // writes: none, or entries that all name their methods, say that an unnamed method writes nothing (SPEC §8).
                bool unnamedWriteNothing = route.NoWrites || (route.Writes.Count > 0 && route.Writes.All(w => w.Method.Count > 0));
                foreach (var method in methods)
                {
                    var writes = RouteMethods.WritesFor(route, method).ToList();
                    if (writes.Count == 0 && !unnamedWriteNothing) { problems.Add(method + " writes are not documented (writes: with table and action, or writes: none)"); focus = key; }
                    foreach (var (w, i) in writes)
                    {
                        var wkey = PlanKeys.Index(key + ".writes", i);
                        var op = w.EffectiveOp;
                        if (w.Action == null && (op == null || op == WriteOp.Insert || op == WriteOp.Upsert))
                        { problems.Add(method + " write to " + w.Table + " has no action (update, ignore, reject, append or delete)"); focus = wkey; }
                        else if (op == WriteOp.Upsert && (w.Action == WriteAction.Update || w.Action == WriteAction.Ignore) && PlanKeys.Columns(w.OnConflict).Count == 0)
                        { problems.Add(method + " write to " + w.Table + " is '" + PlanEnum.Format(w.Action!.Value) + "' but names no onConflict target"); focus = wkey; }
                    }
                }
                if (problems.Count == 0 && context.RepositoryRoot != null)
                {
                    // With the repository: one result per listed write and per unlisted write in the code (SPEC §8).
                    foreach (var result in WriteComparison.Results(context, Rule, route, key, methods)) yield return result;
                    continue;
                }
                var pass = route.Writes.Count == 0 && route.NoWrites
                    ? PlanKeys.List(methods.Select(m => m.ToString())) + " documented as writing nothing (writes: none)" +
                      (context.RepositoryRoot != null ? "." : "; the code was not checked (no -RepositoryPath).")
                    : "Writes of " + PlanKeys.List(methods.Select(m => m.ToString())) + " are documented (" +
                    PlanKeys.List(route.Writes.Select(w => w.Table + " " + (w.Action.HasValue ? PlanEnum.Format(w.Action.Value) : w.EffectiveOp is WriteOp op ? PlanEnum.Format(op) : "?") + (w.OnConflict != null ? " on " + w.OnConflict : ""))) + ")" +
                    (context.RepositoryRoot != null ? "." : "; the code was not checked (no -RepositoryPath).");
                yield return context.Verdict(Rule, problems, pass, route.Path, focus, PhaseName.Mapping);
            }
            if (!any)
                yield return context.Result(Rule, GateOutcome.Pass, "routes", "The plan has no routes that write.", "routes", PhaseName.Mapping);
        }
    }
}
