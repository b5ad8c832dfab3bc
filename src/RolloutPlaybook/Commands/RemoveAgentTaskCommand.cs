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
    /// Removes tasks from the agent-team graph (wildcards allowed): <c>Remove-AgentTask -Id *</c> starts a custom
    /// team from nothing instead of the default one. A task that another task depends on is only removed with
    /// <c>-DropDependencies</c>, which removes those dependencies too: the graph never points at a missing task.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AgentTask", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveAgentTaskCommand : PlanRemoveCmdlet
    {
        /// <summary>The ids of the tasks to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Remove the task even though other tasks depend on it, and drop those dependencies.</summary>
        [Parameter]
        public SwitchParameter DropDependencies { get; set; }

        protected override string Action => "Remove agent task " + Quoted(Id);

        protected override void Edit(RolloutPlan plan)
            => Removed("agent task", PlanRemoval.RemoveTasks(plan, Patterns(Id), DropDependencies));
    }
}
