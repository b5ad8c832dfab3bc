using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Options of the route scan. The quick per-handler patterns are fixed; what the plan names (<c>repository.guards</c>,
    /// <c>validators</c>) reaches the analysis through <see cref="CodeRecognition"/>, not through here.
    /// </summary>
    public sealed class RouteScanOptions
    {
        public const string DefaultAuthGuardPattern = @"requireRole\(|requireAuth\(|getServerSession\(";
        public const string DefaultValidationPattern = @"(?<!\bJSON)\.parse\(|\.safeParse\(";

        /// <summary>Called with each route file and its lexed text once it is read (the drafter reads writes from it without a second read).</summary>
        internal Action<RouteFile, ScriptSource>? SourceRead { get; set; }
    }

    /// <summary>Finds the exported HTTP handlers of a route file and the facts about each handler's body.</summary>
    internal sealed class RouteHandlerReader
    {
        // Patterns run on the blanked code, where comments and literal contents are spaces; none can backtrack badly.
        private static readonly Regex BodyRead = new Regex(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Upsert = new Regex(@"\.[ \t\r\n]*upsert[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex FromCall = new Regex(@"\.[ \t\r\n]*from[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecret = new Regex(@"CRON_SECRET(?![\w$])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecretDot = new Regex(@"\bprocess[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\.[ \t\r\n]*CRON_SECRET\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecretBracket = new Regex(@"\bprocess[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\[[ \t\r\n]*['""`]CRON_SECRET['""`]", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Comparison = new Regex(@"[!=]==?|timingSafeEqual[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Authorization = new Regex(@"authorization", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private static readonly Regex Bearer = new Regex(@"bearer", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private static readonly Regex ConstLiteral = new Regex(@"(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[ \t\r\n]*[\w$.]+[ \t\r\n]*)?=[ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private readonly ScriptSource src;
        private readonly string code;
        private readonly Regex authGuard;
        private readonly Regex validation;
        private Dictionary<string, string>? constants;
        private readonly bool hasUpsert;
        private readonly bool hasBodyRead;
        // Whole-file facts the per-handler checks share, found once per file on first use.
        private bool? fileReadsCronSecret;
        private List<KeyValuePair<int, string?>>? uniqueViolationCodes;
        private readonly HandlerAnalyzer? analyzer;
        private readonly ScriptModule? module;
        private readonly ModuleGraph? graph;

        public RouteHandlerReader(ScriptSource source, Regex authGuard, Regex validation, HandlerAnalyzer? analyzer = null, ScriptModule? module = null, ModuleGraph? graph = null)
        {
            this.analyzer = analyzer; this.module = module; this.graph = graph;
            src = source; code = source.Code; this.authGuard = authGuard; this.validation = validation;
            // Cheap whole-file checks first: most files have no upsert and many handlers read no body.
            hasUpsert = code.IndexOf("upsert", StringComparison.Ordinal) >= 0;
            hasBodyRead = code.IndexOf("json", StringComparison.Ordinal) >= 0 || code.IndexOf("formData", StringComparison.Ordinal) >= 0
                || code.IndexOf("text", StringComparison.Ordinal) >= 0;
        }

        private struct Span
        {
            public Span(int start, int end) { Start = start; End = end; }
            public int Start; public int End;
        }

        private sealed class Found
        {
            public RouteMethod Method;
            public int Line;
            public bool TakesRequest;
            public string? RequestName;
            public List<Span> Body = new List<Span>();
            /// <summary>Set for a handler re-exported from another module (<c>export { GET } from './impl'</c>, <c>export * from</c>): its name there.</summary>
            public bool ReExported;
        }

        /// <summary>
        /// The per-method narrowing of a handler's code ranges (a Pages Router default export split by its <c>req.method</c>
        /// branches); null keeps the ranges as read.
        /// </summary>
        internal Func<RouteMethod, IReadOnlyList<KeyValuePair<int, int>>, IReadOnlyList<KeyValuePair<int, int>>>? Narrow { get; set; }

        public IReadOnlyList<RouteHandler> Read()
        {
            var found = new Dictionary<RouteMethod, Found>();
            void Add(Found f) { if (!found.ContainsKey(f.Method)) found[f.Method] = f; }

            if (code.IndexOf("export", StringComparison.Ordinal) < 0) return Array.Empty<RouteHandler>();

            // One pass over the "export" keywords; the first export of a method wins.
            for (int k = code.IndexOf("export", StringComparison.Ordinal); k >= 0; k = code.IndexOf("export", k + 6, StringComparison.Ordinal))
            {
                if (!WordStart(k) || (k + 6 < code.Length && IsIdent(code[k + 6]))) continue;
                int p = SkipSpace(k + 6);
                if (p >= code.Length) break;
                if (code[p] == '{') { ExportList(p, Add); continue; }
                if (code[p] == '*' && graph != null && module != null)
                {
                    // export * from './impl': every method name the other module exports (followed when the facts are read).
                    foreach (RouteMethod method in Enum.GetValues(typeof(RouteMethod)))
                        if (graph.ExportedFunction(module, method.ToString()) != null) Add(new Found { Method = method, Line = src.LineOf(k), ReExported = true });
                    continue;
                }
                var word = WordAt(p);
                if (word == "async") { p = SkipSpace(p + 5); word = WordAt(p); }
                if (word == "function")
                {
                    p = SkipSpace(p + 8);
                    if (p < code.Length && code[p] == '*') p = SkipSpace(p + 1);
                    var name = WordAt(p);
                    if (!TryParse(name, out var method)) continue;
                    var f = new Found { Method = method, Line = src.LineOf(k) };
                    ReadFunction(p + name.Length, f);
                    Add(f);
                }
                else if (word == "const" || word == "let" || word == "var")
                {
                    p = SkipSpace(p + word.Length);
                    var name = WordAt(p);
                    if (!TryParse(name, out var method)) continue;
                    var f = new Found { Method = method, Line = src.LineOf(k) };
                    ReadInitializer(p + name.Length, f);
                    Add(f);
                }
            }

            return found.Values.OrderBy(f => f.Method).Select(Facts).ToList();
        }

        /// <summary><c>export { a as GET, POST }</c> at the '{'; a list followed by <c>from</c> re-exports another module (body unknown).</summary>
        private void ExportList(int open, Action<Found> add)
        {
            int close = MatchClose(open);
            if (close < 0) return;
            int after = SkipSpace(close + 1);
            bool external = WordAt(after) == "from";
            int at = open + 1;
            foreach (var item in code.Substring(open + 1, close - open - 1).Split(','))
            {
                int itemStart = at;
                at += item.Length + 1;
                var words = Regex.Matches(item, @"[A-Za-z_$][\w$]*").Cast<Match>().ToList();
                if (words.Count > 0 && words[0].Value == "type") words.RemoveAt(0);
                if (words.Count == 0) continue;
                var local = words[0].Value;
                var exported = words.Count >= 3 && words[1].Value == "as" ? words[2] : words[0];
                if (!TryParse(exported.Value, out var method)) continue;
                var f = new Found { Method = method, Line = src.LineOf(itemStart + exported.Index), ReExported = external };
                if (!external) ResolveLocal(local, f, 0);
                add(f);
            }
        }

        /// <summary>The identifier starting at an offset ("" when none).</summary>
        private string WordAt(int p)
        {
            int e = p;
            while (e < code.Length && IsIdent(code[e])) e++;
            return e == p ? "" : code.Substring(p, e - p);
        }

        private static bool TryParse(string name, out RouteMethod method)
        {
            switch (name)
            {
                case "GET": method = RouteMethod.GET; return true;
                case "POST": method = RouteMethod.POST; return true;
                case "PUT": method = RouteMethod.PUT; return true;
                case "PATCH": method = RouteMethod.PATCH; return true;
                case "DELETE": method = RouteMethod.DELETE; return true;
                default: method = default; return false;
            }
        }

        /// <summary>From just after a function's name: generics, parameters, return type, body.</summary>
        private void ReadFunction(int at, Found f)
        {
            int open = SkipSpace(at);
            if (open < code.Length && code[open] == '<') open = SkipSpace(SkipAngles(open));
            if (open >= code.Length || code[open] != '(') return;
            int close = MatchClose(open);
            if (close < 0) return;
            Parameters(open, close, f);
            int body = FindBody(close + 1);
            if (body < 0) return;
            int end = MatchClose(body);
            f.Body.Add(new Span(body, end < 0 ? code.Length : end + 1));
        }

        private void Parameters(int open, int close, Found f)
        {
            var text = code.Substring(open + 1, close - open - 1).Trim();
            f.TakesRequest = text.Length > 0;
            if (text.Length > 0 && IsIdentStart(text[0]))
            {
                int k = 0;
                while (k < text.Length && IsIdent(text[k])) k++;
                f.RequestName = text.Substring(0, k);
                if (f.RequestName == "this") { f.RequestName = null; f.TakesRequest = text.IndexOf(',') >= 0; }
            }
        }

        /// <summary>The '{' opening the body after a parameter list, skipping a return type annotation.</summary>
        private int FindBody(int at)
        {
            int k = SkipSpace(at);
            if (k < code.Length && code[k] == ':')
            {
                k = SkipSpace(k + 1);
                // An object type right after ':' is part of the type; the next depth-0 '{' is the body.
                int depth = 0;
                bool typeStart = true;
                for (; k < code.Length; k++)
                {
                    char c = code[k];
                    if (c == '<' || c == '(' || c == '[') depth++;
                    else if (c == '>' && k > 0 && code[k - 1] == '=') { } // '=>' in a function type
                    else if (c == '>' || c == ')' || c == ']') depth--;
                    else if (c == '{')
                    {
                        if (depth == 0 && !typeStart) return k;
                        int close = MatchClose(k);
                        if (close < 0) return -1;
                        k = close;
                    }
                    else if (c == ';') return -1;
                    if (!char.IsWhiteSpace(c)) typeStart = c == '|' || c == '&' || c == ':' || c == ',' || c == '<';
                }
                return -1;
            }
            return k < code.Length && code[k] == '{' ? k : -1;
        }

        /// <summary>
        /// From just after <c>export const NAME</c>: optional type, '=', then the initializer up to the statement's end.
        /// <paramref name="depth"/> counts the locals followed so far: <c>const handler = handler</c> ends the search.
        /// </summary>
        private void ReadInitializer(int at, Found f, int depth = 0)
        {
            int eq = -1, nesting = 0;
            for (int k = at; k < code.Length; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{' || c == '<') nesting++;
                else if (c == ')' || c == ']' || c == '}') nesting--;
                else if (c == '>' && code[k - 1] != '=') nesting--;
                else if (c == '=' && nesting <= 0 && (k + 1 >= code.Length || (code[k + 1] != '>' && code[k + 1] != '='))) { eq = k; break; }
                else if (c == ';') return;
            }
            if (eq < 0) return;
            int start = eq + 1, end = StatementEnd(start);
            var init = code.Substring(start, end - start).Trim();
            if (init.Length > 0 && init.All(IsIdent))
            {
                ResolveLocal(init, f, depth + 1);
                return;
            }
            f.Body.Add(new Span(start, end));
            InlineFunctionParameters(start, end, f);
            if (f.RequestName == null && !f.TakesRequest)
            {
                // A wrapper around a local function: withAuth(handler).
                foreach (Match w in Regex.Matches(init, @"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$])"))
                    if (ResolveLocal(w.Groups[1].Value, f, depth + 1)) break;
            }
        }

        /// <summary>The parameters of the first arrow function or function expression in a range.</summary>
        private void InlineFunctionParameters(int start, int end, Found f)
        {
            int arrow = code.IndexOf("=>", start, end - start, StringComparison.Ordinal);
            var fn = Regex.Match(code.Substring(start, end - start), @"\bfunction\b[ \t\r\n]*\*?[ \t\r\n]*[\w$]*[ \t\r\n]*\(");
            int fnAt = fn.Success ? start + fn.Index + fn.Length - 1 : -1;
            if (fnAt >= 0 && (arrow < 0 || fnAt < arrow))
            {
                int close = MatchClose(fnAt);
                if (close > 0) Parameters(fnAt, close, f);
                return;
            }
            if (arrow < 0) return;
            int k = arrow - 1;
            while (k >= start && char.IsWhiteSpace(code[k])) k--;
            if (k < start) return;
            if (code[k] == ')')
            {
                int open = MatchOpen(k);
                if (open >= 0) Parameters(open, k, f);
            }
            else if (code[k] == '>' )
            {
                // A return type annotation: (req: Request): Promise<Response> =>
                int colon = code.LastIndexOf("):", k, k - start + 1, StringComparison.Ordinal);
                if (colon >= 0) { int open = MatchOpen(colon); if (open >= 0) Parameters(open, colon, f); }
            }
            else if (IsIdent(code[k]))
            {
                int e = k + 1;
                while (k >= start && IsIdent(code[k])) k--;
                f.TakesRequest = true;
                f.RequestName = code.Substring(k + 1, e - k - 1);
            }
        }

        /// <summary>How many local definitions deep a name is followed (a const naming a function naming another, ...).</summary>
        private const int MaxLocalDepth = 3;

        /// <summary>Finds a local <c>function name</c> or <c>const name = …</c> and takes its parameters and body.</summary>
        private bool ResolveLocal(string name, Found f, int depth)
        {
            if (depth > MaxLocalDepth || name.Length == 0) return false;
            var escaped = Regex.Escape(name);
            var fn = Regex.Match(code, @"function[ \t\r\n]*\*?[ \t\r\n]*" + escaped + @"(?![\w$])");
            while (fn.Success && !WordStart(fn.Index)) fn = fn.NextMatch();
            if (fn.Success)
            {
                ReadFunction(fn.Index + fn.Length, f);
                return true;
            }
            var decl = Regex.Match(code, @"(?:const|let|var)[ \t\r\n]+" + escaped + @"(?![\w$])");
            while (decl.Success && !WordStart(decl.Index)) decl = decl.NextMatch();
            if (decl.Success)
            {
                var inner = new Found { Method = f.Method, Line = f.Line };
                ReadInitializer(decl.Index + decl.Length, inner, depth);
                f.TakesRequest = inner.TakesRequest; f.RequestName = inner.RequestName; f.Body.AddRange(inner.Body);
                return inner.Body.Count > 0;
            }
            return false;
        }

        /// <summary>The end of a statement that starts at <paramref name="start"/>: a depth-0 ';', or a depth-0 line that starts a new export.</summary>
        private int StatementEnd(int start)
        {
            int depth = 0;
            for (int k = start; k < code.Length; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') { depth--; if (depth < 0) return k; }
                else if (c == ';' && depth == 0) return k;
                else if (c == '\n' && depth == 0)
                {
                    int next = SkipSpace(k + 1);
                    if (string.CompareOrdinal(code, next, "export", 0, 6) == 0) return k;
                }
            }
            return code.Length;
        }

        private RouteHandler Facts(Found f)
        {
            int? auth = First(authGuard, f.Body);
            int? valid = First(validation, f.Body);
            int? bodyRead = f.TakesRequest && hasBodyRead ? FirstBodyRead(f) : null;
            int? cron = CronCheck(f.Body);
            var upserts = new List<UpsertCall>();
            if (hasUpsert)
                foreach (var span in f.Body)
                    for (var m = Upsert.Match(code, span.Start, span.End - span.Start); m.Success; m = m.NextMatch())
                        upserts.Add(ReadUpsert(m.Index, m.Index + m.Length - 1));
            int? unique = Find23505(f.Body);
            int endLine = f.Body.Count > 0 ? src.LineOf(Math.Max(f.Body[0].Start, f.Body[0].End - 1)) : f.Line;
            var handler = new RouteHandler(f.Method, f.Line, endLine, f.TakesRequest, upserts, bodyRead, valid, auth, cron, unique);
            if (analyzer != null && module != null)
            {
                if (f.ReExported)
                {
                    // export { GET } from './impl' / export { handler as GET } from '@/x': the handler is the function the other
                    // module exports under that name (ModuleGraph follows further re-exports, bounded; cycles end). Not found: no facts.
                    var target = graph?.ExportedFunction(module, f.Method.ToString());
                    if (target != null)
                        handler.Facts = analyzer.Analyze(target.Module, f.Method, target.Line, new[] { new KeyValuePair<int, int>(target.Start, target.End) },
                            target.Parameters.Count > 0 ? target.Parameters[0] : null);
                    return handler;
                }
                IReadOnlyList<KeyValuePair<int, int>> spans = f.Body.Select(s => new KeyValuePair<int, int>(s.Start, s.End)).ToList();
                if (Narrow != null) spans = Narrow(f.Method, spans);
                handler.Facts = analyzer.Analyze(module, f.Method, f.Line, spans, f.RequestName);
            }
            return handler;
        }

        private int? First(Regex pattern, List<Span> spans)
        {
            foreach (var span in spans)
            {
                var m = pattern.Match(code, span.Start, span.End - span.Start);
                if (m.Success) return src.LineOf(m.Index);
            }
            return null;
        }

        private int? FirstBodyRead(Found f)
        {
            foreach (var span in f.Body)
            {
                for (var m = BodyRead.Match(code, span.Start, span.End - span.Start); m.Success; m = m.NextMatch())
                {
                    var receiver = Receiver(m.Index, span.Start);
                    if (receiver.Length == 0) continue;
                    // The receiver is trimmed, so "^(?:NextResponse|Response)$" is an exact comparison.
                    bool isRequest = f.RequestName != null
                        ? NamesRequest(receiver, f.RequestName)
                        : receiver != "NextResponse" && receiver != "Response";
                    if (isRequest) return src.LineOf(m.Index);
                }
            }
            return null;
        }

        /// <summary>
        /// True when <paramref name="name"/> (an identifier: ASCII letters, digits, '_' and '$') stands in the receiver
        /// as a word of its own: what <c>(?&lt;![\w$.])name(?![\w$])</c> matches. Decided here for ASCII neighbours;
        /// a non-ASCII neighbour (where \w means a Unicode letter, digit or connector) is left to that regex.
        /// </summary>
        internal static bool NamesRequest(string receiver, string name)
        {
            for (int k = receiver.IndexOf(name, StringComparison.Ordinal); k >= 0; k = receiver.IndexOf(name, k + 1, StringComparison.Ordinal))
            {
                int after = k + name.Length;
                if ((k > 0 && receiver[k - 1] > '\u007f') || (after < receiver.Length && receiver[after] > '\u007f'))
                    return Regex.IsMatch(receiver, @"(?<![\w$.])" + Regex.Escape(name) + @"(?![\w$])");
                if (k > 0 && (IsIdent(receiver[k - 1]) || receiver[k - 1] == '.')) continue;
                if (after < receiver.Length && IsIdent(receiver[after])) continue;
                return true;
            }
            return false;
        }

        /// <summary>The receiver expression of a member access at <paramref name="dot"/>: <c>a.b(c).d</c> before <c>.json()</c>.</summary>
        private string Receiver(int dot, int floor)
        {
            int k = dot - 1;
            while (true)
            {
                while (k >= floor && char.IsWhiteSpace(code[k])) k--;
                if (k < floor) break;
                char c = code[k];
                if (c == ')' || c == ']')
                {
                    int open = MatchOpen(k);
                    if (open < floor) break;
                    k = open - 1;
                    continue;
                }
                if (IsIdent(c))
                {
                    while (k >= floor && IsIdent(code[k])) k--;
                    int j = k;
                    while (j >= floor && char.IsWhiteSpace(code[j])) j--;
                    if (j >= floor && (code[j] == '.' || (code[j] == '?' && j + 1 < code.Length && code[j + 1] == '.')))
                    {
                        k = code[j] == '.' && j > floor && code[j - 1] == '?' ? j - 2 : j - 1;
                        continue;
                    }
                    if (j >= floor && code[j] == '!') { k = j - 1; continue; } // non-null assertion
                    break;
                }
                break;
            }
            int from = k + 1;
            return code.Substring(from, dot - from).Trim();
        }

        private int? CronCheck(List<Span> spans)
        {
            fileReadsCronSecret ??= src.Raw.IndexOf("CRON_SECRET", StringComparison.Ordinal) >= 0
                && (CronSecretDot.IsMatch(code) || CronSecretBracket.IsMatch(src.Raw));
            if (!fileReadsCronSecret.Value) return null;
            foreach (var span in spans)
            {
                int length = span.End - span.Start;
                var secret = CronSecret.Match(code, span.Start, length);
                while (secret.Success && secret.Index > 0 && IsIdent(code[secret.Index - 1])) secret = secret.NextMatch();
                var bracket = CronSecretBracket.Match(src.Raw, span.Start, length);
                int at = secret.Success ? secret.Index : bracket.Success ? bracket.Index : -1;
                if (at < 0) continue;
                if (!Comparison.Match(code, span.Start, length).Success) continue;
                if (!Authorization.Match(src.Raw, span.Start, length).Success) continue;
                if (!Bearer.Match(src.Raw, span.Start, length).Success) continue;
                return src.LineOf(at);
            }
            return null;
        }

        private int? Find23505(List<Span> spans)
        {
            // The file's '23505's outside comments, each with the constant it initialises (if any), found once per file.
            if (uniqueViolationCodes == null)
            {
                var raw = src.Raw;
                uniqueViolationCodes = new List<KeyValuePair<int, string?>>();
                for (int k = raw.IndexOf("23505", StringComparison.Ordinal); k >= 0; k = raw.IndexOf("23505", k + 5, StringComparison.Ordinal))
                    if (!src.InComment(k)) uniqueViolationCodes.Add(new KeyValuePair<int, string?>(k, ConstantNameBefore(k - 1)));
            }
            if (uniqueViolationCodes.Count == 0) return null;
            var constants = new List<string>();
            foreach (var occurrence in uniqueViolationCodes)
            {
                int k = occurrence.Key;
                foreach (var span in spans) if (k >= span.Start && k < span.End) return src.LineOf(k);
                if (occurrence.Value != null) constants.Add(occurrence.Value);
            }
            // A module constant holding '23505' used in the handler.
            foreach (var name in constants)
                foreach (var span in spans)
                    for (int k = code.IndexOf(name, span.Start, span.End - span.Start, StringComparison.Ordinal); k >= 0;
                         k = k + name.Length < span.End ? code.IndexOf(name, k + name.Length, span.End - k - name.Length, StringComparison.Ordinal) : -1)
                        if ((k == 0 || !IsIdent(code[k - 1])) && (k + name.Length >= code.Length || !IsIdent(code[k + name.Length]))) return src.LineOf(k);
            return null;
        }

        /// <summary>For a literal whose quote is at <paramref name="quote"/>: the NAME of <c>const NAME = '…'</c>, or null.</summary>
        private string? ConstantNameBefore(int quote)
        {
            if (quote < 1 || (code[quote] != '\'' && code[quote] != '"' && code[quote] != '`')) return null;
            int k = quote - 1;
            while (k >= 0 && char.IsWhiteSpace(code[k])) k--;
            if (k < 0 || code[k] != '=') return null;
            k--;
            while (k >= 0 && char.IsWhiteSpace(code[k])) k--;
            int end = k + 1;
            while (k >= 0 && IsIdent(code[k])) k--;
            if (end - k - 1 == 0) return null;
            var name = code.Substring(k + 1, end - k - 1);
            while (k >= 0 && char.IsWhiteSpace(code[k])) k--;
            int wordEnd = k + 1;
            while (k >= 0 && IsIdent(code[k])) k--;
            var keyword = code.Substring(k + 1, wordEnd - k - 1);
            return keyword == "const" || keyword == "let" || keyword == "var" ? name : null;
        }

        /// <summary>Module-level <c>const NAME = 'literal'</c> values (for onConflict and 23505 held in constants).</summary>
        private Dictionary<string, string> Constants()
        {
            if (constants != null) return constants;
            constants = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match m in ConstLiteral.Matches(code))
                if (WordStart(m.Index) && !constants.ContainsKey(m.Groups[1].Value) && src.TryReadLiteral(m.Index + m.Length, out var value, out _))
                    constants[m.Groups[1].Value] = value;
            return constants;
        }

        /// <summary>How far an <c>onConflict</c> value is read for the name of a constant (identifiers are shorter).</summary>
        private const int IdentifierWindow = 128;

        /// <summary>Reads <c>.upsert(rows, { onConflict: '…', ignoreDuplicates: true })</c>; <paramref name="open"/> is the '('.</summary>
        private UpsertCall ReadUpsert(int dot, int open)
        {
            int line = src.LineOf(dot);
            string? table = null;
            var receiver = Receiver(dot, 0);
            int receiverStart = dot - receiver.Length;
            // The last .from('x') of the chain names the table.
            if (receiverStart < dot)
            {
                var froms = FromCall.Matches(code.Substring(receiverStart, dot - receiverStart));
                if (froms.Count > 0)
                {
                    var m = froms[froms.Count - 1];
                    if (src.TryReadLiteral(receiverStart + m.Index + m.Length, out var name, out _)) table = name;
                }
            }
            int close = MatchClose(open);
            if (close < 0) return new UpsertCall(table, null, false, line);
            int options = SecondArgumentObject(open, close);
            IReadOnlyList<string>? onConflict = null;
            bool ignore = false;
            if (options >= 0)
            {
                int optionsEnd = MatchClose(options);
                if (optionsEnd < 0) optionsEnd = close;
                var keys = Regex.Matches(code.Substring(options, optionsEnd - options), @"(?<![\w$])(onConflict|ignoreDuplicates)[ \t\r\n]*:[ \t\r\n]*");
                foreach (Match key in keys)
                {
                    int valueAt = options + key.Index + key.Length;
                    if (key.Groups[1].Value == "onConflict")
                    {
                        string? text = null;
                        if (src.TryReadLiteral(valueAt, out var literal, out _)) text = literal;
                        else
                        {
                            var ident = Regex.Match(code.Substring(valueAt, Math.Min(IdentifierWindow, code.Length - valueAt)), @"^[A-Za-z_$][\w$]*");
                            if (ident.Success && Constants().TryGetValue(ident.Value, out var constant)) text = constant;
                        }
                        if (text != null)
                            onConflict = text.Split(',').Select(c => c.Trim().Trim('"')).Where(c => c.Length > 0).ToList();
                    }
                    else
                    {
                        ignore = string.CompareOrdinal(code, valueAt, "true", 0, 4) == 0;
                    }
                }
            }
            return new UpsertCall(table, onConflict, ignore, line);
        }

        /// <summary>The '{' of an object literal that is the second argument of a call, or -1.</summary>
        private int SecondArgumentObject(int open, int close)
        {
            int depth = 0;
            for (int k = open + 1; k < close; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (c == ',' && depth == 0)
                {
                    int next = SkipSpace(k + 1);
                    return next < close && code[next] == '{' ? next : -1;
                }
            }
            return -1;
        }

        private int SkipSpace(int k)
        {
            while (k < code.Length && char.IsWhiteSpace(code[k])) k++;
            return k;
        }

        private int SkipAngles(int open)
        {
            int depth = 0;
            for (int k = open; k < code.Length; k++)
            {
                if (code[k] == '<') depth++;
                else if (code[k] == '>' && code[k - 1] != '=' && --depth == 0) return k + 1;
            }
            return code.Length;
        }

        /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1.</summary>
        internal int MatchClose(int open)
        {
            // Bodies are most of a file: one table look-up per character instead of six comparisons.
            var text = code;
            var brackets = Brackets;
            int depth = 0;
            for (int k = open; k < text.Length; k++)
            {
                char c = text[k];
                if (c >= 128) continue;
                int step = brackets[c];
                if (step == 0) continue;
                depth += step;
                if (step < 0) { if (depth == 0) return k; if (depth < 0) return -1; }
            }
            return -1;
        }

        /// <summary>+1 for an opening bracket ( [ {, -1 for a closing one, 0 for any other ASCII character.</summary>
        private static readonly sbyte[] Brackets = BuildBrackets();

        private static sbyte[] BuildBrackets()
        {
            var table = new sbyte[128];
            table['('] = table['['] = table['{'] = 1;
            table[')'] = table[']'] = table['}'] = -1;
            return table;
        }

        private int MatchOpen(int close)
        {
            int depth = 0;
            for (int k = close; k >= 0; k--)
            {
                char c = code[k];
                if (c == ')' || c == ']' || c == '}') depth++;
                else if (c == '(' || c == '[' || c == '{') { if (--depth == 0) return k; if (depth < 0) return -1; }
            }
            return -1;
        }

        /// <summary>True when no identifier character or '.' precedes the offset (a word starts there, not a member access).</summary>
        private bool WordStart(int at) => at == 0 || (!IsIdent(code[at - 1]) && code[at - 1] != '.');

        private static bool IsIdentStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        private static bool IsIdent(char c) => IsIdentStart(c) || (c >= '0' && c <= '9');
    }
}
