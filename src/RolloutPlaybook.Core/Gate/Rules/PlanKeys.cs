using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>Plan-file key paths and spellings, as users see them in their file.</summary>
    internal static class PlanKeys
    {
        public static string Index(string list, int i) => list + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

        public static string Phase(PhaseName phase) => "phases." + Spell(phase);

        public static string Spell(PhaseName phase) => phase.ToString().ToLowerInvariant();

        public static string Spell(Cardinality c) => c == Cardinality.OneToOne ? "1:1" : "1:N";

        public static string Spell(WriteAction a) => a.ToString().ToLowerInvariant();

        public static string Spell(CheckKind k) => k.ToString().ToLowerInvariant();

        public static string Spell(CheckStatus s) => s.ToString().ToLowerInvariant();

        public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

        public static string Number(double n) => n.ToString("0.###", CultureInfo.InvariantCulture);

        public static string List(IEnumerable<string> items) => string.Join(", ", items);

        /// <summary>Every check of the plan with its phase and key path.</summary>
        public static IEnumerable<(PhaseName Phase, ValidationCheck Check, string Key)> Checks(RolloutPlan plan)
        {
            foreach (var phase in plan.Phases.All())
                for (int i = 0; i < phase.Value.Checks.Count; i++)
                    yield return (phase.Key, phase.Value.Checks[i], Index(Phase(phase.Key) + ".checks", i));
        }

        public static bool IsMutating(RouteMethod m) => Planning.RouteMethods.IsMutating(m);

        /// <summary>The methods whose writes a route must document: its mutating methods, and any method its writes name.</summary>
        public static IReadOnlyList<RouteMethod> WritingMethods(RolloutRoute route)
        {
            var methods = route.Methods.Where(IsMutating).ToList();
            foreach (var w in route.Writes)
                foreach (var m in w.Method.Count == 0 ? route.Methods : w.Method)
                    if (!methods.Contains(m) && (w.Method.Count > 0 || IsMutating(m))) methods.Add(m);
            return methods;
        }

        /// <summary>The writes that apply to one method (a write without method applies to every mutating method).</summary>
        public static IEnumerable<(RouteWrite Write, int Index)> WritesFor(RolloutRoute route, RouteMethod method)
        {
            for (int i = 0; i < route.Writes.Count; i++)
            {
                var w = route.Writes[i];
                if (w.Method.Count == 0 ? IsMutating(method) || !route.Methods.Any(IsMutating) : w.Method.Contains(method)) yield return (w, i);
            }
        }

        public static IReadOnlyList<string> Columns(string? onConflict)
            => (onConflict ?? "").Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
    }
}
