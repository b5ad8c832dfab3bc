using System;
using System.Text;
using RolloutPlaybook.Core.Gate.Rules;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>
    /// RP.Docs.DocumentCurrent finds the first line where the document on disk differs from the rendering in place; the
    /// answer must be the reference's (both texts normalised, split at '\n' and compared line by line) for any two texts:
    /// CRLF, final line breaks, one text a prefix of the other, empty lines, a difference at a line break.
    /// </summary>
    public class DocumentCompareTests
    {
        [Theory]
        [InlineData("", "")]
        [InlineData("", "\n")]
        [InlineData("a", "a\n\n")]
        [InlineData("a\nb", "a\nb\n")]
        [InlineData("a\nb", "a\nbc")]
        [InlineData("a\nb", "a\nb\nc")]
        [InlineData("a\nb\nc", "a\nb")]
        [InlineData("a\n\nb", "a\nb")]
        [InlineData("\nfoo", "")]
        [InlineData("", "\nfoo")]
        [InlineData("x", "\nfoo")]
        [InlineData("a\r\nb\r\n", "a\nb")]
        [InlineData("a\r\r\nb", "a\r\nb")]
        [InlineData("# stale\n", "# Slack rollout\n\nline\n")]
        public void TheFirstDifferingLineIsTheReferencesAnswer(string actual, string expected)
            => Assert.Equal(DocumentCurrentRule.FirstDifferingLineBySplitting(actual, expected),
                DocumentCurrentRule.FirstDifferingLine(actual.Replace("\r\n", "\n"), expected.Replace("\r\n", "\n")));

        [Fact]
        public void RandomTextsAndLongDocumentsAnswerAsTheReference()
        {
            var random = new Random(1122);
            const string Alphabet = "ab\n\n\r ";
            for (int i = 0; i < 20_000; i++)
            {
                var a = Text(random, Alphabet, random.Next(0, 12));
                var e = random.Next(3) == 0 ? a + Text(random, Alphabet, random.Next(0, 4)) : random.Next(2) == 0 ? Mutate(random, a, Alphabet) : Text(random, Alphabet, random.Next(0, 12));
                if (random.Next(2) == 0) (a, e) = (e, a);
                Assert.True(DocumentCurrentRule.FirstDifferingLineBySplitting(a, e) == DocumentCurrentRule.FirstDifferingLine(a.Replace("\r\n", "\n"), e.Replace("\r\n", "\n")),
                    "differs: '" + a.Replace("\n", "\\n").Replace("\r", "\\r") + "' vs '" + e.Replace("\n", "\\n").Replace("\r", "\\r") + "'");
            }
            // Documents longer than the chunk the comparison skips by, differing early, late, at a chunk edge or not at all.
            var doc = new StringBuilder();
            for (int l = 0; l < 3000; l++) doc.Append("| row ").Append(l).Append(" | cell |\n");
            var text = doc.ToString();
            foreach (int at in new[] { 0, 5, 1023, 1024, 1025, 4096, text.Length / 2, text.Length - 2, text.Length - 1 })
            {
                var changed = text.Substring(0, at) + (text[at] == 'x' ? 'y' : 'x') + text.Substring(at + 1);
                Assert.Equal(DocumentCurrentRule.FirstDifferingLineBySplitting(changed, text), DocumentCurrentRule.FirstDifferingLine(changed, text));
                Assert.Equal(DocumentCurrentRule.FirstDifferingLineBySplitting(text, text.Substring(0, at)), DocumentCurrentRule.FirstDifferingLine(text, text.Substring(0, at)));
            }
            Assert.Equal(-1, DocumentCurrentRule.FirstDifferingLine(text, text + "\n\n"));
        }

        private static string Text(Random random, string alphabet, int length)
        {
            var sb = new StringBuilder();
            for (int k = 0; k < length; k++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            return sb.ToString();
        }

        private static string Mutate(Random random, string text, string alphabet)
        {
            if (text.Length == 0) return Text(random, alphabet, 1);
            int at = random.Next(text.Length);
            return random.Next(3) switch
            {
                0 => text.Remove(at, 1),
                1 => text.Insert(at, alphabet[random.Next(alphabet.Length)].ToString()),
                _ => text.Substring(0, at) + alphabet[random.Next(alphabet.Length)] + text.Substring(at + 1),
            };
        }
    }
}
