using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Next.js Pages Router API files (SPEC §8): <c>pages/api/a/b.ts</c> and <c>pages/api/a/b/index.ts</c> are <c>/api/a/b</c>,
    /// <c>[id].ts</c> a dynamic segment; the handler is the default export and its methods are the <c>req.method</c> values it
    /// branches on. The file is handed to the route handler reader as a module that exports the default handler under
    /// each of those methods (line numbers unchanged), so guards, validation and writes are read as for App Router files.
    /// </summary>
    internal static class PagesRouter
    {
        internal static readonly string[] SourceExtensions = { ".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts" };

        private const string Ident = @"[A-Za-z_$][\w$]*";
        private static readonly Regex Compare = new Regex(@"(?<![\w$.])" + Ident + @"\s*\.\s*method\s*(?:===|==|!==|!=)\s*(?=['""`])", RegexOptions.CultureInvariant);
        private static readonly Regex CompareReversed = new Regex(@"(['""`])[^'""`\n]*\1\s*(?:===|==|!==|!=)\s*" + Ident + @"\s*\.\s*method\b", RegexOptions.CultureInvariant);
        private static readonly Regex Switch = new Regex(@"\bswitch\s*\(\s*" + Ident + @"\s*\.\s*method\s*\)\s*\{", RegexOptions.CultureInvariant);
        private static readonly Regex Case = new Regex(@"\bcase\s+(?=['""`])", RegexOptions.CultureInvariant);
        private static readonly Regex Includes = new Regex(@"\]\s*\.\s*includes\s*\(\s*" + Ident + @"\s*\.\s*method\s*\)", RegexOptions.CultureInvariant);
        private static readonly Regex DefaultFunction = new Regex(@"\bexport\s+default\s+(?:async\s+)?function\s*\*?\s*(" + Ident + @")?\s*(?=\()", RegexOptions.CultureInvariant);
        private static readonly Regex ExportPrefix = new Regex(@"\Gexport\s+default\s+", RegexOptions.CultureInvariant);
        private static readonly Regex DefaultExpression = new Regex(@"\bexport\s+default\s+(?!function\b|async\s+function\b|class\b)", RegexOptions.CultureInvariant);

        /// <summary>True for a file name the Pages Router serves as an API route (not a declaration file, not _private).</summary>
        public static bool IsPagesFileName(string name)
        {
            if (name.StartsWith("_", StringComparison.Ordinal) || name.EndsWith(".d.ts", StringComparison.OrdinalIgnoreCase)) return false;
            if (name.IndexOf(".test.", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf(".spec.", StringComparison.OrdinalIgnoreCase) >= 0) return false;
            foreach (var ext in SourceExtensions) if (name.EndsWith(ext, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>The URL path of a file below the pages API folder: <c>a/b.ts</c> and <c>a/b/index.ts</c> are <c>/api/a/b</c>.</summary>
        public static string UrlOf(string relativeToPagesApi)
        {
            var parts = relativeToPagesApi.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries).ToList();
            if (parts.Count == 0) return "/api";
            var last = parts[parts.Count - 1];
            int dot = last.IndexOf('.');
            last = dot > 0 ? last.Substring(0, dot) : last;
            if (last == "index") parts.RemoveAt(parts.Count - 1);
            else parts[parts.Count - 1] = last;
            return parts.Count == 0 ? "/api" : "/api/" + string.Join("/", parts);
        }

        /// <summary>The methods the default export branches on (<c>req.method === 'POST'</c>, <c>switch (req.method)</c>, <c>['GET','POST'].includes(req.method)</c>).</summary>
        public static IReadOnlyList<RouteMethod> Methods(ScriptSource source)
        {
            var code = source.Code;
            var found = new SortedSet<RouteMethod>();
            void Literal(int quote)
            {
                if (source.TryReadLiteral(quote, out var value, out _) && PlanFiles.PlanEnum.TryParse<RouteMethod>(value.Trim().ToUpperInvariant(), out var m)
                    && value.Trim().Equals(m.ToString(), StringComparison.OrdinalIgnoreCase))
                    found.Add(m);
            }
            foreach (Match m in Compare.Matches(code)) Literal(m.Index + m.Length);
            foreach (Match m in CompareReversed.Matches(code)) Literal(m.Index);
            foreach (Match s in Switch.Matches(code))
            {
                int end = Close(code, s.Index + s.Length - 1);
                foreach (Match c in Case.Matches(code.Substring(0, end)))
                    if (c.Index > s.Index) Literal(c.Index + c.Length);
            }
            foreach (Match m in Includes.Matches(code))
            {
                int open = code.LastIndexOf('[', m.Index);
                if (open < 0) continue;
                for (int i = open + 1; i < m.Index; i++)
                {
                    char ch = code[i];
                    if (ch != '\'' && ch != '"' && ch != '`') continue;
                    Literal(i);
                    if (source.TryReadLiteral(i, out _, out var after)) i = Math.Max(i, after);
                }
            }
            return found.ToList();
        }

        /// <summary>
        /// The text as a module exporting its default handler as each method (on the default export's line; lines unchanged),
        /// or null when the file has no default export. <paramref name="methods"/> empty: every method.
        /// </summary>
        public static string? AsHandlerModule(ScriptSource source, IReadOnlyList<RouteMethod> methods)
        {
            var raw = source.Raw;
            var code = source.Code;
            var all = methods.Count == 0 ? Enum.GetValues(typeof(RouteMethod)).Cast<RouteMethod>().ToList() : methods.ToList();
            string ExportList(string binding) => "export { " + string.Join(", ", all.Select(m => binding + " as " + m)) + " }; ";
            var text = new StringBuilder(raw);
            // The export list goes where the default export stood (same line), so a handler's line is the default export's.
            var function = DefaultFunction.Match(code);
            if (function.Success)
            {
                var prefix = ExportPrefix.Match(code, function.Index);
                if (function.Groups[1].Success)
                {
                    // export default async function handler(   ->   export { handler as GET, ... }; async function handler(
                    Replace(text, function.Index, prefix.Length, ExportList(function.Groups[1].Value));
                }
                else
                {
                    const string binding = "__pagesDefault";
                    text.Insert(function.Index + function.Length, " " + binding);
                    Replace(text, function.Index, prefix.Length, ExportList(binding));
                }
                return text.ToString();
            }
            var expression = DefaultExpression.Match(code);
            if (!expression.Success) return null;
            // export default withAuth(handler)   ->   export { __pagesDefault as GET, ... }; const __pagesDefault = withAuth(handler)
            Replace(text, expression.Index, expression.Length, ExportList("__pagesDefault") + "const __pagesDefault = ");
            return text.ToString();
        }

        /// <summary>A branch of the handler taken for some methods (its region: from <c>if</c>/<c>case</c> to its end; its body), or a fallthrough (no method).</summary>
        internal sealed class Branch
        {
            public Branch(IReadOnlyCollection<RouteMethod> methods, int regionStart, int regionEnd, int bodyStart, int bodyEnd, bool returns)
            {
                Methods = methods; RegionStart = regionStart; RegionEnd = regionEnd; BodyStart = bodyStart; BodyEnd = bodyEnd; Returns = returns;
            }
            /// <summary>The methods the branch runs for; empty for a fallthrough (a final <c>else</c>, a <c>default:</c>), which is no method's.</summary>
            public IReadOnlyCollection<RouteMethod> Methods { get; }
            public int RegionStart { get; }
            public int RegionEnd { get; }
            public int BodyStart { get; }
            public int BodyEnd { get; }
            /// <summary>The body ends in a <c>return</c> (or <c>throw</c>) at its own level: code after the branch does not run for its methods.</summary>
            public bool Returns { get; }
            public override string ToString() => "[" + string.Join(",", Methods) + "] " + RegionStart + "-" + RegionEnd + " body " + BodyStart + "-" + BodyEnd + (Returns ? " returns" : "");
        }

        /// <summary>
        /// The code ranges of one method of a handler that branches on <c>req.method</c> (SPEC §8): code outside every method
        /// branch applies to all methods (up to a branch of this method that returns), the method's own branch bodies are
        /// ranges of their own (so a guard at the top of the POST branch is unconditional for POST), other methods' branches
        /// and fallthroughs (a final <c>else</c>, <c>default:</c>, typically the 405) are left out. Ranges without method
        /// branches are kept as they are.
        /// </summary>
        internal static IReadOnlyList<KeyValuePair<int, int>> MethodRanges(ScriptSource source, RouteMethod method, IReadOnlyList<KeyValuePair<int, int>> spans)
        {
            var result = new List<KeyValuePair<int, int>>();
            foreach (var span in spans)
            {
                var branches = Branches(source, span.Key, span.Value);
                if (branches.Count == 0) { result.Add(span); continue; }
                int cut = span.Value, outer = span.Key;
                foreach (var b in branches)
                {
                    if (b.RegionStart < outer) continue;
                    outer = b.RegionEnd;
                    if (b.Returns && b.Methods.Contains(method)) { cut = b.RegionEnd; break; }
                }
                int at = span.Key;
                foreach (var b in branches)
                {
                    if (b.RegionStart >= cut) break;
                    if (b.RegionStart < at) continue; // inside a branch already taken or left out (an if within a case)
                    if (b.RegionStart > at) result.Add(new KeyValuePair<int, int>(at, b.RegionStart));
                    if (b.Methods.Contains(method) && b.BodyEnd > b.BodyStart) result.Add(new KeyValuePair<int, int>(b.BodyStart, b.BodyEnd));
                    at = Math.Max(at, b.RegionEnd);
                }
                if (cut > at) result.Add(new KeyValuePair<int, int>(at, cut));
            }
            return result;
        }

        /// <summary>The outermost method branches and fallthroughs within a range, in order (<c>if (req.method === 'POST')</c>, <c>switch (req.method)</c>).</summary>
        internal static List<Branch> Branches(ScriptSource source, int start, int end)
        {
            var code = source.Code;
            var found = new List<Branch>();
            end = Math.Min(end, code.Length);
            int covered = start;
            for (int k = code.IndexOf("if", start, Math.Max(0, end - start), StringComparison.Ordinal); k >= 0 && k < end;
                 k = k + 2 < end ? code.IndexOf("if", k + 2, end - k - 2, StringComparison.Ordinal) : -1)
            {
                if (k < covered || !CodeText.WordStart(code, k) || (k + 2 < code.Length && CodeText.IsIdent(code[k + 2]))) continue;
                int open = CodeText.SkipSpace(code, k + 2);
                if (open >= end || code[open] != '(') continue;
                int close = CodeText.MatchClose(code, open);
                if (close < 0 || close >= end) continue;
                var methods = ConditionMethods(source, open + 1, close, out bool negated);
                if (methods.Count == 0 || negated) continue;
                if (!BranchBody(code, close + 1, end, out int bodyStart, out int bodyEnd, out int regionEnd)) continue;
                found.Add(new Branch(methods, k, regionEnd, bodyStart, bodyEnd, Returns(code, bodyStart, bodyEnd)));
                covered = regionEnd;
                // A final else (not else-if) of a method branch is the fallthrough: no method's code.
                int next = CodeText.SkipSpace(code, regionEnd);
                if (CodeText.WordAt(code, next) == "else")
                {
                    int after = CodeText.SkipSpace(code, next + 4);
                    if (CodeText.WordAt(code, after) != "if" && BranchBody(code, next + 4, end, out int elseStart, out int elseEnd, out int elseRegionEnd))
                    {
                        found.Add(new Branch(Array.Empty<RouteMethod>(), next, elseRegionEnd, elseStart, elseEnd, false));
                        covered = elseRegionEnd;
                    }
                }
            }
            for (var sw = Switch.Match(code, start); sw.Success && sw.Index < end; sw = sw.NextMatch())
            {
                if (found.Any(b => sw.Index >= b.RegionStart && sw.Index < b.RegionEnd)) continue;
                int open = sw.Index + sw.Length - 1;
                int close = CodeText.MatchClose(code, open);
                if (close < 0 || close > end) continue;
                found.AddRange(Cases(source, open, close).Where(c => !found.Any(b => c.RegionStart >= b.RegionStart && c.RegionStart < b.RegionEnd)));
            }
            found.Sort((x, y) => x.RegionStart.CompareTo(y.RegionStart));
            return found;
        }

        /// <summary>The methods a condition compares <c>req.method</c> with (<c>===</c>/<c>==</c>, <c>['A','B'].includes(req.method)</c>); negated when it has <c>!==</c>/<c>!=</c>.</summary>
        private static SortedSet<RouteMethod> ConditionMethods(ScriptSource source, int start, int end, out bool negated)
        {
            var code = source.Code;
            var methods = new SortedSet<RouteMethod>();
            negated = false;
            void Literal(int quote)
            {
                if (source.TryReadLiteral(quote, out var value, out _) && PlanFiles.PlanEnum.TryParse<RouteMethod>(value.Trim().ToUpperInvariant(), out var m)
                    && value.Trim().Equals(m.ToString(), StringComparison.OrdinalIgnoreCase))
                    methods.Add(m);
            }
            for (var m = Compare.Match(code, start); m.Success && m.Index < end; m = m.NextMatch())
            {
                if (m.Value.IndexOf('!') >= 0) negated = true;
                else Literal(m.Index + m.Length);
            }
            for (var m = CompareReversed.Match(code, start); m.Success && m.Index < end; m = m.NextMatch())
            {
                if (m.Value.IndexOf("!=", StringComparison.Ordinal) >= 0) negated = true;
                else Literal(m.Index);
            }
            for (var m = Includes.Match(code, start); m.Success && m.Index < end; m = m.NextMatch())
            {
                int open = code.LastIndexOf('[', m.Index);
                if (open < start) continue;
                int before = open > 0 ? CodeText.SkipSpaceBack(code, open - 1) : -1;
                if (before >= 0 && code[before] == '!') { negated = true; continue; }
                for (int i = open + 1; i < m.Index; i++)
                {
                    char ch = code[i];
                    if (ch != '\'' && ch != '"' && ch != '`') continue;
                    Literal(i);
                    if (source.TryReadLiteral(i, out _, out var after)) i = Math.Max(i, after);
                }
            }
            return methods;
        }

        /// <summary>The body after an <c>if (…)</c> or <c>else</c>: a block (inside its braces) or one statement on its line.</summary>
        private static bool BranchBody(string code, int at, int limit, out int bodyStart, out int bodyEnd, out int regionEnd)
        {
            int k = CodeText.SkipSpace(code, at);
            bodyStart = bodyEnd = regionEnd = -1;
            if (k >= limit) return false;
            if (code[k] == '{')
            {
                int close = CodeText.MatchClose(code, k);
                if (close < 0 || close >= limit) return false;
                bodyStart = k + 1; bodyEnd = close; regionEnd = close + 1;
                return true;
            }
            int depth = 0, e = k;
            for (; e < limit; e++)
            {
                char c = code[e];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') { if (--depth < 0) break; }
                else if (c == ';' && depth == 0) { e++; break; }
                else if (c == '\n' && depth == 0) break;
            }
            bodyStart = k; bodyEnd = e; regionEnd = e;
            return e > k;
        }

        /// <summary>True when a branch body has a <c>return</c>/<c>throw</c> statement at its own level (not inside a nested block or a one-line <c>if</c>).</summary>
        private static bool Returns(string code, int start, int end)
        {
            int depth = 0;
            for (int k = start; k < end; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') { depth++; continue; }
                if (c == ')' || c == ']' || c == '}') { depth--; continue; }
                if (depth != 0 || (c != 'r' && c != 't') || !CodeText.WordStart(code, k)) continue;
                var word = CodeText.WordAt(code, k);
                if (word != "return" && word != "throw") continue;
                int j = CodeText.SkipSpaceBack(code, k - 1);
                if (j < start || code[j] == ';' || code[j] == '{' || code[j] == '}') return true;
                if (code.IndexOf('\n', j, k - j) < 0) continue; // same line as what precedes it: if (x) return
                if (code[j] == ')')
                {
                    int open = CodeText.MatchOpen(code, j, start);
                    var before = open < 0 ? "" : CodeText.WordBefore(code, open);
                    if (before != "if" && before != "for" && before != "while") return true;
                }
                else
                {
                    var before = CodeText.WordBefore(code, j + 1);
                    if (before != "else" && before != "do") return true;
                }
            }
            return false;
        }

        /// <summary>The case groups of <c>switch (req.method) { … }</c> between its braces; <c>default:</c> alone is a fallthrough.</summary>
        private static List<Branch> Cases(ScriptSource source, int open, int close)
        {
            var code = source.Code;
            var labels = new List<(int Start, int Colon, RouteMethod? Method, bool IsDefault)>();
            int depth = 0;
            for (int k = open + 1; k < close; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') { depth++; continue; }
                if (c == ')' || c == ']' || c == '}') { depth--; continue; }
                if (depth != 0 || (c != 'c' && c != 'd') || !CodeText.WordStart(code, k)) continue;
                var word = CodeText.WordAt(code, k);
                if (word == "case")
                {
                    int q = CodeText.SkipSpace(code, k + 4);
                    if (q >= close || !source.TryReadLiteral(q, out var value, out var after)) continue;
                    int colon = CodeText.SkipSpace(code, after);
                    if (colon >= close || code[colon] != ':') continue;
                    RouteMethod? m = PlanFiles.PlanEnum.TryParse<RouteMethod>(value.Trim().ToUpperInvariant(), out var parsed) && value.Trim().Equals(parsed.ToString(), StringComparison.OrdinalIgnoreCase) ? parsed : (RouteMethod?)null;
                    labels.Add((k, colon, m, false));
                    k = colon;
                }
                else if (word == "default")
                {
                    int colon = CodeText.SkipSpace(code, k + 7);
                    if (colon >= close || code[colon] != ':') continue;
                    labels.Add((k, colon, null, true));
                    k = colon;
                }
            }
            var branches = new List<Branch>();
            var methods = new SortedSet<RouteMethod>();
            int groupStart = -1;
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (groupStart < 0) groupStart = label.Start;
                if (label.Method.HasValue) methods.Add(label.Method.Value);
                int bodyStart = label.Colon + 1;
                int bodyEnd = i + 1 < labels.Count ? labels[i + 1].Start : close;
                // case 'GET': case 'HEAD': — labels without statements share the next body.
                if (i + 1 < labels.Count && code.Substring(bodyStart, bodyEnd - bodyStart).Trim().Length == 0) continue;
                bool fallthrough = methods.Count == 0;
                branches.Add(new Branch(fallthrough ? (IReadOnlyCollection<RouteMethod>)Array.Empty<RouteMethod>() : methods.ToList(), groupStart, bodyEnd, bodyStart, bodyEnd,
                    !fallthrough && Returns(code, bodyStart, bodyEnd)));
                methods = new SortedSet<RouteMethod>();
                groupStart = -1;
            }
            return branches;
        }

        /// <summary>Replaces a span, keeping the line breaks it held (after the new text), so no line moves.</summary>
        private static void Replace(StringBuilder text, int index, int length, string insert)
        {
            var breaks = new StringBuilder();
            for (int i = index; i < index + length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') breaks.Append(c);
            }
            text.Remove(index, length).Insert(index, insert + breaks);
        }

        private static int Close(string code, int open)
        {
            int depth = 0;
            for (int i = open; i < code.Length; i++)
            {
                if (code[i] == '{') depth++;
                else if (code[i] == '}' && --depth == 0) return i;
            }
            return code.Length;
        }
    }
}
