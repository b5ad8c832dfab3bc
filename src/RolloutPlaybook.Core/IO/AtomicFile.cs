using System;
using System.IO;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>
    /// The one way the module replaces a file: write a temporary file beside the target, flush it to disk,
    /// then rename it over the target. Readers see the old file or the new one, never half of one; a failure
    /// at any point leaves the old file and no temporary file. Callers decide the policy (overwrite or not,
    /// locks, error ids); this only does the write.
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>
        /// Replaces (or creates) <paramref name="fullPath"/> with <paramref name="bytes"/>. Throws the underlying
        /// IOException/UnauthorizedAccessException on failure. <paramref name="beforeReplace"/> (tests) runs with the
        /// temporary file's path between the write and the rename.
        /// </summary>
        public static void Write(string fullPath, byte[] bytes, Action<string>? beforeReplace = null)
        {
            var folder = Path.GetDirectoryName(fullPath)!;
            var temp = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                beforeReplace?.Invoke(temp);
                if (File.Exists(fullPath)) File.Replace(temp, fullPath, null);
                else File.Move(temp, fullPath);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
