using System;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>The shapes an exported handler takes: <c>export function</c>, <c>export const NAME = …</c>, <c>export { a as GET }</c> lists, their parameters and bodies.</summary>
    internal sealed partial class RouteHandlerReader
    {
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
            if (text.Length > 0 && CodeText.IsIdentStart(text[0]))
            {
                int k = 0;
                while (k < text.Length && CodeText.IsIdent(text[k])) k++;
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
            if (init.Length > 0 && init.All(CodeText.IsIdent))
            {
                ResolveLocal(init, f, depth + 1);
                return;
            }
            f.Body.Add(new Span(start, end));
            InlineFunctionParameters(start, end, f);
            if (f.RequestName == null && !f.TakesRequest)
            {
                // A wrapper around a local function: withAuth(handler).
                // Matched in place over the untrimmed initializer: the trimmed white space is neither [\w$.] nor part of a word.
                for (var w = WholeWord.Match(code, start, end - start); w.Success; w = w.NextMatch())
                    if (ResolveLocal(w.Groups[1].Value, f, depth + 1)) break;
            }
        }

        private static readonly Regex WholeWord = new Regex(@"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex FunctionExpression = new Regex(@"\bfunction\b[ \t\r\n]*\*?[ \t\r\n]*[\w$]*[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The parameters of the first arrow function or function expression in a range.</summary>
        private void InlineFunctionParameters(int start, int end, Found f)
        {
            int arrow = code.IndexOf("=>", start, end - start, StringComparison.Ordinal);
            // Matched in place: Match(code, start, length) sees only the range, as on its substring.
            var fn = FunctionExpression.Match(code, start, end - start);
            int fnAt = fn.Success ? fn.Index + fn.Length - 1 : -1;
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
            else if (CodeText.IsIdent(code[k]))
            {
                int e = k + 1;
                while (k >= start && CodeText.IsIdent(code[k])) k--;
                f.TakesRequest = true;
                f.RequestName = code.Substring(k + 1, e - k - 1);
            }
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
    }
}
