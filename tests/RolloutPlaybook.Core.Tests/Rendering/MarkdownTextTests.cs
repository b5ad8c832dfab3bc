using System;
using System.Collections.Generic;
using System.Text;
using RolloutPlaybook.Core.Rendering;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    public class MarkdownTextTests
    {
        [Theory]
        [InlineData("", "")]
        [InlineData("\n\n \n\t\n", "")]
        [InlineData("a", "a\n")]
        [InlineData("\n\na  \n\n\n\nb\t \n\n", "a\n\nb\n")]
        [InlineData("a\r\nb\rc\n", "a\nb\nc\n")]
        [InlineData("x\n```\n\n\n  code  \n```\n\n\ny\n", "x\n```\n\n\n  code\n```\n\ny\n")]
        [InlineData("```\n\n\n", "```\n")]
        [InlineData("  ```yaml\n\n\n   ```  \n\n\nz", "  ```yaml\n\n\n   ```\n\nz\n")]
        public void TidiesWhitespaceOutsideFences(string input, string expected) => Assert.Equal(expected, MarkdownText.Normalize(input));

        /// <summary>The straightforward line-by-line definition the fast single pass must agree with.</summary>
        private static string Reference(string text)
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var output = new List<string>();
            bool inFence = false;
            foreach (var raw in lines)
            {
                var line = raw.TrimEnd(' ', '\t');
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (line.Length == 0 && !inFence && (output.Count == 0 || output[output.Count - 1].Length == 0)) continue;
                output.Add(line);
            }
            while (output.Count > 0 && output[output.Count - 1].Length == 0) output.RemoveAt(output.Count - 1);
            var sb = new StringBuilder();
            foreach (var line in output) sb.Append(line).Append('\n');
            return sb.ToString();
        }

        [Fact]
        public void AgreesWithTheLineByLineDefinitionOnRandomText()
        {
            var random = new Random(1234);
            for (int i = 0; i < 20000; i++)
            {
                var text = RandomText(random);
                Assert.True(Reference(text) == MarkdownText.Normalize(text), "input: " + Escape(text));
            }
        }

        [Fact]
        public void TextInPiecesGivesTheSameResult()
        {
            // A template writes a document in pieces; a piece may end inside "\r\n" or in the middle of a fence.
            var random = new Random(4321);
            for (int i = 0; i < 20000; i++)
            {
                var text = RandomText(random);
                var tidy = new MarkdownTidy();
                for (int at = 0; at < text.Length;)
                {
                    int count = Math.Min(text.Length - at, random.Next(0, 5));
                    tidy.Append(text, at, count);
                    at += count;
                }
                Assert.True(Reference(text) == tidy.Finish(), "input: " + Escape(text));
            }
        }

        private static readonly string[] Pieces = { "\n", "\r\n", "\r", " ", "\t", "```", "``", "`", "a", "word", "| x |", "\u00a0", "\u2003", "#", "-" };

        private static string RandomText(Random random)
        {
            var sb = new StringBuilder();
            int n = random.Next(0, 40);
            for (int k = 0; k < n; k++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            return sb.ToString();
        }

        private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}
