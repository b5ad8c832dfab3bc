using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>Following a local name to its definition (<c>const handler = …</c>, <c>function handler</c>) and module-level string constants.</summary>
    internal sealed partial class RouteHandlerReader
    {
        private static readonly Regex ConstLiteral = new Regex(@"(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[ \t\r\n]*[\w$.]+[ \t\r\n]*)?=[ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>How many local definitions deep a name is followed (a const naming a function naming another, ...).</summary>
        private const int MaxLocalDepth = 3;

        /// <summary>Finds a local <c>function name</c> or <c>const name = …</c> and takes its parameters and body.</summary>
        private bool ResolveLocal(string name, Found f, int depth)
        {
            if (depth > MaxLocalDepth || name.Length == 0) return false;
            // function[ \t\r\n]*\*?[ \t\r\n]*NAME(?![\w$]), the first match that starts a word.
            int fnEnd = FirstDefinition(code, name, FunctionKeyword);
            if (fnEnd >= 0)
            {
                ReadFunction(fnEnd, f);
                return true;
            }
            // (?:const|let|var)[ \t\r\n]+NAME(?![\w$]), the first match that starts a word.
            int declEnd = FirstDefinition(code, name, DeclarationKeywords);
            if (declEnd >= 0)
            {
                var inner = new Found { Method = f.Method, Line = f.Line };
                ReadInitializer(declEnd, inner, depth);
                f.TakesRequest = inner.TakesRequest; f.RequestName = inner.RequestName; f.Body.AddRange(inner.Body);
                return inner.Body.Count > 0;
            }
            return false;
        }

        internal static readonly string[] FunctionKeyword = { "function" };
        internal static readonly string[] DeclarationKeywords = { "const", "let", "var" };

        /// <summary>
        /// The end of the first <c>KEYWORD NAME</c> in the file that starts a word (<see cref="CodeText.WordStart"/>), or -1: what
        /// the regex <c>(?:kw1|kw2)[ \t\r\n]+NAME(?![\w$])</c> (for "function": <c>function[ \t\r\n]*\*?[ \t\r\n]*NAME(?![\w$])</c>)
        /// finds when its matches are walked in order, without building a regex per name. A match that does not start a
        /// word is skipped whole, as NextMatch would.
        /// </summary>
        internal static int FirstDefinition(string code, string name, string[] keywords)
        {
            bool function = keywords == FunctionKeyword;
            // The next occurrence of each keyword (at most three: "const", "let", "var"), kept in locals.
            if (keywords.Length > 3) throw new ArgumentException("at most three keywords", nameof(keywords));
            int next0 = keywords.Length > 0 ? code.IndexOf(keywords[0], StringComparison.Ordinal) : -1;
            int next1 = keywords.Length > 1 ? code.IndexOf(keywords[1], StringComparison.Ordinal) : -1;
            int next2 = keywords.Length > 2 ? code.IndexOf(keywords[2], StringComparison.Ordinal) : -1;
            int pos = 0;
            while (true)
            {
                // The leftmost keyword at or after pos (the keywords start with different letters: one per offset).
                int k = -1, which = -1;
                if (next0 >= 0 && next0 < pos) next0 = code.IndexOf(keywords[0], pos, StringComparison.Ordinal);
                if (next0 >= 0) { k = next0; which = 0; }
                if (next1 >= 0 && next1 < pos) next1 = code.IndexOf(keywords[1], pos, StringComparison.Ordinal);
                if (next1 >= 0 && (k < 0 || next1 < k)) { k = next1; which = 1; }
                if (next2 >= 0 && next2 < pos) next2 = code.IndexOf(keywords[2], pos, StringComparison.Ordinal);
                if (next2 >= 0 && (k < 0 || next2 < k)) { k = next2; which = 2; }
                if (k < 0) return -1;
                int p = k + keywords[which].Length, spaceStart = p;
                while (p < code.Length && CodeText.IsSpaceOrNewline(code[p])) p++;
                if (function)
                {
                    if (p < code.Length && code[p] == '*') p++;
                    while (p < code.Length && CodeText.IsSpaceOrNewline(code[p])) p++;
                }
                int end = p + name.Length;
                bool matches = (function || p > spaceStart) && end <= code.Length && string.CompareOrdinal(code, p, name, 0, name.Length) == 0
                    && (end == code.Length || !IdentifierTokens.IsWordOrDollar(code[end]));
                if (!matches) { pos = k + 1; continue; }
                if (CodeText.WordStart(code, k)) return end;
                pos = end;
            }
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
            while (k >= 0 && CodeText.IsIdent(code[k])) k--;
            if (end - k - 1 == 0) return null;
            var name = code.Substring(k + 1, end - k - 1);
            while (k >= 0 && char.IsWhiteSpace(code[k])) k--;
            int wordEnd = k + 1;
            while (k >= 0 && CodeText.IsIdent(code[k])) k--;
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
    }
}
