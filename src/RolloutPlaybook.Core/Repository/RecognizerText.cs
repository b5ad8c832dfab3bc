using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Hand-written equivalents of the few tiny regexes the recognisers ran on every range (<c>[A-Za-z_$][\w$]*</c>,
    /// <c>\w</c>), for the hot paths: the same answers, without a regex run or a <see cref="MatchCollection"/> per call.
    /// </summary>
    internal static class RecognizerText
    {
        /// <summary>What the regex class <c>\w</c> matches for one character (<see cref="IdentifierTokens.IsWordOrDollar"/>'s table, without '$').</summary>
        public static bool IsRegexWordChar(char c) => c != '$' && IdentifierTokens.IsWordOrDollar(c);

        /// <summary>What <c>\b</c> counts as a word character: <c>\w</c>, plus U+200C and U+200D (.NET's boundary class).</summary>
        public static bool IsBoundaryWordChar(char c) => IsRegexWordChar(c) || c == '\u200C' || c == '\u200D';

        /// <summary>
        /// True when <paramref name="name"/> (an identifier starting with [A-Za-z_$]) is one of the matches of
        /// <c>[A-Za-z_$][\w$]*</c> in <c>code[start..end)</c> (the range as the whole input), found without listing them: an
        /// occurrence counts when nothing of [\w$] follows it in the range and the run of [\w$] it ends has no word start
        /// before it (a word starts at the first [A-Za-z_$] of a run and takes the rest of it).
        /// </summary>
        public static bool HasWord(string code, int start, int end, string name)
        {
            int length = end - start;
            for (int k = length >= name.Length ? code.IndexOf(name, start, length, System.StringComparison.Ordinal) : -1; k >= 0;
                 k = k + 1 + name.Length <= end ? code.IndexOf(name, k + 1, end - k - 1, System.StringComparison.Ordinal) : -1)
            {
                int after = k + name.Length;
                if (after < end && IdentifierTokens.IsWordOrDollar(code[after])) continue;
                int j = k - 1;
                while (j >= start && IdentifierTokens.IsWordOrDollar(code[j]) && !CodeText.IsIdentStart(code[j])) j--;
                if (j >= start && IdentifierTokens.IsWordOrDollar(code[j])) continue; // a word started before: this is its tail
                return true;
            }
            return false;
        }

        /// <summary>True when some <paramref name="name"/> in <c>code[start..end)</c> is assigned from: <c>=</c> and only [ \t\r\n] before it.</summary>
        public static bool AssignedFrom(string code, int start, int end, string name)
        {
            for (int k = end - start >= name.Length ? code.IndexOf(name, start, end - start, System.StringComparison.Ordinal) : -1; k >= 0;
                 k = k + 1 + name.Length <= end ? code.IndexOf(name, k + 1, end - k - 1, System.StringComparison.Ordinal) : -1)
            {
                int j = k - 1;
                while (j >= start && CodeText.IsSpaceOrNewline(code[j])) j--;
                if (j >= start && code[j] == '=') return true;
            }
            return false;
        }

        /// <summary>
        /// The members read of <paramref name="name"/> in <c>code[start..end)</c> (the range as the whole input), in order,
        /// appended to <paramref name="members"/>: what <c>(?&lt;![\w$.])NAME[ \t\r\n]*\??\.[ \t\r\n]*([A-Za-z_$][\w$]*)</c>
        /// captures, match after match (<c>body.x</c>, <c>body ?. x</c>; not <c>a.body.x</c> nor <c>rawbody.x</c>).
        /// </summary>
        public static void MembersOf(string code, int start, int end, string name, System.Collections.Generic.List<string> members)
        {
            int k = end - start >= name.Length ? code.IndexOf(name, start, end - start, System.StringComparison.Ordinal) : -1;
            while (k >= 0)
            {
                int next = k + 1;
                if (k == start || (code[k - 1] != '.' && !IdentifierTokens.IsWordOrDollar(code[k - 1])))
                {
                    int p = k + name.Length;
                    while (p < end && CodeText.IsSpaceOrNewline(code[p])) p++;
                    if (p < end && code[p] == '?') p++;
                    if (p < end && code[p] == '.')
                    {
                        p++;
                        while (p < end && CodeText.IsSpaceOrNewline(code[p])) p++;
                        if (p < end && CodeText.IsIdentStart(code[p]))
                        {
                            int e = p + 1;
                            while (e < end && IdentifierTokens.IsWordOrDollar(code[e])) e++;
                            members.Add(code.Substring(p, e - p));
                            next = e;
                        }
                    }
                }
                k = next + name.Length <= end ? code.IndexOf(name, next, end - next, System.StringComparison.Ordinal) : -1;
            }
        }
    }
}
