using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes assumptions, open questions and risks, named with the parameters of <c>Add-RolloutNote</c> (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutNote", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutNoteCommand : PlanEditorCmdlet
    {
        /// <summary>Assumptions to remove (their text).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoteCompleter))]
        public string[]? Assumption { get; set; }

        /// <summary>Open questions to remove (their text).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoteCompleter))]
        public string[]? OpenQuestion { get; set; }

        /// <summary>Risks to remove (their risk text; the mitigation goes with it).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NoteCompleter))]
        public string[]? Risk { get; set; }

        protected override PlanEdit CreateEdit()
            => new RemoveNotesEdit { Assumptions = PlanRemoveCmdlet.PatternList(Assumption), OpenQuestions = PlanRemoveCmdlet.PatternList(OpenQuestion), Risks = PlanRemoveCmdlet.PatternList(Risk) };
    }
}
