using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RolloutPlaybook.Completers
{
    /// <summary>Completes a parameter with the names of an enumeration (rule categories: Build, Map, ...).</summary>
    public sealed class EnumNameCompleter<TEnum> : IArgumentCompleter where TEnum : struct
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matching(Enum.GetNames(typeof(TEnum)), wordToComplete);
    }
}
