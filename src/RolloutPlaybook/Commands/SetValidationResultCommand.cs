using System;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Records a check's result and its evidence. A pass needs evidence. Who recorded it and when are written
    /// only when asked (-RecordedBy/-RecordedAt, or -Stamp for the current user and time), so the plan file
    /// stays the same bytes for the same result.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ValidationResult", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class SetValidationResultCommand : PlanEditorCmdlet
    {
        /// <summary>The check id.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.Identifier, PlanNameRules.Identifier)]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>pending, pass, fail or waived.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [PlanEnumTransformation(typeof(CheckStatus))]
        public CheckStatus Status { get; set; }

        /// <summary>What proved the result: a test run, a command and its date.</summary>
        [Parameter(Position = 2)]
        public string? Evidence { get; set; }

        /// <summary>Who recorded the result.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RecordedBy { get; set; }

        /// <summary>When the result was recorded (stored in UTC).</summary>
        [Parameter]
        public DateTime RecordedAt { get; set; }

        /// <summary>Record the current user and the current time (unless -RecordedBy/-RecordedAt say otherwise).</summary>
        [Parameter]
        public SwitchParameter Stamp { get; set; }

        protected override PlanEdit CreateEdit() => new SetValidationResultEdit
        {
            Id = Id, Status = Status, Evidence = Evidence,
            RecordedBy = RecordedBy ?? (Stamp ? Environment.UserName : null),
            RecordedAt = MyInvocation.BoundParameters.ContainsKey(nameof(RecordedAt)) ? RecordedAt : Stamp ? DateTime.UtcNow : (DateTime?)null,
        };
    }
}
