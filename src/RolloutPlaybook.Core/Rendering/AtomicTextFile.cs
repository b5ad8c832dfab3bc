using System;
using System.IO;
using System.Text;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>Writes rendered text to a file atomically (temporary file, then replace): readers never see half a file.</summary>
    public static class AtomicTextFile
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM; an existing file is replaced only with <paramref name="force"/>.</summary>
        public static void Write(string path, string text, bool force)
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory))
                throw new RolloutException("OutputFolderNotFound", RolloutErrorKind.ObjectNotFound, "Folder '" + directory + "' does not exist.", full);
            if (Directory.Exists(full))
                throw new RolloutException("OutputPathIsFolder", RolloutErrorKind.InvalidArgument, "'" + full + "' is a folder; give a file path.", full);
            if (File.Exists(full) && !force)
                throw new RolloutException("OutputFileExists", RolloutErrorKind.ResourceExists, "'" + full + "' already exists; use -Force to replace it.", full);
            var bytes = Utf8NoBom.GetBytes(text);
            var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw new RolloutException("OutputWriteFailed", RolloutErrorKind.WriteError, "Cannot write '" + full + "': " + ex.Message, full, ex);
            }
        }
    }
}
