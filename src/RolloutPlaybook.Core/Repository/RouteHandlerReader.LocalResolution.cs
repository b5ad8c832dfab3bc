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
    }
}
