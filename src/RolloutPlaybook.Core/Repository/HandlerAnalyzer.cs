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
        private readonly Func<Reach, List<Callee>> calleesOf;
        private readonly GuardRecognizer guards;
        private readonly BodyRecognizer body;
        private readonly WriteRecognizer writes;

        public HandlerAnalyzer(ModuleGraph graph, CodeRecognition? recognition = null)
        {
            this.graph = graph ?? throw new ArgumentNullException(nameof(graph));
            recognition ??= new CodeRecognition();
            calleesOf = r => Callees(r.Module, r.Start, r.End);
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
            facts.Followed = reached.Where(r => r.Depth > 0).Select(r => r.Name + " (" + r.Module.At(r.Start) + ")").ToList();
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
            limited = false;
            var result = new List<Reach>();
            var visited = new HashSet<KeyValuePair<string, int>>(VisitKey.Instance);
            var queue = new Queue<Reach>();
            foreach (var span in spans)
            {
                var r = new Reach(module, span.Key, Math.Min(span.Value, module.Code.Length), 0, -1, "handler");
                visited.Add(new KeyValuePair<string, int>(module.Path, r.Start));
                queue.Enqueue(r);
            }
            while (queue.Count > 0)
            {
                var reach = queue.Dequeue();
                result.Add(reach);
                if (reach.End - reach.Start <= 0) continue;
                var callees = reach.Depth == 0
                    ? Callees(reach.Module, reach.Start, reach.End)
                    : cache.Get(reach.Module, reach.Start, reach.End, "callees", reach, calleesOf);
                foreach (var callee in callees)
                {
                    var target = callee.Target;
                    var key = new KeyValuePair<string, int>(target.Module.Path, target.Start);
                    if (visited.Contains(key)) continue;
                    if (reach.Depth + 1 > MaxDepth) { limited = true; continue; }
                    if (visited.Count >= MaxReached) { limited = true; continue; }
                    visited.Add(key);
                    var next = new Reach(target.Module, target.Start, target.End, reach.Depth + 1, reach.Depth == 0 ? callee.At : reach.Root, target.Name);
                    next.Bindings = LiteralArguments(reach, callee.AfterName, target, out var arguments);
                    next.Arguments = arguments;
                    queue.Enqueue(next);
                }
            }
            return result;
        }

        private sealed class VisitKey : IEqualityComparer<KeyValuePair<string, int>>
        {
            public static readonly VisitKey Instance = new VisitKey();
            public bool Equals(KeyValuePair<string, int> x, KeyValuePair<string, int> y) => x.Value == y.Value && string.Equals(x.Key, y.Key, StringComparison.Ordinal);
            public int GetHashCode(KeyValuePair<string, int> k) => unchecked(StringComparer.Ordinal.GetHashCode(k.Key) * 31 + k.Value);
        }

        internal sealed class Callee
        {
            public Callee(ScriptFunction target, int at, int afterName) { Target = target; At = at; AfterName = afterName; }
            public ScriptFunction Target { get; }
            public int At { get; }
            public int AfterName { get; }
        }

        /// <summary>The functions a range names (here or imported), first mention each, in order.</summary>
        private List<Callee> Callees(ScriptModule module, int start, int end)
        {
            var state = new CalleeScan(this, module, start, end);
            module.Identifiers.ForEach(start, end, ref state, VisitCallee);
            return state.List;
        }

        private struct CalleeScan
        {
            public CalleeScan(HandlerAnalyzer owner, ScriptModule module, int start, int end)
            {
                Owner = owner; Module = module; Start = start; End = end;
                List = new List<Callee>(); Seen = new HashSet<string>(StringComparer.Ordinal);
            }
            public readonly HandlerAnalyzer Owner;
            public readonly ScriptModule Module;
            public readonly int Start, End;
            public readonly List<Callee> List;
            public readonly HashSet<string> Seen;
        }

        private static readonly IdentifierTokens.Visitor<CalleeScan> VisitCallee = (ref CalleeScan s, int at, int after, string name) =>
        {
            if (Keywords.Contains(name)) return;
            var module = s.Module;
            var code = module.Code;
            ScriptFunction? target;
            if (at > 0 && code[at - 1] == '.')
            {
                int dot = at - 1;
                if (dot > 0 && code[dot - 1] == '?') return;
                var ns = CodeText.WordBefore(code, dot);
                if (ns.Length == 0 || !s.Seen.Add(ns + "." + name)) return;
                target = s.Owner.graph.MemberOf(module, ns, name);
            }
            else
            {
                if (!s.Seen.Add(name)) return;
                target = s.Owner.graph.FunctionOf(module, name);
            }
            if (target == null) return;
            // A function containing this range (recursion, or the handler's own declaration) is not new.
            if (ReferenceEquals(target.Module, module) && target.Start <= s.Start && target.End >= s.End) return;
            s.List.Add(new Callee(target, at, after));
        };

        /// <summary>The literal arguments of a call right after a function's name, bound to the function's parameter names.</summary>
        private static IReadOnlyDictionary<string, string>? LiteralArguments(Reach caller, int afterName, ScriptFunction target,
            out IReadOnlyDictionary<string, KeyValuePair<Reach, KeyValuePair<int, int>>>? arguments)
        {
            arguments = null;
            var module = caller.Module;
            var code = module.Code;
            int open = CodeText.SkipSpace(code, afterName);
            if (open >= code.Length || code[open] != '(' || target.Parameters.Count == 0) return null;
            int close = CodeText.MatchClose(code, open);
            if (close < 0) return null;
            Dictionary<string, string>? bound = null;
            var ranges = new Dictionary<string, KeyValuePair<Reach, KeyValuePair<int, int>>>(StringComparer.Ordinal);
            arguments = ranges;
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
                    if (k > at && caller.Depth >= 0) ranges[target.Parameters[index]] = new KeyValuePair<Reach, KeyValuePair<int, int>>(caller, new KeyValuePair<int, int>(at, k));
                    index++;
                    argStart = k + 1;
                }
            }
            return bound;
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
