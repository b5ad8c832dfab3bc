using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What the analysis learns about one function's range, kept for the gate run: a helper or wrapper shared by 500
    /// handlers is scanned once, not 500 times. Only facts that do not depend on the handler are kept (what a range
    /// calls, its raw guard checks, its 23505 handling); per-handler facts (is the call site conditional? which literal
    /// arguments were passed?) are computed from them.
    /// </summary>
    internal sealed class RangeCache
    {
        private readonly Dictionary<string, object> entries = new Dictionary<string, object>(StringComparer.Ordinal);
        private readonly object gate = new object();

        public T Get<T>(ScriptModule module, int start, int end, string kind, Func<T> compute) where T : class
        {
            var key = kind + "\n" + module.Path + "\n" + start + "\n" + end;
            lock (gate) { if (entries.TryGetValue(key, out var known)) return (T)known; }
            var value = compute();
            lock (gate) { entries[key] = value; }
            return value;
        }

        private static readonly Dictionary<string, Regex> Patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);

        /// <summary>A regex built from a name (a body variable, a row variable): built once per process, not per handler.</summary>
        public static Regex Pattern(string pattern)
        {
            lock (Patterns)
            {
                if (Patterns.TryGetValue(pattern, out var known)) return known;
                var regex = new Regex(pattern, RegexOptions.CultureInvariant);
                if (Patterns.Count < 4096) Patterns[pattern] = regex;
                return regex;
            }
        }
    }
}
