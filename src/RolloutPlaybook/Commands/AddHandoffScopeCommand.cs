using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a scope or permission of the external app to the Manual Setup Handoff, with why it is needed.</summary>
    [Cmdlet(VerbsCommon.Add, "HandoffScope", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffScopeCommand : PlanEditorCmdlet
    {
        /// <summary>A scope or permission the external app needs.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string Scope { get; set; } = "";

        /// <summary>Why the scope is needed.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = "";

        protected override PlanEdit CreateEdit() => new AddHandoffScopeEdit { Name = Scope, Reason = Reason };
    }
}
