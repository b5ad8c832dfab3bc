using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// supabase-js writes in the code a handler reaches: <c>.from(t).insert | upsert | update | delete(…)</c> and
    /// <c>.rpc('fn')</c>, with the rows' <c>source</c> (from their object literal, also through variables built from
    /// literals), the upsert options, and where a unique violation (23505) is handled (never in a comment).
    /// </summary>
    internal sealed class WriteRecognizer
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        private static readonly string[] WriteOps = { "insert", "upsert", "update", "delete" };
        private static readonly Regex WriteCall = new Regex(@"\.[ \t\r\n]*(" + string.Join("|", WriteOps) + @")[ \t\r\n]*\(", Options);
        private static readonly Regex RpcCall = new Regex(@"\.[ \t\r\n]*rpc[ \t\r\n]*\([ \t\r\n]*(?=['""`])", Options);
        private static readonly Regex FromAny = new Regex(@"\.[ \t\r\n]*from[ \t\r\n]*\([ \t\r\n]*", Options);
        private static readonly Regex SourceKey = new Regex(@"(?<![\w$])source[ \t\r\n]*:[ \t\r\n]*", Options);
        private static readonly Regex SourceFilter = new Regex(@"\.[ \t\r\n]*(?:eq|match)[ \t\r\n]*\([ \t\r\n]*(?=['""])", Options);
        private static readonly Regex Options2 = new Regex(@"(?<![\w$])(onConflict|ignoreDuplicates)[ \t\r\n]*:[ \t\r\n]*", Options);
        private static readonly Regex Word = new Regex(@"(?<![\w$.])[A-Za-z_$][\w$]*", Options);

        private readonly ModuleGraph graph;
        private readonly RangeCache cache;

        private readonly Func<HandlerAnalyzer.Reach, string?[]> uniqueViolationOf;

        public WriteRecognizer(ModuleGraph graph, RangeCache cache)
        {
            this.graph = graph; this.cache = cache;
            uniqueViolationOf = r => new[] { UniqueViolation(r) };
        }

        public void Find(List<HandlerAnalyzer.Reach> reached, HandlerFacts facts)
        {
            var writes = new List<WriteFact>();
            // The ranges of the handler's own file are computed here, not cached (see BodyRecognizer.Shared).
            var root = reached.Count > 0 ? reached[0].Module : null;
            foreach (var r in reached)
            {
                var m = r.Module; int length = r.End - r.Start;
                if (length <= 0) continue;
                // The writes of a shared helper depend only on its range and what its callers pass: cached by both.
                bool shared = BodyRecognizer.Shared(r, root);
                var rangeWrites = !shared ? Writes(r, new Dependence(r)) : SharedWrites(r);
                foreach (var w in rangeWrites)
                    if (!Listed(writes, w)) writes.Add(w);
                if (facts.UniqueViolationAt == null)
                    facts.UniqueViolationAt = !shared ? UniqueViolation(r) : cache.Get(m, r.Start, r.End, "23505", r, uniqueViolationOf)[0];
            }
            facts.Writes = writes;
        }

        /// <summary>
        /// True when a write of the same file, line, op and table (a missing table as "") is listed: the same write
        /// reached through another range. A handler lists a few writes: searched in order.
        /// </summary>
        private static bool Listed(List<WriteFact> writes, WriteFact w)
        {
            var table = w.Table ?? "";
            foreach (var known in writes)
                if (known.Line == w.Line && string.Equals(known.Op, w.Op, StringComparison.Ordinal) && string.Equals(known.Table ?? "", table, StringComparison.Ordinal)
                    && string.Equals(known.File, w.File, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>
        /// What the writes of a range were computed from besides the range itself: the literal arguments it looked up
        /// (with what it found) and the parameters it asked the caller for and did not find. Another call of the same
        /// range that would answer every one of these lookups the same way has the same writes.
        /// </summary>
        private sealed class Dependence
        {
            public Dependence(HandlerAnalyzer.Reach top) { Top = top; }
            public HandlerAnalyzer.Reach Top { get; }
            // Made at the first lookup of each kind (most ranges look nothing up).
            private List<KeyValuePair<string, string?>>? bound;
            private List<string>? argumentMisses;

            public void ArgumentMissed(string name) => (argumentMisses ??= new List<string>()).Add(name);
            /// <summary>Rows were traced into a caller's argument: the result depends on the caller's code (cached by caller, as before).</summary>
            public bool OnCaller;

            public string? Binding(HandlerAnalyzer.Reach r, string name)
            {
                string? value = null;
                if (r.Bindings != null && r.Bindings.TryGetValue(name, out var literal)) value = literal;
                if (ReferenceEquals(r, Top)) (this.bound ??= new List<KeyValuePair<string, string?>>()).Add(new KeyValuePair<string, string?>(name, value)); else OnCaller = true;
                return value;
            }

            public bool Matches(HandlerAnalyzer.Reach r)
            {
                if (bound != null)
                    foreach (var b in bound)
                    {
                        string? value = null;
                        if (r.Bindings != null && r.Bindings.TryGetValue(b.Key, out var literal)) value = literal;
                        if (!string.Equals(value, b.Value, StringComparison.Ordinal)) return false;
                    }
                if (argumentMisses != null)
                    foreach (var name in argumentMisses)
                        if (r.Arguments != null && r.Arguments.ContainsKey(name)) return false;
                return true;
            }
        }

        private sealed class Variants
        {
            /// <summary>The computed variants, in the order they were added (one analyzer, one thread: see <see cref="RangeCache"/>).</summary>
            public readonly List<KeyValuePair<Dependence, List<WriteFact>>> Known = new List<KeyValuePair<Dependence, List<WriteFact>>>();
            /// <summary>A call of this helper traced rows into its caller's argument (its writes are cached by caller then).</summary>
            public bool OnCaller;
            /// <summary>Those writes by the call they were computed for (made when <see cref="OnCaller"/> is first set).</summary>
            public Dictionary<CallerSignature, List<WriteFact>>? ByCaller;
        }

        /// <summary>
        /// The call through which a helper was reached, as far as its writes can depend on it: the literals bound to its
        /// parameters, and each argument as a range of a caller file (by path). Two calls with the same are the same
        /// call for the helper's writes. Compared by content (a set of names each way; no key text is made per lookup).
        /// </summary>
        private readonly struct CallerSignature
        {
            public CallerSignature(HandlerAnalyzer.Reach r) { Bindings = r.Bindings; Arguments = r.Arguments; }
            public readonly IReadOnlyDictionary<string, string>? Bindings;
            public readonly IReadOnlyDictionary<string, KeyValuePair<HandlerAnalyzer.Reach, KeyValuePair<int, int>>>? Arguments;
        }

        private sealed class CallerComparer : IEqualityComparer<CallerSignature>
        {
            public static readonly CallerComparer Instance = new CallerComparer();

            public bool Equals(CallerSignature x, CallerSignature y)
            {
                if ((x.Bindings?.Count ?? 0) != (y.Bindings?.Count ?? 0) || (x.Arguments?.Count ?? 0) != (y.Arguments?.Count ?? 0)) return false;
                if (x.Bindings != null && !ReferenceEquals(x.Bindings, y.Bindings))
                    foreach (var pair in x.Bindings)
                        if (!y.Bindings!.TryGetValue(pair.Key, out var value) || !string.Equals(value, pair.Value, StringComparison.Ordinal)) return false;
                if (x.Arguments is HandlerAnalyzer.ArgumentRanges ranges)
                {
                    // The analyzer's own argument map: its ranges read in place (no enumerator per comparison).
                    var path = ranges.Caller.Module.Path;
                    foreach (var pair in ranges.Ranges)
                        if (!SameArgument(y.Arguments!, pair.Key, path, pair.Value)) return false;
                }
                else if (x.Arguments != null)
                    foreach (var pair in x.Arguments)
                        if (!SameArgument(y.Arguments!, pair.Key, pair.Value.Key.Module.Path, pair.Value.Value)) return false;
                return true;
            }

            private static bool SameArgument(IReadOnlyDictionary<string, KeyValuePair<HandlerAnalyzer.Reach, KeyValuePair<int, int>>> arguments, string name, string path, KeyValuePair<int, int> range)
                => arguments.TryGetValue(name, out var other) && range.Key == other.Value.Key && range.Value == other.Value.Value
                   && string.Equals(path, other.Key.Module.Path, StringComparison.Ordinal);

            public int GetHashCode(CallerSignature s)
            {
                // From the counts and the argument ranges (an order-free sum, no text hashed): calls that differ only in
                // names, literals or caller file share a bucket and are told apart by Equals.
                int hash = (s.Bindings?.Count ?? 0) * 397 + (s.Arguments?.Count ?? 0);
                if (s.Arguments is HandlerAnalyzer.ArgumentRanges ranges)
                {
                    foreach (var pair in ranges.Ranges) hash = unchecked(hash + pair.Value.Key * 31 + pair.Value.Value);
                }
                else if (s.Arguments != null)
                    foreach (var pair in s.Arguments) hash = unchecked(hash + pair.Value.Value.Key * 31 + pair.Value.Value.Value);
                return hash;
            }
        }

        private const int MaxVariants = 64;

        /// <summary>
        /// The writes of a shared helper: they depend only on its range and on what its callers pass, so a call that
        /// passes the same (or nothing it looks at) reuses them; a helper whose rows come from its caller's argument is
        /// cached by that caller.
        /// </summary>
        private List<WriteFact> SharedWrites(HandlerAnalyzer.Reach r)
        {
            var variants = cache.Get(r.Module, r.Start, r.End, "writes", 0, static _ => new Variants());
            foreach (var known in variants.Known)
                if (known.Key.Matches(r)) return known.Value;
            // This helper's rows came from its caller before: try the caller's entry first.
            if (variants.OnCaller && variants.ByCaller!.TryGetValue(new CallerSignature(r), out var byCaller)) return byCaller;
            var dependence = new Dependence(r);
            var computed = Writes(r, dependence);
            if (dependence.OnCaller)
            {
                variants.OnCaller = true;
                (variants.ByCaller ??= new Dictionary<CallerSignature, List<WriteFact>>(CallerComparer.Instance)).Add(new CallerSignature(r), computed);
                return computed;
            }
            if (variants.Known.Count < MaxVariants) variants.Known.Add(new KeyValuePair<Dependence, List<WriteFact>>(dependence, computed));
            return computed;
        }

        // What Writes gives a range with none (never added to: the lists it gives are only read).
        private static readonly List<WriteFact> NoWrites = new List<WriteFact>(0);

        private List<WriteFact> Writes(HandlerAnalyzer.Reach r, Dependence dependence)
        {
            List<WriteFact>? list = null;
            var m = r.Module; var code = m.Code; int length = r.End - r.Start;
            // Both patterns start at any '.': run them only where one of their method names is.
            bool anyOp = false;
            foreach (var op in WriteOps)
                if (code.IndexOf(op, r.Start, length, StringComparison.Ordinal) >= 0) { anyOp = true; break; }
            for (var x = anyOp ? WriteCall.Match(code, r.Start, length) : Match.Empty; x.Success; x = x.NextMatch())
            {
                var op = x.Groups[1].Value;
                var receiver = CodeText.Receiver(code, x.Index, r.Start, out int receiverStart);
                var table = LastFrom(m, receiverStart, x.Index, r, dependence);
                if (table == null && receiver.IndexOf("supabase", StringComparison.OrdinalIgnoreCase) < 0) continue; // Map.delete, array helpers
                int open = x.Index + x.Length - 1;
                int close = CodeText.MatchClose(code, open);
                if (close < 0) close = Math.Min(code.Length - 1, r.End);
                var sources = new SortedSet<string>(StringComparer.Ordinal);
                IReadOnlyList<string>? onConflict = null;
                bool ignore = false;
                if (op == "insert" || op == "upsert") RowSources(m, r, open + 1, close, sources, 0, dependence);
                if (op == "upsert") ReadOptions(m, open, close, r, dependence, out onConflict, out ignore);
                if (op == "delete" || op == "update") FilterSources(m, close, sources);
                (list ??= new List<WriteFact>()).Add(new WriteFact(op, table, sources.ToList(), onConflict, ignore, m.Relative, m.Source.LineOf(x.Index)));
            }
            for (var x = code.IndexOf("rpc", r.Start, length, StringComparison.Ordinal) >= 0 ? RpcCall.Match(code, r.Start, length) : Match.Empty; x.Success; x = x.NextMatch())
            {
                if (!m.Source.TryReadLiteral(x.Index + x.Length, out var fn, out _)) continue;
                (list ??= new List<WriteFact>()).Add(new WriteFact("rpc", fn, Array.Empty<string>(), null, false, m.Relative, m.Source.LineOf(x.Index)));
            }
            return list ?? NoWrites;
        }

        private static string? LastFrom(ScriptModule m, int from, int to, HandlerAnalyzer.Reach r, Dependence dependence)
        {
            if (to <= from) return null;
            string? table = null;
            for (var f = FromAny.Match(m.Code, from, to - from); f.Success; f = f.NextMatch())
            {
                int at = f.Index + f.Length;
                if (m.Source.TryReadLiteral(at, out var name, out _)) table = name;
                else
                {
                    // .from(table) where table is a parameter bound to a literal at the call site, or a module constant.
                    var word = CodeText.WordAt(m.Code, at);
                    if (word.Length == 0) continue;
                    var bound = dependence.Binding(r, word);
                    if (bound != null) table = bound;
                    else if (m.TryConstant(word, out var constant)) table = constant;
                }
            }
            return table;
        }

        /// <summary>The <c>source</c> literals of the rows in an argument range: object literals, or a variable traced to where it was built.</summary>
        private void RowSources(ScriptModule m, HandlerAnalyzer.Reach r, int start, int end, SortedSet<string> sources, int depth, Dependence dependence)
        {
            if (depth > 4 || end <= start) return;
            var code = m.Code;
            // The first argument only.
            int argEnd = start, level = 0;
            for (; argEnd < end; argEnd++)
            {
                char c = code[argEnd];
                if (c == '(' || c == '[' || c == '{') level++;
                else if (c == ')' || c == ']' || c == '}') level--;
                else if (c == ',' && level == 0) break;
            }
            LiteralSources(m, start, argEnd, sources);
            if (sources.Count > 0) return;
            // Follow the names the argument is made of: rows, batch, records.slice(…), [...a, ...b], buildRows(x).
            foreach (Match w in Word.Matches(code.Substring(start, argEnd - start)))
            {
                var name = w.Value;
                if (name == "map" || name == "slice" || name == "filter" || name == "concat" || name == "await") continue;
                var fn = graph.FunctionOf(m, name);
                if (fn != null) { LiteralSources(fn.Module, fn.Start, fn.End, sources); if (sources.Count > 0) return; continue; }
                // A parameter of this function: the argument its caller passed (and where that was built).
                if (ReferenceEquals(m, r.Module) && !ReferenceEquals(r, dependence.Top)) dependence.OnCaller = true;
                bool isArgument = false;
                KeyValuePair<HandlerAnalyzer.Reach, KeyValuePair<int, int>> argument = default;
                if (ReferenceEquals(m, r.Module))
                {
                    isArgument = r.Arguments != null && r.Arguments.TryGetValue(name, out argument);
                    if (!isArgument && ReferenceEquals(r, dependence.Top)) dependence.ArgumentMissed(name);
                }
                if (isArgument)
                {
                    dependence.OnCaller = true;
                    var caller = argument.Key;
                    RowSources(caller.Module, caller, argument.Value.Key, argument.Value.Value, sources, depth + 1, dependence);
                    if (sources.Count > 0) return;
                    continue;
                }
                // The variable's declaration (nearest before the use in this module) and pushes into it: the last match
                // before the use of \b(?:const|let|var)[ \t\r\n]+NAME[ \t\r\n]*(?::[^=;]{0,200})?=(?![=>]), scanned by hand.
                int initStart = ScriptModuleScans.LastDeclarationBefore(code, name, start);
                if (initStart >= 0)
                {
                    int initEnd = CodeText.StatementEnd(code, initStart);
                    int before = sources.Count;
                    LiteralSources(m, initStart, initEnd, sources);
                    if (sources.Count == before) RowSources(m, r, initStart, initEnd, sources, depth + 1, dependence);
                }
                // Every match of (?<![\w$])NAME[ \t\r\n]*\.[ \t\r\n]*(?:push|unshift)[ \t\r\n]*\(, scanned by hand.
                for (int args = ScriptModuleScans.NextPush(code, name, 0); args >= 0; args = ScriptModuleScans.NextPush(code, name, args))
                {
                    int close = CodeText.MatchClose(code, args - 1);
                    if (close > 0) LiteralSources(m, args, close, sources);
                }
                if (sources.Count > 0) return;
            }
        }

        private void LiteralSources(ScriptModule m, int start, int end, SortedSet<string> sources)
        {
            var code = m.Code;
            if (end <= start || code.IndexOf("source", start, end - start, StringComparison.Ordinal) < 0) return;
            for (var s = SourceKey.Match(code, start, end - start); s.Success; s = s.NextMatch())
            {
                int at = s.Index + s.Length;
                if (m.Source.TryReadLiteral(at, out var value, out _)) sources.Add(value);
                else
                {
                    var name = CodeText.WordAt(code, at);
                    var constant = name.Length > 0 ? graph.ConstantOf(m, name) : null;
                    if (constant != null) sources.Add(constant);
                }
            }
        }

        /// <summary>For a delete or update: <c>.eq('source', 'x')</c> in the rest of the chain.</summary>
        private static void FilterSources(ScriptModule m, int close, SortedSet<string> sources)
        {
            var code = m.Code;
            int end = CodeText.StatementEnd(code, close + 1);
            if (end <= close) return;
            for (var f = SourceFilter.Match(code, close, end - close); f.Success; f = f.NextMatch())
            {
                int q = f.Index + f.Length;
                if (!m.Source.TryReadLiteral(q, out var column, out var after) || column != "source") continue;
                int next = CodeText.SkipSpace(code, after);
                if (next < code.Length && code[next] == ',' && m.Source.TryReadLiteral(CodeText.SkipSpace(code, next + 1), out var value, out _)) sources.Add(value);
            }
        }

        private void ReadOptions(ScriptModule m, int open, int close, HandlerAnalyzer.Reach r, Dependence dependence, out IReadOnlyList<string>? onConflict, out bool ignore)
        {
            onConflict = null; ignore = false;
            var code = m.Code;
            int options = -1, depth = 0;
            for (int k = open + 1; k < close; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (c == ',' && depth == 0) { int next = CodeText.SkipSpace(code, k + 1); options = next < close && code[next] == '{' ? next : -1; break; }
            }
            if (options < 0) return;
            int end = CodeText.MatchClose(code, options);
            if (end < 0) end = close;
            for (var key = Options2.Match(code, options, end - options); key.Success; key = key.NextMatch())
            {
                int valueAt = key.Index + key.Length;
                if (key.Groups[1].Value == "onConflict")
                {
                    string? text = null;
                    if (m.Source.TryReadLiteral(valueAt, out var literal, out _)) text = literal;
                    else
                    {
                        var name = CodeText.WordAt(code, valueAt);
                        if (name.Length > 0) text = dependence.Binding(r, name) ?? graph.ConstantOf(m, name);
                    }
                    if (text != null) onConflict = WriteRecognizer.ConflictColumns(text);
                }
                else ignore = string.CompareOrdinal(code, valueAt, "true", 0, 4) == 0;
            }
        }

        /// <summary>The columns of an <c>onConflict</c> value: split at ',', each trimmed of white space then of '"', empty ones dropped.</summary>
        internal static List<string> ConflictColumns(string text)
        {
            var columns = new List<string>();
            foreach (var part in text.Split(','))
            {
                var column = part.Trim().Trim('"');
                if (column.Length > 0) columns.Add(column);
            }
            return columns;
        }

        /// <summary>A '23505' outside comments in the range (literal or a constant holding it, here or imported), as file:line.</summary>
        private string? UniqueViolation(HandlerAnalyzer.Reach r)
        {
            var m = r.Module; var raw = m.Source.Raw; int length = r.End - r.Start;
            for (int k = raw.IndexOf("23505", r.Start, length, StringComparison.Ordinal); k >= 0 && k < r.End;
                 k = k + 5 < r.End ? raw.IndexOf("23505", k + 5, r.End - k - 5, StringComparison.Ordinal) : -1)
                if (!m.Source.InComment(k)) return m.At(k);
            // A constant holding '23505' can only come from this module's constants or its imports.
            if (!m.HasConstantsOrImports || raw.IndexOf("code", r.Start, length, StringComparison.OrdinalIgnoreCase) < 0 && raw.IndexOf("nique", r.Start, length, StringComparison.OrdinalIgnoreCase) < 0
                && raw.IndexOf("iolation", r.Start, length, StringComparison.OrdinalIgnoreCase) < 0 && raw.IndexOf("23505", StringComparison.Ordinal) < 0) return null;
            // The words of Word ((?<![\w$.])[A-Za-z_$][\w$]*) in the range, in order: the identifier tokens
            // ((?<![\w$])[A-Za-z_$][\w$]*, names from the run's table, no Match per word) but those after a '.' inside it.
            // VisitConstant acts on module constants and imports only: the other names are skipped unmade.
            var state = new ConstantScan { Module = m, Graph = graph, RangeStart = r.Start, Found = -1 };
            IdentifierTokens.Scan(m.Code, r.Start, r.End, m.Names, m.ConstantFilter, ref state, VisitConstant);
            return state.Found >= 0 ? m.At(state.Found) : null;
        }

        private struct ConstantScan
        {
            public ScriptModule Module; public ModuleGraph Graph; public int RangeStart; public int Found;
        }

        private static readonly IdentifierTokens.Visitor<ConstantScan> VisitConstant = (ref ConstantScan s, int at, int after, string word) =>
        {
            if (s.Found >= 0 || (at > s.RangeStart && s.Module.Code[at - 1] == '.')) return;
            // Only a module constant or an imported name can hold a literal (what ConstantOf looks up): skip the rest
            // without asking the graph (whose memo is a concurrent dictionary) for every word of the range.
            var m = s.Module;
            if (!m.TryConstant(word, out _) && !m.TryImport(word, out _)) return;
            if (s.Graph.ConstantOf(m, word) == "23505") s.Found = at;
        };
    }
}
