using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes assumptions, open questions and risks, named with the parameters of <c>Add-RolloutNote</c> (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Remove, "RolloutNote", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveRolloutNoteCommand : PlanRemoveCmdlet
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

        protected override string Action
            => "Remove " + string.Join("; ", new[] { ("assumption", Assumption), ("open question", OpenQuestion), ("risk", Risk) }
                .Where(x => x.Item2 != null).Select(x => x.Item1 + " " + Quoted(x.Item2!)));

        protected override void Edit(RolloutPlan plan)
        {
            if (Assumption == null && OpenQuestion == null && Risk == null)
                throw new RolloutException("RolloutNoteRequired", RolloutErrorKind.InvalidArgument, "Say which notes to remove: -Assumption, -OpenQuestion or -Risk.");
            var assumptions = plan.Assumptions.ToList();
            var questions = plan.OpenQuestions.ToList();
            var risks = plan.Risks.ToList();
            var c = plan.Connector;
            Removed("assumption", PlanRemoval.Remove(assumptions, a => a, Patterns(Assumption), "RolloutNoteNotFound", "assumption", c));
            Removed("open question", PlanRemoval.Remove(questions, q => q, Patterns(OpenQuestion), "RolloutNoteNotFound", "open question", c));
            Removed("risk", PlanRemoval.Remove(risks, r => r.Risk, Patterns(Risk), "RolloutNoteNotFound", "risk", c));
            plan.Assumptions = assumptions; plan.OpenQuestions = questions; plan.Risks = risks;
        }
    }
}
