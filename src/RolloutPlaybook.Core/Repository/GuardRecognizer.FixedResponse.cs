using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    internal sealed partial class GuardRecognizer
    {
        private static readonly Regex ResponseLike = new Regex(@"(?i)(response|errors?|json|redirect|notfound)$", Options);
        private static readonly HashSet<string> NotCalls = new HashSet<string>(StringComparer.Ordinal)
        { "if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "async", "new", "String", "Number", "Boolean", "Error", "JSON", "Object", "Array" };

        // What a fixed response may not do: await, read env or data, fetch, yield; a body read is fine on a response builder.
        // Read by hand in one pass over the range's identifier runs (FixedResponseRange), as these patterns read the range:
        //   DataEffect: (?<![\w$])(await|process|fetch|supabase|yield)(?![\w$])|\.[ \t\r\n]*(from|rpc)[ \t\r\n]*\(
        //   BodyCall:   \.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\(           (its receiver must be a response builder)
        //   Call:       (?<![\w$.])(new[ \t\r\n]+)?([A-Za-z_$][\w$]*)((?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]*\(
        //               (its root name, group 2, must be a keyword or builtin of NotCalls, response-like, or console)
        // GuardRecognizerTests compares the pass with these patterns.
        private static readonly string[] DataEffectWords = { "await", "process", "fetch", "supabase", "yield" };

        /// <summary>
        /// True when the handler only returns a fixed response: it follows no function, awaits nothing, reads no
        /// data or env, and calls nothing but response builders (<c>NextResponse.json</c>, <c>ApiErrors.notFound</c>) and
        /// <c>console</c> logging.
        /// </summary>
        public static bool IsFixedResponse(List<HandlerAnalyzer.Reach> reached)
        {
            foreach (var r in reached) if (r.Depth > 0) return false;
            foreach (var r in reached)
                if (r.End - r.Start > 0 && !IsFixedResponseRange(r.Module, r.Start, r.End)) return false;
            return true;
        }

        /// <summary>
        /// One range of <see cref="IsFixedResponse"/>, read as the patterns above read <c>code[start..end)</c> alone: no
        /// DataEffect match, every BodyCall's receiver response-like, every Call's root name allowed.
        /// </summary>
        internal static bool IsFixedResponseRange(ScriptModule m, int start, int end)
        {
            var code = m.Code;
            // Call's matches do not overlap: after one, the next is looked for after its '('.
            int callFrom = start;
            for (int k = start; k < end;)
            {
                if (!IdentifierTokens.IsWordOrDollar(code[k])) { k++; continue; }
                int e = RunEnd(code, k, end);
                // DataEffect's first alternative: a whole run.
                foreach (var word in DataEffectWords)
                    if (RunIs(code, k, e, word)) return false;
                // DataEffect's second alternative and BodyCall: . from(  / . json(: the run between the dot and the parenthesis.
                bool data = RunIs(code, k, e, "from") || RunIs(code, k, e, "rpc");
                if (data || RunIs(code, k, e, "json") || RunIs(code, k, e, "formData") || RunIs(code, k, e, "text"))
                {
                    int dot = k - 1;
                    while (dot >= start && CodeText.IsSpaceOrNewline(code[dot])) dot--;
                    int open = e;
                    while (open < end && CodeText.IsSpaceOrNewline(code[open])) open++;
                    if (dot >= start && code[dot] == '.' && open < end && code[open] == '(')
                    {
                        if (data) return false;
                        // .json( on a response builder is fine; on anything else it reads data.
                        if (!ResponseLike.IsMatch(CodeText.Receiver(code, dot, start, out _))) return false;
                    }
                }
                // Call starts at a run that starts with [A-Za-z_$] and follows no dot.
                if (k >= callFrom && CodeText.IsIdentStart(code[k]) && (k == start || code[k - 1] != '.'))
                {
                    int open = CallAt(code, k, e, end, out int rootStart, out int rootEnd);
                    if (open >= 0)
                    {
                        var rootName = m.Names.Get(code, rootStart, rootEnd - rootStart);
                        // Logging changes nothing (what it logs is checked on its own: a call or an await in it still counts).
                        // Anything else is a call that may do anything, or an arrow or function head: (req) => / function (…)
                        if (!NotCalls.Contains(rootName) && !ResponseLike.IsMatch(rootName) && rootName != "console") return false;
                        callFrom = open + 1;
                    }
                }
                k = e;
            }
            return true;
        }

        /// <summary>
        /// Call's match at the run <c>code[k..e)</c>, as the regex finds it: its '(' (-1 for none) and its root name. The regex
        /// cannot backtrack into another match: every shorter name, member chain or space run leaves a word character, a
        /// dot or a space where the next part or the '(' must be.
        /// </summary>
        private static int CallAt(string code, int k, int e, int end, out int rootStart, out int rootEnd)
        {
            // (new[ \t\r\n]+)? tried first: new Foo.bar( has the root Foo.
            if (RunIs(code, k, e, "new") && e < end && CodeText.IsSpaceOrNewline(code[e]))
            {
                int n = e;
                while (n < end && CodeText.IsSpaceOrNewline(code[n])) n++;
                if (n < end && CodeText.IsIdentStart(code[n]))
                {
                    int ne = RunEnd(code, n, end);
                    int afterNew = OpenAfterMembers(code, ne, end);
                    if (afterNew >= 0) { rootStart = n; rootEnd = ne; return afterNew; }
                }
            }
            rootStart = k; rootEnd = e;
            return OpenAfterMembers(code, e, end);
        }

        /// <summary>After a name at <paramref name="q"/>: (?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)* then [ \t\r\n]*\( — the '(' or -1.</summary>
        private static int OpenAfterMembers(string code, int q, int end)
        {
            while (true)
            {
                int s = q;
                while (s < end && CodeText.IsSpaceOrNewline(code[s])) s++;
                int d = s < end && code[s] == '?' ? s + 1 : s;
                if (d < end && code[d] == '.')
                {
                    int t = d + 1;
                    while (t < end && CodeText.IsSpaceOrNewline(code[t])) t++;
                    if (t < end && CodeText.IsIdentStart(code[t])) { q = RunEnd(code, t, end); continue; }
                }
                return s < end && code[s] == '(' ? s : -1;
            }
        }

        /// <summary>Where the <c>[\w$]</c> run at <paramref name="k"/> ends (at most <paramref name="end"/>).</summary>
        private static int RunEnd(string code, int k, int end)
        {
            int e = k + 1;
            while (e < end && IdentifierTokens.IsWordOrDollar(code[e])) e++;
            return e;
        }

        private static bool RunIs(string code, int k, int e, string word)
            => e - k == word.Length && code[k] == word[0] && string.CompareOrdinal(code, k, word, 0, word.Length) == 0;
    }
}
