using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Intake.OpenQuestions: one Warn per open question, or one Pass.</summary>
    internal sealed class OpenQuestionsRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Intake.OpenQuestions", RuleSeverity.Warning,
            "Open questions remain (Warn).",
            "Open questions of the plan (including unanswered intake items) are listed as a warning until they are answered and removed.",
            "Answer the open questions and remove them from the plan (or supply the intake item they stand for).",
            false, RulePhases.All);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var questions = context.Plan.OpenQuestions;
            if (questions.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Pass, "openQuestions", "No open questions remain.", "openQuestions");
                yield break;
            }
            for (int i = 0; i < questions.Count; i++)
                yield return context.Result(Rule, GateOutcome.Warn, PlanKeys.Index("openQuestions", i), "Open question: " + questions[i], PlanKeys.Index("openQuestions", i));
        }
    }
}
