using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Security
{
    /// <summary>The kinds of credential <see cref="SecretDetector"/> recognises.</summary>
    public enum SecretKind
    {
        None,
        SlackToken,
        SlackWebhook,
        GitHubToken,
        AwsAccessKey,
        OpenAiStyleKey,
        PrivateKey,
        JsonWebToken,
        HighEntropyString,
    }

    /// <summary>What was found: the kind and where in the text (never the value).</summary>
    public readonly struct SecretFinding
    {
        public SecretFinding(SecretKind kind, int index) { Kind = kind; Index = index; }
        public SecretKind Kind { get; }
        /// <summary>Offset of the match in the text (for positions; the value itself is never reported).</summary>
        public int Index { get; }
        public bool Found => Kind != SecretKind.None;
        /// <summary>Words for messages: "a Slack token".</summary>
        public string Description => SecretDetector.Describe(Kind);
    }

    /// <summary>
    /// Recognises credential-shaped values in plan text so they are never stored or rendered. It reports the
    /// kind of secret, never the value. Shapes: Slack tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xapp-) and
    /// webhook URLs, GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), AWS access key ids (AKIA/ASIA),
    /// OpenAI-style keys (sk-...), PEM private key blocks, JWTs, and long high-entropy strings. Prose, URLs,
    /// file paths, identifiers in snake/kebab case and placeholders such as <c>xoxb-...</c> are not secrets.
    /// </summary>
    public static class SecretDetector
    {
        private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// A literal every match of the shape at the same index contains: text without it cannot match, so the
        /// regex is skipped (most plan text holds none of them).
        /// </summary>
        private static readonly string[][] Markers =
        {
            new[] { "PRIVATE KEY" },
            new[] { "hooks.slack.com" },
            new[] { "xox", "xapp-" },
            new[] { "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_" },
            new[] { "AKIA", "ASIA" },
            new[] { "sk-" },
            new[] { "eyJ" },
        };

        /// <summary>
        /// For the shapes whose pattern starts at its marker behind a lookbehind: the characters that may not stand
        /// just before the marker (the lookbehind's class). "sk-" inside "task-" is then not a reason to run the regex.
        /// </summary>
        private static readonly Func<char, bool>?[] NotBefore =
        {
            null,
            null,
            c => IsAsciiLetterOrDigit(c),
            c => IsAsciiLetterOrDigit(c) || c == '_',
            c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'),
            c => IsAsciiLetterOrDigit(c) || c == '_' || c == '-',
            c => IsAsciiLetterOrDigit(c) || c == '_' || c == '-',
        };

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        private static bool MayMatch(int shape, string text)
        {
            var notBefore = NotBefore[shape];
            foreach (var marker in Markers[shape])
            {
                for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
                {
                    if (notBefore == null || at == 0 || !notBefore(text[at - 1])) return true;
                }
            }
            return false;
        }

        private static readonly (SecretKind Kind, Regex Pattern)[] Shapes =
        {
            (SecretKind.PrivateKey, new Regex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.SlackWebhook, new Regex(@"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]{6,}/[A-Za-z0-9]{6,}/[A-Za-z0-9]{12,}", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.SlackToken, new Regex(@"(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]{1,}(?:-[A-Za-z0-9]+){1,}", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.GitHubToken, new Regex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.AwsAccessKey, new Regex(@"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.OpenAiStyleKey, new Regex(@"(?<![A-Za-z0-9_-])sk-(?:(?:proj|live|test|ant|svcacct)-)?[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, Budget)),
            (SecretKind.JsonWebToken, new Regex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant, Budget)),
        };

        /// <summary>Runs of token characters long enough to be a generated key.</summary>
        private static readonly Regex Candidate = new Regex(@"[A-Za-z0-9+/=_\-]{32,}", RegexOptions.CultureInvariant, Budget);

        /// <summary>The first secret-looking value in <paramref name="text"/>, or a finding of kind None.</summary>
        public static SecretFinding Detect(string? text) => Detect(text, includeHighEntropy: true);

        /// <summary>
        /// As <see cref="Detect(string)"/>; without <paramref name="includeHighEntropy"/> only the known token shapes
        /// count (the plan loader checks long random strings only where credentials belong: the handoff).
        /// </summary>
        public static SecretFinding Detect(string? text, bool includeHighEntropy)
        {
            if (string.IsNullOrEmpty(text)) return default;
            // Every shape has a run of at least 16 token characters; short text is never a secret (and is most text).
            if (text!.Length < 16) return default;
            try
            {
                for (int i = 0; i < Shapes.Length; i++)
                {
                    if (!MayMatch(i, text)) continue;
                    var m = Shapes[i].Pattern.Match(text);
                    if (m.Success) return new SecretFinding(Shapes[i].Kind, m.Index);
                }
                if (!includeHighEntropy) return default;
                foreach (Match m in Candidate.Matches(text))
                    if (LooksRandom(m.Value)) return new SecretFinding(SecretKind.HighEntropyString, m.Index);
            }
            catch (RegexMatchTimeoutException)
            {
                // Pathological input: treat as suspicious rather than letting it through.
                return new SecretFinding(SecretKind.HighEntropyString, 0);
            }
            return default;
        }

        public static bool ContainsSecret(string? text) => Detect(text).Found;

        /// <summary>
        /// <paramref name="text"/> with every token-shaped value replaced by <c>[redacted: kind]</c>: the last line of
        /// defence for rendered output of a plan changed in memory (files never hold such values).
        /// </summary>
        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text) || text.Length < 16) return text;
            try
            {
                for (int i = 0; i < Shapes.Length; i++)
                    if (MayMatch(i, text) && Shapes[i].Pattern.IsMatch(text))
                        text = Shapes[i].Pattern.Replace(text, "[redacted: " + Describe(Shapes[i].Kind) + "]");
            }
            catch (RegexMatchTimeoutException)
            {
                return "[redacted: the text could not be checked for secrets]";
            }
            return text;
        }

        public static string Describe(SecretKind kind)
        {
            switch (kind)
            {
                case SecretKind.SlackToken: return "a Slack token";
                case SecretKind.SlackWebhook: return "a Slack webhook URL";
                case SecretKind.GitHubToken: return "a GitHub token";
                case SecretKind.AwsAccessKey: return "an AWS access key id";
                case SecretKind.OpenAiStyleKey: return "an API secret key (sk-...)";
                case SecretKind.PrivateKey: return "a private key";
                case SecretKind.JsonWebToken: return "a JSON Web Token";
                case SecretKind.HighEntropyString: return "a long random string (a generated key or token)";
                default: return "no secret";
            }
        }

        /// <summary>
        /// A generated key mixes character classes and has high per-character entropy; identifiers such as
        /// <c>entity_external_ids_one_to_one_sources</c>, hex digests of git commits or repeated text do not.
        /// </summary>
        internal static bool LooksRandom(string s)
        {
            int upper = 0, lower = 0, digit = 0, separators = 0;
            foreach (var c in s)
            {
                if (c >= 'A' && c <= 'Z') upper++;
                else if (c >= 'a' && c <= 'z') lower++;
                else if (c >= '0' && c <= '9') digit++;
                else if (c == '_' || c == '-') separators++;
            }
            int classes = (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digit > 0 ? 1 : 0);
            if (classes < 3) return false;                       // words, snake_case, hex digests, numbers
            if (separators * 6 > s.Length) return false;          // kebab/snake identifiers made of words
            return Entropy(s) >= 4.0;
        }

        /// <summary>Shannon entropy in bits per character.</summary>
        internal static double Entropy(string s)
        {
            var counts = new Dictionary<char, int>();
            foreach (var c in s) counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
            double h = 0;
            foreach (var n in counts.Values)
            {
                double p = (double)n / s.Length;
                h -= p * Math.Log(p, 2);
            }
            return h;
        }
    }
}
