using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds an analytics metric with the noise it excludes and when it is recomputed.</summary>
    [Cmdlet(VerbsCommon.Add, "RolloutMetric", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutMetricCommand : PlanEditorCmdlet
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


        protected override PlanEdit CreateEdit() => new AddMetricEdit
        {
            Name = Name, Definition = Definition, Exclude = Exclude, Recompute = Recompute,
            Version = MyInvocation.BoundParameters.ContainsKey(nameof(Version)) ? Version : (int?)null,
        };

    }
}
