using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Changes a task of the agent-team graph in place (its agent, title, phase or dependencies) instead of replacing it
    /// with <c>Add-AgentTask -Force</c>: what is not given stays as it is.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AgentTask", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class SetAgentTaskCommand : PlanEditorCmdlet
    {
        /// <summary>The task to change.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>The agent that does it.</summary>
        [Parameter]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string? Agent { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>The playbook phase the task serves.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PhaseName))]
        [ArgumentCompleter(typeof(PlanValueCompleter<PhaseName>))]
        public PhaseName Phase { get; set; }

        /// <summary>The task's dependencies, replacing the ones it has (an empty list clears them).</summary>
        [Parameter]
        [AllowEmptyCollection]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[]? DependsOn { get; set; }


        protected override PlanEdit CreateEdit() => new SetAgentTaskEdit
        {
            Id = Id, Agent = Agent, Title = Title, DependsOn = DependsOn,
            Phase = MyInvocation.BoundParameters.ContainsKey(nameof(Phase)) ? Phase : (PhaseName?)null,
        };

    }
}
