using System;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes phase validation checks by id (from whichever phase holds them, or only -Phase); wildcards allowed.</summary>
    [Cmdlet(VerbsCommon.Remove, "ValidationCheck", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveValidationCheckCommand : PlanRemoveCmdlet
    {
        /// <summary>The check ids to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only the checks of this phase: mapping, sync, analytics or ops.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PhaseName))]
        [ArgumentCompleter(typeof(PlanValueCompleter<PhaseName>))]
        public PhaseName? Phase { get; set; }

        protected override string Action => "Remove validation check " + Quoted(Id);

        protected override void Edit(RolloutPlan plan)
            => Removed("validation check", PlanRemoval.RemoveChecks(plan, Patterns(Id), Phase));
    }
}
