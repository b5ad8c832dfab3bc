using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>Invariant ids of the plan (Remove-RolloutInvariant -Id, Add-RolloutInvariant -Id to replace one).</summary>
    public sealed class InvariantIdCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return plan.Invariants.SelectMany(i => CompletionText.Matching(new[] { i.Id }, wordToComplete, i.Id + ": " + (i.Description ?? i.Sql)));
        }
    }

    /// <summary>Environment variable names (Test-RolloutGate -ConnectionStringVariable); the values are never shown.</summary>
    public sealed class EnvironmentVariableCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = Environment.GetEnvironmentVariables().Keys.OfType<string>().OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            return CompletionText.Matching(names, wordToComplete, "environment variable");
        }
    }
}
