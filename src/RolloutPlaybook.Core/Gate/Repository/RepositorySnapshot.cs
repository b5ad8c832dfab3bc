using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Repository
{
    /// <summary>
    /// The application repository as the gate's rules see it for one plan: the layout (checked on creation, so a
    /// path escaping the repository is an error before any rule runs), and the scans, each done once on first use.
    /// </summary>
    public sealed class RepositorySnapshot
    {
        private readonly RolloutPlan plan;
        private readonly CancellationToken cancel;
        private RouteInventory? routes;
        private MigrationState? migrations;
        private EnvUsage? env;
        private ModuleGraph? modules;
        private CodeRecognition? recognition;
        private MiddlewareGuard? middleware;
        private bool middlewareRead;

        public RepositorySnapshot(RolloutPlan plan, string root, CancellationToken cancel)
        {
            this.plan = plan;
            this.cancel = cancel;
            Layout = RepositoryLayout.For(plan, root);
        }

        public RepositoryLayout Layout { get; }
        public RouteInventory Routes => routes ?? (routes = RouteInventory.Scan(Layout, plan.Routes.Select(r => r.Path),
            new RouteScanOptions { ReadAhead = !OneThread }, Modules, Recognition, cancel));

        /// <summary>Route files are read on the scan's thread only (no read-ahead): <see cref="GateOptions.OneThread"/>.</summary>
        internal bool OneThread { get; set; }

        /// <summary>The repository's source files as handlers reach them: each read once per gate run.</summary>
        public ModuleGraph Modules => modules ?? (modules = new ModuleGraph(Layout));

        /// <summary>The app's own guard, validator and cron-secret names from the plan (SPEC §8).</summary>
        public CodeRecognition Recognition => recognition ?? (recognition = CodePlan.Recognition(plan));
        public MigrationState Migrations => migrations ?? (migrations = MigrationState.Load(Layout));
        public EnvUsage Env => env ?? (env = EnvUsage.Scan(Layout, Routes, Modules));

        /// <summary>The app's <c>middleware.ts</c> / <c>proxy.ts</c> as a guard in front of the routes it matches (null: none).</summary>
        public MiddlewareGuard? Middleware
        {
            get
            {
                if (!middlewareRead) { middleware = MiddlewareGuard.Load(Layout, Modules, Recognition); middlewareRead = true; }
                return middleware;
            }
        }
    }
}
