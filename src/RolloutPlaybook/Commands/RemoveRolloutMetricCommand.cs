using System;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes analytics metrics by name; wildcards allowed.</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutMetric", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutMetricCommand : PlanRemoveCmdlet
    {
        /// <summary>The metric names to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MetricNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override string Action => "Remove metric " + Quoted(Name);

        protected override void Edit(RolloutPlan plan)
            => Removed("metric", PlanRemoval.Remove(plan.Analytics.Metrics, m => m.Name, Patterns(Name), ErrorIds.RolloutMetricNotFound, "metric", plan.Connector));
    }
}
