using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a waiver: a gate rule's Fail (optionally for one target) becomes Waived until it expires.</summary>
    [Cmdlet(VerbsCommon.Add, "GateWaiver", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddGateWaiverCommand : PlanEditCmdlet
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

        /// <summary>Replace a waiver of the same rule and target (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add waiver of " + Rule + (Target == null ? "" : " for '" + Target + "'");

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            // A waiver of a rule the gate does not have would never waive anything: say so, with the nearest id.
            if (!Core.Gate.RuleCatalog.All.Any(r => r.Id == Rule))
            {
                var nearest = PlanRemoval.Nearest(Rule, Core.Gate.RuleCatalog.All.Select(r => r.Id));
                throw new RolloutException("GateRuleNotFound", RolloutErrorKind.ObjectNotFound,
                    "The gate has no rule '" + Rule + "'" + (nearest != null ? " — did you mean '" + nearest + "'?" : "; Get-RolloutRule lists the rules."), Rule);
            }
            var waiver = new GateWaiver { Rule = Rule, Target = Target, Reason = Reason, Expires = DateTime.SpecifyKind(Expires.Date, DateTimeKind.Unspecified) };
            PlanAuthoring.AddOrReplace(plan.Waivers, waiver, w => w.Rule == Rule && w.Target == Target, Force,
                () => new RolloutException("GateWaiverExists", RolloutErrorKind.ResourceExists,
                    "The plan already waives " + Rule + (Target == null ? "" : " for '" + Target + "'") + "; use -Force to replace the waiver.", Rule));
            if (waiver.Expires < DateTime.Today)
                WriteWarning("The waiver of " + Rule + " expired on " + waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ": the gate reports an expired waiver as a Fail.");
        }
    }
}
