using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Hand-written equivalents of the few tiny regexes the recognisers ran on every range (<c>[A-Za-z_$][\w$]*</c>,
    /// <c>\w</c>), for the hot paths: the same answers, without a regex run or a <see cref="MatchCollection"/> per call.
    /// </summary>
    internal static class RecognizerText
    {
        private static readonly Regex WordChar = new Regex(@"^\w$", RegexOptions.CultureInvariant);

        /// <summary>
        /// What the regex class <c>\w</c> matches for one character. ASCII is decided here; any other character is
        /// asked of the regex engine once and remembered (a per-process table of facts about chars: valid for every run).
        /// </summary>
        public static bool IsRegexWordChar(char c)
        {
            if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            var known = NonAscii[c];
            if (known == 0)
            {
                // Two threads may ask at once: both write the same answer.
                known = WordChar.IsMatch(c.ToString()) ? (sbyte)1 : (sbyte)-1;
                NonAscii[c] = known;
            }
            return known > 0;
        }

        private static readonly sbyte[] NonAscii = new sbyte[char.MaxValue + 1];

        private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';

        /// <summary>
        /// The matches of <c>[A-Za-z_$][\w$]*</c> in <c>code[start..end)</c>, in order, appended to <paramref name="words"/>
        /// (no look-behind: a word may start after a digit or a non-ASCII letter, as the regex would).
        /// </summary>
        public static void Words(string code, int start, int end, List<string> words)
        {
            int k = start;
            while (k < end)
            {
                if (!IsWordStart(code[k])) { k++; continue; }
                int e = k + 1;
                while (e < end && (code[e] == '$' || IsRegexWordChar(code[e]))) e++;
                words.Add(code.Substring(k, e - k));
                k = e;
            }
        }
    }
}
