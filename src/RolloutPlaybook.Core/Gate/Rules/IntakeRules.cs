using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Intake.OpenQuestions: one Warn per open question, or one Pass.</summary>
    internal sealed class OpenQuestionsRule : IGateRule
    {
        public RolloutRule Rule => RuleCatalog.IntakeOpenQuestions;

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
