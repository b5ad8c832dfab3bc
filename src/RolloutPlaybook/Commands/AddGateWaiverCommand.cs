using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a waiver: a gate rule's Fail (optionally for one target) becomes Waived until it expires.</summary>
    [Cmdlet(VerbsCommon.Add, "GateWaiver", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddGateWaiverCommand : PlanEditorCmdlet
    {
        /// <summary>The rule id, e.g. RP.Sync.RateBudget.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.RuleId, PlanNameRules.RuleId)]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string Rule { get; set; } = "";

        /// <summary>Why the failure is accepted for now.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = "";

        /// <summary>The day the waiver ends (a date; the time of day is dropped).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public DateTime Expires { get; set; }

        /// <summary>The one target (source, route, task ...) the waiver is for; default: every target of the rule.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanTargetCompleter))]
        public string? Target { get; set; }


        protected override PlanEdit CreateEdit() => new AddGateWaiverEdit { Rule = Rule, Reason = Reason, Expires = Expires, Target = Target };

    }
}
