using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Tests.IO
{
    /// <summary>The scanners' one-call file decoding gives exactly what File.ReadAllText (a UTF-8 StreamReader) gives.</summary>
    public class TextFileTests
    {
        private static string Reference(byte[] bytes)
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true);
            return reader.ReadToEnd();
        }

        public static IEnumerable<object[]> Samples()
        {
            var utf8 = Encoding.UTF8;
            yield return new object[] { Array.Empty<byte>() };
            yield return new object[] { utf8.GetBytes("export async function GET() {}\r\n") };
            yield return new object[] { utf8.GetBytes("é日本\U0001F600\u00a0\ufeff in the middle") };
            yield return new object[] { new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' } };                  // UTF-8 mark
            yield return new object[] { new byte[] { 0xEF, 0xBB } };                                    // half a mark
            yield return new object[] { new byte[] { 0xEF } };
            yield return new object[] { new byte[] { 0xFF, 0xFE, (byte)'a', 0 } };                     // UTF-16 LE
            yield return new object[] { new byte[] { 0xFE, 0xFF, 0, (byte)'a' } };                     // UTF-16 BE
            yield return new object[] { new byte[] { 0xFF, 0xFE, 0, 0, (byte)'a', 0, 0, 0 } };         // UTF-32 LE
            yield return new object[] { new byte[] { 0, 0, 0xFE, 0xFF, 0, 0, 0, (byte)'a' } };         // UTF-32 BE
            yield return new object[] { new byte[] { 0, (byte)'a' } };                                 // a NUL first
            yield return new object[] { new byte[] { (byte)'a', 0, (byte)'b' } };                     // a NUL inside
            yield return new object[] { new byte[] { (byte)'a', 0xC3 } };                              // cut sequence at the end
            yield return new object[] { new byte[] { (byte)'a', 0xC3, (byte)'b', 0x80 } };             // invalid sequences
            yield return new object[] { new byte[] { 0xED, 0xA0, 0x80, (byte)'x' } };                  // an encoded surrogate
            yield return new object[] { new byte[] { 0xF4, 0x90, 0x80, 0x80 } };                       // beyond U+10FFFF
            yield return new object[] { new byte[] { (byte)'a', 0xEF, 0xBB, 0xBF, (byte)'b' } };       // a mark inside is text
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void DecodesAsStreamReaderDoes(byte[] bytes) => Assert.Equal(Reference(bytes), TextFile.Decode(bytes, bytes.Length));

        [Fact]
        public void DecodesRandomBytesAsStreamReaderDoes()
        {
            var random = new Random(7);
            var pieces = new[] { "a", "\r\n", "é", "日", "\U0001F600", "\ufeff", "'" };
            for (int n = 0; n < 3000; n++)
            {
                var sb = new StringBuilder();
                for (int k = random.Next(40); k > 0; k--) sb.Append(pieces[random.Next(pieces.Length)]);
                var bytes = Encoding.UTF8.GetBytes(sb.ToString());
                // Now and then damage a byte, or cut the text inside a sequence.
                if (bytes.Length > 0 && random.Next(3) == 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                if (bytes.Length > 0 && random.Next(4) == 0) Array.Resize(ref bytes, random.Next(bytes.Length));
                Assert.Equal(Reference(bytes), TextFile.Decode(bytes, bytes.Length));
            }
        }

        [Fact]
        public void ReadsFilesAsReadAllTextDoes()
        {
            var file = Path.GetTempFileName();
            try
            {
                foreach (var sample in Samples())
                {
                    var bytes = (byte[])sample[0];
                    File.WriteAllBytes(file, bytes);
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    Assert.Equal(File.ReadAllText(file), TextFile.ReadToEnd(stream, stream.Length));
                }
            }
            finally { File.Delete(file); }
        }
    }
}
