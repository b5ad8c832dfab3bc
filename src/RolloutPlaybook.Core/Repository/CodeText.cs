using System;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Bracket and word helpers over the blanked code of a <see cref="ScriptSource"/> (comments and literal
    /// contents are spaces there, so brackets inside them never count). Every helper is bounded by the text.
    /// </summary>
    internal static class CodeText
    {
        public static bool IsIdentStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        public static bool IsIdent(char c) => IsIdentStart(c) || (c >= '0' && c <= '9');

        /// <summary>The regex class <c>[ \t\r\n]</c> the recognisers' patterns allow between tokens (narrower than <see cref="SkipSpace"/>'s).</summary>
        public static bool IsSpaceOrNewline(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        public static int SkipSpace(string code, int k)
        {
            while (k < code.Length && char.IsWhiteSpace(code[k])) k++;
            return k;
        }

        public static int SkipSpaceBack(string code, int k)
        {
            while (k >= 0 && char.IsWhiteSpace(code[k])) k--;
            return k;
        }

        /// <summary>The identifier starting at an offset ("" when none).</summary>
        public static string WordAt(string code, int p)
        {
            int e = p;
            while (e < code.Length && IsIdent(code[e])) e++;
            return e == p ? "" : code.Substring(p, e - p);
        }

        /// <summary>The identifier ending just before <paramref name="end"/> (exclusive), skipping white space; "" when none.</summary>
        public static string WordBefore(string code, int end)
        {
            int k = SkipSpaceBack(code, end - 1);
            int e = k + 1;
            while (k >= 0 && IsIdent(code[k])) k--;
            return code.Substring(k + 1, e - k - 1);
        }

        /// <summary>True when no identifier character or '.' precedes the offset.</summary>
        public static bool WordStart(string code, int at) => at == 0 || (!IsIdent(code[at - 1]) && code[at - 1] != '.');

        /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1.</summary>
        public static int MatchClose(string code, int open)
        {
            int depth = 0;
            for (int k = open; k < code.Length; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') { if (--depth == 0) return k; if (depth < 0) return -1; }
            }
            return -1;
        }

        /// <summary>The index of the bracket opening the one at <paramref name="close"/>, not before <paramref name="floor"/>, or -1.</summary>
        public static int MatchOpen(string code, int close, int floor = 0)
        {
            int depth = 0;
            for (int k = close; k >= floor; k--)
            {
                char c = code[k];
                if (c == ')' || c == ']' || c == '}') depth++;
                else if (c == '(' || c == '[' || c == '{') { if (--depth == 0) return k; if (depth < 0) return -1; }
            }
            return -1;
        }

        /// <summary>The end of the statement starting at <paramref name="start"/>: a depth-0 ';', a closing bracket of the enclosing block, or a depth-0 line starting a new declaration.</summary>
        public static int StatementEnd(string code, int start)
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
                    int next = SkipSpace(code, k + 1);
                    var word = WordAt(code, next);
                    if (word == "export" || word == "function" || word == "const" || word == "let" || word == "var" || word == "import" || word == "async" || word == "class") return k;
                }
            }
            return code.Length;
        }

        /// <summary>The '{' opening a function body after its parameter list (skipping a return type), or -1.</summary>
        public static int FindBody(string code, int at)
        {
            int k = SkipSpace(code, at);
            if (k < code.Length && code[k] == ':')
            {
                int depth = 0;
                bool typeStart = true;
                for (k = SkipSpace(code, k + 1); k < code.Length; k++)
                {
                    char c = code[k];
                    if (c == '<' || c == '(' || c == '[') depth++;
                    else if (c == '>' && k > 0 && code[k - 1] == '=') { }
                    else if (c == '>' || c == ')' || c == ']') depth--;
                    else if (c == '{')
                    {
                        if (depth == 0 && !typeStart) return k;
                        int close = MatchClose(code, k);
                        if (close < 0) return -1;
                        k = close;
                    }
                    else if (c == ';') return -1;
                    if (!char.IsWhiteSpace(c)) typeStart = c == '|' || c == '&' || c == ':' || c == ',' || c == '<';
                }
                return -1;
            }
            if (k + 1 < code.Length && code[k] == '=' && code[k + 1] == '>') return -1;
            return k < code.Length && code[k] == '{' ? k : -1;
        }

        /// <summary>The receiver expression of a member access at <paramref name="dot"/>: <c>a.b(c).d</c> before <c>.json()</c>; its start is returned too.</summary>
        public static string Receiver(string code, int dot, int floor, out int start)
        {
            int k = dot - 1;
            int guard = 0;
            while (guard++ < 10000)
            {
                k = SkipSpaceBack(code, k);
                if (k < floor) break;
                char c = code[k];
                if (c == ')' || c == ']')
                {
                    int open = MatchOpen(code, k, floor);
                    if (open < floor) break;
                    k = open - 1;
                    continue;
                }
                if (IsIdent(c))
                {
                    while (k >= floor && IsIdent(code[k])) k--;
                    int j = SkipSpaceBack(code, k);
                    if (j >= floor && (code[j] == '.' || (code[j] == '?' && j + 1 < code.Length && code[j + 1] == '.')))
                    {
                        k = code[j] == '.' && j > floor && code[j - 1] == '?' ? j - 2 : j - 1;
                        continue;
                    }
                    if (j >= floor && code[j] == '!') { k = j - 1; continue; }
                    break;
                }
                break;
            }
            start = k + 1;
            return code.Substring(start, dot - start).Trim();
        }
    }
}
