using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds the next smoke test of the Manual Setup Handoff: an action and what it must show.</summary>
    [Cmdlet(VerbsCommon.Add, "HandoffSmokeTest", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffSmokeTestCommand : PlanEditorCmdlet
    {
        /// <summary>A smoke-test action, in the order they are run.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Action")]
        [ValidateNotNullOrEmpty]
        public string SmokeTest { get; set; } = "";

        /// <summary>What the smoke test must show.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Expect { get; set; } = "";

        protected override PlanEdit CreateEdit() => new AddHandoffSmokeTestEdit { Action = SmokeTest, Expect = Expect };
    }
}
