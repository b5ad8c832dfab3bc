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
    /// Adds a task to the agent-team graph. Dependencies on ids not in the plan yet are allowed (tasks can be
    /// added in any order); the gate (RP.Team.Acyclic) reports the ones still missing.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AgentTask", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddAgentTaskCommand : PlanEditorCmdlet
    {
        /// <summary>The task id: letters, digits, '.', '_' or '-'.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        public string Id { get; set; } = "";

        /// <summary>The agent that does it: schema-sync, api-integration, analytics, ui-ops, review, or any name.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        [ArgumentCompleter(typeof(AgentCompleter))]
        public string Agent { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "";

        /// <summary>The playbook phase the task serves.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PhaseName))]
        public PhaseName Phase { get; set; }

        /// <summary>Ids of the tasks that must finish first.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[]? DependsOn { get; set; }


        protected override PlanEdit CreateEdit() => new AddAgentTaskEdit
        {
            Id = Id, Agent = Agent, Title = Title, DependsOn = DependsOn,
            Phase = MyInvocation.BoundParameters.ContainsKey(nameof(Phase)) ? Phase : (PhaseName?)null,
        };

    }
}
