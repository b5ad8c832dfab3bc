using System;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// Where a plan's route paths may point (SPEC §8): under <c>/api/</c>, or under the plan's <c>repository.routeBase</c>
    /// when it names another URL base (<c>/integrations</c>: <c>/integrations/slack</c>). The loader uses it; so can editors.
    /// </summary>
    public static class PlanRouteRules
    {
        /// <summary>The URL prefix every route path may use whatever the route base is.</summary>
        public const string DefaultPrefix = "/api/";

        /// <summary>Null when <paramref name="path"/> may be a route of <paramref name="plan"/>, else why not (without the key).</summary>
        public static string? PathProblem(RolloutPlan plan, string? path)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (string.IsNullOrEmpty(path) || path![0] != '/') return null; // the pattern check reports it
            if (path.StartsWith(DefaultPrefix, StringComparison.Ordinal)) return null;
            var routeBase = plan.Repository?.RouteBase?.Trim();
            if (string.IsNullOrEmpty(routeBase))
                return "a route path starts with /api/ (got \"" + path + "\"); for routes served under another URL, set repository.routeBase (e.g. routeBase: " + BaseOf(path) + ")";
            var trimmed = routeBase!.TrimEnd('/');
            if (trimmed.Length == 0 || path == trimmed || path.StartsWith(trimmed + "/", StringComparison.Ordinal)) return null;
            return "a route path starts with /api/ or with repository.routeBase " + routeBase + "/ (got \"" + path + "\")";
        }

        private static string BaseOf(string path)
        {
            int next = path.IndexOf('/', 1);
            return next < 0 ? path : path.Substring(0, next);
        }
    }
}
