using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Follows a handler where its code really goes (wrappers, same-file helpers, repository imports; at most
    /// <see cref="MaxDepth"/> calls deep, each function once) and runs the SPEC §8 recognisers over every range it
    /// reaches: guards (<see cref="GuardRecognizer"/>), body reads and validation, writes and 23505 handling
    /// (<see cref="WriteRecognizer"/>).
    /// </summary>
    public sealed class HandlerAnalyzer
    {
        public const int MaxDepth = 6;
        /// <summary>At most this many functions are followed from one handler (a bound on pathological code).</summary>
        private const int MaxReached = 300;

        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "return", "throw", "try", "catch", "finally",
            "const", "let", "var", "function", "async", "await", "new", "typeof", "instanceof", "in", "of", "void", "delete", "this", "super",
            "class", "extends", "import", "export", "from", "as", "type", "interface", "true", "false", "null", "undefined", "yield", "static",
        };

        private readonly ModuleGraph graph;
        private readonly RangeCache cache = new RangeCache();
        private readonly GuardRecognizer guards;
        private readonly BodyRecognizer body;
        private readonly WriteRecognizer writes;

        public HandlerAnalyzer(ModuleGraph graph, CodeRecognition? recognition = null)
        {
            this.graph = graph ?? throw new ArgumentNullException(nameof(graph));
            recognition ??= new CodeRecognition();
            guards = new GuardRecognizer(recognition, cache) { Resolve = (module, name) => graph.FunctionOf(module, name) };
            body = new BodyRecognizer(recognition, cache);
            writes = new WriteRecognizer(graph, cache);
        }

        /// <summary>A range of a module the handler reaches, how deep, and the call site in the handler it was reached through.</summary>
        internal sealed class Reach
        {
            public Reach(ScriptModule module, int start, int end, int depth, int root, string name)
            {
                Module = module; Start = start; End = end; Depth = depth; Root = root; Name = name;
            }
            public ScriptModule Module { get; }
            public int Start { get; }
            public int End { get; }
            public int Depth { get; }
            /// <summary>The offset in the handler's own code through which this range was reached (-1 for the handler itself).</summary>
            public int Root { get; }
            public string Name { get; }
            /// <summary>The function this range is (null for the handler's own ranges).</summary>
            public ScriptFunction? Function { get; set; }
            /// <summary>Parameters bound to string literals at the call site (<c>writeBatch('hubspot_contacts', rows)</c>).</summary>
            public IReadOnlyDictionary<string, string>? Bindings { get; set; }
            /// <summary>Every argument of the call site as a range of the calling module, by parameter name (rows traced back to where they were built).</summary>
            public IReadOnlyDictionary<string, KeyValuePair<Reach, KeyValuePair<int, int>>>? Arguments { get; set; }
        }

        /// <summary>Analyses one handler of a route module; <paramref name="spans"/> are its own code ranges (body, or the initializer of <c>export const</c>).</summary>
        internal HandlerFacts Analyze(ScriptModule module, RouteMethod method, int line, IReadOnlyList<KeyValuePair<int, int>> spans, string? requestName)
        {
            var facts = new HandlerFacts(method, module.Relative, line);
            var reached = Follow(module, spans, out bool limited);
            facts.DepthLimited = limited;
            // The handler's own ranges come first (depth 0): the functions followed are the rest, if any.
            int own = 0;
            while (own < reached.Count && reached[own].Depth == 0) own++;
            if (own < reached.Count)
            {
                var followed = new List<string>(reached.Count - own);
                foreach (var r in reached)
                    if (r.Depth > 0) followed.Add(r.Function!.FollowedLabel);
                facts.Followed = followed;
            }
            int StartOf(int position)
            {
                foreach (var s in spans) if (position >= s.Key && position < s.Value) return s.Key;
                return position;
            }
            facts.Guards = guards.Find(reached, module, StartOf);
            facts.FixedResponse = GuardRecognizer.IsFixedResponse(reached);
            body.Find(reached, requestName, facts);
            writes.Find(reached, facts);
            return facts;
        }

        /// <summary>Breadth first from the handler's ranges: every identifier that names a function (here or imported) is followed once.</summary>
        internal List<Reach> Follow(ScriptModule module, IReadOnlyList<KeyValuePair<int, int>> spans, out bool limited)
        {
            var visited = visitedScratch.InUse ? new Visited() : visitedScratch;
            visited.Clear();
            visited.InUse = true;
            try
            {
                return Follow(module, spans, visited, out limited);
            }
            finally
            {
                visited.InUse = false;
            }
        }

        private readonly Visited visitedScratch = new Visited();

        private List<Reach> Follow(ScriptModule module, IReadOnlyList<KeyValuePair<int, int>> spans, Visited visited, out bool limited)
        {
            limited = false;
            // The queue is the result: a range is appended once, when first met, and read in that order.
            var result = new List<Reach>(16);
            foreach (var span in spans)
            {
                var r = new Reach(module, span.Key, Math.Min(span.Value, module.Code.Length), 0, -1, "handler");
                var key = new VisitKey(module, r.Start);
                if (!visited.Contains(key)) visited.Add(key);
                result.Add(r);
            }
            for (int next = 0; next < result.Count; next++)
            {
                var reach = result[next];
                if (reach.End - reach.Start <= 0) continue;
                // A function's callees are the same for every handler that reaches it: found once per run (on the function).
                var callees = reach.Function == null
                    ? Callees(reach.Module, reach.Start, reach.End)
                    : reach.Function.Callees ??= Callees(reach.Module, reach.Start, reach.End);
                foreach (var callee in callees)
                {
                    var target = callee.Target;
                    var key = new VisitKey(target.Module, target.Start);
                    if (visited.Contains(key)) continue;
                    if (reach.Depth + 1 > MaxDepth) { limited = true; continue; }
                    if (visited.Count >= MaxReached) { limited = true; continue; }
                    visited.Add(key);
                    var found = new Reach(target.Module, target.Start, target.End, reach.Depth + 1, reach.Depth == 0 ? callee.At : reach.Root, target.Name)
                    {
                        Function = target,
                    };
                    found.Bindings = callee.ArgumentsFrom(reach, out var arguments);
                    found.Arguments = arguments;
                    result.Add(found);
                }
            }
            return result;
        }

        /// <summary>
        /// The (module, start) of every range queued: a module is one object per file in the graph, so identity will do.
        /// A short array while small (a handler reaches a handful of functions), hashed past that (up to <see cref="MaxReached"/>).
        /// One per analyzer, emptied for each handler (the analysis runs on one thread and Follow does not call itself).
        /// </summary>
        private sealed class Visited
        {
            private const int Small = 16;
            private readonly VisitKey[] small = new VisitKey[Small];
            private HashSet<VisitKey>? large;
            private bool hashed;

            public int Count { get; private set; }
            public bool InUse { get; set; }

            public void Clear()
            {
                Array.Clear(small, 0, Math.Min(Count, Small));
                if (hashed) { large!.Clear(); hashed = false; }
                Count = 0;
            }

            public bool Contains(VisitKey key)
            {
                if (hashed) return large!.Contains(key);
                for (int i = 0; i < Count; i++)
                    if (small[i].Start == key.Start && ReferenceEquals(small[i].Module, key.Module)) return true;
                return false;
            }

            /// <summary>Adds a key not yet there.</summary>
            public void Add(VisitKey key)
            {
                if (!hashed && Count < Small)
                {
                    small[Count++] = key;
                    return;
                }
                if (!hashed)
                {
                    large ??= new HashSet<VisitKey>(VisitKey.Comparer.Instance);
                    for (int i = 0; i < Count; i++) large.Add(small[i]);
                    hashed = true;
                }
                large!.Add(key);
                Count = large.Count;
            }
        }

        private readonly struct VisitKey
        {
            public VisitKey(ScriptModule module, int start) { Module = module; Start = start; }
            public readonly ScriptModule Module;
            public readonly int Start;

            public sealed class Comparer : IEqualityComparer<VisitKey>
            {
                public static readonly Comparer Instance = new Comparer();
                public bool Equals(VisitKey x, VisitKey y) => x.Start == y.Start && ReferenceEquals(x.Module, y.Module);
                public int GetHashCode(VisitKey k) => unchecked(k.Module.Id * 31 + k.Start);
            }
        }

        /// <summary>A function a range names, where (the name's offset and the offset after it), and what the call there passes.</summary>
        internal sealed class Callee
        {
            public Callee(ScriptModule caller, ScriptFunction target, int at, int afterName) { Caller = caller; Target = target; At = at; AfterName = afterName; }
            public ScriptModule Caller { get; }
            public ScriptFunction Target { get; }
            public int At { get; }
            public int AfterName { get; }

            private CallSite? site;

            /// <summary>
            /// The call's literal arguments bound to the target's parameter names, and every argument as a range of the
            /// calling reach by parameter name (null, null when the name is not called or the target takes nothing).
            /// The call site is read once per callee (a shared function's callees are shared); only the ranges' reach
            /// is per handler.
            /// </summary>
            public IReadOnlyDictionary<string, string>? ArgumentsFrom(Reach caller,
                out IReadOnlyDictionary<string, KeyValuePair<Reach, KeyValuePair<int, int>>>? arguments)
            {
                var s = site ??= CallSite.Read(Caller, AfterName, Target);
                arguments = s.Ranges == null ? null : new ArgumentRanges(caller, s.Ranges);
                return s.Bound;
            }
        }

        private readonly NameSet seenScratch = new NameSet();

        /// <summary>The functions a range names (here or imported), first mention each, in order.</summary>
        private List<Callee> Callees(ScriptModule module, int start, int end)
        {
            var seen = seenScratch.InUse ? new NameSet() : seenScratch;
            seen.Clear();
            seen.InUse = true;
            try
            {
                var state = new CalleeScan(this, module, start, end, seen);
                // Each range is scanned once (a function's callees are kept on it), so the range alone is tokenised. Only
                // names declared or imported here can be callees (see VisitCallee): the others are skipped unmade.
                IdentifierTokens.Scan(module.Code, start, end, module.Names, module.CalleeFilter, ref state, VisitCallee);
                return state.List;
            }
            finally
            {
                seen.InUse = false;
            }
        }

        private struct CalleeScan
        {
            public CalleeScan(HandlerAnalyzer owner, ScriptModule module, int start, int end, NameSet seen)
            {
                Owner = owner; Module = module; Start = start; End = end;
                List = new List<Callee>(); Seen = seen;
            }
            public readonly HandlerAnalyzer Owner;
            public readonly ScriptModule Module;
            public readonly int Start, End;
            public readonly List<Callee> List;
            public readonly NameSet Seen;
        }

        /// <summary>
        /// A set of names, searched in a short array while it is small (a range names a few dozen at most) and hashed past
        /// that. One per analyzer, emptied for each range scanned (Callees does not call itself).
        /// </summary>
        private sealed class NameSet
        {
            private const int Small = 16;
            private readonly string[] small = new string[Small];
            private int count;
            private HashSet<string>? large;
            private bool hashed;

            public bool InUse { get; set; }

            public void Clear()
            {
                Array.Clear(small, 0, Math.Min(count, Small));
                if (hashed) { large!.Clear(); hashed = false; }
                count = 0;
            }

            /// <summary>Adds the name; false when it was there.</summary>
            public bool Add(string name)
            {
                if (hashed) return large!.Add(name);
                for (int i = 0; i < count; i++)
                {
                    var known = small[i];
                    if (ReferenceEquals(known, name) || (known.Length == name.Length && string.Equals(known, name, StringComparison.Ordinal))) return false;
                }
                if (count < Small) { small[count++] = name; return true; }
                large ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var known in small) large.Add(known);
                hashed = true;
                return large.Add(name);
            }
        }

        private static readonly IdentifierTokens.Visitor<CalleeScan> VisitCallee = (ref CalleeScan s, int at, int after, string name) =>
        {
            var module = s.Module;
            var code = module.Code;
            ScriptFunction? target;
            if (at > 0 && code[at - 1] == '.')
            {
                // Only a namespace import has members that are functions (MemberOf finds nothing else): req.json,
                // Response.json and the like are skipped before their names are put together.
                if (!module.HasNamespaceImports || Keywords.Contains(name)) return;
                int dot = at - 1;
                if (dot > 0 && code[dot - 1] == '?') return;
                var ns = CodeText.WordBefore(code, dot);
                if (!module.IsNamespaceImport(ns)) return;
                if (ns.Length == 0 || !s.Seen.Add(ns + "." + name)) return;
                target = s.Owner.graph.MemberOf(module, ns, name);
            }
            else
            {
                // Only a name declared or imported here stands for a function (FunctionOf finds nothing else): most names
                // of a range (locals, members, globals) stop at these two look-ups, before the keyword and seen sets.
                var local = module.Function(name);
                if (local == null && !module.TryImport(name, out _)) return;
                if (Keywords.Contains(name) || !s.Seen.Add(name)) return;
                // FunctionOf answers a name declared here with its declaration.
                target = local ?? s.Owner.graph.FunctionOf(module, name);
            }
            if (target == null) return;
            // A function containing this range (recursion, or the handler's own declaration) is not new.
            if (ReferenceEquals(target.Module, module) && target.Start <= s.Start && target.End >= s.End) return;
            s.List.Add(new Callee(module, target, at, after));
        };

        /// <summary>What a call site passes: literals by parameter name, and each argument's range in order (null: no call, or nothing to bind).</summary>
        private sealed class CallSite
        {
            private static readonly CallSite None = new CallSite(null, null);

            private CallSite(Dictionary<string, string>? bound, List<KeyValuePair<string, KeyValuePair<int, int>>>? ranges) { Bound = bound; Ranges = ranges; }

            public Dictionary<string, string>? Bound { get; }
            /// <summary>(parameter, argument range), each parameter once, in the order first met (a repeated name keeps its place and takes the later range).</summary>
            public List<KeyValuePair<string, KeyValuePair<int, int>>>? Ranges { get; }

            /// <summary>The literal arguments of a call right after a function's name, bound to the function's parameter names.</summary>
            public static CallSite Read(ScriptModule module, int afterName, ScriptFunction target)
            {
                var code = module.Code;
                int open = CodeText.SkipSpace(code, afterName);
                if (open >= code.Length || code[open] != '(' || target.Parameters.Count == 0) return None;
                int close = CodeText.MatchClose(code, open);
                if (close < 0) return None;
                Dictionary<string, string>? bound = null;
                var ranges = new List<KeyValuePair<string, KeyValuePair<int, int>>>(target.Parameters.Count);
                int index = 0, depth = 0, argStart = open + 1;
                for (int k = open + 1; k <= close && index < target.Parameters.Count; k++)
                {
                    char c = code[k];
                    if (k < close && (c == '(' || c == '[' || c == '{')) { depth++; continue; }
                    if (k < close && (c == ')' || c == ']' || c == '}')) { depth--; continue; }
                    if ((c == ',' && depth == 0) || k == close)
                    {
                        int at = CodeText.SkipSpace(code, argStart);
                        if (module.Source.TryReadLiteral(at, out var value, out var end) && CodeText.SkipSpace(code, end) >= k)
                            (bound ??= new Dictionary<string, string>(StringComparer.Ordinal))[target.Parameters[index]] = value;
                        if (k > at) Assign(ranges, target.Parameters[index], new KeyValuePair<int, int>(at, k));
                        index++;
                        argStart = k + 1;
                    }
                }
                return new CallSite(bound, ranges);
            }

            private static void Assign(List<KeyValuePair<string, KeyValuePair<int, int>>> ranges, string name, KeyValuePair<int, int> range)
            {
                for (int i = 0; i < ranges.Count; i++)
                    if (string.Equals(ranges[i].Key, name, StringComparison.Ordinal)) { ranges[i] = new KeyValuePair<string, KeyValuePair<int, int>>(name, range); return; }
                ranges.Add(new KeyValuePair<string, KeyValuePair<int, int>>(name, range));
            }
        }

        /// <summary>
        /// The arguments of one call as ranges of the calling reach, by parameter name: the call site's ranges (read once,
        /// shared) paired with this handler's reach of the caller. A function takes a few parameters: looked up in order.
        /// Enumerates like the dictionary it stands for (each name once, in the order first assigned).
        /// </summary>
        internal sealed class ArgumentRanges : IReadOnlyDictionary<string, KeyValuePair<Reach, KeyValuePair<int, int>>>
        {
            private readonly Reach caller;
            private readonly List<KeyValuePair<string, KeyValuePair<int, int>>> ranges;

            public ArgumentRanges(Reach caller, List<KeyValuePair<string, KeyValuePair<int, int>>> ranges) { this.caller = caller; this.ranges = ranges; }

            /// <summary>The calling reach every range belongs to.</summary>
            public Reach Caller => caller;

            /// <summary>(parameter, range) in the order first assigned: what enumerating gives, without an enumerator object.</summary>
            public List<KeyValuePair<string, KeyValuePair<int, int>>> Ranges => ranges;

            public int Count => ranges.Count;

            public bool TryGetValue(string key, out KeyValuePair<Reach, KeyValuePair<int, int>> value)
            {
                foreach (var range in ranges)
                    if (string.Equals(range.Key, key, StringComparison.Ordinal)) { value = new KeyValuePair<Reach, KeyValuePair<int, int>>(caller, range.Value); return true; }
                value = default;
                return false;
            }

            public bool ContainsKey(string key) => TryGetValue(key, out _);

            public KeyValuePair<Reach, KeyValuePair<int, int>> this[string key]
                => TryGetValue(key ?? throw new ArgumentNullException(nameof(key)), out var value) ? value : throw new KeyNotFoundException(key);

            public IEnumerable<string> Keys { get { foreach (var range in ranges) yield return range.Key; } }

            public IEnumerable<KeyValuePair<Reach, KeyValuePair<int, int>>> Values { get { foreach (var range in ranges) yield return new KeyValuePair<Reach, KeyValuePair<int, int>>(caller, range.Value); } }

            public IEnumerator<KeyValuePair<string, KeyValuePair<Reach, KeyValuePair<int, int>>>> GetEnumerator()
            {
                foreach (var range in ranges)
                    yield return new KeyValuePair<string, KeyValuePair<Reach, KeyValuePair<int, int>>>(range.Key, new KeyValuePair<Reach, KeyValuePair<int, int>>(caller, range.Value));
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        /// <summary>
        /// True when <paramref name="position"/> lies inside a block that runs only on some paths: an if/else, switch,
        /// loop or catch block opened between <paramref name="start"/> and it.
        /// </summary>
        internal static bool IsConditional(string code, int start, int position)
        {
            var stack = new List<bool>();
            int end = Math.Min(position, code.Length);
            for (int k = Math.Max(0, start); k < end; k++)
            {
                char c = code[k];
                if (c == '{') stack.Add(ConditionalBlock(code, k, start));
                else if (c == '}' && stack.Count > 0) stack.RemoveAt(stack.Count - 1);
            }
            foreach (var b in stack) if (b) return true;
            return false;
        }

        private static bool ConditionalBlock(string code, int brace, int floor)
        {
            int j = CodeText.SkipSpaceBack(code, brace - 1);
            if (j < floor) return false;
            if (code[j] == ')')
            {
                int open = CodeText.MatchOpen(code, j, floor);
                if (open < 0) return false;
                var word = CodeText.WordBefore(code, open);
                return word == "if" || word == "for" || word == "while" || word == "switch" || word == "catch";
            }
            if (code[j] == ':')
            {
                // case X: {  /  default: {
                int lineStart = code.LastIndexOf('\n', j);
                var text = code.Substring(lineStart + 1, j - lineStart - 1);
                return Regex.IsMatch(text, @"^\s*(case\b|default\s*$)");
            }
            var w = CodeText.WordBefore(code, j + 1);
            return w == "else" || w == "do";
        }

        /// <summary>The enclosing <c>if (…)</c> condition of an offset within a range: (open, close) of its parentheses, or (-1, -1).</summary>
        internal static KeyValuePair<int, int> EnclosingIfCondition(string code, int start, int position)
        {
            int depth = 0;
            for (int k = position - 1; k >= start; k--)
            {
                char c = code[k];
                if (c == ')' || c == ']' || c == '}') depth++;
                else if (c == '(' || c == '[' || c == '{')
                {
                    if (depth > 0) { depth--; continue; }
                    if (c != '(') return new KeyValuePair<int, int>(-1, -1);
                    var word = CodeText.WordBefore(code, k);
                    if (word == "if")
                    {
                        int close = CodeText.MatchClose(code, k);
                        return new KeyValuePair<int, int>(k, close);
                    }
                    // Nested parentheses inside a condition: keep going out.
                }
            }
            return new KeyValuePair<int, int>(-1, -1);
        }

        /// <summary>Compiles a listed name (<see cref="PlanFiles.PlanNamePatterns.ToRegex"/>), naming the plan key when it is invalid.</summary>
        internal static Regex ListedPattern(string name, string key)
        {
            try
            {
                return PlanFiles.PlanNamePatterns.ToRegex(name);
            }
            catch (ArgumentException ex)
            {
                throw new RolloutException(ErrorIds.RoutePatternInvalid, key + " '" + name + "' is not a valid name or regular expression: " + ex.Message, name, ex);
            }
        }
    }
}
