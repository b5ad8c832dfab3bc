using System;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The declaration patterns <see cref="ScriptModule"/> reads a file with, scanned by hand: each Next* method finds
    /// the next match at or after an offset exactly where (and with exactly the groups) the regex in its comment
    /// finds it when its matches are walked with <c>Match</c>/<c>NextMatch</c> (ScriptModuleScansTests compares both
    /// on the corpus and on the route-file fuzzer's mutations). Each is a keyword found with <c>IndexOf</c>, then the
    /// rest read in one pass: the regexes' backtracking never changes a result (argued at each), so none is needed.
    /// Character classes as the regexes read them: <c>\b</c> is <see cref="RecognizerText.IsBoundaryWordChar"/>, <c>[\w$]</c>
    /// <see cref="IdentifierTokens.IsWordOrDollar"/>, <c>[A-Za-z_$]</c> <see cref="CodeText.IsIdentStart"/>,
    /// <c>[ \t\r\n]</c> <see cref="CodeText.IsSpaceOrNewline"/>.
    /// </summary>
    internal static class ScriptModuleScans
    {
        /// <summary>
        /// <c>\bimport[ \t\r\n]+(?:type[ \t\r\n]+)?([^;'"`]{0,2000}?)[ \t\r\n]*\bfrom[ \t\r\n]*(?=['"])</c>: the match's
        /// start, its clause (group 1) and its end (the quote of the specifier).
        /// The first way through always decides: fewer spaces, or "type" read into the clause, only start the clause
        /// earlier (a shorter reach, the same places where "from" can follow), so a match is the shortest clause after
        /// all the spaces and the optional "type ".
        /// </summary>
        public static bool NextImportFrom(string code, int from, out int index, out int clauseStart, out int clauseEnd, out int end)
        {
            for (int i = code.IndexOf("import", from, StringComparison.Ordinal); i >= 0; i = code.IndexOf("import", i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + 6);
                if (k == i + 6) continue;
                if (At(code, k, "type"))
                {
                    int t = SkipSpaces(code, k + 4);
                    if (t > k + 4) k = t;
                }
                int limit = Math.Min(k + 2000, code.Length);
                for (int p = k; p <= limit;)
                {
                    // [ \t\r\n]*\bfrom[ \t\r\n]*(?=['"]) at p: every position of a run of spaces answers as its first does.
                    int q = SkipSpaces(code, p);
                    if (At(code, q, "from") && !RecognizerText.IsBoundaryWordChar(code[q - 1]))
                    {
                        int e = SkipSpaces(code, q + 4);
                        if (e < code.Length && (code[e] == '\'' || code[e] == '"'))
                        {
                            index = i; clauseStart = k; clauseEnd = p; end = e;
                            return true;
                        }
                    }
                    if (p == code.Length) break;
                    char c = code[p];
                    if (c == ';' || c == '\'' || c == '"' || c == '`') break;
                    p = q > p ? q : p + 1;
                }
            }
            index = clauseStart = clauseEnd = end = -1;
            return false;
        }

        /// <summary>
        /// <c>\bfunction[ \t\r\n]*\*?[ \t\r\n]*([A-Za-z_$][\w$]*)[ \t\r\n]*(?=[(&lt;])</c>: the match's start, the name
        /// (group 1) and its end (the '(' or '&lt;'). Backtracking cannot help: a shorter name or fewer spaces leave a
        /// name character or a space where '(' or '&lt;' must be.
        /// </summary>
        public static bool NextFunctionDecl(string code, int from, out int index, out int nameStart, out int nameEnd, out int end)
        {
            for (int i = code.IndexOf("function", from, StringComparison.Ordinal); i >= 0; i = code.IndexOf("function", i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + 8);
                if (k < code.Length && code[k] == '*') k = SkipSpaces(code, k + 1);
                int nameAt = k;
                if (!Name(code, ref k)) continue;
                int e = SkipSpaces(code, k);
                if (e < code.Length && (code[e] == '(' || code[e] == '<'))
                {
                    index = i; nameStart = nameAt; nameEnd = k; end = e;
                    return true;
                }
            }
            index = nameStart = nameEnd = end = -1;
            return false;
        }

        /// <summary>
        /// <c>\b(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;\n]{0,200})?=(?![=&gt;])</c>, one keyword at a
        /// time (<see cref="VarDecls"/> walks all three in order). The type annotation's run stops at its first '=', ';' or
        /// line break (or after 200 characters), where '=' must be: a shorter run leaves another character there.
        /// </summary>
        private static bool VarDeclAt(string code, int i, int keyword, out int nameStart, out int nameEnd, out int end)
        {
            nameStart = nameEnd = end = -1;
            if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) return false;
            int k = i + keyword;
            if (k >= code.Length || !CodeText.IsSpaceOrNewline(code[k])) return false;
            k = SkipSpaces(code, k);
            int nameAt = k;
            if (!Name(code, ref k)) return false;
            int nameAfter = k;
            k = SkipSpaces(code, k);
            if (k < code.Length && code[k] == ':')
            {
                int t = k + 1, limit = Math.Min(code.Length, k + 1 + 200);
                while (t < limit && code[t] != '=' && code[t] != ';' && code[t] != '\n') t++;
                k = t;
            }
            if (k >= code.Length || code[k] != '=') return false;
            if (k + 1 < code.Length && (code[k + 1] == '=' || code[k + 1] == '>')) return false;
            nameStart = nameAt; nameEnd = nameAfter; end = k + 1;
            return true;
        }

        /// <summary>
        /// The matches of the declaration pattern of <see cref="VarDeclAt"/>, in order: the next occurrence of each keyword
        /// is kept, and the nearest tried first (at one offset only one keyword can be: they start with different letters).
        /// </summary>
        internal struct VarDecls
        {
            private readonly string code;
            private int nextConst, nextLet, nextVar;

            public VarDecls(string code)
            {
                this.code = code;
                nextConst = code.IndexOf("const", StringComparison.Ordinal);
                nextLet = code.IndexOf("let", StringComparison.Ordinal);
                nextVar = code.IndexOf("var", StringComparison.Ordinal);
            }

            public bool Next(out int index, out int nameStart, out int nameEnd, out int end)
            {
                while (true)
                {
                    int i = Nearest(nextConst, Nearest(nextLet, nextVar));
                    if (i < 0) break;
                    int length = i == nextConst ? 5 : 3;
                    bool hit = VarDeclAt(code, i, length, out nameStart, out nameEnd, out end);
                    // The next search starts after the match (matches do not overlap), or one past a failed start.
                    int after = hit ? end : i + 1;
                    if (nextConst >= 0 && nextConst < after) nextConst = code.IndexOf("const", after, StringComparison.Ordinal);
                    if (nextLet >= 0 && nextLet < after) nextLet = code.IndexOf("let", after, StringComparison.Ordinal);
                    if (nextVar >= 0 && nextVar < after) nextVar = code.IndexOf("var", after, StringComparison.Ordinal);
                    if (hit) { index = i; return true; }
                }
                index = nameStart = nameEnd = end = -1;
                return false;
            }

            private static int Nearest(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);
        }

        /// <summary>
        /// The last match before <paramref name="before"/> of <c>\b(?:const|let|var)[ \t\r\n]+NAME[ \t\r\n]*(?::[^=;]{0,200})?=(?![=&gt;])</c>
        /// (NAME the name, literally) when its matches are walked in order: the match's end (after the '='), or -1. As for
        /// <see cref="VarDeclAt"/>, the first way through decides (the annotation's run stops at its first '=' or ';' or
        /// after 200 characters, line breaks included).
        /// </summary>
        public static int LastDeclarationBefore(string code, string name, int before)
        {
            int last = -1;
            int nextConst = code.IndexOf("const", StringComparison.Ordinal), nextLet = code.IndexOf("let", StringComparison.Ordinal), nextVar = code.IndexOf("var", StringComparison.Ordinal);
            while (true)
            {
                int i = Nearest(nextConst, Nearest(nextLet, nextVar));
                if (i < 0 || i >= before) return last;
                int end = DeclarationOf(code, i, i == nextConst ? 5 : 3, name);
                if (end >= 0) last = end;
                int after = end >= 0 ? end : i + 1;
                if (nextConst >= 0 && nextConst < after) nextConst = code.IndexOf("const", after, StringComparison.Ordinal);
                if (nextLet >= 0 && nextLet < after) nextLet = code.IndexOf("let", after, StringComparison.Ordinal);
                if (nextVar >= 0 && nextVar < after) nextVar = code.IndexOf("var", after, StringComparison.Ordinal);
            }
        }

        private static int Nearest(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

        /// <summary>The declaration pattern of <see cref="LastDeclarationBefore"/> at a keyword: its end, or -1.</summary>
        private static int DeclarationOf(string code, int i, int keyword, string name)
        {
            if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) return -1;
            int k = i + keyword;
            if (k >= code.Length || !CodeText.IsSpaceOrNewline(code[k])) return -1;
            k = SkipSpaces(code, k);
            if (!At(code, k, name)) return -1;
            k = SkipSpaces(code, k + name.Length);
            if (k < code.Length && code[k] == ':')
            {
                int t = k + 1, limit = Math.Min(code.Length, k + 1 + 200);
                while (t < limit && code[t] != '=' && code[t] != ';') t++;
                k = t;
            }
            if (k >= code.Length || code[k] != '=') return -1;
            if (k + 1 < code.Length && (code[k + 1] == '=' || code[k + 1] == '>')) return -1;
            return k + 1;
        }

        /// <summary>
        /// <c>(?&lt;![\w$])NAME[ \t\r\n]*\.[ \t\r\n]*(?:push|unshift)[ \t\r\n]*\(</c> (NAME the name, literally): the next match at or
        /// after <paramref name="from"/>, as its end (after the '('), or -1.
        /// </summary>
        public static int NextPush(string code, string name, int from)
        {
            for (int i = code.IndexOf(name, from, StringComparison.Ordinal); i >= 0; i = code.IndexOf(name, i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && IdentifierTokens.IsWordOrDollar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + name.Length);
                if (k >= code.Length || code[k] != '.') continue;
                k = SkipSpaces(code, k + 1);
                if (At(code, k, "push")) k += 4;
                else if (At(code, k, "unshift")) k += 7;
                else continue;
                k = SkipSpaces(code, k);
                if (k < code.Length && code[k] == '(') return k + 1;
            }
            return -1;
        }

        /// <summary>
        /// <c>\bexport[ \t\r\n]*(\*|\{[^}]{0,2000}\})[ \t\r\n]*(?:as[ \t\r\n]+[\w$]+[ \t\r\n]*)?from[ \t\r\n]*(?=['"])</c>: the
        /// match's start, what is exported (group 1) and its end (the quote). The one place backtracking matters is the
        /// <c>as</c> name: when "from" does not follow the whole name, the regex gives the name back until it does, which
        /// only a name ending in "from" allows (<c>export * as xfrom 'y'</c> re-exports all of 'y').
        /// </summary>
        public static bool NextExportFrom(string code, int from, out int index, out int whatStart, out int whatEnd, out int end)
        {
            for (int i = code.IndexOf("export", from, StringComparison.Ordinal); i >= 0; i = code.IndexOf("export", i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + 6);
                if (k >= code.Length) continue;
                int what = k, whatAfter;
                if (code[k] == '*') whatAfter = k + 1;
                else if (code[k] == '{')
                {
                    int close = CloseBrace(code, k);
                    if (close < 0) continue;
                    whatAfter = close + 1;
                }
                else continue;
                k = SkipSpaces(code, whatAfter);
                int e;
                if (At(code, k, "as") && k + 2 < code.Length && CodeText.IsSpaceOrNewline(code[k + 2]))
                {
                    int a = SkipSpaces(code, k + 2), b = a;
                    while (b < code.Length && IdentifierTokens.IsWordOrDollar(code[b])) b++;
                    if (b > a && (FromQuote(code, SkipSpaces(code, b), out e) || (b - a >= 5 && At(code, b - 4, "from") && FromQuote(code, b - 4, out e))))
                    {
                        index = i; whatStart = what; whatEnd = whatAfter; end = e;
                        return true;
                    }
                }
                if (FromQuote(code, k, out e))
                {
                    index = i; whatStart = what; whatEnd = whatAfter; end = e;
                    return true;
                }
            }
            index = whatStart = whatEnd = end = -1;
            return false;
        }

        /// <summary>
        /// <c>\bexport[ \t\r\n]*\{([^}]{0,2000})\}(?![ \t\r\n]*from)</c>: the match's start, the list (group 1) and its end
        /// (after the '}').
        /// </summary>
        public static bool NextExportList(string code, int from, out int index, out int listStart, out int listEnd, out int end)
        {
            for (int i = code.IndexOf("export", from, StringComparison.Ordinal); i >= 0; i = code.IndexOf("export", i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + 6);
                if (k >= code.Length || code[k] != '{') continue;
                int close = CloseBrace(code, k);
                if (close < 0 || At(code, SkipSpaces(code, close + 1), "from")) continue;
                index = i; listStart = k + 1; listEnd = close; end = close + 1;
                return true;
            }
            index = listStart = listEnd = end = -1;
            return false;
        }

        /// <summary>
        /// The first match of <c>\bexport[ \t\r\n]+default[ \t\r\n]+(?:async[ \t\r\n]+)?(?:function[ \t\r\n]*\*?[ \t\r\n]*)?([A-Za-z_$][\w$]*)</c>
        /// in the code: its name (group 1). The regex's order of trials: with "async " and "function" when both lead to a
        /// name, then "async " alone, then "function" alone, then the name right there (<c>export default async (req) =&gt;</c>
        /// names "async", <c>export default function (req)</c> names "function").
        /// </summary>
        public static bool FirstExportDefault(string code, out int nameStart, out int nameEnd)
        {
            for (int i = code.IndexOf("export", StringComparison.Ordinal); i >= 0; i = code.IndexOf("export", i + 1, StringComparison.Ordinal))
            {
                if (i > 0 && RecognizerText.IsBoundaryWordChar(code[i - 1])) continue;
                int k = SkipSpaces(code, i + 6);
                if (k == i + 6 || !At(code, k, "default")) continue;
                int p = SkipSpaces(code, k + 7);
                if (p == k + 7) continue;
                if (At(code, p, "async") && p + 5 < code.Length && CodeText.IsSpaceOrNewline(code[p + 5]))
                {
                    int q = SkipSpaces(code, p + 5);
                    if (FunctionThenName(code, q, out nameStart, out nameEnd)) return true;
                    nameStart = nameEnd = q;
                    if (Name(code, ref nameEnd)) return true;
                }
                if (FunctionThenName(code, p, out nameStart, out nameEnd)) return true;
                nameStart = nameEnd = p;
                if (Name(code, ref nameEnd)) return true;
            }
            nameStart = nameEnd = -1;
            return false;
        }

        /// <summary><c>function[ \t\r\n]*\*?[ \t\r\n]*([A-Za-z_$][\w$]*)</c> at an offset.</summary>
        private static bool FunctionThenName(string code, int at, out int nameStart, out int nameEnd)
        {
            nameStart = nameEnd = -1;
            if (!At(code, at, "function")) return false;
            int k = SkipSpaces(code, at + 8);
            if (k < code.Length && code[k] == '*') k = SkipSpaces(code, k + 1);
            int start = k;
            if (!Name(code, ref k)) return false;
            nameStart = start; nameEnd = k;
            return true;
        }

        /// <summary><c>\{[^}]{0,2000}\}</c> at the '{' at <paramref name="open"/>: the '}' offset, or -1.</summary>
        private static int CloseBrace(string code, int open)
        {
            int close = code.IndexOf('}', open + 1, Math.Min(code.Length - open - 1, 2001));
            return close;
        }

        /// <summary><c>from[ \t\r\n]*(?=['"])</c> at an offset: the quote's offset.</summary>
        private static bool FromQuote(string code, int at, out int quote)
        {
            quote = -1;
            if (!At(code, at, "from")) return false;
            int e = SkipSpaces(code, at + 4);
            if (e >= code.Length || (code[e] != '\'' && code[e] != '"')) return false;
            quote = e;
            return true;
        }

        /// <summary><c>[A-Za-z_$][\w$]*</c> at <paramref name="k"/>, which moves past it.</summary>
        private static bool Name(string code, ref int k)
        {
            if (k >= code.Length || !CodeText.IsIdentStart(code[k])) return false;
            k++;
            while (k < code.Length && IdentifierTokens.IsWordOrDollar(code[k])) k++;
            return true;
        }

        /// <summary>Past a run of <c>[ \t\r\n]</c>.</summary>
        internal static int SkipSpaces(string code, int k)
        {
            while (k < code.Length && CodeText.IsSpaceOrNewline(code[k])) k++;
            return k;
        }

        private static bool At(string code, int at, string word)
            => at >= 0 && at + word.Length <= code.Length && string.CompareOrdinal(code, at, word, 0, word.Length) == 0;
    }
}
