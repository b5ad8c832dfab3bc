using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>What a remover is asked to remove: a literal name, or a wildcard pattern (the cmdlet layer supplies the matcher).</summary>
    public sealed class ItemPattern
    {
        private readonly Func<string, bool> matches;

        public ItemPattern(string text, bool isWildcard, Func<string, bool>? matches = null)
        {
            Text = text ?? "";
            IsWildcard = isWildcard;
            this.matches = matches ?? (s => string.Equals(s, Text, StringComparison.Ordinal));
        }

        public string Text { get; }
        public bool IsWildcard { get; }
        public bool Matches(string value) => matches(value ?? "");

        public static ItemPattern Literal(string text) => new ItemPattern(text, false);
    }

    /// <summary>
    /// Removing items from the plan's lists. Every remover works the same way: each pattern is matched against the
    /// items' keys; a literal name that matches nothing is an error (with the nearest name: "did you mean"), a
    /// wildcard that matches nothing is not. Nothing changes when any name is missing.
    /// </summary>
    public static class PlanRemoval
    {
        /// <summary>Removes the items whose key matches; returns the removed keys in list order.</summary>
        public static List<string> Remove<T>(List<T> items, Func<T, string> key, IEnumerable<ItemPattern> patterns,
            string notFoundId, string what, string connector)
        {
            var remove = Matching(items, key, patterns, notFoundId, what, connector);
            var removed = items.Where(remove.Contains).Select(key).ToList();
            items.RemoveAll(remove.Contains);
            return removed;
        }

        private static HashSet<T> Matching<T>(List<T> items, Func<T, string> key, IEnumerable<ItemPattern> patterns,
            string notFoundId, string what, string connector)
        {
            var remove = new HashSet<T>();
            foreach (var pattern in patterns)
            {
                var hits = items.Where(i => pattern.Matches(key(i))).ToList();
                if (hits.Count == 0 && !pattern.IsWildcard)
                    throw NotFound(notFoundId, what, pattern.Text, connector, items.Select(key));
                remove.UnionWith(hits);
            }
            return remove;
        }

        /// <summary>"Plan 'slack' has no linking point 'slak_user' — did you mean 'slack_user'?"</summary>
        public static RolloutException NotFound(string errorId, string what, string name, string connector, IEnumerable<string> known)
        {
            var message = "Plan '" + connector + "' has no " + what + " '" + name + "'";
            var names = known.Distinct(StringComparer.Ordinal).ToList();
            var nearest = Nearest(name, names);
            if (nearest != null) message += " — did you mean '" + nearest + "'?";
            else if (names.Count == 0) message += " (it has none).";
            else message += "; it has: " + string.Join(", ", names.Take(12)) + (names.Count > 12 ? ", …" : "") + ".";
            return new RolloutException(errorId, message, name);
        }

        /// <summary>The closest of <paramref name="known"/> to <paramref name="name"/> within a few edits, or null.</summary>
        public static string? Nearest(string name, IEnumerable<string> known)
        {
            int bound = Math.Max(2, name.Length / 3);
            return known
                .Select(k => new { Key = k, Distance = PlanFiles.PlanBinder.Distance(name.ToLowerInvariant(), k.ToLowerInvariant()) })
                .Where(x => x.Distance <= bound)
                .OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Select(x => x.Key).FirstOrDefault();
        }

        /// <summary>
        /// Removes agent tasks. A task that a remaining task depends on is only removed with
        /// <paramref name="dropDependencies"/>, and then those <c>dependsOn</c> entries go too, so the graph never dangles.
        /// </summary>
        public static List<string> RemoveTasks(RolloutPlan plan, IEnumerable<ItemPattern> patterns, bool dropDependencies)
        {
            var tasks = plan.Team.Tasks;
            var remove = new HashSet<string>(Matching(tasks, t => t.Id, patterns, ErrorIds.AgentTaskNotFound, "task", plan.Connector).Select(t => t.Id), StringComparer.Ordinal);
            var dependents = tasks.Where(t => !remove.Contains(t.Id))
                .SelectMany(t => t.DependsOn.Where(remove.Contains).Select(d => "'" + t.Id + "' depends on '" + d + "'"))
                .ToList();
            if (dependents.Count > 0 && !dropDependencies)
                throw new RolloutException(ErrorIds.AgentTaskHasDependents,
                    "Cannot remove " + (remove.Count == 1 ? "task '" + remove.First() + "'" : "these tasks") + ": " + string.Join("; ", dependents) +
                    ". Use -DropDependencies to remove those dependencies as well, or remove the dependent tasks too.", string.Join(", ", remove));
            var removed = tasks.Where(t => remove.Contains(t.Id)).Select(t => t.Id).ToList();
            tasks.RemoveAll(t => remove.Contains(t.Id));
            foreach (var t in tasks) t.DependsOn.RemoveAll(remove.Contains);
            return removed;
        }

        /// <summary>Removes validation checks by id from whichever phases hold them.</summary>
        public static List<string> RemoveChecks(RolloutPlan plan, IEnumerable<ItemPattern> patterns, PhaseName? phase)
        {
            var phases = plan.Phases.All().Where(p => phase == null || p.Key == phase.Value).Select(p => p.Value).ToList();
            var all = phases.SelectMany(p => p.Checks).ToList();
            var remove = Matching(all, c => c.Id, patterns, ErrorIds.ValidationCheckNotFound, "validation check", plan.Connector);
            foreach (var p in phases) p.Checks.RemoveAll(remove.Contains);
            return all.Where(remove.Contains).Select(c => c.Id).ToList();
        }

        /// <summary>Removes the writes of one route to a table (only those of <paramref name="methods"/> when given).</summary>
        public static int RemoveWrites(RolloutPlan plan, string routePath, string table, IReadOnlyCollection<RouteMethod>? methods)
        {
            var route = plan.Routes.FirstOrDefault(r => string.Equals(r.Path, routePath, StringComparison.Ordinal))
                ?? throw NotFound(ErrorIds.RolloutRouteNotFound, "route", routePath, plan.Connector, plan.Routes.Select(r => r.Path));
            Func<RouteWrite, bool> hit = w => string.Equals(w.Table, table, StringComparison.Ordinal)
                && (methods == null || methods.Count == 0 || w.Method.Count == 0 || w.Method.Any(methods.Contains));
            if (!route.Writes.Any(hit))
                throw NotFound(ErrorIds.RouteWriteNotFound, "write to table" + (methods != null && methods.Count > 0 ? " (for " + string.Join(", ", methods) + ")" : "") + " on route '" + routePath + "' named",
                    table, plan.Connector, route.Writes.Select(w => w.Table));
            return route.Writes.RemoveAll(w => hit(w));
        }

        /// <summary>Removes waivers of a rule (and, when given, only those for <paramref name="target"/>).</summary>
        public static List<string> RemoveWaivers(RolloutPlan plan, IEnumerable<ItemPattern> rules, string? target)
        {
            var candidates = plan.Waivers.Where(w => target == null || string.Equals(w.Target, target, StringComparison.Ordinal)).ToList();
            var remove = Matching(candidates, w => w.Rule, rules, ErrorIds.GateWaiverNotFound, target == null ? "waiver of rule" : "waiver for '" + target + "' of rule", plan.Connector);
            var removed = plan.Waivers.Where(remove.Contains).Select(w => w.Target == null ? w.Rule : w.Rule + " (" + w.Target + ")").ToList();
            plan.Waivers.RemoveAll(remove.Contains);
            return removed;
        }
    }
}

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>Removes linking points; a route that still writes a removed source is a warning (RP.Map.OnConflictDocumented).</summary>
    public sealed class RemoveLinkingPointsEdit : PlanEdit
    {
        public IList<ItemPattern> Sources { get; set; } = new List<ItemPattern>();

        public override string Summary => "Remove linking point " + RemovalNotes.Quoted(Sources.Select(s => s.Text));

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            var removed = PlanRemoval.Remove(plan.LinkingPoints, lp => lp.Source, Sources, ErrorIds.LinkingPointNotFound, "linking point", plan.Connector);
            RemovalNotes.Removed(context, "linking point", removed);
            foreach (var route in plan.Routes)
                foreach (var write in route.Writes)
                    if (write.Source != null && removed.Contains(write.Source))
                        context.Warn("Route '" + route.Path + "' still writes source '" + write.Source + "' (RP.Map.OnConflictDocumented reports it until the write is removed with Remove-RouteWrite).");
        }
    }

    /// <summary>Removes handoff items of any kinds at once; every name is checked before anything changes.</summary>
    public sealed class RemoveHandoffItemsEdit : PlanEdit
    {
        public IList<ItemPattern>? EnvVars { get; set; }
        public IList<ItemPattern>? Scopes { get; set; }
        public IList<ItemPattern>? Migrations { get; set; }
        public IList<ItemPattern>? SmokeTests { get; set; }
        public IList<ItemPattern>? AppSteps { get; set; }

        private IEnumerable<KeyValuePair<string, IList<ItemPattern>>> Named()
        {
            if (EnvVars != null) yield return new KeyValuePair<string, IList<ItemPattern>>("env var", EnvVars);
            if (Scopes != null) yield return new KeyValuePair<string, IList<ItemPattern>>("scope", Scopes);
            if (Migrations != null) yield return new KeyValuePair<string, IList<ItemPattern>>("migration", Migrations);
            if (SmokeTests != null) yield return new KeyValuePair<string, IList<ItemPattern>>("smoke test", SmokeTests);
            if (AppSteps != null) yield return new KeyValuePair<string, IList<ItemPattern>>("external-app step", AppSteps);
        }

        public override string Summary => "Remove handoff " + string.Join("; ", Named().Select(n => n.Key + " " + RemovalNotes.Quoted(n.Value.Select(p => p.Text))));

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if (!Named().Any())
                throw new RolloutException(ErrorIds.HandoffItemRequired,
                    "Say which handoff items to remove: -EnvVar, -Scope, -Migration, -SmokeTest or -ExternalAppStep.");
            var h = plan.Handoff;
            var env = h.Env.ToList();
            var scopes = h.Scopes.ToList();
            var migrations = h.Migrations.ToList();
            var smokeTests = h.SmokeTests.ToList();
            var steps = h.ExternalApp.ToList();
            var c = plan.Connector;
            var none = new List<ItemPattern>();
            RemovalNotes.Removed(context, "env var", PlanRemoval.Remove(env, e => e.Name, EnvVars ?? none, ErrorIds.HandoffItemNotFound, "handoff env var", c), EnvVars != null);
            RemovalNotes.Removed(context, "scope", PlanRemoval.Remove(scopes, s => s.Name, Scopes ?? none, ErrorIds.HandoffItemNotFound, "handoff scope", c), Scopes != null);
            RemovalNotes.Removed(context, "migration", PlanRemoval.Remove(migrations, m => m, Migrations ?? none, ErrorIds.HandoffItemNotFound, "handoff migration", c), Migrations != null);
            RemovalNotes.Removed(context, "smoke test", PlanRemoval.Remove(smokeTests, s => s.Action, SmokeTests ?? none, ErrorIds.HandoffItemNotFound, "smoke test", c), SmokeTests != null);
            RemovalNotes.Removed(context, "external-app step", PlanRemoval.Remove(steps, s => s, AppSteps ?? none, ErrorIds.HandoffItemNotFound, "external-app step", c), AppSteps != null);
            // Every name was found: only now does the plan change.
            h.Env = env; h.Scopes = scopes; h.Migrations = migrations; h.SmokeTests = smokeTests; h.ExternalApp = steps;
        }
    }

    /// <summary>Removes assumptions, open questions and risks; every text is checked before anything changes.</summary>
    public sealed class RemoveNotesEdit : PlanEdit
    {
        public IList<ItemPattern>? Assumptions { get; set; }
        public IList<ItemPattern>? OpenQuestions { get; set; }
        public IList<ItemPattern>? Risks { get; set; }

        public override string Summary
            => "Remove " + string.Join("; ", new[] { ("assumption", Assumptions), ("open question", OpenQuestions), ("risk", Risks) }
                .Where(x => x.Item2 != null).Select(x => x.Item1 + " " + RemovalNotes.Quoted(x.Item2!.Select(p => p.Text))));

        public override void Apply(RolloutPlan plan, PlanEditContext context)
        {
            if (Assumptions == null && OpenQuestions == null && Risks == null)
                throw new RolloutException(ErrorIds.RolloutNoteRequired, "Say which notes to remove: -Assumption, -OpenQuestion or -Risk.");
            var assumptions = plan.Assumptions.ToList();
            var questions = plan.OpenQuestions.ToList();
            var risks = plan.Risks.ToList();
            var c = plan.Connector;
            var none = new List<ItemPattern>();
            RemovalNotes.Removed(context, "assumption", PlanRemoval.Remove(assumptions, a => a, Assumptions ?? none, ErrorIds.RolloutNoteNotFound, "assumption", c), Assumptions != null);
            RemovalNotes.Removed(context, "open question", PlanRemoval.Remove(questions, q => q, OpenQuestions ?? none, ErrorIds.RolloutNoteNotFound, "open question", c), OpenQuestions != null);
            RemovalNotes.Removed(context, "risk", PlanRemoval.Remove(risks, r => r.Risk, Risks ?? none, ErrorIds.RolloutNoteNotFound, "risk", c), Risks != null);
            plan.Assumptions = assumptions; plan.OpenQuestions = questions; plan.Risks = risks;
        }
    }

    /// <summary>What a removal says on the verbose stream.</summary>
    public static class RemovalNotes
    {
        public static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

        /// <summary>"Removed linking point 'a'." or "No linking point matched; nothing removed." (only when it was asked for).</summary>
        public static void Removed(PlanEditContext context, string what, ICollection<string> names, bool asked = true)
        {
            if (!asked) return;
            if (names.Count == 0) context.Note("No " + what + " matched; nothing removed.");
            else context.Note("Removed " + what + " " + Quoted(names) + ".");
        }
    }
}
