using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Drafting
{
    /// <summary>
    /// The changes that bring a plan up to date with its code (SPEC §9), computed first and applied on request:
    /// what the code has and the plan lacks is added (with its assumption and open questions); what the plan has and
    /// the code no longer has is reported, and removed only when pruning; hand-written text is never rewritten.
    /// </summary>
    public sealed class PlanRefresh
    {
        private readonly RolloutPlan plan;
        private readonly List<KeyValuePair<PlanChange, Action?>> steps;
        private readonly List<DraftItem> added;

        private PlanRefresh(RolloutPlan plan, List<KeyValuePair<PlanChange, Action?>> steps, List<DraftItem> added)
        {
            this.plan = plan; this.steps = steps; this.added = added;
        }

        /// <summary>One record per item, in plan order: routes (with methods, guards, writes), linking points, env vars, migrations.</summary>
        public IReadOnlyList<PlanChange> Changes => steps.Select(s => s.Key).ToList();

        /// <summary>True when applying would change the plan.</summary>
        public bool ChangesPlan => steps.Any(s => s.Value != null);

        /// <summary>Changes the plan; marks the applied records. Applying twice does nothing the second time.</summary>
        public void Apply()
        {
            if (!ChangesPlan) return;
            foreach (var step in steps)
            {
                if (step.Value == null || step.Key.Applied) continue;
                step.Value();
                step.Key.Applied = true;
            }
            foreach (var item in added)
            {
                if (!plan.Assumptions.Contains(item.Assumption)) plan.Assumptions.Add(item.Assumption);
                foreach (var q in item.Questions) if (!plan.OpenQuestions.Contains(q)) plan.OpenQuestions.Add(q);
            }
            added.Clear();
            IntakePolicy.Reconcile(plan);
        }

        /// <summary>Compares <paramref name="plan"/> with <paramref name="facts"/>; nothing changes until <see cref="Apply"/>.</summary>
        public static PlanRefresh Compute(RolloutPlan plan, CodeFacts facts, bool prune)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (facts == null) throw new ArgumentNullException(nameof(facts));
            var steps = new List<KeyValuePair<PlanChange, Action?>>();
            var added = new List<DraftItem>();
            string connector = plan.Connector;

            void Add(PlanItemKind kind, DraftItem? item, string target, string? at, string message, Action apply, IEnumerable<DraftItem>? items = null)
            {
                steps.Add(new KeyValuePair<PlanChange, Action?>(new PlanChange(connector, PlanChangeKind.Added, kind, target, at, message), apply));
                if (item != null) added.Add(item);
                if (items != null) added.AddRange(items);
            }
            void Stale(PlanItemKind kind, string target, string what, Action remove)
            {
                // A pruned item takes the assumption its draft recorded with it ("From code: …" is ours, never hand-written).
                void RemoveWithAssumptions() { remove(); plan.Assumptions.RemoveAll(a => PlanDrafter.IsAssumptionAbout(a, kind, target)); }
                steps.Add(prune
                    ? new KeyValuePair<PlanChange, Action?>(new PlanChange(connector, PlanChangeKind.Removed, kind, target, null, "Removed " + what + ": the code no longer has it."), RemoveWithAssumptions)
                    : new KeyValuePair<PlanChange, Action?>(new PlanChange(connector, PlanChangeKind.NotInCode, kind, target, null, what + " is in the plan but not in the code; kept (-Prune removes it)."), null));
            }
            void Differs(PlanItemKind kind, string target, string? at, string message)
                => steps.Add(new KeyValuePair<PlanChange, Action?>(new PlanChange(connector, PlanChangeKind.Differs, kind, target, at, message), null));

            // Routes, in the plan's order first, then the code's new ones in path order.
            var codeRoutes = facts.Routes.ToDictionary(r => r.PlanPath, StringComparer.Ordinal);
            foreach (var route in plan.Routes.ToList())
            {
                var path = Normalize(route.Path);
                if (!codeRoutes.TryGetValue(path, out var code))
                {
                    Stale(PlanItemKind.Route, route.Path, "Route " + route.Path, () => plan.Routes.Remove(route));
                    continue;
                }
                RefreshRoute(route, code, facts, Add, Stale, Differs);
            }
            var planned = new HashSet<string>(plan.Routes.Select(r => Normalize(r.Path)), StringComparer.Ordinal);
            foreach (var code in facts.Routes.Where(r => !planned.Contains(r.PlanPath)))
            {
                var (draft, items) = PlanDrafter.DraftRoute(code, facts);
                var first = items[0].At;
                Add(PlanItemKind.Route, null, code.PlanPath, first,
                    "Added route " + code.PlanPath + " (" + string.Join(", ", draft.Methods) + (draft.Auth != null ? ", auth " + draft.Auth : "") + (draft.Writes.Count > 0 ? ", " + draft.Writes.Count + " write" + (draft.Writes.Count == 1 ? "" : "s") : "") + ") found at " + first + ".",
                    () => plan.Routes.Add(draft), items);
            }

            // Linking points.
            foreach (var (point, item) in PlanDrafter.LinkingPoints(facts))
            {
                if (plan.LinkingPoints.Any(lp => lp.Source == point.Source)) continue;
                Add(PlanItemKind.LinkingPoint, item, point.Source, item.At,
                    "Added linking point " + point.Source + " (" + (point.Cardinality == Cardinality.OneToOne ? "1:1, db" : "1:N, app") + ") written at " + item.At + ".",
                    () => plan.LinkingPoints.Add(point));
            }
            var written = new HashSet<string>(PlanDrafter.LinkingPoints(facts).Select(p => p.Point.Source), StringComparer.Ordinal);
            foreach (var lp in plan.LinkingPoints.ToList())
                if (!string.IsNullOrEmpty(lp.Source) && !written.Contains(lp.Source))
                    Stale(PlanItemKind.LinkingPoint, lp.Source, "Linking point " + lp.Source + " (no write of it to " + facts.IdentityTable + " was found)", () => plan.LinkingPoints.Remove(lp));

            // Env vars.
            foreach (var env in facts.Env)
            {
                if (plan.Handoff.Env.Any(e => e.Name == env.Name)) continue;
                var item = PlanDrafter.EnvItem(env, facts.HasEnvExample);
                Add(PlanItemKind.EnvVar, item, env.Name, item.At, "Added env var " + env.Name + (PlanDrafter.IsSecretName(env.Name) ? " (secret)" : "") + " read at " + item.At + ".",
                    () => plan.Handoff.Env.Add(new HandoffEnvVar { Name = env.Name, Secret = PlanDrafter.IsSecretName(env.Name) }));
            }
            var read = new HashSet<string>(facts.Env.Select(e => e.Name), StringComparer.Ordinal);
            foreach (var env in plan.Handoff.Env.ToList())
                if (!read.Contains(env.Name))
                    Stale(PlanItemKind.EnvVar, env.Name, "Env var " + env.Name + " (the connector's code does not read it)", () => plan.Handoff.Env.Remove(env));

            // Migrations.
            foreach (var migration in facts.Migrations)
            {
                if (plan.Handoff.Migrations.Any(m => SamePath(m, migration.RelativePath))) continue;
                var at = migration.RelativePath + ":" + migration.Line;
                var item = new DraftItem(PlanItemKind.Migration, "migration " + migration.RelativePath, migration.RelativePath, at,
                    PlanDrafter.AssumptionPrefix + "migration " + migration.RelativePath + " " + migration.Reason + " (" + at + ").", Array.Empty<string>());
                Add(PlanItemKind.Migration, item, migration.RelativePath, at, "Added migration " + migration.RelativePath + ": it " + migration.Reason + ".",
                    () => plan.Handoff.Migrations.Add(migration.RelativePath));
            }
            foreach (var missing in facts.MissingMigrations)
            {
                var entry = plan.Handoff.Migrations.FirstOrDefault(m => SamePath(m, missing));
                if (entry != null) Stale(PlanItemKind.Migration, entry, "Migration " + entry + " (no such file in the repository)", () => plan.Handoff.Migrations.Remove(entry));
            }
            return new PlanRefresh(plan, steps, added);
        }

        private static void RefreshRoute(RolloutRoute route, CodeRoute code, CodeFacts facts, Action<PlanItemKind, DraftItem?, string, string?, string, Action, IEnumerable<DraftItem>?> add,
            Action<PlanItemKind, string, string, Action> stale, Action<PlanItemKind, string, string?, string> differs)
        {
            var (draft, _) = PlanDrafter.DraftRoute(code, facts);
            foreach (var h in code.Handlers)
            {
                if (route.Methods.Contains(h.Method)) continue;
                var item = PlanDrafter.MethodItem(code, h);
                var method = h.Method;
                var guard = draft.Auth?.For(method);
                add(PlanItemKind.Method, item, method + " " + route.Path, code.At(h.Line), "Added method " + method + " to " + route.Path + ", exported at " + code.At(h.Line) + ".",
                    () =>
                    {
                        if (!route.Methods.Contains(method)) { route.Methods.Add(method); route.Methods.Sort(); }
                        // A per-method auth gets the new method's guard as found.
                        if (route.Auth != null && route.Auth.IsPerMethod && route.Auth.For(method) == null && guard != null) route.Auth.Methods[method] = guard;
                    }, null);
            }
            foreach (var method in route.Methods.ToList())
            {
                if (code.Handlers.Any(h => h.Method == method)) continue;
                var m = method;
                stale(PlanItemKind.Method, method + " " + route.Path, "Method " + method + " of " + route.Path + " (" + code.RelativePath + " exports no " + method + " handler)", () => route.Methods.Remove(m));
            }

            var guardAt = code.Handlers.Where(h => h.GuardAt != null).Select(h => h.GuardAt).FirstOrDefault() ?? (code.Handlers.Count > 0 ? code.At(code.Handlers[0].Line) : null);
            if (route.Auth == null && draft.Auth != null)
            {
                var auth = draft.Auth;
                add(PlanItemKind.Guard, null, route.Path, guardAt, "Added auth " + auth + " to " + route.Path + ", as its handlers show" + (guardAt != null ? " (" + guardAt + ")" : "") + ".",
                    () => route.Auth = auth, null);
            }
            else if (route.Auth != null && draft.Auth != null)
            {
                var disagree = code.Handlers
                    .Where(h => route.Methods.Contains(h.Method))
                    .Select(h => (h.Method, Planned: route.Auth.For(h.Method), Coded: draft.Auth.For(h.Method)))
                    .Where(x => x.Planned != null && x.Coded != null && !string.Equals(x.Planned.Trim(), x.Coded, StringComparison.OrdinalIgnoreCase) && !(IsNoGuard(x.Planned) && IsNoGuard(x.Coded)))
                    .ToList();
                if (disagree.Count > 0)
                    differs(PlanItemKind.Guard, route.Path, guardAt, "The plan says auth " + route.Auth + " for " + route.Path + "; the code shows " +
                        string.Join(", ", disagree.Select(x => x.Method + " " + x.Coded)) + (guardAt != null ? " (" + guardAt + ")" : "") + ". The plan is kept.");
            }

            if (draft.NoWrites && !route.NoWrites && route.Writes.Count == 0)
                add(PlanItemKind.Write, null, route.Path + " writes none", code.At(code.Handlers[0].Line),
                    "Added 'writes: none' to " + route.Path + ": none of its handlers writes (" + code.RelativePath + ").", () => route.NoWrites = true, null);

            foreach (var (write, item) in PlanDrafter.DraftWrites(code, facts))
            {
                var covering = route.Writes.FirstOrDefault(pw => Covers(route, pw, draft, write));
                if (covering != null)
                {
                    var planned = Describe(covering);
                    var coded = Describe(write);
                    if (covering.Action != null && write.Action != null && planned != coded)
                        differs(PlanItemKind.Write, item.Target, item.At, "The plan says " + planned + " for " + item.Target + "; the code shows " + coded + " at " + item.At + ". The plan is kept.");
                    continue;
                }
                var w = write;
                add(PlanItemKind.Write, item, item.Target, item.At, "Added write: " + item.Target + " at " + item.At + ".", () => { route.NoWrites = false; route.Writes.Add(w); }, null);
            }
            var tables = new HashSet<string>(code.Handlers.SelectMany(h => h.Writes).Where(w => w.Table != null).Select(w => w.Table!), StringComparer.Ordinal);
            foreach (var pw in route.Writes.ToList())
            {
                if (tables.Contains(pw.Table)) continue;
                var w = pw;
                stale(PlanItemKind.Write, route.Path + " " + pw.Table, "Write to " + pw.Table + " of " + route.Path + " (" + code.RelativePath + " writes no " + pw.Table + ")", () => route.Writes.Remove(w));
            }
        }

        private static string Describe(RouteWrite w)
            => (w.EffectiveOp == null ? "" : PlanEnum.Format(w.EffectiveOp.Value) + " ") + (w.Action == null ? "no action" : PlanEnum.Format(w.Action.Value)) + (string.IsNullOrWhiteSpace(w.OnConflict) ? "" : " on " + string.Join(",", (w.OnConflict ?? "").Split(',').Select(c => c.Trim())));

        private static bool IsNoGuard(string? auth) => auth != null && (auth.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) || auth.Trim().Equals("public", StringComparison.OrdinalIgnoreCase));

        /// <summary>A plan write documents a drafted one: same table, same source when both say one, and methods in common.</summary>
        private static bool Covers(RolloutRoute route, RouteWrite planned, RolloutRoute draft, RouteWrite drafted)
        {
            if (!string.Equals(planned.Table, drafted.Table, StringComparison.Ordinal)) return false;
            if (planned.Source != null && drafted.Source != null && planned.Source != drafted.Source) return false;
            var a = MethodsOf(route, planned);
            var b = MethodsOf(draft, drafted);
            return a.Intersect(b).Any();
        }

        private static IEnumerable<RouteMethod> MethodsOf(RolloutRoute route, RouteWrite write)
        {
            if (write.Method.Count > 0) return write.Method;
            var mutating = route.Methods.Where(RouteMethods.IsMutating).ToList();
            return mutating.Count > 0 ? mutating : route.Methods;
        }

        private static string Normalize(string? path)
        {
            var p = (path ?? "").Trim();
            while (p.Length > 1 && p.EndsWith("/", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 1);
            return p;
        }

        private static bool SamePath(string a, string b) => string.Equals((a ?? "").Trim().Replace('\\', '/'), b, StringComparison.Ordinal);
    }
}
