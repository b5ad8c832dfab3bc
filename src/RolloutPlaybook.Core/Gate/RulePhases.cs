using System.Collections.Generic;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>The phase lists rules declare (<see cref="RolloutRule.Phases"/>, what <c>-Phase</c> selects on).</summary>
    internal static class RulePhases
    {
        public static readonly IReadOnlyList<PhaseName> All = new[] { PhaseName.Mapping, PhaseName.Sync, PhaseName.Analytics, PhaseName.Ops };
        public static readonly IReadOnlyList<PhaseName> Mapping = new[] { PhaseName.Mapping };
        public static readonly IReadOnlyList<PhaseName> Sync = new[] { PhaseName.Sync };
        public static readonly IReadOnlyList<PhaseName> Analytics = new[] { PhaseName.Analytics };
        public static readonly IReadOnlyList<PhaseName> Ops = new[] { PhaseName.Ops };
    }
}
