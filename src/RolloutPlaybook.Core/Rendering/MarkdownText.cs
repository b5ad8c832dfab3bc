using System;
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
            if (text == null) throw new ArgumentNullException(nameof(text));
            var tidy = new MarkdownTidy();
            tidy.Append(text, 0, text.Length);
            return tidy.Finish();
        }
    }

    /// <summary>
    /// <see cref="MarkdownText.Normalize"/> as a stream: text arrives in pieces (as a template writes it) and the
    /// tidy document is built as it goes, so a large document is never held twice. Line breaks are <c>\n</c>,
    /// <c>\r\n</c> or a lone <c>\r</c>, also when a piece ends between <c>\r</c> and <c>\n</c>.
    /// </summary>
    internal sealed class MarkdownTidy
    {
        private readonly StringBuilder output = new StringBuilder(4096);
        private char[] line = new char[256];
        private int lineLength;
        private bool inFence, wroteAny, lastEmpty, afterCarriageReturn;
        private string? finished;

        public void Append(string text, int offset, int count)
        {
            int end = offset + count;
            int at = offset;
            if (afterCarriageReturn && at < end)
            {
                afterCarriageReturn = false;
                if (text[at] == '\n') at++;
            }
            if (end - at <= 64)
            {
                // A template writes mostly short pieces ("| ", a cell): one loop beats two IndexOf calls.
                if (lineLength + (end - at) > line.Length) Array.Resize(ref line, Math.Max(line.Length * 2, lineLength + end - at));
                for (; at < end; at++)
                {
                    char c = text[at];
                    if (c != '\n' && c != '\r') { line[lineLength++] = c; continue; }
                    at = Break(text, at, end) - 1;
                }
                return;
            }
            while (at < end)
            {
                int brk = IndexOfBreak(text, at, end);
                if (brk < 0) { AddToLine(text, at, end - at); return; }
                AddToLine(text, at, brk - at);
                at = Break(text, brk, end);
            }
        }

        /// <summary>Ends the line at the break at <paramref name="brk"/>; returns where the next line starts (after a whole "\r\n").</summary>
        private int Break(string text, int brk, int end)
        {
            EndLine();
            if (text[brk] == '\r')
            {
                if (brk + 1 >= end) afterCarriageReturn = true;
                else if (text[brk + 1] == '\n') brk++;
            }
            return brk + 1;
        }

        /// <summary>The tidy text: the last line ended, blank lines at the end dropped, one final newline (or nothing).</summary>
        public string Finish()
        {
            if (finished != null) return finished;
            EndLine();
            int keep = output.Length;
            while (keep > 0 && output[keep - 1] == '\n') keep--;
            if (keep == 0) return finished = "";
            output.Length = keep + 1;
            return finished = output.ToString();
        }

        private static int IndexOfBreak(string text, int from, int end)
        {
            int n = text.IndexOf('\n', from, end - from);
            int r = text.IndexOf('\r', from, (n < 0 ? end : n) - from);
            return r >= 0 ? r : n;
        }

        private void AddToLine(string text, int offset, int count)
        {
            if (count == 0) return;
            if (lineLength + count > line.Length) Array.Resize(ref line, Math.Max(line.Length * 2, lineLength + count));
            text.CopyTo(offset, line, lineLength, count);
            lineLength += count;
        }

        private void EndLine()
        {
            int length = lineLength;
            while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t')) length--;
            int first = 0;
            while (first < length && char.IsWhiteSpace(line[first])) first++;
            if (length - first >= 3 && line[first] == '`' && line[first + 1] == '`' && line[first + 2] == '`') inFence = !inFence;
            if (!(length == 0 && !inFence && (!wroteAny || lastEmpty)))
            {
                output.Append(line, 0, length).Append('\n');
                wroteAny = true;
                lastEmpty = length == 0;
            }
            lineLength = 0;
        }
    }
}
