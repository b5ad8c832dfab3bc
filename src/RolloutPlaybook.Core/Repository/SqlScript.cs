using System;
using System.Collections.Generic;
using System.Text;

namespace RolloutPlaybook.Core.Repository
{
    internal enum SqlTokenKind { Word, QuotedIdentifier, String, Number, Symbol }

    /// <summary>A SQL token: keywords and unquoted identifiers folded to lower case, quoted identifiers and strings unquoted.</summary>
    internal readonly struct SqlToken
    {
        public SqlToken(SqlTokenKind kind, string text, int line) { Kind = kind; Text = text; Line = line; }
        public SqlTokenKind Kind { get; }
        public string Text { get; }
        public int Line { get; }

        public bool Is(string word) => Kind == SqlTokenKind.Word && string.Equals(Text, word, StringComparison.Ordinal);
        public bool IsSymbol(char c) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == c;
        /// <summary>An identifier: an unquoted word or a quoted identifier.</summary>
        public bool IsName => Kind == SqlTokenKind.Word || Kind == SqlTokenKind.QuotedIdentifier;
        public override string ToString() => Kind + ":" + Text;
    }

    /// <summary>
    /// Splits a PostgreSQL script into statements of tokens. Comments (<c>--</c>, nested <c>/* */</c>) are dropped;
    /// 'strings' (with '' escapes, and E'…' with backslash escapes), "identifiers" (with "" escapes) and
    /// dollar-quoted bodies (<c>$$ … $$</c>, <c>$tag$ … $tag$</c>) are single tokens, so semicolons and SQL text
    /// inside them never split or define anything.
    /// </summary>
    internal static class SqlScript
    {
        public static List<List<SqlToken>> Statements(string text)
        {
            var statements = new List<List<SqlToken>>();
            var current = new List<SqlToken>();
            int i = 0, n = text.Length, line = 1;

            void Count(int from, int to) { for (int k = from; k < to && k < n; k++) if (text[k] == '\n') line++; }

            while (i < n)
            {
                char c = text[i];
                if (c == '\n') { line++; i++; continue; }
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '-' && i + 1 < n && text[i + 1] == '-')
                {
                    while (i < n && text[i] != '\n') i++;
                    continue;
                }
                if (c == '/' && i + 1 < n && text[i + 1] == '*')
                {
                    int start = i, depth = 0;
                    while (i < n)
                    {
                        if (text[i] == '/' && i + 1 < n && text[i + 1] == '*') { depth++; i += 2; continue; }
                        if (text[i] == '*' && i + 1 < n && text[i + 1] == '/') { i += 2; if (--depth == 0) break; continue; }
                        i++;
                    }
                    Count(start, i);
                    continue;
                }
                int tokenLine = line;
                if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && text[i + 1] == '\'' && !PrecededByWord(text, i)))
                {
                    bool backslash = c != '\'';
                    int start = i;
                    if (backslash) i++;
                    i++;
                    var sb = new StringBuilder();
                    while (i < n)
                    {
                        char d = text[i];
                        if (backslash && d == '\\' && i + 1 < n) { sb.Append(text[i + 1]); i += 2; continue; }
                        if (d == '\'')
                        {
                            if (i + 1 < n && text[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                            i++;
                            break;
                        }
                        sb.Append(d);
                        i++;
                    }
                    Count(start, i);
                    current.Add(new SqlToken(SqlTokenKind.String, sb.ToString(), tokenLine));
                    continue;
                }
                if (c == '"')
                {
                    int start = i++;
                    var sb = new StringBuilder();
                    while (i < n)
                    {
                        if (text[i] == '"')
                        {
                            if (i + 1 < n && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                            i++;
                            break;
                        }
                        sb.Append(text[i++]);
                    }
                    Count(start, i);
                    current.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, sb.ToString(), tokenLine));
                    continue;
                }
                if (c == '$')
                {
                    int tagEnd = DollarTagEnd(text, i);
                    if (tagEnd > 0)
                    {
                        var tag = text.Substring(i, tagEnd - i + 1);
                        int bodyStart = tagEnd + 1;
                        int close = text.IndexOf(tag, bodyStart, StringComparison.Ordinal);
                        int end = close < 0 ? n : close + tag.Length;
                        var body = text.Substring(bodyStart, (close < 0 ? n : close) - bodyStart);
                        Count(i, end);
                        i = end;
                        current.Add(new SqlToken(SqlTokenKind.String, body, tokenLine));
                        continue;
                    }
                }
                if (IsWordStart(c))
                {
                    int start = i;
                    while (i < n && IsWordPart(text[i])) i++;
                    current.Add(new SqlToken(SqlTokenKind.Word, text.Substring(start, i - start).ToLowerInvariant(), tokenLine));
                    continue;
                }
                if (c >= '0' && c <= '9')
                {
                    int start = i;
                    while (i < n && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_')) i++;
                    current.Add(new SqlToken(SqlTokenKind.Number, text.Substring(start, i - start), tokenLine));
                    continue;
                }
                if (c == ';')
                {
                    if (current.Count > 0) statements.Add(current);
                    current = new List<SqlToken>();
                    i++;
                    continue;
                }
                if (c == ':' && i + 1 < n && text[i + 1] == ':')
                {
                    current.Add(new SqlToken(SqlTokenKind.Symbol, "::", tokenLine));
                    i += 2;
                    continue;
                }
                current.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), tokenLine));
                i++;
            }
            if (current.Count > 0) statements.Add(current);
            return statements;
        }

        /// <summary>At a '$': the index of the '$' closing a dollar-quote opener (<c>$$</c> or <c>$tag$</c>), or -1 (e.g. <c>$1</c>).</summary>
        private static int DollarTagEnd(string text, int at)
        {
            if (at > 0 && IsWordPart(text[at - 1])) return -1; // part of an identifier such as a$b
            int k = at + 1;
            if (k < text.Length && text[k] == '$') return k;
            if (k >= text.Length || !IsWordStart(text[k])) return -1;
            while (k < text.Length && (IsWordStart(text[k]) || (text[k] >= '0' && text[k] <= '9'))) k++;
            return k < text.Length && text[k] == '$' ? k : -1;
        }

        private static bool PrecededByWord(string text, int at) => at > 0 && IsWordPart(text[at - 1]);
        private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c > '\u007f';
        private static bool IsWordPart(char c) => IsWordStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
