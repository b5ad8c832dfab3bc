using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds an assumption, an open question, or a risk with its mitigation: the one of -Assumption, -OpenQuestion, -Risk given.</summary>
    [Cmdlet(VerbsCommon.Add, "RolloutNote", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutNoteCommand : PlanEditorCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Assumption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OpenQuestion { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Risk { get; set; }

        /// <summary>How the risk is handled.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Mitigation { get; set; }

        protected override PlanEdit CreateEdit()
        {
            int given = (Assumption != null ? 1 : 0) + (OpenQuestion != null ? 1 : 0) + (Risk != null ? 1 : 0);
            if (given != 1)
                throw new RolloutException(ErrorIds.RolloutNoteRequired,
                    given == 0 ? "Say what to add: -Assumption, -OpenQuestion or -Risk." : "Add one note at a time: -Assumption, -OpenQuestion or -Risk.");
            return Assumption != null ? new AddNoteEdit { Kind = NoteKind.Assumption, Text = Assumption, Mitigation = Mitigation }
                : OpenQuestion != null ? new AddNoteEdit { Kind = NoteKind.OpenQuestion, Text = OpenQuestion, Mitigation = Mitigation }
                : new AddNoteEdit { Kind = NoteKind.Risk, Text = Risk!, Mitigation = Mitigation };
        }
    }
}
