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

        /// <summary>Whether an <c>onConflict</c> value names a column (<see cref="Columns"/> is not empty).</summary>
        public static bool HasColumns(string? onConflict)
        {
            if (onConflict == null) return false;
            foreach (var c in onConflict) if (c != ',' && !char.IsWhiteSpace(c)) return true;
            return false;
        }

        /// <summary>The columns of an <c>onConflict</c> value: split at commas, trimmed, empty ones dropped.</summary>
        public static IReadOnlyList<string> Columns(string? onConflict)
        {
            var columns = new List<string>(1);
            if (onConflict == null) return columns;
            for (int start = 0; start <= onConflict.Length;)
            {
                int comma = onConflict.IndexOf(',', start);
                int end = comma < 0 ? onConflict.Length : comma;
                int a = start, b = end;
                while (a < b && char.IsWhiteSpace(onConflict[a])) a++;
                while (b > a && char.IsWhiteSpace(onConflict[b - 1])) b--;
                if (b > a) columns.Add(a == 0 && b == onConflict.Length ? onConflict : onConflict.Substring(a, b - a));
                start = end + 1;
            }
            return columns;
        }
    }
}
