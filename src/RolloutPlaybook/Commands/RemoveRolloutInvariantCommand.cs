using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes invariants from the plan by id (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutInvariant", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutInvariantCommand : PlanRemoveCmdlet
    {
        /// <summary>The ids of the invariants to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InvariantIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override string Action => "Remove invariant " + Quoted(Id);

        protected override void Edit(RolloutPlan plan)
            => Removed("invariant", PlanRemoval.Remove(plan.Invariants, i => i.Id, Patterns(Id), ErrorIds.RolloutInvariantNotFound, "invariant", plan.Connector));
    }
}
