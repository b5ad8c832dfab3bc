using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes the documented writes of one route to a table (only those of -Method when given).</summary>
    [Cmdlet(VerbsCommon.Remove, "RouteWrite", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRouteWriteCommand : PlanRemoveCmdlet
    {
        /// <summary>The route whose writes change (/api/...).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RoutePathCompleter))]
        public string Route { get; set; } = "";

        /// <summary>The table whose writes go.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WriteTableCompleter))]
        public string Table { get; set; } = "";

        /// <summary>Only the writes of these methods.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(RouteMethod))]
        public RouteMethod[]? Method { get; set; }

        protected override string Action => "Remove the writes to '" + Table + "' of route '" + Route + "'";

        protected override void Edit(RolloutPlan plan)
        {
            int count = PlanRemoval.RemoveWrites(plan, Route, Table, Method);
            Note("Removed " + count + " write(s) to '" + Table + "' from route '" + Route + "'.");
        }
    }
}
