using System;
using System.Collections.Generic;
using System.IO;
using RolloutPlaybook.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>The result of reading YAML text: the root node (when readable) and every problem found.</summary>
    internal sealed class YamlTreeDocument
    {
        public YamlTreeDocument(YamlTreeNode? root, bool hadComments, List<PlanProblem> problems)
        {
            Root = root; HadComments = hadComments; Problems = problems;
        }
        public YamlTreeNode? Root { get; }
        public bool HadComments { get; }
        public List<PlanProblem> Problems { get; }
    }

    /// <summary>
    /// Reads YAML into <see cref="YamlTreeNode"/>s with positions. Iterative (deep nesting cannot overflow
    /// the stack), and it rejects what would make a plan ambiguous or expensive: duplicate keys, non-scalar
    /// keys, several documents, nesting beyond <see cref="MaxDepth"/>, alias expansion beyond <see cref="MaxExpandedNodes"/>.
    /// </summary>
    internal static class PlanYamlReader
    {
        public const int MaxDepth = 64;
        public const long MaxExpandedNodes = 2_000_000;

        private sealed class Frame
        {
            public Frame(YamlTreeNode node, string? anchor) { Node = node; Anchor = anchor; }
            public YamlTreeNode Node { get; }
            public string? Anchor { get; }
            public YamlTreeScalar? PendingKey { get; set; }
            public Dictionary<string, YamlTreeScalar>? Keys { get; set; }
            /// <summary>Where the last child read so far ends (a block collection ends there).</summary>
            public int LastEnd { get; set; }
        }

        public static YamlTreeDocument Read(string text, string? file)
        {
            var problems = new List<PlanProblem>();
            bool hadComments = false;

            // Tabs are not allowed in YAML indentation; say so plainly instead of a scanner error.
            if (FindIndentTabs(text, file, problems)) return new YamlTreeDocument(null, false, problems);

            YamlTreeNode? root = null;
            var stack = new Stack<Frame>();
            var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
            int documents = 0;
            var scanner = new Scanner(new StringReader(text), skipComments: false);
            var parser = new Parser(scanner);
            try
            {
                while (parser.MoveNext())
                {
                    var ev = parser.Current;
                    switch (ev)
                    {
                        case Comment comment:
                            // The schema modeline Export-RolloutPlan writes on line 1 is not a hand-written comment.
                            if (!(comment.Start.Line == 1 && PlanJsonSchema.IsModeline(comment.Value))) hadComments = true;
                            break;
                        case DocumentStart ds:
                            documents++;
                            if (documents > 1)
                            {
                                problems.Add(Problem(file, ds.Start, "", "a plan file holds one YAML document; found a second one here"));
                                return new YamlTreeDocument(null, hadComments, problems);
                            }
                            break;
                        case Scalar scalar:
                        {
                            var node = new YamlTreeScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Line(scalar.Start), Col(scalar.Start));
                            node.StartIndex = Index(scalar.Start); node.EndIndex = Index(scalar.End);
                            node.IsFlowOrBlockScalar = scalar.Style == ScalarStyle.Literal || scalar.Style == ScalarStyle.Folded;
                            if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = node;
                            if (!Attach(node, stack, ref root, file, problems)) return new YamlTreeDocument(null, hadComments, problems);
                            break;
                        }
                        case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                problems.Add(Problem(file, alias.Start, "", "alias *" + alias.Value.Value + " refers to no anchor"));
                                return new YamlTreeDocument(null, hadComments, problems);
                            }
                            if (stack.Count > 0 && stack.Peek().Node is YamlTreeMapping && stack.Peek().PendingKey == null)
                            {
                                problems.Add(Problem(file, alias.Start, "", "an alias cannot be used as a key"));
                                return new YamlTreeDocument(null, hadComments, problems);
                            }
                            if (!Attach(target, stack, ref root, file, problems)) return new YamlTreeDocument(null, hadComments, problems);
                            break;
                        }
                        case SequenceStart ss:
                            if (!Open(new YamlTreeSequence(Line(ss.Start), Col(ss.Start)) { StartIndex = Index(ss.Start), IsFlowOrBlockScalar = ss.Style == SequenceStyle.Flow }, ss.Anchor.IsEmpty ? null : ss.Anchor.Value, ss.Start, stack, file, problems))
                                return new YamlTreeDocument(null, hadComments, problems);
                            break;
                        case MappingStart ms:
                            if (!Open(new YamlTreeMapping(Line(ms.Start), Col(ms.Start)) { StartIndex = Index(ms.Start), IsFlowOrBlockScalar = ms.Style == MappingStyle.Flow }, ms.Anchor.IsEmpty ? null : ms.Anchor.Value, ms.Start, stack, file, problems))
                                return new YamlTreeDocument(null, hadComments, problems);
                            break;
                        case SequenceEnd _:
                        case MappingEnd _:
                        {
                            var frame = stack.Pop();
                            // A flow collection ends at its bracket; a block one with its last item (its end event sits at the next token).
                            frame.Node.EndIndex = frame.Node.IsFlowOrBlockScalar ? FlowEnd(text, ev) : Math.Max(frame.Node.StartIndex, frame.LastEnd);
                            if (frame.Anchor != null) anchors[frame.Anchor] = frame.Node;
                            if (!Attach(frame.Node, stack, ref root, file, problems)) return new YamlTreeDocument(null, hadComments, problems);
                            break;
                        }
                    }
                }
            }
            catch (YamlException ex)
            {
                problems.Add(Problem(file, ex.Start, "", "not valid YAML: " + Explain(ex)));
                return new YamlTreeDocument(null, hadComments, problems);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is IndexOutOfRangeException || ex is NullReferenceException || ex is FormatException || ex is OverflowException)
            {
                // YamlDotNet fails this way on some malformed input (e.g. an unclosed flow list followed by a
                // mapping); it is still a syntax error of the file, at the scanner's position.
                problems.Add(Problem(file, scanner.CurrentPosition, "", "not valid YAML: the text here cannot be read (an unclosed bracket or quote above?)"));
                return new YamlTreeDocument(null, hadComments, problems);
            }
            return new YamlTreeDocument(root, hadComments, problems);
        }

        private static bool Open(YamlTreeNode node, string? anchor, Mark start, Stack<Frame> stack, string? file, List<PlanProblem> problems)
        {
            if (stack.Count > 0 && stack.Peek().Node is YamlTreeMapping && stack.Peek().PendingKey == null)
            {
                problems.Add(Problem(file, start, "", "a key must be a plain value, not " + node.Describe()));
                return false;
            }
            if (stack.Count >= MaxDepth)
            {
                problems.Add(Problem(file, start, "", "nesting is deeper than " + MaxDepth + " levels; a plan is never this deep"));
                return false;
            }
            stack.Push(new Frame(node, anchor));
            return true;
        }

        /// <summary>Adds a finished node to its parent (or makes it the root).</summary>
        private static bool Attach(YamlTreeNode node, Stack<Frame> stack, ref YamlTreeNode? root, string? file, List<PlanProblem> problems)
        {
            if (stack.Count == 0)
            {
                root = node;
                return true;
            }
            var parent = stack.Peek();
            parent.LastEnd = Math.Max(parent.LastEnd, node.EndIndex);
            if (parent.Node is YamlTreeSequence seq)
            {
                seq.Items.Add(node);
            }
            else
            {
                var map = (YamlTreeMapping)parent.Node;
                if (parent.PendingKey == null)
                {
                    var key = (YamlTreeScalar)node;
                    parent.Keys ??= new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
                    if (parent.Keys.TryGetValue(key.Value, out var first))
                    {
                        problems.Add(new PlanProblem(file, key.Line, key.Column, "",
                            "duplicate key '" + key.Value + "' (first at line " + first.Line + ", column " + first.Column + ")"));
                    }
                    else parent.Keys[key.Value] = key;
                    parent.PendingKey = key;
                    return true;
                }
                map.Entries.Add(new KeyValuePair<YamlTreeScalar, YamlTreeNode>(parent.PendingKey, node));
                parent.PendingKey = null;
            }
            parent.Node.ExpandedSize += node.ExpandedSize;
            if (parent.Node.ExpandedSize > MaxExpandedNodes)
            {
                problems.Add(new PlanProblem(file, node.Line, node.Column, "",
                    "the document expands to more than " + MaxExpandedNodes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) +
                    " nodes (anchors and aliases repeated too often); a plan is never this large"));
                return false;
            }
            return true;
        }

        private static bool FindIndentTabs(string text, string? file, List<PlanProblem> problems)
        {
            int line = 1, col = 1;
            bool inIndent = true;
            bool found = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n') { line++; col = 1; inIndent = true; continue; }
                if (inIndent)
                {
                    if (c == '\t')
                    {
                        problems.Add(new PlanProblem(file, line, col, "", "tab character in indentation; YAML indents with spaces"));
                        found = true;
                        inIndent = false;
                    }
                    else if (c != ' ' && c != '\r' && c != '-' ) inIndent = false;
                }
                col++;
            }
            return found;
        }

        private static string Explain(YamlException ex)
        {
            // YamlDotNet messages start with the position; keep only the words.
            var message = ex.Message;
            int paren = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(", StringComparison.Ordinal) && paren > 0) message = message.Substring(paren + 3);
            message = message.Trim();
            if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message.Substring(1);
            return message.TrimEnd('.');
        }

        /// <summary>Just after a flow collection's closing bracket.</summary>
        private static int FlowEnd(string text, ParsingEvent ev)
        {
            int at = Index(ev.Start);
            return at < text.Length && (text[at] == ']' || text[at] == '}') ? at + 1 : Index(ev.End);
        }

        private static int Index(Mark mark) => (int)Math.Max(0, mark.Index);
        private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);
        private static int Col(Mark mark) => (int)Math.Max(1, mark.Column);

        private static PlanProblem Problem(string? file, Mark mark, string path, string message)
            => new PlanProblem(file, Line(mark), Col(mark), path, message);
    }
}
