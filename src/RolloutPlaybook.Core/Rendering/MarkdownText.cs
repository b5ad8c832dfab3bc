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
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var output = new List<string>(lines.Length);
            bool inFence = false;
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd(' ', '\t');
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (line.Length == 0 && !inFence && (output.Count == 0 || output[output.Count - 1].Length == 0)) continue;
                output.Add(line);
            }
            while (output.Count > 0 && output[output.Count - 1].Length == 0) output.RemoveAt(output.Count - 1);
            var sb = new StringBuilder(text.Length);
            foreach (var line in output) sb.Append(line).Append('\n');
            return sb.ToString();
        }
    }
}
