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
