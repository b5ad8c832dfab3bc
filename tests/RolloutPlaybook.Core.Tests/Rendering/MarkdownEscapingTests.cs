using System;
using System.Text;
using RolloutPlaybook.Core.Rendering;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    /// <summary>The escaping functions' fast paths (text with nothing to escape) agree with their plain definitions.</summary>
    public class MarkdownEscapingTests
    {
        private static string CellReference(string text)
            => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Trim();

        private static string InlineReference(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Trim();

        private static string CodeReference(string value)
        {
            var text = value.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|").Trim();
            if (text.Length == 0) return "";
            var fence = text.Contains("`") ? "``" : "`";
            var pad = text.StartsWith("`", StringComparison.Ordinal) || text.EndsWith("`", StringComparison.Ordinal) ? " " : "";
            return fence + pad + text + pad + fence;
        }

        [Theory]
        [InlineData("plain", "plain", "plain", "`plain`")]
        [InlineData(" padded ", "padded", "padded", "`padded`")]
        [InlineData("a|b", "a\\|b", "a|b", "`a\\|b`")]
        [InlineData("`tick", "`tick", "`tick", "`` `tick ``")]
        [InlineData("x<y\nz", "x&lt;y z", "x&lt;y z", "`x<y z`")]
        [InlineData("", "", "", "")]
        public void Examples(string text, string cell, string inline, string code)
        {
            Assert.Equal(cell, PlanFunctions.MdCell(text));
            Assert.Equal(inline, PlanFunctions.MdInline(text));
            Assert.Equal(code, PlanFunctions.MdCode(text));
        }

        [Fact]
        public void AgreeWithTheirDefinitionsOnRandomText()
        {
            var pieces = new[] { "a", "word", " ", "\t", "\r", "\n", "|", "\\", "<", ">", "`", "``", "\u00a0", "ü", "🚀", "-", "_" };
            var random = new Random(99);
            var appended = new StringBuilder();
            for (int i = 0; i < 20000; i++)
            {
                var sb = new StringBuilder();
                int n = random.Next(0, 8);
                for (int k = 0; k < n; k++) sb.Append(pieces[random.Next(pieces.Length)]);
                var text = sb.ToString();
                Assert.Equal(CellReference(text), PlanFunctions.MdCell(text));
                Assert.Equal(InlineReference(text), PlanFunctions.MdInline(text));
                Assert.Equal(CodeReference(text), PlanFunctions.MdCode(text));
                appended.Clear();
                PlanFunctions.AppendCode(appended, text);
                Assert.Equal(CodeReference(text), appended.ToString());
            }
        }
    }
}
