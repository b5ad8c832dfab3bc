using System;
using System.Collections.Generic;
using System.Text;
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
        StripeSecretKey,
        AwsSecretAccessKey,
        GoogleApiKey,
        SendGridKey,
        UrlPassword,
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
    /// The one secret policy of the module, applied on every way in and out: the plan loader, cmdlet arguments,
    /// plans changed in memory at render and export time, error messages, gate messages and reports. It reports the
    /// kind of secret, never the value. Shapes: Slack tokens and webhook URLs, GitHub tokens, AWS access key ids and
    /// secret access keys, OpenAI-style <c>sk-</c> keys, Stripe <c>sk_live_</c>/<c>rk_live_</c> keys, Google
    /// <c>AIza</c> API keys, SendGrid <c>SG.</c> keys, URLs with a password (<c>postgres://u:pw@host</c>), PEM
    /// private keys, JWTs, and long high-entropy strings. Look-alike dashes (U+2010–U+2015, U+2212, U+FE63, U+FF0D)
    /// and invisible characters (zero-width spaces, soft hyphens) are seen through.
    /// Honest text is left alone: prose, paths (a GUID in a folder name), URLs without a password, identifiers in
    /// snake, kebab or camel case, placeholders such as <c>xoxb-...</c> or <c>xoxb-123-456</c>, public ids
    /// (<c>prj_</c>, <c>team_</c>, <c>pk_live_</c>), Subresource Integrity hashes (<c>sha512-...</c>), hex digests.
    /// </summary>
    public static class SecretDetector
    {
        private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

        private sealed class Shape
        {
            public Shape(SecretKind kind, string[]? markers, Func<char, bool>? notBefore, string pattern, Func<Match, bool>? accept = null)
            {
                Kind = kind; Markers = markers; NotBefore = notBefore; Accept = accept;
                Pattern = new Regex(pattern, RegexOptions.CultureInvariant, Budget);
            }
            public SecretKind Kind { get; }
            /// <summary>Literals every match contains at its start (or inside); text without one cannot match, so the regex is skipped.</summary>
            public string[]? Markers { get; }
            /// <summary>Characters that may not stand just before a marker (the pattern's lookbehind), so "task-" is no reason to run "sk-".</summary>
            public Func<char, bool>? NotBefore { get; }
            public Regex Pattern { get; }
            /// <summary>A second look at a match (placeholders, honest look-alikes).</summary>
            public Func<Match, bool>? Accept { get; }

            public bool MayMatch(string text)
            {
                if (Markers == null) return true;
                foreach (var marker in Markers)
                {
                    for (int at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
                        if (NotBefore == null || at == 0 || !NotBefore(text[at - 1])) return true;
                }
                return false;
            }
        }

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        private static readonly Shape[] Shapes =
        {
            new Shape(SecretKind.PrivateKey, new[] { "PRIVATE KEY" }, null, @"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
            new Shape(SecretKind.SlackWebhook, new[] { "hooks.slack.com" }, null, @"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]{6,}/[A-Za-z0-9]{6,}/[A-Za-z0-9]{12,}"),
            // A real Slack token is 40 characters and more; "xoxb-123-456" in prose is an example of the shape.
            new Shape(SecretKind.SlackToken, new[] { "xox", "xapp-" }, IsAsciiLetterOrDigit,
                @"(?<![A-Za-z0-9])(?:xox[abposre]|xapp)-(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]{1,}(?:-[A-Za-z0-9]+){1,}", m => m.Length >= 24),
            new Shape(SecretKind.GitHubToken, new[] { "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_" }, c => IsAsciiLetterOrDigit(c) || c == '_',
                @"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})"),
            new Shape(SecretKind.AwsAccessKey, new[] { "AKIA", "ASIA" }, c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'),
                @"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
            new Shape(SecretKind.StripeSecretKey, new[] { "sk_live_", "sk_test_", "rk_live_", "rk_test_" }, c => IsAsciiLetterOrDigit(c) || c == '_',
                @"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"),
            new Shape(SecretKind.OpenAiStyleKey, new[] { "sk-" }, c => IsAsciiLetterOrDigit(c) || c == '_' || c == '-',
                @"(?<![A-Za-z0-9_-])sk-(?:(?:proj|live|test|ant|svcacct)-)?[A-Za-z0-9_-]{20,}"),
            new Shape(SecretKind.GoogleApiKey, new[] { "AIza" }, c => IsAsciiLetterOrDigit(c) || c == '_' || c == '-',
                @"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
            new Shape(SecretKind.SendGridKey, new[] { "SG." }, IsAsciiLetterOrDigit,
                @"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,}"),
            new Shape(SecretKind.JsonWebToken, new[] { "eyJ" }, c => IsAsciiLetterOrDigit(c) || c == '_' || c == '-',
                @"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
            // scheme://user:password@host — not a placeholder password (***, <password>, ${DB_PASSWORD}, "password").
            new Shape(SecretKind.UrlPassword, new[] { "://" }, null,
                @"[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'""<>]+:(?<pw>[^\s@/'""]+)@[^\s/@'""]", m => !IsPlaceholderPassword(m.Groups["pw"].Value)),
        };

        /// <summary>
        /// Runs of token characters (<c>[A-Za-z0-9+/=_-]</c>) long enough to be a generated key, as (start, length): every
        /// maximal run of at least 32. A plain loop, not a regex: it runs on every gate result's message and evidence.
        /// </summary>
        private static IEnumerable<KeyValuePair<int, int>> CandidateRuns(string t)
        {
            for (int k = 0; k < t.Length; k++)
            {
                if (!IsTokenChar(t[k])) continue;
                int start = k;
                while (k < t.Length && IsTokenChar(t[k])) k++;
                if (k - start >= 32) yield return new KeyValuePair<int, int>(start, k - start);
            }
        }

        private static bool IsTokenChar(char c) => IsAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';

        /// <summary>Prefixes of identifiers that are public by design (project, team, customer ids; publishable keys).</summary>
        private static readonly string[] PublicIdPrefixes =
        {
            "prj_", "team_", "pk_live_", "pk_test_", "acct_", "cus_", "price_", "prod_", "sub_", "evt_", "pi_", "in_", "ch_", "org-", "user_",
        };

        /// <summary>Subresource Integrity and similar digests (npm's <c>integrity</c>): a hash, not a credential.</summary>
        private static readonly string[] DigestPrefixes = { "sha1-", "sha256-", "sha384-", "sha512-" };

        /// <summary>
        /// A cheap, exact proof that nothing in <paramref name="text"/> can be found by any shape, <see cref="Base64Keys"/>
        /// or <see cref="CandidateRuns"/>: false means "no secret here, for certain"; true means "run the full check". One
        /// pass, no allocation. It holds because every finding needs one of these (in the text as <see cref="Normalize"/>
        /// makes it, which for text without invisible characters has the same length, a look-alike dash standing as '-'):
        /// <list type="bullet">
        /// <item>a marker that short matches need: <c>PRIVATE KEY</c> (PEM), <c>://</c> (Slack webhook, URL password),
        /// <c>eyJ</c> (JWT, whose parts can be 11 characters);</item>
        /// <item>a run of at least <see cref="MinNarrowRun"/> characters of <c>[A-Za-z0-9_-]</c>: every other shape is one
        /// (Slack token, accepted at 24 or more of <c>[A-Za-z0-9-]</c>; GitHub 34+; AWS access key id 20; Stripe 24+;
        /// <c>sk-</c> 23+; Google 39; SendGrid's last part 30+);</item>
        /// <item>a run of at least 32 characters of <c>[A-Za-z0-9+=_-]</c>: a long random string (<see cref="CandidateRuns"/>
        /// judges a path segment by segment, and a segment has no '/');</item>
        /// <item>a maximal run of exactly 40 characters of <c>[A-Za-z0-9/+]</c> (<see cref="Base64Keys"/>);</item>
        /// <item>an invisible character: removing it joins what stands around it, so such text always gets the full check.</item>
        /// </list>
        /// Runs and markers never span a line, so the proof for a whole text holds for each of its lines.
        /// The markers and invisible characters are searched for with the runtime's (vectorised) IndexOf; the runs with a
        /// skip loop (<see cref="NextLongRun"/>) that looks at a few characters of every window as long as the shortest
        /// run that matters (<see cref="MayContainSecretScanningEveryCharacter"/> is the same answer counted at every
        /// character; a test holds the two equal).
        /// </summary>
        internal static bool MayContainSecret(string text) => MayContainSecret(text, 0, text.Length);

        /// <summary>
        /// <see cref="MayContainSecret(string)"/> of <c>text[start..end)</c>, answered as for that substring (its ends are
        /// the text's ends) without making it: a long text's lines are pre-checked in place.
        /// </summary>
        internal static bool MayContainSecret(string text, int start, int end)
        {
            // A huge text always gets the full check: there a pattern may run out of time, and the full check's answer to
            // that (the text is withheld as unchecked) must not be skipped by a pre-check that has no notion of time.
            if (end - start > HugeText) return true;
            if (HasMarkerOrInvisible(text, start, end - start)) return true;
            // A narrow run of 20 or a wide run of 32 lies in a wide run of at least 20 ([A-Za-z0-9_-] is inside [A-Za-z0-9+=_-]).
            for (int from = start; NextLongRun(text, from, end, WideChar, MinNarrowRun, out int a, out int b); from = b + 1)
                if (b - a >= 32 || RunsMayHoldSecret(text, a, b)) return true;
            // A base64 key is a maximal run of exactly 40.
            for (int from = start; NextLongRun(text, from, end, Base64Char, 40, out int a, out int b); from = b + 1)
                if (b - a == 40) return true;
            return false;
        }

        /// <summary>
        /// The first maximal run of characters of class <paramref name="mask"/> at least <paramref name="min"/> long that
        /// starts at or after <paramref name="from"/> (the range's start, or just after a character not of the class) and
        /// ends at or before <paramref name="limit"/> (the range's end), as [<paramref name="start"/>, <paramref name="end"/>).
        /// Every window of <paramref name="min"/> positions is read from its right end back to its last character not of
        /// the class; a long run must start after that one, so the next window to read ends <paramref name="min"/> further on.
        /// </summary>
        private static bool NextLongRun(string text, int from, int limit, int mask, int min, out int start, out int end)
        {
            int n = limit;
            for (int p = from + min - 1; p < n;)
            {
                int q = p;
                while (q > p - min && (Class(text[q]) & mask) != 0) q--;
                if (q > p - min) { p = q + min; continue; }
                start = p - min + 1;
                end = p + 1;
                while (end < n && (Class(text[end]) & mask) != 0) end++;
                return true;
            }
            start = end = n;
            return false;
        }

        /// <summary><see cref="MayContainSecret"/> by counting at every character: the specification the fast form is tested against.</summary>
        internal static bool MayContainSecretScanningEveryCharacter(string text)
            => text.Length > HugeText || HasMarkerOrInvisible(text) || RunsMayHoldSecret(text, 0, text.Length);

        private static bool HasMarkerOrInvisible(string text) => HasMarkerOrInvisible(text, 0, text.Length);

        private static bool HasMarkerOrInvisible(string text, int start, int count)
            => text.IndexOf("://", start, count, StringComparison.Ordinal) >= 0 || text.IndexOf("eyJ", start, count, StringComparison.Ordinal) >= 0
               || text.IndexOf("PRIVATE KEY", start, count, StringComparison.Ordinal) >= 0
               || text.IndexOfAny(InvisibleCharacters, start, count) >= 0 || text.IndexOfAny(MoreInvisibleCharacters, start, count) >= 0;

        // IsInvisible's characters, in two sets of three (the runtime searches for up to five characters vectorised).
        private static readonly char[] InvisibleCharacters = { '\u200B', '\u200C', '\u200D' };
        private static readonly char[] MoreInvisibleCharacters = { '\u2060', '\uFEFF', '\u00AD' };

        /// <summary>
        /// Whether <c>text[start..end)</c>, bounded by characters of none of the classes (or the text's ends), holds a run of
        /// <see cref="MinNarrowRun"/> narrow characters, 32 wide ones, or a maximal run of exactly 40 base64 ones.
        /// </summary>
        private static bool RunsMayHoldSecret(string text, int start, int end)
        {
            int narrow = 0, wide = 0, base64 = 0;
            for (int i = start; i < end; i++)
            {
                int k = Class(text[i]);
                narrow = (k & NarrowChar) != 0 ? narrow + 1 : 0;
                wide = (k & WideChar) != 0 ? wide + 1 : 0;
                if (narrow >= MinNarrowRun || wide >= 32) return true;
                if ((k & Base64Char) != 0) base64++;
                else { if (base64 == 40) return true; base64 = 0; }
            }
            return base64 == 40;
        }

        // The character classes MayContainSecret counts runs of: [A-Za-z0-9_-] (a look-alike dash counts as '-'), the
        // same with '+' and '=', and [A-Za-z0-9/+].
        private const int NarrowChar = 1, WideChar = 2, Base64Char = 4;

        private static readonly byte[] AsciiClasses = BuildAsciiClasses();

        private static byte[] BuildAsciiClasses()
        {
            var classes = new byte[128];
            for (char c = (char)0; c < 128; c++)
            {
                int k = 0;
                if (IsAsciiLetterOrDigit(c)) k |= NarrowChar | WideChar | Base64Char;
                if (c == '-' || c == '_') k |= NarrowChar | WideChar;
                if (c == '+') k |= WideChar | Base64Char;
                if (c == '=') k |= WideChar;
                if (c == '/') k |= Base64Char;
                classes[c] = (byte)k;
            }
            return classes;
        }

        private static int NonAsciiClass(char c) => IsDashLookAlike(c) ? NarrowChar | WideChar : 0;

        private static int Class(char c) => c < 128 ? AsciiClasses[c] : NonAsciiClass(c);

        /// <summary>The shortest run of <c>[A-Za-z0-9_-]</c> in any shape without a marker of <see cref="MayContainSecret"/>: an AWS access key id.</summary>
        private const int MinNarrowRun = 20;

        /// <summary>The first secret-looking value in <paramref name="text"/>, or a finding of kind None.</summary>
        public static SecretFinding Detect(string? text)
            => string.IsNullOrEmpty(text) || !MayContainSecret(text!) ? default : DetectAll(text!, precheckLines: true);

        /// <summary><see cref="Detect"/> without the pre-check (the tests hold the two to the same answers).</summary>
        internal static SecretFinding DetectAll(string text) => DetectAll(text, precheckLines: false);

        /// <summary>
        /// The full check; with <paramref name="precheckLines"/> a long text's lines that <see cref="MayContainSecret"/>
        /// clears are not checked (its proof holds line by line: runs and markers never span a line).
        /// </summary>
        private static SecretFinding DetectAll(string text, bool precheckLines)
        {
            if (string.IsNullOrEmpty(text)) return default;
            // A secret never spans lines: long text is checked line by line, so each regex budget covers one line.
            if (text!.Length > LongText && text.IndexOf('\n') >= 0)
            {
                // Each line as text.Split('\n') gives it (the last one after the final break, empty or not), by its range;
                // only a line that is checked is made into a string.
                for (int offset = 0; offset <= text.Length;)
                {
                    int brk = text.IndexOf('\n', offset);
                    int end = brk < 0 ? text.Length : brk;
                    if (!precheckLines || MayContainSecret(text, offset, end))
                    {
                        var found = DetectLine(text.Substring(offset, end - offset));
                        if (found.Found) return new SecretFinding(found.Kind, offset + found.Index);
                    }
                    offset = end + 1;
                }
                return default;
            }
            return DetectLine(text);
        }

        private const int LongText = 4096;

        /// <summary>Texts longer than this skip the pre-check (<see cref="MayContainSecret"/>).</summary>
        internal const int HugeText = 1 << 20;

        private static SecretFinding DetectLine(string text)
        {
            var t = Normalize(text!, out var map);
            // Every shape has a run of at least 16 token characters; short text is never a secret (and is most text).
            if (t.Length < 16) return default;
            try
            {
                foreach (var shape in Shapes)
                {
                    if (!shape.MayMatch(t)) continue;
                    for (var m = shape.Pattern.Match(t); m.Success; m = m.NextMatch())
                        if (shape.Accept == null || shape.Accept(m)) return new SecretFinding(shape.Kind, Original(map, m.Index));
                }
                foreach (var run in Base64Keys(t)) return new SecretFinding(SecretKind.AwsSecretAccessKey, Original(map, run));
                foreach (var run in CandidateRuns(t))
                    if (IsRandomCandidate(t.Substring(run.Key, run.Value))) return new SecretFinding(SecretKind.HighEntropyString, Original(map, run.Key));
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
        /// <paramref name="text"/> with every secret-looking value replaced by <c>[redacted: kind]</c>: what error
        /// messages, gate results and snapshots for rendering show instead of a value.
        /// </summary>
        public static string Redact(string text)
            => string.IsNullOrEmpty(text) || !MayContainSecret(text) ? text : RedactAll(text, precheckLines: true);

        /// <summary><see cref="Redact"/> without the pre-check (the tests hold the two to the same answers).</summary>
        internal static string RedactAll(string text) => RedactAll(text, precheckLines: false);

        /// <summary>
        /// The full redaction; with <paramref name="precheckLines"/> a long text's lines that <see cref="MayContainSecret"/>
        /// clears are kept as they are without the full check (a rendered document: a few lines have a long run, most none).
        /// </summary>
        private static string RedactAll(string text, bool precheckLines)
        {
            if (string.IsNullOrEmpty(text)) return text;
            if (text.Length > LongText && text.IndexOf('\n') >= 0)
            {
                // string.Join("\n", each line of text.Split('\n') redacted), made only when a line changes: the lines are
                // taken by their ranges, a checked one made into a string, and the text is copied from the first change on.
                StringBuilder? sb = null;
                for (int offset = 0; offset <= text.Length;)
                {
                    int brk = text.IndexOf('\n', offset);
                    int end = brk < 0 ? text.Length : brk;
                    string? redacted = null;
                    if (!precheckLines || MayContainSecret(text, offset, end))
                    {
                        var line = text.Substring(offset, end - offset);
                        var result = RedactLine(line);
                        if (!ReferenceEquals(result, line)) redacted = result;
                    }
                    if (redacted != null && sb == null) sb = new StringBuilder(text.Length + 64).Append(text, 0, offset);
                    if (sb != null)
                    {
                        if (redacted != null) sb.Append(redacted); else sb.Append(text, offset, end - offset);
                        if (brk >= 0) sb.Append('\n');
                    }
                    offset = end + 1;
                }
                return sb == null ? text : sb.ToString();
            }
            return RedactLine(text);
        }

        private static string RedactLine(string text, int depth = 0)
        {
            var t = Normalize(text, out var map);
            if (t.Length < 16) return text;
            var spans = new List<(int Start, int End, SecretKind Kind)>();
            try
            {
                foreach (var shape in Shapes)
                {
                    if (!shape.MayMatch(t)) continue;
                    for (var m = shape.Pattern.Match(t); m.Success; m = m.NextMatch())
                        if (shape.Accept == null || shape.Accept(m)) spans.Add((m.Index, m.Index + m.Length, shape.Kind));
                }
                foreach (var run in Base64Keys(t)) spans.Add((run, run + 40, SecretKind.AwsSecretAccessKey));
                foreach (var run in CandidateRuns(t))
                    if (IsRandomCandidate(t.Substring(run.Key, run.Value))) spans.Add((run.Key, run.Key + run.Value, SecretKind.HighEntropyString));
            }
            catch (RegexMatchTimeoutException)
            {
                return "[redacted: the text could not be checked for secrets]";
            }
            if (spans.Count == 0) return text;
            spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            // Overlapping findings (a webhook URL running into a key) are one redaction covering both.
            var merged = new List<(int Start, int End, SecretKind Kind)>();
            foreach (var span in spans)
            {
                if (merged.Count > 0 && span.Start < merged[merged.Count - 1].End)
                {
                    var last = merged[merged.Count - 1];
                    merged[merged.Count - 1] = (last.Start, Math.Max(last.End, span.End), last.Kind);
                }
                else merged.Add(span);
            }
            var sb = new StringBuilder(text.Length);
            int copied = 0;
            foreach (var span in merged)
            {
                int start = Original(map, span.Start), end = span.End >= t.Length ? text.Length : Original(map, span.End);
                sb.Append(text, copied, start - copied).Append("[redacted: ").Append(Describe(span.Kind)).Append(']');
                copied = end;
            }
            sb.Append(text, copied, text.Length - copied);
            var result = sb.ToString();
            // What is left beside a redaction is judged again on its own (a shape cut short by its neighbour).
            return Detect(result).Found && depth < 3 ? RedactLine(result, depth + 1) : result;
        }

        /// <summary>A value as a message may quote it: in quotes and shortened, or described and withheld when it looks like a secret.</summary>
        public static string Quote(string? value, int maxLength = 60)
        {
            if (value == null) return "nothing";
            var finding = Detect(value);
            if (finding.Found) return "a value that looks like " + finding.Description + " (not shown)";
            var oneLine = value.Replace("\r", "\\r").Replace("\n", "\\n");
            return "\"" + (oneLine.Length <= maxLength ? oneLine : oneLine.Substring(0, maxLength - 3) + "...") + "\"";
        }

        public static string Describe(SecretKind kind)
        {
            switch (kind)
            {
                case SecretKind.SlackToken: return "a Slack token";
                case SecretKind.SlackWebhook: return "a Slack webhook URL";
                case SecretKind.GitHubToken: return "a GitHub token";
                case SecretKind.AwsAccessKey: return "an AWS access key id";
                case SecretKind.AwsSecretAccessKey: return "an AWS secret access key";
                case SecretKind.OpenAiStyleKey: return "an API secret key (sk-...)";
                case SecretKind.StripeSecretKey: return "a Stripe secret key";
                case SecretKind.GoogleApiKey: return "a Google API key";
                case SecretKind.SendGridKey: return "a SendGrid API key";
                case SecretKind.UrlPassword: return "a URL with a password";
                case SecretKind.PrivateKey: return "a private key";
                case SecretKind.JsonWebToken: return "a JSON Web Token";
                case SecretKind.HighEntropyString: return "a long random string (a generated key or token)";
                default: return "no secret";
            }
        }

        /// <summary>
        /// The text as the shapes see it: look-alike dashes become '-', invisible characters go. <paramref name="map"/>
        /// gives each normalised index its index in the original (null when nothing changed).
        /// </summary>
        private static string Normalize(string text, out int[]? map)
        {
            map = null;
            bool changes = false;
            foreach (var c in text)
                if (IsDashLookAlike(c) || IsInvisible(c)) { changes = true; break; }
            if (!changes) return text;
            var sb = new StringBuilder(text.Length);
            var indexes = new List<int>(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (IsInvisible(c)) continue;
                sb.Append(IsDashLookAlike(c) ? '-' : c);
                indexes.Add(i);
            }
            map = indexes.ToArray();
            return sb.ToString();
        }

        private static int Original(int[]? map, int index) => map == null ? index : index < map.Length ? map[index] : (map.Length == 0 ? 0 : map[map.Length - 1] + 1);

        private static bool IsDashLookAlike(char c) => (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\uFE58' || c == '\uFE63' || c == '\uFF0D';

        private static bool IsInvisible(char c) => (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';

        private static bool IsPlaceholderPassword(string pw)
        {
            if (pw.Length == 0) return true;
            if (pw.IndexOfAny(new[] { '$', '<', '>', '{', '}', '[', ']', '%' }) >= 0) return true;
            if (pw.Trim('*', 'x', 'X', '.', '…').Length == 0) return true;
            var lower = pw.ToLowerInvariant();
            return lower == "password" || lower == "pass" || lower == "passwd" || lower == "secret" || lower == "pw" || lower == "postgres" || lower == "changeme";
        }

        /// <summary>
        /// Where 40 base64 characters stand alone (an AWS secret access key, <c>wJalrXUtnFEMI/K7MDENG/...</c>): a run of
        /// exactly 40 of [A-Za-z0-9/+] between characters that cannot continue a token. A plain scan, linear in the text.
        /// </summary>
        private static IEnumerable<int> Base64Keys(string t)
        {
            int i = 0;
            while (i < t.Length)
            {
                if (!IsBase64(t[i])) { i++; continue; }
                int start = i;
                while (i < t.Length && IsBase64(t[i])) i++;
                bool boundedBefore = start == 0 || !IsTokenEdge(t[start - 1]);
                bool boundedAfter = i == t.Length || !IsTokenEdge(t[i]);
                if (i - start == 40 && boundedBefore && boundedAfter && LooksLikeBase64Key(t.Substring(start, 40))) yield return start;
            }
        }

        private static bool IsBase64(char c) => IsAsciiLetterOrDigit(c) || c == '/' || c == '+';

        private static bool IsTokenEdge(char c) => c == '=' || c == '_' || c == '-' || c == '.';

        /// <summary>A 40-character base64 run: mixed case and digits, random, and not a path of words.</summary>
        private static bool LooksLikeBase64Key(string s)
        {
            foreach (var segment in s.Split('/'))
            {
                int lowerRun = 0;
                bool allLower = segment.Length >= 2;
                foreach (var c in segment) { if (c >= 'a' && c <= 'z') lowerRun++; else allLower = false; }
                if (allLower) return false; // "src/lib/..." — a path
            }
            return LooksRandom(s.Replace("/", "").Replace("+", ""));
        }

        /// <summary>A long token-character run that is a generated key, after the honest look-alikes are set aside.</summary>
        private static bool IsRandomCandidate(string run)
        {
            foreach (var prefix in DigestPrefixes) if (run.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
            foreach (var prefix in PublicIdPrefixes) if (run.StartsWith(prefix, StringComparison.Ordinal)) return false;
            // A path is judged segment by segment (a GUID or a long file name in a folder is not a key).
            if (run.IndexOf('/') >= 0)
            {
                foreach (var segment in run.Split('/'))
                    if (segment.Length >= 32 && IsRandomCandidate(segment)) return true;
                return false;
            }
            return LooksRandom(run);
        }

        /// <summary>
        /// A generated key mixes character classes and has high per-character entropy; identifiers such as
        /// <c>entity_external_ids_one_to_one_sources</c>, <c>SlackWebApiClientFactoryV2</c>, hex digests of git
        /// commits or repeated text do not.
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
            if (WordCharacters(s) * 10 >= s.Length * 6) return false; // CamelCase identifiers: mostly words
            return Entropy(s) >= 4.0;
        }

        /// <summary>How many characters belong to word-like runs: a capital (or not) followed by three or more lower-case letters.</summary>
        private static int WordCharacters(string s)
        {
            int total = 0, i = 0;
            while (i < s.Length)
            {
                int start = i;
                if (s[i] >= 'A' && s[i] <= 'Z') i++;
                int lowerStart = i;
                while (i < s.Length && s[i] >= 'a' && s[i] <= 'z') i++;
                if (i - lowerStart >= 3) total += i - start;
                if (i == start) i++;
            }
            return total;
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
