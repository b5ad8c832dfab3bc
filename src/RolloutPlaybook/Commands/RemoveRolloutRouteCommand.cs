using System;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes API routes (with their writes) by route path; wildcards allowed. <c>-Path</c> is the plan file.</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutRoute", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutRouteCommand : PlanRemoveCmdlet
    {
        /// <summary>The route paths to remove (/api/...); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoutePathCompleter))]
        public string[] Route { get; set; } = Array.Empty<string>();

        protected override string Action => "Remove route " + Quoted(Route);

        protected override void Edit(RolloutPlan plan)
            => Removed("route", PlanRemoval.Remove(plan.Routes, r => r.Path, Patterns(Route), ErrorIds.RolloutRouteNotFound, "route", plan.Connector));
    }
}
