using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds an environment variable to the Manual Setup Handoff. A secret never has a value in the plan (-Value is refused with -Secret).</summary>
    [Cmdlet(VerbsCommon.Add, "HandoffEnvVar", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffEnvVarCommand : PlanEditorCmdlet
    {
        /// <summary>An environment variable name: upper-case letters, digits and '_'.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Name")]
        [ValidatePlanName(PlanPatterns.EnvVar, PlanNameRules.EnvVar)]
        public string EnvVar { get; set; } = "";

        /// <summary>The variable is a secret: its value is never stored.</summary>
        [Parameter]
        public SwitchParameter Secret { get; set; }

        /// <summary>Where to set it locally (.env.local).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Local { get; set; } = "";

        /// <summary>Where to set it for deployments.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Deploy { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Purpose { get; set; }

        /// <summary>An example value for a non-secret variable.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Value { get; set; }

        protected override PlanEdit CreateEdit()
            => new AddHandoffEnvVarEdit { Name = EnvVar, Secret = Secret, Local = Local, Deploy = Deploy, Purpose = Purpose, Value = Value };
    }
}
