using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What the analysis learns about one function's range, kept for the run of one <see cref="HandlerAnalyzer"/>: a
    /// helper or wrapper shared by 500 handlers is scanned once, not 500 times. Only facts that do not depend on the
    /// handler are kept (its raw guard checks, its 23505 handling, its body reads and declarations); per-handler facts
    /// (is the call site conditional? which literal arguments were passed?) are computed from them.
    /// Keyed by the module object (one per file per <see cref="ModuleGraph"/>, so by identity: no path hashing) and the
    /// range, then by the kind of fact. Valid for the whole run because a module's text never changes once read. Not
    /// thread-safe: one analyzer serves one scan, which runs on one thread.
    /// </summary>
    internal sealed class RangeCache
    {
        // By range; each range's facts by kind. A range has a handful of kinds (guards, body reads, validation, writes…),
        // found by a short search in which the kind literals the recognisers pass compare by reference.
        private readonly Dictionary<Range, Entry> entries = new Dictionary<Range, Entry>(256);
        // The range asked last: the recognisers often ask several kinds of one range in a row.
        private Range lastRange;
        private Entry? lastEntry;

        private readonly struct Range : IEquatable<Range>
        {
            public Range(ScriptModule module, int start, int end) { Module = module; Start = start; End = end; }
            public readonly ScriptModule Module;
            public readonly int Start;
            public readonly int End;
            public bool Equals(Range other) => Start == other.Start && End == other.End && ReferenceEquals(Module, other.Module);
            public override bool Equals(object? obj) => obj is Range r && Equals(r);
            public override int GetHashCode() => unchecked((Module.Id * 31 + Start) * 31 + End);
        }

        private sealed class Entry
        {
            // Room for every kind the recognisers ask today (guards, body reads and declarations, validation, writes and
            // their variants), so an entry is not regrown as it fills.
            private string[] kinds = new string[8];
            private object[] values = new object[8];
            private int count;

            public bool TryGet(string kind, out object value)
            {
                for (int i = 0; i < count; i++)
                    if (ReferenceEquals(kinds[i], kind)) { value = values[i]; return true; }
                for (int i = 0; i < count; i++)
                    if (kinds[i].Length == kind.Length && string.Equals(kinds[i], kind, StringComparison.Ordinal)) { value = values[i]; return true; }
                value = null!;
                return false;
            }

            public void Add(string kind, object value)
            {
                if (count == kinds.Length) { Array.Resize(ref kinds, count * 2); Array.Resize(ref values, count * 2); }
                kinds[count] = kind; values[count] = value; count++;
            }
        }

        private Entry EntryOf(ScriptModule module, int start, int end, bool create)
        {
            var range = new Range(module, start, end);
            if (lastEntry != null && lastRange.Equals(range)) return lastEntry;
            if (!entries.TryGetValue(range, out var entry))
            {
                if (!create) return null!;
                entries.Add(range, entry = new Entry());
            }
            lastRange = range; lastEntry = entry;
            return entry;
        }

        public T Get<T>(ScriptModule module, int start, int end, string kind, Func<T> compute) where T : class
            => Get(module, start, end, kind, compute, static c => c());

        /// <summary>The facts of a range, computed on first use: <paramref name="compute"/> gets <paramref name="arg"/> (no closure per call).</summary>
        public T Get<TArg, T>(ScriptModule module, int start, int end, string kind, TArg arg, Func<TArg, T> compute) where T : class
        {
            var entry = EntryOf(module, start, end, create: true);
            if (entry.TryGet(kind, out var known)) return (T)known;
            var value = compute(arg);
            // A computation that asked for the same entry (none does today) stored it first: the first stored is kept.
            if (entry.TryGet(kind, out known)) return (T)known;
            entry.Add(kind, value);
            return value;
        }

        /// <summary>What is known for the range and kind, or null.</summary>
        public T? Find<T>(ScriptModule module, int start, int end, string kind) where T : class
        {
            var entry = EntryOf(module, start, end, create: false);
            return entry != null && entry.TryGet(kind, out var known) ? (T)known : null;
        }

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
