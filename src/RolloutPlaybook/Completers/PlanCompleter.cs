using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>
    /// A completer of values that come from the plan the command line is about (<see cref="PlanContext.Find"/>): offers
    /// nothing when there is no plan, so each completer only says which of the plan's values it offers.
    /// </summary>
    public abstract class PlanCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var plan = PlanContext.Find(commandAst, fakeBoundParameters);
            return plan == null ? Enumerable.Empty<CompletionResult>() : Complete(plan, parameterName, wordToComplete, fakeBoundParameters);
        }

        /// <summary>The completions of <paramref name="wordToComplete"/> from <paramref name="plan"/> (the other bound parameters as the engine guesses them).</summary>
        protected abstract IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters);
    }
}
