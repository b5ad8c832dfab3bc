using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What the analysis learns about one function's range, kept for the gate run: a helper or wrapper shared by 500
    /// handlers is scanned once, not 500 times. Only facts that do not depend on the handler are kept (what a range
    /// calls, its raw guard checks, its 23505 handling, its body reads and declarations); per-handler facts (is the call
    /// site conditional? which literal arguments were passed?) are computed from them. Lock-free for readers: the
    /// route files are analysed in parallel and every handler asks it several times.
    /// </summary>
    internal sealed class RangeCache
    {
        private readonly ConcurrentDictionary<Key, object> entries = new ConcurrentDictionary<Key, object>();

        private readonly struct Key : IEquatable<Key>
        {
            public Key(string path, int start, int end, string kind) { Path = path; Start = start; End = end; Kind = kind; }
            public readonly string Path;
            public readonly int Start;
            public readonly int End;
            public readonly string Kind;
            public bool Equals(Key other) => Start == other.Start && End == other.End && string.Equals(Kind, other.Kind, StringComparison.Ordinal) && string.Equals(Path, other.Path, StringComparison.Ordinal);
            public override bool Equals(object? obj) => obj is Key k && Equals(k);
            public override int GetHashCode()
            {
                unchecked
                {
                    int h = StringComparer.Ordinal.GetHashCode(Path);
                    h = h * 31 + Start;
                    h = h * 31 + End;
                    return h * 31 + StringComparer.Ordinal.GetHashCode(Kind);
                }
            }
        }

        public T Get<T>(ScriptModule module, int start, int end, string kind, Func<T> compute) where T : class
        {
            var key = new Key(module.Path, start, end, kind);
            if (entries.TryGetValue(key, out var known)) return (T)known;
            // Two threads may compute the same facts at once; both results are equal, the first stored is kept.
            return (T)entries.GetOrAdd(key, compute());
        }

        /// <summary>The same, without a closure per call: <paramref name="compute"/> gets <paramref name="arg"/> (the reach).</summary>
        public T Get<TArg, T>(ScriptModule module, int start, int end, string kind, TArg arg, Func<TArg, T> compute) where T : class
        {
            var key = new Key(module.Path, start, end, kind);
            if (entries.TryGetValue(key, out var known)) return (T)known;
            return (T)entries.GetOrAdd(key, compute(arg));
        }

        /// <summary>What is known for the range and kind, or null.</summary>
        public T? Find<T>(ScriptModule module, int start, int end, string kind) where T : class
            => entries.TryGetValue(new Key(module.Path, start, end, kind), out var known) ? (T)known : null;

        private static readonly ConcurrentDictionary<string, Regex> Patterns = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

        /// <summary>A regex built from a name (a body variable, a row variable): built once per process, not per handler.</summary>
        public static Regex Pattern(string pattern)
        {
            if (Patterns.TryGetValue(pattern, out var known)) return known;
            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            if (Patterns.Count < 4096) Patterns.TryAdd(pattern, regex);
            return regex;
        }
    }
}
