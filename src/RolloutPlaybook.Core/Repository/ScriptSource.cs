using System;
using System.Collections.Generic;
using System.Text;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// A TypeScript/JavaScript file as the scanners see it: the raw text and a "code" copy of the same length
    /// in which comments and the contents of string, template and regular-expression literals are blanked out
    /// (replaced by spaces, line breaks kept), so patterns never match inside them and offsets and line numbers
    /// stay those of the file. Literal delimiters stay in the code copy, and so do template <c>${ }</c>
    /// expressions (they are code).
    /// </summary>
    internal sealed class ScriptSource
    {
        private readonly int[] lineStarts;
        // The comments' [start, end) offsets, in order (empty arrays shared when there are none).
        private readonly int[] commentStarts;
        private readonly int[] commentEnds;

        private ScriptSource(string raw, string code, int[] lineStarts, int[] commentStarts, int[] commentEnds)
        {
            Raw = raw; Code = code; this.lineStarts = lineStarts; this.commentStarts = commentStarts; this.commentEnds = commentEnds;
        }

        public string Raw { get; }
        public string Code { get; }

        /// <summary>The 1-based line of an offset.</summary>
        public int LineOf(int offset)
        {
            int index = Array.BinarySearch(lineStarts, offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        /// <summary>True when an offset lies inside a comment.</summary>
        public bool InComment(int offset)
        {
            int lo = 0, hi = commentStarts.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                if (offset < commentStarts[mid]) hi = mid - 1;
                else if (offset >= commentEnds[mid]) lo = mid + 1;
                else return true;
            }
            return false;
        }

        /// <summary>
        /// Reads the string literal whose opening delimiter is at <paramref name="quote"/> ('…', "…" or a template
        /// without <c>${</c>); returns false when there is none there or it is not a plain literal.
        /// </summary>
        public bool TryReadLiteral(int quote, out string value, out int end)
        {
            value = ""; end = quote;
            if (quote < 0 || quote >= Code.Length) return false;
            char q = Code[quote];
            if (q != '\'' && q != '"' && q != '`') return false;
            int close = Code.IndexOf(q, quote + 1);
            if (close < 0) return false;
            if (q == '`' && Code.IndexOf("${", quote + 1, close - quote - 1, StringComparison.Ordinal) >= 0) return false;
            value = Unescape(Raw, quote + 1, close);
            end = close + 1;
            return true;
        }

        private static string Unescape(string raw, int start, int end)
        {
            if (raw.IndexOf('\\', start, end - start) < 0) return raw.Substring(start, end - start);
            var sb = new StringBuilder(end - start);
            for (int i = start; i < end; i++)
            {
                char c = raw[i];
                if (c != '\\' || i + 1 >= end) { sb.Append(c); continue; }
                char n = raw[++i];
                switch (n)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '\r': case '\n': break; // line continuation
                    default: sb.Append(n); break;
                }
            }
            return sb.ToString();
        }

        public static ScriptSource Parse(string raw)
        {
            var lexer = new Lexer(raw);
            lexer.Run();
            return new ScriptSource(raw, lexer.Code(), lexer.LineStarts(), lexer.Comments(out var commentEnds), commentEnds);
        }

        /// <summary>
        /// One pass over the text; a stack tracks template literals and the braces of their <c>${ }</c> expressions.
        /// The position is a local of <see cref="Run"/> (each literal's reader takes and returns it): the hot loop
        /// then keeps it in a register. The same pass notes where lines start: every '\n' is met either as white
        /// space in code or inside a blanked range.
        /// </summary>
        private sealed class Lexer
        {
            /// <summary>Texts up to this many characters are blanked in a per-thread buffer instead of a new array.</summary>
            private const int ScratchLimit = 1 << 15;

            [ThreadStatic] private static char[]? scratch;
            [ThreadStatic] private static int[]? lineScratch;

            private readonly string s;
            // Brace depth of the code inside each open template ${ } expression (innermost last).
            private Stack<int>? templateDepths; // made at the first ${
            // The text being blanked: a copy of s (the first s.Length characters).
            private readonly char[] output;

            // The offset of each line's first character, in order (lineStarts[0] = 0).
            private int[] lineStarts;
            private int lineCount = 1;

            public Lexer(string text)
            {
                s = text;
                if (text.Length <= ScratchLimit)
                {
                    output = scratch ??= new char[ScratchLimit];
                    text.CopyTo(0, output, 0, text.Length);
                }
                else output = text.ToCharArray();
                lineStarts = lineScratch ??= new int[1024];
                lineStarts[0] = 0;
            }

            /// <summary>A '\n' at <paramref name="at"/>: the next line starts after it.</summary>
            private void LineBreak(int at)
            {
                if (lineCount == lineStarts.Length) Array.Resize(ref lineStarts, lineStarts.Length * 2);
                lineStarts[lineCount++] = at + 1;
            }

            /// <summary>The line starts (call after <see cref="Run"/>).</summary>
            public int[] LineStarts()
            {
                var result = new int[lineCount];
                Array.Copy(lineStarts, result, lineCount);
                if (lineStarts.Length <= 1 << 14) lineScratch = lineStarts;
                return result;
            }

            // The comments met, as (start, end) pairs in a per-thread buffer (copied out exactly by Comments).
            [ThreadStatic] private static int[]? commentScratch;
            private int[] comments = commentScratch ??= new int[64];
            private int commentCount;

            private void Comment(int start, int end)
            {
                if (2 * commentCount + 2 > comments.Length) Array.Resize(ref comments, comments.Length * 2);
                comments[2 * commentCount] = start;
                comments[2 * commentCount + 1] = end;
                commentCount++;
            }

            /// <summary>The comments' starts, and their ends (call after <see cref="Run"/>).</summary>
            public int[] Comments(out int[] ends)
            {
                if (commentCount == 0) { ends = NoComments; return NoComments; }
                var starts = new int[commentCount];
                ends = new int[commentCount];
                for (int k = 0; k < commentCount; k++) { starts[k] = comments[2 * k]; ends[k] = comments[2 * k + 1]; }
                if (comments.Length <= 1 << 14) commentScratch = comments;
                return starts;
            }

            private static readonly int[] NoComments = Array.Empty<int>();

            /// <summary>The blanked copy of the text.</summary>
            public string Code() => new string(output, 0, s.Length);

            private void Blank(int from, int to)
            {
                var o = output;
                for (int k = from; k < to; k++)
                {
                    char c = o[k];
                    if (c == '\n') LineBreak(k);
                    else if (c != '\r') o[k] = ' ';
                }
            }

            public void Run()
            {
                string s = this.s;
                var kinds = CharKinds;
                int n = s.Length;
                int i = 0;
                int braceDepth = 0;
                // The last significant code character ('a' for a word, then [wordStart, wordEnd) is the word), for the
                // regex-or-divide decision.
                char last = '\0';
                int wordStart = -1, wordEnd = -1;
                while (i < n)
                {
                    char c = s[i];
                    switch (c)
                    {
                        case '/':
                            if (i + 1 < n && s[i + 1] == '/') { i = LineComment(i); continue; }
                            if (i + 1 < n && s[i + 1] == '*') { i = BlockComment(i); continue; }
                            if (RegexAllowed(last, wordStart, wordEnd)) { i = RegexLiteral(i); last = '/'; continue; }
                            last = c; i++; continue;
                        case '\'':
                        case '"':
                            i = QuotedString(i, c); last = c; continue;
                        case '`':
                            i = Template(i + 1, braceDepth); last = '`'; continue;
                        case '{':
                            braceDepth++; last = c; i++; continue;
                        case '}':
                            if (templateDepths != null && templateDepths.Count > 0 && templateDepths.Peek() == braceDepth)
                            {
                                // The end of a ${ } expression: back into the template's text.
                                templateDepths.Pop();
                                i = Template(i + 1, braceDepth);
                                last = '`';
                                continue;
                            }
                            braceDepth--; last = c; i++; continue;
                        default:
                            byte kind = c < 128 ? kinds[c] : (c == '\u00a0' || c == '\ufeff' || c == '\u2028' || c == '\u2029') ? Space : Word;
                            if (kind == Space)
                            {
                                // A run of ASCII white space (indentation) in one go.
                                if (c == '\n') LineBreak(i);
                                while (++i < n && (c = s[i]) < 128 && kinds[c] == Space)
                                    if (c == '\n') LineBreak(i);
                                continue;
                            }
                            if (kind == Word)
                            {
                                int start = i++;
                                while (i < n)
                                {
                                    char w = s[i];
                                    if (w < 128 ? kinds[w] != Word : w == '\u00a0' || w == '\ufeff') break;
                                    i++;
                                }
                                wordStart = start; wordEnd = i; last = 'a';
                                continue;
                            }
                            last = c; i++; continue;
                    }
                }
            }

            private const byte Space = 1, Word = 2; // 0: any other character

            /// <summary>The kind of each ASCII character, so the hot loop does one table look-up instead of a chain of tests.</summary>
            private static readonly byte[] CharKinds = BuildKinds();

            private static byte[] BuildKinds()
            {
                var kinds = new byte[128];
                foreach (var c in " \t\n\r\f\v") kinds[c] = Space;
                for (int c = 0; c < 128; c++)
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$') kinds[c] = Word;
                return kinds;
            }

            private static bool IsWordChar(char c) =>
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c > '\u007f';

            private static readonly string[] KeywordsBeforeExpression =
            {
                "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
                "yield", "await", "extends",
            };

            /// <summary>A '/' starts a regular expression where an expression may begin, and divides after one.</summary>
            private bool RegexAllowed(char last, int wordStart, int wordEnd)
            {
                if (last == '\0') return true;
                if (last == 'a')
                {
                    // The last word is one of the keywords (compared in place, no substring).
                    int length = wordEnd - wordStart;
                    foreach (var keyword in KeywordsBeforeExpression)
                        if (keyword.Length == length && string.CompareOrdinal(s, wordStart, keyword, 0, length) == 0) return true;
                    return false;
                }
                switch (last)
                {
                    case ')': case ']': case '\'': case '"': case '`': case '/':
                        return false;
                    case '}':
                        // A block end is followed by a statement (regex possible); an object literal followed by '/' is rare.
                        return true;
                    default:
                        return true;
                }
            }

            /// <summary>A '//' comment at <paramref name="i"/>; returns the line end.</summary>
            private int LineComment(int i)
            {
                int start = i;
                while (i < s.Length && s[i] != '\n' && s[i] != '\r') i++;
                Blank(start, i);
                Comment(start, i);
                return i;
            }

            /// <summary>A '/*' comment at <paramref name="i"/>; returns the position after its '*/' (or the text's end).</summary>
            private int BlockComment(int i)
            {
                int start = i;
                int close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? s.Length : close + 2;
                Blank(start, i);
                Comment(start, i);
                return i;
            }

            /// <summary>A string whose opening quote is at <paramref name="i"/>; returns the position after its closing quote (or where it stops).</summary>
            private int QuotedString(int i, char quote)
            {
                int start = ++i;
                while (i < s.Length)
                {
                    char c = s[i];
                    if (c == '\\') { i += 2; continue; }
                    if (c == quote) break;
                    if (c == '\n' || c == '\r') break; // unterminated: stop at the line end
                    i++;
                }
                if (i > s.Length) i = s.Length;
                Blank(start, i);
                if (i < s.Length && s[i] == quote) i++;
                return i;
            }

            /// <summary>
            /// Template text from <paramref name="i"/> (just after '`' or '}') to the closing '`' or the next '${'; returns
            /// the position after either. <paramref name="braceDepth"/> is the code's brace depth here.
            /// </summary>
            private int Template(int i, int braceDepth)
            {
                int start = i;
                while (i < s.Length)
                {
                    char c = s[i];
                    if (c == '\\') { i += 2; continue; }
                    if (c == '`')
                    {
                        Blank(start, i);
                        return i + 1;
                    }
                    if (c == '$' && i + 1 < s.Length && s[i + 1] == '{')
                    {
                        Blank(start, i);
                        // The '}' met at this same depth closes the expression.
                        (templateDepths ??= new Stack<int>()).Push(braceDepth);
                        return i + 2;
                    }
                    i++;
                }
                if (i > s.Length) i = s.Length;
                Blank(start, i);
                return i;
            }

            /// <summary>A regular expression literal whose '/' is at <paramref name="i"/>; returns the position after its flags (or where it stops).</summary>
            private int RegexLiteral(int i)
            {
                int start = ++i;
                bool inClass = false;
                while (i < s.Length)
                {
                    char c = s[i];
                    if (c == '\n' || c == '\r') break; // not a regex after all; keep going as code from here
                    if (c == '\\') { i += 2; continue; }
                    if (inClass) { if (c == ']') inClass = false; }
                    else if (c == '[') inClass = true;
                    else if (c == '/') break;
                    i++;
                }
                if (i > s.Length) i = s.Length;
                Blank(start, i);
                if (i < s.Length && s[i] == '/')
                {
                    i++;
                    while (i < s.Length && IsWordChar(s[i])) i++; // flags
                }
                return i;
            }
        }
    }
}
