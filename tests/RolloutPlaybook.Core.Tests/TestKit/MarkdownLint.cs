using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>
    /// A few markdownlint rules, enough to keep rendered documents clean: one H1 (MD025) on the first line (MD041),
    /// no trailing spaces (MD009), no runs of blank lines (MD012), blank lines around headings (MD022), fenced code
    /// with a language (MD040), tables with the same column count on every row (MD056), one final newline (MD047), no CR.
    /// </summary>
    internal static class MarkdownLint
    {
        public static IReadOnlyList<string> Check(string text)
        {
            var problems = new List<string>();
            if (text.Contains('\r')) problems.Add("CR line endings");
            if (!text.EndsWith("\n") || text.EndsWith("\n\n")) problems.Add("MD047: the file must end with exactly one newline");
            var lines = text.TrimEnd('\n').Split('\n');
            bool inFence = false;
            int h1 = 0;
            int? tableColumns = null;
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                int n = i + 1;
                if (line.StartsWith("```"))
                {
                    if (!inFence && line.Trim() == "```") problems.Add(n + ": MD040 fenced code block without a language");
                    inFence = !inFence;
                    continue;
                }
                if (line != line.TrimEnd(' ', '\t')) problems.Add(n + ": MD009 trailing whitespace");
                if (inFence) continue;
                if (line.Length == 0 && i > 0 && lines[i - 1].Length == 0) problems.Add(n + ": MD012 multiple blank lines");
                if (Regex.IsMatch(line, "^#{1,6} "))
                {
                    if (line.StartsWith("# ")) h1++;
                    if (i > 0 && lines[i - 1].Length != 0) problems.Add(n + ": MD022 heading without a blank line before");
                    if (i + 1 < lines.Length && lines[i + 1].Length != 0) problems.Add(n + ": MD022 heading without a blank line after");
                }
                if (line.StartsWith("|"))
                {
                    int columns = Cells(line);
                    if (!line.EndsWith("|") || line.EndsWith("\\|")) problems.Add(n + ": table row does not end with a pipe");
                    if (tableColumns == null) tableColumns = columns;
                    else if (columns != tableColumns) problems.Add(n + ": MD056 table row has " + columns + " cells, the header " + tableColumns);
                    if (i > 0 && !lines[i - 1].StartsWith("|") && lines[i - 1].Length != 0) problems.Add(n + ": MD058 table without a blank line before");
                }
                else
                {
                    if (tableColumns != null && line.Length != 0) problems.Add(n + ": MD058 table without a blank line after");
                    tableColumns = null;
                }
            }
            if (inFence) problems.Add("unclosed code fence");
            if (h1 != 1) problems.Add("MD025: expected exactly one H1, found " + h1);
            if (!lines[0].StartsWith("# ")) problems.Add("MD041: the first line must be the H1");
            return problems;
        }

        /// <summary>Cells of a table row: unescaped pipes minus the outer ones (GFM splits cells at a pipe even inside a code span).</summary>
        public static int Cells(string row)
        {
            int pipes = 0;
            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] == '\\') { i++; continue; }
                if (row[i] == '|') pipes++;
            }
            return pipes - 1;
        }
    }
}
