using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Removes tasks from the agent-team graph (wildcards allowed): <c>Remove-AgentTask -Id *</c> starts a custom
    /// team from nothing instead of the default one. Dependencies on removed tasks are left for the gate to report.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AgentTask", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveAgentTaskCommand : PlanEditCmdlet
    {
        /// <summary>The ids of the tasks to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>With a file: rewrite it even if it has hand-written comments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Remove agent task " + string.Join(", ", Id.Select(i => "'" + i + "'"));

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            var remove = new HashSet<string>();
            foreach (var id in Id)
            {
                var pattern = new WildcardPattern(id, WildcardOptions.None);
                var matches = plan.Team.Tasks.Where(t => pattern.IsMatch(t.Id)).Select(t => t.Id).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                    throw new RolloutException("AgentTaskNotFound", RolloutErrorKind.ObjectNotFound,
                        "Plan '" + plan.Connector + "' has no task '" + id + "'.", id);
                remove.UnionWith(matches);
            }
            plan.Team.Tasks.RemoveAll(t => remove.Contains(t.Id));
            foreach (var t in plan.Team.Tasks)
            {
                foreach (var d in t.DependsOn.Where(remove.Contains))
                    WriteWarning("Task '" + t.Id + "' still depends on removed task '" + d + "' (RP.Team.Acyclic reports it until it is re-added or the dependency is dropped).");
            }
        }
    }
}
