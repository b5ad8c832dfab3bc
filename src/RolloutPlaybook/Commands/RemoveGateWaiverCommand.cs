using System;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes gate waivers by rule id (only those for -Target when given); wildcards allowed.</summary>
    [Cmdlet(VerbsCommon.Remove, "GateWaiver", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveGateWaiverCommand : PlanRemoveCmdlet
    {
        /// <summary>The rule ids whose waivers go (RP.Sync.RateBudget); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WaivedRuleCompleter))]
        public string[] Rule { get; set; } = Array.Empty<string>();

        /// <summary>Only the waivers for this target (a source, route, task or check).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanTargetCompleter))]
        public string? Target { get; set; }

        protected override string Action => "Remove the waivers of " + Quoted(Rule) + (Target == null ? "" : " for '" + Target + "'");

        protected override void Edit(RolloutPlan plan)
            => Removed("waiver", PlanRemoval.RemoveWaivers(plan, Patterns(Rule), Target));
    }
}
