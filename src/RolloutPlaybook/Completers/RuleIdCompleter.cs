using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Core.Gate;

namespace RolloutPlaybook.Completers
{
    /// <summary>Completes gate rule ids (RP.Sync.RateBudget) from the rule catalogue.</summary>
    public sealed class RuleIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matching(RuleCatalog.All.Select(r => r.Id), wordToComplete);
    }
}
