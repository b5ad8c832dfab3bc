using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a validation check to a phase's checklist; its status starts pending.</summary>
    [Cmdlet(VerbsCommon.Add, "ValidationCheck", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddValidationCheckCommand : PlanEditCmdlet
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

        /// <summary>Replace a check with the same id (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add " + Phase.ToString().ToLowerInvariant() + " check '" + Id + "'";

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            var check = new ValidationCheck
            {
                Id = Id,
                Description = Description,
                Kind = MyInvocation.BoundParameters.ContainsKey(nameof(Kind)) ? Kind : (CheckKind?)null,
            };
            var existing = PlanAuthoring.FindCheck(plan, Id, out var phase);
            if (existing != null)
            {
                if (!Force)
                    throw new RolloutException("ValidationCheckExists", RolloutErrorKind.ResourceExists,
                        "Plan '" + plan.Connector + "' already has check '" + Id + "' (" + phase.ToString().ToLowerInvariant() + " phase); use -Force to replace it.", Id);
                if (phase == Phase)
                {
                    var checks = plan.Phases[phase].Checks;
                    checks[checks.IndexOf(existing)] = check;
                    return;
                }
                plan.Phases[phase].Checks.Remove(existing);
            }
            plan.Phases[Phase].Checks.Add(check);
        }
    }
}
