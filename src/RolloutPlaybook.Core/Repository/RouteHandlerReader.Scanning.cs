using System;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>Navigation on the blanked code: matching brackets, skipping space and type arguments, identifiers.</summary>
    internal sealed partial class RouteHandlerReader
    {
        /// <summary>The identifier starting at an offset ("" when none).</summary>
        private string WordAt(int p)
        {
            int e = p;
            while (e < code.Length && CodeText.IsIdent(code[e])) e++;
            return e == p ? "" : code.Substring(p, e - p);
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
        private bool WordStart(int at) => at == 0 || (!CodeText.IsIdent(code[at - 1]) && code[at - 1] != '.');

    }
}
