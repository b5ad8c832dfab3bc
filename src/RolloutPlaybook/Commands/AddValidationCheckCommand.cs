using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a validation check to a phase's checklist; its status starts pending.</summary>
    [Cmdlet(VerbsCommon.Add, "ValidationCheck", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddValidationCheckCommand : PlanEditorCmdlet
    {
        /// <summary>mapping, sync, analytics or ops.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [PlanEnumTransformation(typeof(PhaseName))]
        public PhaseName Phase { get; set; }

        /// <summary>The check id, unique in the plan (Set-ValidationResult finds it by id).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        public string Id { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Description { get; set; } = "";

        /// <summary>manual, remap, lint, typecheck, build, test or smoke.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(CheckKind))]
        public CheckKind Kind { get; set; }


        protected override PlanEdit CreateEdit() => new AddValidationCheckEdit
        {
            Phase = Phase, Id = Id, Description = Description,
            Kind = MyInvocation.BoundParameters.ContainsKey(nameof(Kind)) ? Kind : (CheckKind?)null,
        };

    }
}
