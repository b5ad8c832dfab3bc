using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes linking points (rows of the mapping matrix) by source; wildcards allowed.</summary>
    [Cmdlet(VerbsCommon.Remove, "LinkingPoint", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveLinkingPointCommand : PlanRemoveCmdlet
    {
        /// <summary>The sources to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceCompleter))]
        public string[] Source { get; set; } = new string[0];

        protected override string Action => "Remove linking point " + Quoted(Source);

        protected override void Edit(RolloutPlan plan)
        {
            var removed = PlanRemoval.Remove(plan.LinkingPoints, lp => lp.Source, Patterns(Source), "LinkingPointNotFound", "linking point", plan.Connector);
            Removed("linking point", removed);
            foreach (var route in plan.Routes)
                foreach (var write in route.Writes)
                    if (write.Source != null && removed.Contains(write.Source))
                        Warn("Route '" + route.Path + "' still writes source '" + write.Source + "' (RP.Map.OnConflictDocumented reports it until the write is removed with Remove-RouteWrite).");
        }
    }
}
