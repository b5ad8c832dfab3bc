using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>Plan-file key paths and spellings, as users see them in their file.</summary>
    internal static class PlanKeys
    {
        public static string Index(string list, int i) => list + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

        public static string Phase(PhaseName phase) => "phases." + PlanEnum.Format(phase);

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

        public static IReadOnlyList<string> Columns(string? onConflict)
            => (onConflict ?? "").Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
    }
}
