using System;
using System.IO;
using RolloutPlaybook.Core.Drafting;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>The drafter takes a route file's lines from the text the inventory read: split as File.ReadAllLines splits them.</summary>
    public sealed class CodeFactsLinesTests
    {
        /// <summary>Every line ending File.ReadAllLines knows, alone, doubled and mixed, and characters it does not split on.</summary>
        public static TheoryData<string> LineEndings => new TheoryData<string>
        {
            "", "one", "one\n", "one\r\ntwo\rthree\nfour", "\n\n\r\r\n", "a\r", "a\r\r\nb\n\rc", "x\u2028y\u0085z\f",
        };

        [Theory]
        [MemberData(nameof(LineEndings))]
        public void LinesAreFileReadAllLines(string text)
        {
            var file = Path.Combine(Path.GetTempPath(), "rp-lines-" + Guid.NewGuid().ToString("N") + ".ts");
            try
            {
                File.WriteAllText(file, text);
                Assert.Equal(File.ReadAllLines(file), CodeFactsReader.Lines(text));
            }
            finally { File.Delete(file); }
        }

        /// <summary>A single line is found in place exactly as the split gives it, and null past the last line.</summary>
        [Theory]
        [MemberData(nameof(LineEndings))]
        public void LineOfIsTheSplitLine(string text)
        {
            var lines = CodeFactsReader.Lines(text);
            for (int n = -1; n <= lines.Length + 2; n++)
                Assert.Equal(n >= 1 && n <= lines.Length ? lines[n - 1] : null, CodeFactsReader.LineOf(text, n));
        }

        [Fact]
        public void LineOfIsTheSplitLineOnRandomTexts()
        {
            var random = new Random(7);
            var alphabet = new[] { 'a', 'b', '\r', '\n', ' ' };
            for (int t = 0; t < 2000; t++)
            {
                var chars = new char[random.Next(0, 24)];
                for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
                var text = new string(chars);
                var lines = CodeFactsReader.Lines(text);
                for (int n = 0; n <= lines.Length + 1; n++)
                    Assert.Equal(n >= 1 && n <= lines.Length ? lines[n - 1] : null, CodeFactsReader.LineOf(text, n));
            }
        }
    }
}
