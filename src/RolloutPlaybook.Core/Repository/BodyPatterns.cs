namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Hand-written equivalents of <see cref="BodyRecognizer"/>'s hottest regexes, run on every handler's own ranges:
    /// the same matches, in the same order, without a regex run, a <see cref="System.Text.RegularExpressions.Match"/>
    /// per match or a string per group. Each scan takes the range <c>code[start..end)</c> as the whole input (as
    /// <c>Regex.Match(code, start, length)</c> did: look-arounds and <c>\b</c> see nothing outside it) and finds the
    /// next match at or after <c>from</c>. The regex each one replaces is quoted above it; BodyPatternsTests compares
    /// both on random and fuzzed code.
    /// </summary>
    internal static class BodyPatterns
    {
        private static int SkipSpace(string code, int k, int end)
        {
            while (k < end && CodeText.IsSpaceOrNewline(code[k])) k++;
            return k;
        }

        private static bool At(string code, int k, int end, string word) => end - k >= word.Length && string.CompareOrdinal(code, k, word, 0, word.Length) == 0;

        /// <summary>
        /// The '.' of the next request body read at or after <paramref name="from"/>, or -1:
        /// <c>\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)|\.[ \t\r\n]*(body)\b(?![ \t\r\n]*[(=])</c>.
        /// A match holds no other '.', so the next one is looked for from the '.' after this one.
        /// </summary>
        public static int NextBodyRead(string code, int from, int end)
        {
            for (int p = from < end ? code.IndexOf('.', from, end - from) : -1; p >= 0; p = p + 1 < end ? code.IndexOf('.', p + 1, end - p - 1) : -1)
            {
                int q = SkipSpace(code, p + 1, end);
                if (q >= end) continue;
                char c = code[q];
                if (c == 'j' || c == 'f' || c == 't')
                {
                    int k = At(code, q, end, "json") ? q + 4 : At(code, q, end, "formData") ? q + 8 : At(code, q, end, "text") ? q + 4 : -1;
                    if (k < 0) continue;
                    k = SkipSpace(code, k, end);
                    if (k >= end || code[k] != '(') continue;
                    k = SkipSpace(code, k + 1, end);
                    if (k < end && code[k] == ')') return p;
                }
                else if (c == 'b' && At(code, q, end, "body"))
                {
                    int k = q + 4;
                    if (k < end && RecognizerText.IsBoundaryWordChar(code[k])) continue;
                    k = SkipSpace(code, k, end);
                    if (k < end && (code[k] == '(' || code[k] == '=')) continue;
                    return p;
                }
            }
            return -1;
        }

        /// <summary>
        /// The '.' of the next call of one of <paramref name="names"/> as a member at or after <paramref name="from"/>, or -1,
        /// with the name called: <c>\.[ \t\r\n]*(NAME1|NAME2|…)[ \t\r\n]*\(</c>, the names tried in their order as the
        /// alternation does (<c>parse</c> before <c>parseAsync</c>: only one of them can be followed by <c>(</c>).
        /// </summary>
        public static int NextMemberCall(string code, int from, int end, string[] names, out string name)
        {
            for (int p = from < end ? code.IndexOf('.', from, end - from) : -1; p >= 0; p = p + 1 < end ? code.IndexOf('.', p + 1, end - p - 1) : -1)
            {
                int q = SkipSpace(code, p + 1, end);
                foreach (var candidate in names)
                {
                    if (!At(code, q, end, candidate)) continue;
                    int k = SkipSpace(code, q + candidate.Length, end);
                    if (k < end && code[k] == '(') { name = candidate; return p; }
                }
            }
            name = "";
            return -1;
        }

        /// <summary>A declaration found by <see cref="NextDeclaration"/>: the match <c>[Index, End)</c> and its group 1 <c>[NameStart, NameEnd)</c>.</summary>
        public struct Found
        {
            public int Index, End, NameStart, NameEnd;
        }

        /// <summary>
        /// The next declaration in <c>code[start..end)</c> starting at or after <paramref name="from"/> (pass the end of
        /// the last one found to go on, as NextMatch does):
        /// <c>\b(?:const|let|var)[ \t\r\n]+(\{[^{}]{0,500}\}|[A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;]{0,200})?=(?![=>])</c>.
        /// Backtracking never finds another way through: a name is followed by none of its own characters, a pattern
        /// holds no brace, a type holds no '='. So each step below is the only one the regex could take.
        /// </summary>
        public static bool NextDeclaration(string code, int start, int from, int end, out Found found)
        {
            found = default;
            for (int p = from; p < end; p++)
            {
                p = code.IndexOfAny(DeclarationStarts, p, end - p);
                if (p < 0) return false;
                if (p > start && RecognizerText.IsBoundaryWordChar(code[p - 1])) continue;
                int k = At(code, p, end, "const") ? p + 5 : At(code, p, end, "let") || At(code, p, end, "var") ? p + 3 : -1;
                if (k < 0 || k >= end || !CodeText.IsSpaceOrNewline(code[k])) continue;
                int nameStart = SkipSpace(code, k, end), nameEnd;
                if (nameStart >= end) continue;
                if (code[nameStart] == '{')
                {
                    // \{[^{}]{0,500}\}: the first brace after it closes it, at most 500 characters on.
                    int limit = System.Math.Min(end, nameStart + 502);
                    int close = code.IndexOfAny(Braces, nameStart + 1, limit - nameStart - 1);
                    if (close < 0 || code[close] != '}') continue;
                    nameEnd = close + 1;
                }
                else if (CodeText.IsIdentStart(code[nameStart]))
                {
                    nameEnd = nameStart + 1;
                    while (nameEnd < end && IdentifierTokens.IsWordOrDollar(code[nameEnd])) nameEnd++;
                }
                else continue;
                int eq = SkipSpace(code, nameEnd, end);
                if (eq < end && code[eq] == ':')
                {
                    // (?::[^=;]{0,200})?=: up to 200 characters that are neither '=' nor ';', then the '='.
                    int a = eq + 1, limit = System.Math.Min(end, a + 200);
                    eq = a;
                    while (eq < limit && code[eq] != '=' && code[eq] != ';') eq++;
                }
                if (eq >= end || code[eq] != '=') continue;
                if (eq + 1 < end && (code[eq + 1] == '=' || code[eq + 1] == '>')) continue;
                found.Index = p; found.End = eq + 1; found.NameStart = nameStart; found.NameEnd = nameEnd;
                return true;
            }
            return false;
        }

        private static readonly char[] DeclarationStarts = { 'c', 'l', 'v' };
        private static readonly char[] Braces = { '{', '}' };

        /// <summary>
        /// The next assignment in <c>code[start..end)</c> whose '=' is at or after <paramref name="from"/>:
        /// <c>(?&lt;![\w$.])([A-Za-z_$][\w$]*)[ \t\r\n]*=(?![=>])</c>. Each '=' ends at most one match (the whole run of
        /// [\w$] before it, clipped at <paramref name="start"/>), and a match holds no other '=', so matches are found
        /// '=' by '=' in the regex's order; pass the end of the last one found to go on.
        /// </summary>
        public static bool NextAssignment(string code, int start, int from, int end, out Found found)
        {
            found = default;
            for (int eq = from < end ? code.IndexOf('=', from, end - from) : -1; eq >= 0; eq = eq + 1 < end ? code.IndexOf('=', eq + 1, end - eq - 1) : -1)
            {
                if (eq + 1 < end && (code[eq + 1] == '=' || code[eq + 1] == '>')) continue;
                int k = eq - 1;
                while (k >= start && CodeText.IsSpaceOrNewline(code[k])) k--;
                if (k < start || !IdentifierTokens.IsWordOrDollar(code[k])) continue;
                int p = k;
                while (p > start && IdentifierTokens.IsWordOrDollar(code[p - 1])) p--;
                if (!CodeText.IsIdentStart(code[p]) || (p > start && code[p - 1] == '.')) continue;
                found.Index = p; found.End = eq + 1; found.NameStart = p; found.NameEnd = k + 1;
                return true;
            }
            return false;
        }
    }
}
