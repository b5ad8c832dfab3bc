using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Rendering
{
    /// <summary>What <see cref="DocumentFile.Write"/> did.</summary>
    public enum DocumentWriteOutcome { Created, Updated, Unchanged }

    /// <summary>Writes rendered documents: UTF-8 without BOM, atomically, and not at all when the bytes are already there.</summary>
    public static class DocumentFile
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// Writes <paramref name="text"/> to <paramref name="path"/>. A file that already holds these bytes is left
        /// alone (its timestamp too); a file with other content is overwritten only with <paramref name="force"/>.
        /// </summary>
        public static DocumentWriteOutcome Write(string path, string text, bool force)
        {
            var bytes = Utf8.GetBytes(text);
            if (Directory.Exists(path))
                throw new RolloutException(ErrorIds.DocumentPathIsFolder, "'" + path + "' is a folder; give a file path.", path);
            bool exists = File.Exists(path);
            if (exists)
            {
                byte[] current;
                try { current = RepositoryPath.ReadBytes(path, Math.Max(bytes.Length, 16L * 1024 * 1024)); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new RolloutException(ErrorIds.DocumentReadFailed, "Cannot read '" + path + "': " + ex.Message, path, ex);
                }
                if (current.SequenceEqual(bytes)) return DocumentWriteOutcome.Unchanged;
                if (!force)
                    throw new RolloutException(ErrorIds.DocumentExists,
                        "'" + path + "' exists and differs from the rendered document. Use -Force to overwrite it (hand edits in it are lost).", path);
            }
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                AtomicFile.Write(Path.GetFullPath(path), bytes, allowReadOnly: force);
            }
            catch (ReadOnlyFileException ex)
            {
                throw new RolloutException(ErrorIds.DocumentReadOnly,
                    "'" + path + "' is read-only; make it writable or use -Force to replace it (it stays read-only).", path, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RolloutException(ErrorIds.DocumentWriteFailed, "Cannot write '" + path + "': " + ex.Message, path, ex);
            }
            return exists ? DocumentWriteOutcome.Updated : DocumentWriteOutcome.Created;
        }
    }
}
