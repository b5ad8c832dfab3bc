using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
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
    public sealed class SetAgentTaskCommand : PlanEditCmdlet
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

        protected override string Action => "Change agent task '" + Id + "'";

        protected override void Edit(RolloutPlan plan)
        {
            var task = plan.Team.Tasks.FirstOrDefault(t => t.Id == Id)
                ?? throw PlanRemoval.NotFound("AgentTaskNotFound", "task", Id, plan.Connector, plan.Team.Tasks.Select(t => t.Id));
            if (DependsOn != null)
            {
                if (DependsOn.Contains(Id, StringComparer.Ordinal))
                    throw new RolloutException("AgentTaskDependsOnItself", RolloutErrorKind.InvalidArgument, "Task '" + Id + "' cannot depend on itself.", Id);
                foreach (var missing in DependsOn.Where(d => !plan.Team.Tasks.Any(t => t.Id == d)))
                    throw PlanRemoval.NotFound("AgentTaskNotFound", "task", missing, plan.Connector, plan.Team.Tasks.Select(t => t.Id));
            }
            if (Agent != null) task.Agent = Agent;
            if (Title != null) task.Title = Title;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Phase))) task.Phase = Phase;
            if (DependsOn != null) task.DependsOn = DependsOn.Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
