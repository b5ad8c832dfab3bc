using System;
using System.Collections.Generic;
using System.Text;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>
    /// Tidies rendered Markdown so it passes the usual linter rules whatever whitespace a template leaves:
    /// no trailing spaces, no runs of blank lines, no blank lines at the start, exactly one final newline.
    /// Lines inside fenced code blocks keep their content (only trailing spaces go).
    /// </summary>
    public static class MarkdownText
    {
        public static string Normalize(string text)
        {
            if (text.IndexOf('\r') >= 0) text = text.Replace("\r\n", "\n").Replace('\r', '\n');
            // One pass over the lines, copying slices: documents run to megabytes.
            var sb = new StringBuilder(text.Length + 1);
            bool inFence = false, wroteAny = false, lastEmpty = false;
            int start = 0;
            while (start <= text.Length)
            {
                int newline = text.IndexOf('\n', start);
                int end = newline < 0 ? text.Length : newline;
                int trimmedEnd = end;
                while (trimmedEnd > start && (text[trimmedEnd - 1] == ' ' || text[trimmedEnd - 1] == '\t')) trimmedEnd--;
                int length = trimmedEnd - start;
                int first = start;
                while (first < trimmedEnd && char.IsWhiteSpace(text[first])) first++;
                if (trimmedEnd - first >= 3 && text[first] == '`' && text[first + 1] == '`' && text[first + 2] == '`') inFence = !inFence;
                if (!(length == 0 && !inFence && (!wroteAny || lastEmpty)))
                {
                    sb.Append(text, start, length).Append('\n');
                    wroteAny = true;
                    lastEmpty = length == 0;
                }
                if (newline < 0) break;
                start = newline + 1;
            }
            // No blank lines at the end: exactly one final newline, or nothing for an empty document.
            int keep = sb.Length;
            while (keep > 0 && sb[keep - 1] == '\n') keep--;
            if (keep == 0) return "";
            sb.Length = keep + 1;
            return sb.ToString();
        }
    }
}
