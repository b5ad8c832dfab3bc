using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Sets a phase's scope and deliverables (its checks come from Add-ValidationCheck).</summary>
    [Cmdlet(VerbsCommon.Set, "RolloutPhase", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class SetRolloutPhaseCommand : PlanEditorCmdlet
    {
        /// <summary>mapping, sync, analytics or ops.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [PlanEnumTransformation(typeof(PhaseName))]
        public PhaseName Phase { get; set; }

        /// <summary>What the phase covers.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Scope { get; set; }

        /// <summary>What the phase delivers; replaces the list.</summary>
        [Parameter]
        [Alias("Deliverables")]
        [ValidateNotNull]
        public string[]? Deliverable { get; set; }

        protected override PlanEdit CreateEdit() => new SetPhaseEdit { Phase = Phase, Scope = Scope, Deliverables = Deliverable };
    }
}
