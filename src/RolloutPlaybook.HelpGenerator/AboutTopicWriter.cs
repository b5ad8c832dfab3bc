using System;
using System.Collections.Generic;
using System.Text;

namespace RolloutPlaybook.HelpGenerator
{
    /// <summary>
    /// Turns <c>docs/help/about_*.md</c> into the plain-text layout of about topics: "# about_X" becomes the TOPIC,
    /// "## HEADING" an upper-case heading, "### Sub" an indented sub-heading; text is indented 4 spaces,
    /// fenced code 8. Lines keep their breaks (write them under 80 columns).
    /// </summary>
    internal static class AboutTopicWriter
    {
        public static string Convert(string markdown)
        {
            var text = new StringBuilder();
            bool inFence = false;
            foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
                if (inFence) { text.Append("        ").Append(line).Append('\n'); continue; }
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    text.Append("TOPIC\n    ").Append(line.Substring(2).Trim()).Append("\n\n");
                    continue;
                }
                if (line.StartsWith("## ", StringComparison.Ordinal)) { text.Append(line.Substring(3).Trim().ToUpperInvariant()).Append('\n'); continue; }
                if (line.StartsWith("### ", StringComparison.Ordinal)) { text.Append("  ").Append(line.Substring(4).Trim()).Append('\n'); continue; }
                text.Append(line.Length == 0 ? "" : "    " + line).Append('\n');
            }
            return TrimBlankRuns(text.ToString());
        }

        /// <summary>At most one blank line in a row, one newline at the end.</summary>
        private static string TrimBlankRuns(string text)
        {
            var lines = new List<string>();
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0 && lines.Count > 0 && lines[lines.Count - 1].Length == 0) continue;
                lines.Add(line);
            }
            return string.Join("\n", lines).Trim('\n') + "\n";
        }
    }
}
