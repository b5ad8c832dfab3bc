using System;
using System.IO;
using System.Text;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>
    /// Reads a whole text file as <c>new StreamReader(stream, Encoding.UTF8, true).ReadToEnd()</c> (and so
    /// <c>File.ReadAllText</c>) does, without the reader's buffers in the common case: a file without a byte order
    /// mark that is valid UTF-8 is decoded in one call. Anything else (a byte order mark, or a first byte that could
    /// start one; invalid UTF-8; an empty or unsized file) goes through the StreamReader itself.
    /// </summary>
    internal static class TextFile
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Files up to this many bytes are read into a per-thread buffer instead of a new array.</summary>
        private const int ScratchBytes = 1 << 16;
        /// <summary>StreamReader's own default buffer size, in characters.</summary>
        private const int ReaderBufferChars = 4096;

        [ThreadStatic] private static byte[]? scratch;

        /// <summary>The text of <paramref name="stream"/> from its start; <paramref name="length"/> is its length.</summary>
        public static string ReadToEnd(Stream stream, long length)
        {
            if (length <= 0 || length > int.MaxValue) return ViaStreamReader(stream);
            int size = (int)length;
            var bytes = Buffer(size);
            int count = 0;
            while (count < size)
            {
                int read = stream.Read(bytes, count, size - count);
                if (read == 0) break;
                count += read;
            }
            return Decode(bytes, count);
        }

        /// <summary>A buffer for <paramref name="size"/> bytes about to be decoded: the per-thread scratch for a small file, else a new array.</summary>
        internal static byte[] Buffer(int size) => size <= ScratchBytes ? scratch ??= new byte[ScratchBytes] : new byte[size];

        /// <summary>The text of the bytes as the StreamReader decodes them (UTF-8 by default, byte order marks detected).</summary>
        internal static string Decode(byte[] bytes, int count)
        {
            // EF: the UTF-8 mark; FE, FF: UTF-16 and UTF-32 little-endian marks; 00: the UTF-32 big-endian mark.
            if (count > 0 && (bytes[0] == 0xEF || bytes[0] == 0xFE || bytes[0] == 0xFF || bytes[0] == 0x00))
                return ViaStreamReader(new MemoryStream(bytes, 0, count, false));
            try { return StrictUtf8.GetString(bytes, 0, count); }
            catch (DecoderFallbackException) { return ViaStreamReader(new MemoryStream(bytes, 0, count, false)); }
        }

        private static string ViaStreamReader(Stream stream)
        {
            using (var reader = new StreamReader(stream, Encoding.UTF8, true, ReaderBufferChars, true)) return reader.ReadToEnd();
        }
    }
}
