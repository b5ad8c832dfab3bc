using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes invariants from the plan by id (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutInvariant", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutInvariantCommand : PlanEditCmdlet
    {
        /// <summary>The ids of the invariants to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InvariantIdCompleter))]
        public string[] Id { get; set; } = new string[0];

        /// <summary>With a file: rewrite it even if it has hand-written comments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Remove invariant " + string.Join(", ", Id.Select(i => "'" + i + "'"));

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            var remove = new HashSet<string>();
            foreach (var id in Id)
            {
                var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                var matches = plan.Invariants.Where(i => pattern.IsMatch(i.Id)).Select(i => i.Id).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                    throw new RolloutException("RolloutInvariantNotFound", RolloutErrorKind.ObjectNotFound,
                        "Plan '" + plan.Connector + "' has no invariant '" + id + "'.", id);
                remove.UnionWith(matches);
            }
            plan.Invariants.RemoveAll(i => remove.Contains(i.Id));
        }
    }
}
