using System;
using System.IO;
using RolloutPlaybook.Core.Drafting;

namespace RolloutPlaybook.Core.Tests.Drafting
{
    /// <summary>The drafter takes a route file's lines from the text the inventory read: split as File.ReadAllLines splits them.</summary>
    public sealed class CodeFactsLinesTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("one")]
        [InlineData("one\n")]
        [InlineData("one\r\ntwo\rthree\nfour")]
        [InlineData("\n\n\r\r\n")]
        [InlineData("a\r")]
        [InlineData("a\r\r\nb\n\rc")]
        [InlineData("x\u2028y\u0085z\f")]
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
    }
}
