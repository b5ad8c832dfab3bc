using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Core.PlanFiles;

namespace RolloutPlaybook.Completers
{
    /// <summary>Completes an enumeration parameter with the plan file's spellings (<c>1:1</c>, <c>after-write</c>).</summary>
    public sealed class PlanValueCompleter<TEnum> : IArgumentCompleter where TEnum : struct
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matching(PlanEnum.Spellings(typeof(TEnum)), wordToComplete);
    }

    /// <summary>Shared by the completers: filter by prefix (case-insensitive), quote when needed.</summary>
    internal static class CompletionText
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? wordToComplete, string? tooltip = null)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                if (!value.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
                var text = NeedsQuotes(value) ? "'" + value.Replace("'", "''") + "'" : value;
                yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, tooltip ?? value);
            }
        }

        private static bool NeedsQuotes(string value) => value.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,|&@#<>".IndexOf(c) >= 0);
    }
}
