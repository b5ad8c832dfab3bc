using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>The facts read from a handler's own code: body reads, validation and guard patterns, the cron-secret check, upserts and 23505 handling.</summary>
    internal sealed partial class RouteHandlerReader
    {
        // Patterns run on the blanked code, where comments and literal contents are spaces; none can backtrack badly.
        private static readonly Regex BodyRead = new Regex(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Upsert = new Regex(@"\.[ \t\r\n]*upsert[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex FromCall = new Regex(@"\.[ \t\r\n]*from[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecret = new Regex(@"CRON_SECRET(?![\w$])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecretDot = new Regex(@"\bprocess[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\.[ \t\r\n]*CRON_SECRET\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex CronSecretBracket = new Regex(@"\bprocess[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\[[ \t\r\n]*['""`]CRON_SECRET['""`]", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Comparison = new Regex(@"[!=]==?|timingSafeEqual[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex Authorization = new Regex(@"authorization", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private static readonly Regex Bearer = new Regex(@"bearer", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private static readonly Regex UpsertOption = new Regex(@"(?<![\w$])(onConflict|ignoreDuplicates)[ \t\r\n]*:[ \t\r\n]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex LeadingIdentifier = new Regex(@"^[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private int? First(Regex pattern, List<Span> spans)
        {
            foreach (var span in spans)
            {
                var m = pattern.Match(code, span.Start, span.End - span.Start);
                if (m.Success) return src.LineOf(m.Index);
            }
            return null;
        }

        private int? FirstBodyRead(Found f)
        {
            foreach (var span in f.Body)
            {
                for (var m = BodyRead.Match(code, span.Start, span.End - span.Start); m.Success; m = m.NextMatch())
                {
                    var receiver = Receiver(m.Index, span.Start);
                    if (receiver.Length == 0) continue;
                    // The receiver is trimmed, so "^(?:NextResponse|Response)$" is an exact comparison.
                    bool isRequest = f.RequestName != null
                        ? NamesRequest(receiver, f.RequestName)
                        : receiver != "NextResponse" && receiver != "Response";
                    if (isRequest) return src.LineOf(m.Index);
                }
            }
            return null;
        }

        /// <summary>
        /// True when <paramref name="name"/> (an identifier: ASCII letters, digits, '_' and '$') stands in the receiver
        /// as a word of its own: what <c>(?&lt;![\w$.])name(?![\w$])</c> matches. Decided here for ASCII neighbours;
        /// a non-ASCII neighbour (where \w means a Unicode letter, digit or connector) is left to that regex.
        /// </summary>
        internal static bool NamesRequest(string receiver, string name)
        {
            for (int k = receiver.IndexOf(name, StringComparison.Ordinal); k >= 0; k = receiver.IndexOf(name, k + 1, StringComparison.Ordinal))
            {
                int after = k + name.Length;
                if ((k > 0 && receiver[k - 1] > '\u007f') || (after < receiver.Length && receiver[after] > '\u007f'))
                    return Regex.IsMatch(receiver, @"(?<![\w$.])" + Regex.Escape(name) + @"(?![\w$])");
                if (k > 0 && (CodeText.IsIdent(receiver[k - 1]) || receiver[k - 1] == '.')) continue;
                if (after < receiver.Length && CodeText.IsIdent(receiver[after])) continue;
                return true;
            }
            return false;
        }

        /// <summary>The receiver expression of a member access at <paramref name="dot"/>: <c>a.b(c).d</c> before <c>.json()</c>.</summary>
        private string Receiver(int dot, int floor)
        {
            int k = dot - 1;
            while (true)
            {
                while (k >= floor && char.IsWhiteSpace(code[k])) k--;
                if (k < floor) break;
                char c = code[k];
                if (c == ')' || c == ']')
                {
                    int open = MatchOpen(k);
                    if (open < floor) break;
                    k = open - 1;
                    continue;
                }
                if (CodeText.IsIdent(c))
                {
                    while (k >= floor && CodeText.IsIdent(code[k])) k--;
                    int j = k;
                    while (j >= floor && char.IsWhiteSpace(code[j])) j--;
                    if (j >= floor && (code[j] == '.' || (code[j] == '?' && j + 1 < code.Length && code[j + 1] == '.')))
                    {
                        k = code[j] == '.' && j > floor && code[j - 1] == '?' ? j - 2 : j - 1;
                        continue;
                    }
                    if (j >= floor && code[j] == '!') { k = j - 1; continue; } // non-null assertion
                    break;
                }
                break;
            }
            int from = k + 1;
            return code.Substring(from, dot - from).Trim();
        }

        private int? CronCheck(List<Span> spans)
        {
            fileReadsCronSecret ??= src.Raw.IndexOf("CRON_SECRET", StringComparison.Ordinal) >= 0
                && (CronSecretDot.IsMatch(code) || CronSecretBracket.IsMatch(src.Raw));
            if (!fileReadsCronSecret.Value) return null;
            foreach (var span in spans)
            {
                int length = span.End - span.Start;
                var secret = CronSecret.Match(code, span.Start, length);
                while (secret.Success && secret.Index > 0 && CodeText.IsIdent(code[secret.Index - 1])) secret = secret.NextMatch();
                var bracket = CronSecretBracket.Match(src.Raw, span.Start, length);
                int at = secret.Success ? secret.Index : bracket.Success ? bracket.Index : -1;
                if (at < 0) continue;
                if (!Comparison.Match(code, span.Start, length).Success) continue;
                if (!Authorization.Match(src.Raw, span.Start, length).Success) continue;
                if (!Bearer.Match(src.Raw, span.Start, length).Success) continue;
                return src.LineOf(at);
            }
            return null;
        }

        private int? Find23505(List<Span> spans)
        {
            // The file's '23505's outside comments, each with the constant it initialises (if any), found once per file.
            if (uniqueViolationCodes == null)
            {
                var raw = src.Raw;
                uniqueViolationCodes = new List<KeyValuePair<int, string?>>();
                for (int k = raw.IndexOf("23505", StringComparison.Ordinal); k >= 0; k = raw.IndexOf("23505", k + 5, StringComparison.Ordinal))
                    if (!src.InComment(k)) uniqueViolationCodes.Add(new KeyValuePair<int, string?>(k, ConstantNameBefore(k - 1)));
            }
            if (uniqueViolationCodes.Count == 0) return null;
            var constants = new List<string>();
            foreach (var occurrence in uniqueViolationCodes)
            {
                int k = occurrence.Key;
                foreach (var span in spans) if (k >= span.Start && k < span.End) return src.LineOf(k);
                if (occurrence.Value != null) constants.Add(occurrence.Value);
            }
            // A module constant holding '23505' used in the handler.
            foreach (var name in constants)
                foreach (var span in spans)
                    for (int k = code.IndexOf(name, span.Start, span.End - span.Start, StringComparison.Ordinal); k >= 0;
                         k = k + name.Length < span.End ? code.IndexOf(name, k + name.Length, span.End - k - name.Length, StringComparison.Ordinal) : -1)
                        if ((k == 0 || !CodeText.IsIdent(code[k - 1])) && (k + name.Length >= code.Length || !CodeText.IsIdent(code[k + name.Length]))) return src.LineOf(k);
            return null;
        }

        /// <summary>How far an <c>onConflict</c> value is read for the name of a constant (identifiers are shorter).</summary>
        private const int IdentifierWindow = 128;

        /// <summary>Reads <c>.upsert(rows, { onConflict: '…', ignoreDuplicates: true })</c>; <paramref name="open"/> is the '('.</summary>
        private UpsertCall ReadUpsert(int dot, int open)
        {
            int line = src.LineOf(dot);
            string? table = null;
            var receiver = Receiver(dot, 0);
            int receiverStart = dot - receiver.Length;
            // The last .from('x') of the chain names the table.
            if (receiverStart < dot)
            {
                // Matched in place: Match(code, start, length) sees only the receiver, as on its substring.
                Match? last = null;
                for (var m = FromCall.Match(code, receiverStart, dot - receiverStart); m.Success; m = m.NextMatch()) last = m;
                if (last != null && src.TryReadLiteral(last.Index + last.Length, out var name, out _)) table = name;
            }
            int close = MatchClose(open);
            if (close < 0) return new UpsertCall(table, null, false, line);
            int options = SecondArgumentObject(open, close);
            IReadOnlyList<string>? onConflict = null;
            bool ignore = false;
            if (options >= 0)
            {
                int optionsEnd = MatchClose(options);
                if (optionsEnd < 0) optionsEnd = close;
                for (var key = UpsertOption.Match(code, options, optionsEnd - options); key.Success; key = key.NextMatch())
                {
                    int valueAt = key.Index + key.Length;
                    if (key.Groups[1].Value == "onConflict")
                    {
                        string? text = null;
                        if (src.TryReadLiteral(valueAt, out var literal, out _)) text = literal;
                        else
                        {
                            var ident = LeadingIdentifier.Match(code, valueAt, Math.Min(IdentifierWindow, code.Length - valueAt));
                            if (ident.Success && Constants().TryGetValue(ident.Value, out var constant)) text = constant;
                        }
                        if (text != null)
                            onConflict = WriteRecognizer.ConflictColumns(text);
                    }
                    else
                    {
                        ignore = string.CompareOrdinal(code, valueAt, "true", 0, 4) == 0;
                    }
                }
            }
            return new UpsertCall(table, onConflict, ignore, line);
        }

        /// <summary>The '{' of an object literal that is the second argument of a call, or -1.</summary>
        private int SecondArgumentObject(int open, int close)
        {
            int depth = 0;
            for (int k = open + 1; k < close; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (c == ',' && depth == 0)
                {
                    int next = SkipSpace(k + 1);
                    return next < close && code[next] == '{' ? next : -1;
                }
            }
            return -1;
        }
    }
}
