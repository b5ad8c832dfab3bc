using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Adds an API route with its methods, auth and conflict handling (<c>writes</c>). The route is <c>-Route</c>; <c>-Path</c>
    /// is the plan file, as for every other cmdlet. The old spelling (<c>-Path</c> for the route, with a pipeline plan or
    /// <c>-PlanPath</c>/<c>-LiteralPlanPath</c> for the file) still works, with a deprecation warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "RolloutRoute", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutRouteCommand : PlanEditorCmdlet
    {
        private static readonly Regex RoutePattern = new Regex(PlanPatterns.RoutePath, RegexOptions.CultureInvariant);
        private string route = "";
        private bool pathIsRoute;

        /// <summary>The route path: /api/..., dynamic segments as [name]. Required (the binder cannot require it: see the class remarks).</summary>
        [Parameter(Position = 0)]
        [ValidatePlanName(PlanPatterns.RoutePath, PlanNameRules.RoutePath)]
        public string? Route { get; set; }

        /// <summary>The HTTP methods the route exports.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [PlanEnumTransformation(typeof(RouteMethod))]
        public RouteMethod[] Method { get; set; } = Array.Empty<RouteMethod>();

        /// <summary>The auth the handlers check: one value (none, public, session, admin or a role, cron, signature, state) or a hashtable per method (@{ GET = 'none'; POST = 'admin' }).</summary>
        [Parameter]
        [ValidateNotNull]
        [RouteAuthTransformation]
        [ArgumentCompleter(typeof(RouteAuthCompleter))]
        public RouteAuth? Auth { get; set; }

        /// <summary>The writes entries: hashtables with table, source, method, op, action, onConflict; or 'none' (no method writes).</summary>
        [Parameter]
        public object[]? Writes { get; set; }

        /// <summary>Deprecated (use -Path with -Route): the plan file(s) when -Path was the route.</summary>
        [Parameter(ParameterSetName = PathSet, DontShow = true)]
        [ValidateNotNullOrEmpty]
        public string[]? PlanPath { get; set; }

        /// <summary>Deprecated (use -LiteralPath with -Route): the literal plan file(s) when -Path was the route.</summary>
        [Parameter(ParameterSetName = PathSet, DontShow = true)]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPlanPath { get; set; }

        /// <summary>Deprecated: a pipeline plan together with -Path as the route (<c>$plan | Add-RolloutRoute -Path /api/x -Method GET</c>).</summary>
        [Parameter(ParameterSetName = PathSet, ValueFromPipeline = true, DontShow = true)]
        public RolloutPlan? RoutePathPlan { get; set; }

        /// <summary>-Path is a plan file, except in the old spelling, where it is the route and the secret policy judges it.</summary>
        protected override bool IsFilePathParameter(string name)
            => name == nameof(PlanPath) || name == nameof(LiteralPlanPath) || (name == nameof(Path) ? !pathIsRoute : base.IsFilePathParameter(name));

        protected override void ProcessRecord()
        {
            pathIsRoute = ParameterSetName == PathSet && (RoutePathPlan != null || PlanPath != null || LiteralPlanPath != null);
            if (!pathIsRoute)
            {
                if (Route == null)
                {
                    WriteFailure(new RolloutException(ErrorIds.RouteRequired,
                        "Say which route to add with -Route (/api/..., or under repository.routeBase); -Path names the plan file to edit.", null));
                    return;
                }
                route = Route;
                base.ProcessRecord();
                return;
            }
            if (Route != null || Path.Length != 1 || (PlanPath != null && LiteralPlanPath != null))
            {
                WriteFailure(new RolloutException(ErrorIds.AmbiguousRoute,
                    "Give the route with -Route and the plan file with -Path (-PlanPath and -Path as the route are the old spelling, for one route).", null));
                return;
            }
            route = Path[0];
            if (!RoutePattern.IsMatch(route))
            {
                var shown = Core.Security.SecretDetector.Detect(route).Found ? "The value (not shown: it looks like a secret)" : "'" + route + "'";
                WriteFailure(new RolloutException(ErrorIds.InvalidRoutePath, shown + " is not " + PlanNameRules.RoutePath + ".", null));
                return;
            }
            WriteWarning("Add-RolloutRoute -Path as the route is deprecated: use -Route " + route + " (and -Path for the plan file instead of -PlanPath).");
            if (RoutePathPlan != null) EditPlan(RoutePathPlan);
            else if (PlanPath != null) EditFiles(PlanPath, literal: false);
            else EditFiles(LiteralPlanPath!, literal: true);
        }

        protected override PlanEdit CreateEdit()
        {
            var edit = new AddRouteEdit { Route = route, Methods = Method.ToList(), Auth = Auth };
            if (Writes != null)
            {
                if (Writes.Length == 1 && RouteWriteConverter.IsNone(Writes[0])) edit.NoWrites = true;
                else for (int i = 0; i < Writes.Length; i++) edit.Writes.Add(RouteWriteConverter.Convert(Writes[i], route, i));
            }
            return edit;
        }
    }
}
