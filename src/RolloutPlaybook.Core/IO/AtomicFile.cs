using System;
using System.IO;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>An existing file is read-only and the caller did not force the write.</summary>
    public sealed class ReadOnlyFileException : IOException
    {
        public ReadOnlyFileException(string path) : base("'" + path + "' is read-only.") { Path = path; }
        public string Path { get; }
    }

    /// <summary>
    /// The one way the module replaces a file: write a temporary file beside the target, flush it to disk,
    /// then rename it over the target. Readers see the old file or the new one, never half of one; a failure
    /// at any point leaves the old file and no temporary file. Callers decide the policy (overwrite or not,
    /// locks, error ids); this only does the write, and keeps what the file was:
    /// <list type="bullet">
    /// <item>its permission bits (a 0600 file stays 0600);</item>
    /// <item>a read-only file is refused (<see cref="ReadOnlyFileException"/>) unless <c>allowReadOnly</c>, and stays read-only;</item>
    /// <item>a symbolic link is written through: its target is replaced, the link stays a link;</item>
    /// <item>a hard link is not kept: the path gets a new file, other names of the old file keep the old content
    ///   (that is what makes the replace atomic);</item>
    /// <item>temporary files of this naming left by a killed writer (older than <see cref="StaleAfter"/>) are removed on the next write.</item>
    /// </list>
    /// </summary>
    public static class AtomicFile
    {
        /// <summary>A temporary file of ours this old was left by a writer that died (a write takes milliseconds).</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

        /// <summary>
        /// Replaces (or creates) <paramref name="fullPath"/> with <paramref name="bytes"/>. Throws the underlying
        /// IOException/UnauthorizedAccessException on failure. <paramref name="beforeReplace"/> (tests) runs with the
        /// temporary file's path between the write and the rename.
        /// </summary>
        public static void Write(string fullPath, byte[] bytes, Action<string>? beforeReplace = null)
            => Write(fullPath, bytes, allowReadOnly: false, beforeReplace);

        /// <summary>As <see cref="Write(string, byte[], Action{string}?)"/>; <paramref name="allowReadOnly"/> replaces a read-only file too (-Force).</summary>
        public static void Write(string fullPath, byte[] bytes, bool allowReadOnly, Action<string>? beforeReplace = null)
        {
            var target = Target(fullPath);
            var folder = Path.GetDirectoryName(target)!;
            var name = Path.GetFileName(target);
            RemoveStaleTemporaries(folder, name);
            bool exists = File.Exists(target);
            int? mode = exists ? UnixFile.Permissions(target) : null;
            if (exists && !allowReadOnly && IsReadOnly(target, mode)) throw new ReadOnlyFileException(fullPath);
            var temp = Path.Combine(folder, "." + name + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                if (mode.HasValue) UnixFile.SetPermissions(temp, mode.Value);
                beforeReplace?.Invoke(temp);
                if (exists)
                {
                    // File.Replace refuses a read-only destination on Windows; the attribute goes back on the new file.
                    var attributes = File.GetAttributes(target);
                    if (attributes.HasFlag(FileAttributes.ReadOnly)) File.SetAttributes(target, attributes & ~FileAttributes.ReadOnly);
                    File.Replace(temp, target, null);
                    if (attributes.HasFlag(FileAttributes.ReadOnly)) File.SetAttributes(target, File.GetAttributes(target) | FileAttributes.ReadOnly);
                }
                else File.Move(temp, target);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>The file a write to <paramref name="fullPath"/> lands in: the end of its link chain, or the path itself.</summary>
        public static string Target(string fullPath)
        {
            var full = Path.GetFullPath(fullPath);
            var info = new FileInfo(full);
            return RepositoryPath.IsLink(info) ? RepositoryPath.RealPath(full) : full;
        }

        private static bool IsReadOnly(string path, int? mode)
        {
            if (mode.HasValue) return (mode.Value & 0x92) == 0; // no write bit for anyone (0222)
            try { return File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly); }
            catch (IOException) { return false; }
        }

        /// <summary>Removes <c>.{name}.{12 hex}.tmp</c> files older than <see cref="StaleAfter"/> beside the target.</summary>
        internal static int RemoveStaleTemporaries(string folder, string name)
        {
            int removed = 0;
            string[] candidates;
            try { candidates = Directory.GetFiles(folder, "." + name + ".*.tmp"); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return 0; }
            var ours = new Regex("^" + Regex.Escape("." + name + ".") + "[0-9a-f]{12}\\.tmp$", RegexOptions.CultureInvariant);
            foreach (var candidate in candidates)
            {
                if (!ours.IsMatch(Path.GetFileName(candidate))) continue;
                try
                {
                    if (DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) < StaleAfter) continue;
                    File.Delete(candidate);
                    removed++;
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return removed;
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
