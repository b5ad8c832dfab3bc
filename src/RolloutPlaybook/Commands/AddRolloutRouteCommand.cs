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
    /// Adds an API route with its methods, auth and conflict handling (<c>writes</c>). Its <c>-Path</c> is the
    /// route path (SPEC §4), so the plan file to edit in place is named by <c>-PlanPath</c>/<c>-LiteralPlanPath</c>
    /// instead of the usual <c>-Path</c>/<c>-LiteralPath</c>.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "RolloutRoute", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutRouteCommand : PlanFileEditCmdlet
    {
        /// <summary>-Path is the route (stored in the plan), so the secret policy judges it; the plan files are -PlanPath.</summary>
        protected override bool IsFilePathParameter(string name) => name != "Path" && base.IsFilePathParameter(name);

        /// <summary>The route path: /api/..., dynamic segments as [name].</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.RoutePath, PlanNameRules.RoutePath)]
        [Alias("Route")]
        public string Path { get; set; } = "";

        /// <summary>The HTTP methods the route exports.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [PlanEnumTransformation(typeof(RouteMethod))]
        public RouteMethod[] Method { get; set; } = new RouteMethod[0];

        /// <summary>The auth the handlers check: one value (none, public, session, admin or a role, cron, signature, state) or a hashtable per method (@{ GET = 'none'; POST = 'admin' }).</summary>
        [Parameter]
        [ValidateNotNull]
        [RouteAuthTransformation]
        [ArgumentCompleter(typeof(RouteAuthCompleter))]
        public RouteAuth? Auth { get; set; }

        /// <summary>The writes entries: hashtables with table, source, method, op, action, onConflict; or 'none' (no method writes).</summary>
        [Parameter]
        public object[]? Writes { get; set; }

        /// <summary>The plan file(s) to edit in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] PlanPath { get; set; } = new string[0];

        /// <summary>The plan file(s) to edit in place, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPlanPath { get; set; } = new string[0];

        /// <summary>Replace a route with the same path (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add route '" + Path + "'";

        protected override bool ForceRewrite => Force;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet) EditFiles(PlanPath, literal: false);
            else if (ParameterSetName == LiteralPathSet) EditFiles(LiteralPlanPath, literal: true);
            else EditPipelinePlan();
        }

        protected override void Edit(RolloutPlan plan)
        {
            var route = new RolloutRoute { Path = Path, Auth = Auth };
            route.Methods.AddRange(Method.Distinct());
            if (Writes != null)
            {
                if (Writes.Length == 1 && RouteWriteConverter.IsNone(Writes[0])) route.NoWrites = true;
                else for (int i = 0; i < Writes.Length; i++) route.Writes.Add(RouteWriteConverter.Convert(Writes[i], Path, i));
            }
            PlanAuthoring.ValidateRoute(route);
            var outside = RolloutPlaybook.Core.PlanFiles.PlanRouteRules.PathProblem(plan, Path);
            if (outside != null)
                throw new RolloutException("RoutePathOutsideRouteBase", RolloutErrorKind.InvalidArgument, "Route '" + Path + "': " + outside + ".", Path);
            PlanAuthoring.AddOrReplace(plan.Routes, route, r => r.Path == Path, Force,
                () => new RolloutException("RolloutRouteExists", RolloutErrorKind.ResourceExists,
                    "Plan '" + plan.Connector + "' already has route '" + Path + "'; use -Force to replace it.", Path));
            if (route.Writes.Count == 0 && !route.NoWrites && route.Methods.Any(PlanAuthoring.IsMutating))
                WriteWarning("Route '" + Path + "' has a mutating method but no -Writes: RP.Map.OnConflictDocumented fails until its writes are documented (or -Writes none if it writes nothing).");
        }
    }
}
