using System.Collections.Generic;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>A parsed YAML node with its position; aliases share the anchored node instead of copying it.</summary>
    internal abstract class YamlTreeNode
    {
        protected YamlTreeNode(int line, int column) { Line = line; Column = column; }
        public int Line { get; }
        public int Column { get; }
        /// <summary>Nodes this node stands for once aliases are expanded (guards against alias bombs).</summary>
        public long ExpandedSize { get; set; } = 1;
        /// <summary>Character offsets of the node in the text it was read from: where it starts, and just after its last character
        /// (for a block collection, after its last item). The comment-keeping writer splices at these.</summary>
        public int StartIndex { get; set; }
        public int EndIndex { get; set; }
        /// <summary>A flow collection (<c>[a, b]</c>, <c>{ a: 1 }</c>) or a literal/folded block scalar: not edited line by line.</summary>
        public bool IsFlowOrBlockScalar { get; set; }
        public abstract string Describe();
    }

    internal sealed class YamlTreeScalar : YamlTreeNode
    {
        public YamlTreeScalar(string value, bool plain, int line, int column) : base(line, column) { Value = value; Plain = plain; }
        public string Value { get; }
        /// <summary>True for an unquoted scalar (only then do <c>~</c>, <c>null</c> and the empty value mean "nothing").</summary>
        public bool Plain { get; }
        public bool IsNull => Plain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");
        public override string Describe() => IsNull ? "nothing" : Shown(Value);

        /// <summary>A value as an error message may show it: quoted and shortened, or withheld when it looks like a secret.</summary>
        internal static string Shown(string text)
        {
            var secret = Security.SecretDetector.Detect(text, includeHighEntropy: false);
            return secret.Found ? "a value that looks like " + secret.Description + " (not shown)" : "\"" + Shorten(text) + "\"";
        }

        internal static string Shorten(string text)
        {
            var oneLine = text.Replace("\r", "\\r").Replace("\n", "\\n");
            return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
        }
    }

    internal sealed class YamlTreeSequence : YamlTreeNode
    {
        public YamlTreeSequence(int line, int column) : base(line, column) { }
        public List<YamlTreeNode> Items { get; } = new List<YamlTreeNode>();
        public override string Describe() => "a list";
    }

    internal sealed class YamlTreeMapping : YamlTreeNode
    {
        public YamlTreeMapping(int line, int column) : base(line, column) { }
        public List<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; } = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
        public override string Describe() => "a mapping";
    }
}
