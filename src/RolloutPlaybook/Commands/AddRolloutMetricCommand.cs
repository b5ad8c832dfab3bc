using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds an analytics metric with the noise it excludes and when it is recomputed.</summary>
    [Cmdlet(VerbsCommon.Add, "RolloutMetric", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutMetricCommand : PlanEditCmdlet
    {
        /// <summary>The metric's name (response_time).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Definition { get; set; } = "";

        /// <summary>The noise the metric leaves out (bot, system, channel_join ...).</summary>
        [Parameter]
        [Alias("Excludes")]
        [ValidateNotNullOrEmpty]
        public string[]? Exclude { get; set; }

        /// <summary>When the metric is recomputed (mapping-change, nightly ...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Recompute { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Version { get; set; }

        /// <summary>Replace a metric with the same name (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add metric '" + Name + "'";

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            var metric = new RolloutMetric
            {
                Name = Name,
                Definition = Definition,
                Version = MyInvocation.BoundParameters.ContainsKey(nameof(Version)) ? Version : (int?)null,
            };
            if (Exclude != null) metric.Excludes.AddRange(Exclude);
            if (Recompute != null) metric.Recompute.AddRange(Recompute);
            PlanAuthoring.AddOrReplace(plan.Analytics.Metrics, metric, m => m.Name == Name, Force,
                () => new RolloutException("RolloutMetricExists", RolloutErrorKind.ResourceExists,
                    "Plan '" + plan.Connector + "' already has metric '" + Name + "'; use -Force to replace it.", Name));
            if (metric.Excludes.Count == 0)
                WriteWarning("Metric '" + Name + "' excludes no noise: RP.Analytics.NoiseExcluded fails until -Exclude says what it leaves out.");
        }
    }
}
