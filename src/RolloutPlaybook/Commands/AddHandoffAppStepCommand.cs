using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds the next step of creating the external app to the Manual Setup Handoff.</summary>
    [Cmdlet(VerbsCommon.Add, "HandoffAppStep", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffAppStepCommand : PlanEditorCmdlet
    {
        /// <summary>A step of creating the external app, in order.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Step")]
        [ValidateNotNullOrEmpty]
        public string ExternalAppStep { get; set; } = "";

        protected override PlanEdit CreateEdit() => new AddHandoffAppStepEdit { Step = ExternalAppStep };
    }
}
