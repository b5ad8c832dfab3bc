using System;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// The entries of <c>repository.guards</c> and <c>repository.validators</c>: a plain name (<c>authenticate</c>,
    /// <c>auth.verify</c>) stands for a call of that name; anything else is a regular expression matched against the code.
    /// </summary>
    public static class PlanNamePatterns
    {
        private static readonly Regex PlainName = new Regex(@"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$", RegexOptions.CultureInvariant);
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

        /// <summary>True for an identifier or a dotted name (a call name, not a regex).</summary>
        public static bool IsPlainName(string entry) => PlainName.IsMatch(entry);

        /// <summary>False (with the reason) for an entry that is neither a name nor a valid regex.</summary>
        public static bool IsValid(string entry, out string? why)
        {
            why = null;
            if (string.IsNullOrWhiteSpace(entry)) { why = "empty"; return false; }
            if (IsPlainName(entry)) return true;
            try
            {
                _ = new Regex(entry, RegexOptions.CultureInvariant, Timeout);
                return true;
            }
            catch (ArgumentException ex)
            {
                why = ex.Message;
                return false;
            }
        }

        /// <summary>
        /// The regex that finds the entry in code (the gate's guard and validator recognisers): a plain name matches a
        /// call of it (<c>authenticate(</c>, <c>lib.authenticate(</c>, <c>validate&lt;T&gt;(</c>); any other entry is used
        /// as written. Bounded by a match timeout. Throws <see cref="ArgumentException"/> for an invalid regex.
        /// </summary>
        public static Regex ToRegex(string entry)
        {
            var trimmed = (entry ?? "").Trim();
            return IsPlainName(trimmed)
                ? new Regex(@"(?<![\w$])" + Regex.Escape(trimmed) + @"[ \t\r\n]*(?:<[^>()]{0,200}>)?[ \t\r\n]*\(", RegexOptions.CultureInvariant, MatchTimeout)
                : new Regex(trimmed, RegexOptions.CultureInvariant, MatchTimeout);
        }

        private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    }
}
