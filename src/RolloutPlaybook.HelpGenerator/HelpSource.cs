using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace RolloutPlaybook.HelpGenerator
{
    internal sealed record ExampleSource(string Title, string Code, IReadOnlyList<string> Remarks);

    internal sealed record ParameterSource(string Name, IReadOnlyList<string> Description, string? DefaultValue);

    internal sealed record TypeSource(string TypeName, IReadOnlyList<string> Description);

    internal sealed record LinkSource(string Text, string? Uri);

    /// <summary>
    /// One cmdlet's hand-written help, read from <c>docs/help/&lt;Verb-Noun&gt;.md</c> (format: docs/help/README.md).
    /// Text only: the parameter facts come from the code.
    /// </summary>
    internal sealed class HelpSource
    {
        public string File { get; private set; } = "";
        public string Name { get; private set; } = "";
        public IReadOnlyList<string> Synopsis { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Description { get; private set; } = Array.Empty<string>();
        public List<ExampleSource> Examples { get; } = new List<ExampleSource>();
        public List<ParameterSource> Parameters { get; } = new List<ParameterSource>();
        public List<TypeSource> Inputs { get; } = new List<TypeSource>();
        public List<TypeSource> Outputs { get; } = new List<TypeSource>();
        public IReadOnlyList<string> Notes { get; private set; } = Array.Empty<string>();
        public List<LinkSource> RelatedLinks { get; } = new List<LinkSource>();
        /// <summary>Problems with the file's shape (wrong headings, an example without code, ...).</summary>
        public List<string> Problems { get; } = new List<string>();

        private const string DefaultValuePrefix = "Default value:";

        public static HelpSource Parse(string file)
        {
            var help = new HelpSource { File = file };
            var lines = System.IO.File.ReadAllLines(file);
            string? section = null;
            string? subsection = null;
            var body = new List<string>();

            void Flush()
            {
                if (section != null) help.Take(section, subsection, body);
                body.Clear();
            }

            bool inFence = false;
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd();
                if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && section == null && help.Name.Length == 0)
                {
                    help.Name = line.Substring(2).Trim();
                    continue;
                }
                if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush();
                    section = line.Substring(3).Trim().ToUpperInvariant();
                    subsection = null;
                    continue;
                }
                if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush();
                    subsection = line.Substring(4).Trim();
                    continue;
                }
                body.Add(raw.TrimEnd());
            }
            Flush();
            if (help.Name.Length == 0) help.Problems.Add("no '# Verb-Noun' title");
            if (help.Synopsis.Count == 0) help.Problems.Add("no SYNOPSIS");
            if (help.Description.Count == 0) help.Problems.Add("no DESCRIPTION");
            return help;
        }

        private void Take(string section, string? subsection, List<string> body)
        {
            switch (section)
            {
                case "SYNOPSIS": Synopsis = Paragraphs(body); break;
                case "DESCRIPTION": Description = Paragraphs(body); break;
                case "NOTES": Notes = Paragraphs(body); break;
                case "RELATED LINKS": RelatedLinks.AddRange(Links(body)); break;
                case "EXAMPLES":
                    if (subsection == null) break;
                    var (code, rest) = SplitCode(body);
                    if (code == null) Problems.Add("example '" + subsection + "' has no code block");
                    Examples.Add(new ExampleSource(subsection, code ?? "", Paragraphs(rest)));
                    break;
                case "PARAMETERS":
                    if (subsection == null) break;
                    if (!subsection.StartsWith("-", StringComparison.Ordinal)) { Problems.Add("parameter heading '" + subsection + "' must start with '-'"); break; }
                    string? defaultValue = null;
                    var text = new List<string>();
                    foreach (var line in body)
                    {
                        if (line.TrimStart().StartsWith(DefaultValuePrefix, StringComparison.OrdinalIgnoreCase))
                            defaultValue = line.TrimStart().Substring(DefaultValuePrefix.Length).Trim();
                        else text.Add(line);
                    }
                    if (defaultValue != null && (defaultValue.Length == 0 || string.Equals(defaultValue, "none", StringComparison.OrdinalIgnoreCase))) defaultValue = null;
                    Parameters.Add(new ParameterSource(subsection.Substring(1).Trim(), Paragraphs(text), defaultValue));
                    break;
                case "INPUTS":
                    if (subsection != null) Inputs.Add(new TypeSource(subsection, Paragraphs(body)));
                    break;
                case "OUTPUTS":
                    if (subsection != null) Outputs.Add(new TypeSource(subsection, Paragraphs(body)));
                    break;
                default:
                    Problems.Add("unknown section '## " + section + "'");
                    break;
            }
        }

        /// <summary>The first fenced block, and the lines around it.</summary>
        private static (string? Code, List<string> Remainder) SplitCode(List<string> body)
        {
            int start = body.FindIndex(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (start < 0) return (null, body);
            int end = body.FindIndex(start + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (end < 0) end = body.Count;
            var code = string.Join("\n", body.Skip(start + 1).Take(end - start - 1));
            var rest = body.Take(start).Concat(body.Skip(end + 1)).ToList();
            return (code, rest);
        }

        /// <summary>
        /// Paragraphs separated by blank lines; lines of a paragraph are joined. List items ("- x") and indented or
        /// fenced code stay one paragraph per line so help keeps their shape.
        /// </summary>
        internal static IReadOnlyList<string> Paragraphs(IEnumerable<string> lines)
        {
            var result = new List<string>();
            var current = new StringBuilder();
            bool inFence = false;
            void End() { if (current.Length > 0) { result.Add(current.ToString()); current.Clear(); } }
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { End(); inFence = !inFence; continue; }
                if (inFence) { result.Add("    " + line); continue; }
                if (line.Trim().Length == 0) { End(); continue; }
                var trimmed = line.Trim();
                if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith("    ", StringComparison.Ordinal))
                {
                    End();
                    result.Add(line.StartsWith("    ", StringComparison.Ordinal) ? line : trimmed);
                    continue;
                }
                if (current.Length > 0) current.Append(' ');
                current.Append(trimmed);
            }
            End();
            return result;
        }

        private static IEnumerable<LinkSource> Links(IEnumerable<string> lines)
        {
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)) line = line.Substring(2).Trim();
                if (line.Length == 0) continue;
                // [text](uri) or plain text
                if (line.StartsWith("[", StringComparison.Ordinal) && line.Contains("](", StringComparison.Ordinal) && line.EndsWith(")", StringComparison.Ordinal))
                {
                    int split = line.IndexOf("](", StringComparison.Ordinal);
                    yield return new LinkSource(line.Substring(1, split - 1), line.Substring(split + 2, line.Length - split - 3));
                }
                else yield return new LinkSource(line, null);
            }
        }
    }
}
