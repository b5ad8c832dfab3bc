using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What the analysis learns about one function's range, kept for the run of one <see cref="HandlerAnalyzer"/>: a
    /// helper or wrapper shared by 500 handlers is scanned once, not 500 times. Only facts that do not depend on the
    /// handler are kept (its raw guard checks, its 23505 handling, its body reads and declarations); per-handler facts
    /// (is the call site conditional? which literal arguments were passed?) are computed from them.
    /// Keyed by the module object (one per file per <see cref="ModuleGraph"/>, so by identity: no path hashing), the
    /// range and the kind of fact. Valid for the whole run because a module's text never changes once read. Not
    /// thread-safe: one analyzer serves one scan, which runs on one thread.
    /// </summary>
    internal sealed class RangeCache
    {
        private readonly Dictionary<Key, object> entries = new Dictionary<Key, object>(256, KeyComparer.Instance);

        private readonly struct Key
        {
            public Key(ScriptModule module, int start, int end, string kind) { Module = module; Start = start; End = end; Kind = kind; }
            public readonly ScriptModule Module;
            public readonly int Start;
            public readonly int End;
            public readonly string Kind;
        }

        private sealed class KeyComparer : IEqualityComparer<Key>
        {
            public static readonly KeyComparer Instance = new KeyComparer();
            public bool Equals(Key x, Key y) => x.Start == y.Start && x.End == y.End && ReferenceEquals(x.Module, y.Module)
                && (ReferenceEquals(x.Kind, y.Kind) || string.Equals(x.Kind, y.Kind, StringComparison.Ordinal));
            public int GetHashCode(Key k)
            {
                unchecked
                {
                    int h = RuntimeHelpers.GetHashCode(k.Module);
                    h = h * 31 + k.Start;
                    h = h * 31 + k.End;
                    return h * 31 + StringComparer.Ordinal.GetHashCode(k.Kind);
                }
            }
        }

        public T Get<T>(ScriptModule module, int start, int end, string kind, Func<T> compute) where T : class
            => Get(module, start, end, kind, compute, static c => c());

        /// <summary>The facts of a range, computed on first use: <paramref name="compute"/> gets <paramref name="arg"/> (no closure per call).</summary>
        public T Get<TArg, T>(ScriptModule module, int start, int end, string kind, TArg arg, Func<TArg, T> compute) where T : class
        {
            var key = new Key(module, start, end, kind);
            if (entries.TryGetValue(key, out var known)) return (T)known;
            var value = compute(arg);
            // A computation that asked for the same entry (it cannot today) stored it first: the first stored is kept.
            if (entries.TryGetValue(key, out known)) return (T)known;
            entries.Add(key, value);
            return value;
        }

        /// <summary>What is known for the range and kind, or null.</summary>
        public T? Find<T>(ScriptModule module, int start, int end, string kind) where T : class
            => entries.TryGetValue(new Key(module, start, end, kind), out var known) ? (T)known : null;

        private static readonly ConcurrentDictionary<string, Regex> Patterns = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

        /// <summary>A regex built from a name (a body variable, a row variable): built once per process, not per handler (shared by every thread).</summary>
        public static Regex Pattern(string pattern)
        {
            if (Patterns.TryGetValue(pattern, out var known)) return known;
            var regex = new Regex(pattern, RegexOptions.CultureInvariant);
            if (Patterns.Count < 4096) Patterns.TryAdd(pattern, regex);
            return regex;
        }
    }
}
