using System;
using System.IO;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>Writes a report file atomically: a temporary file beside it, then a rename over the target.</summary>
    public static class ReportFile
    {
        public static void WriteAtomically(string path, byte[] bytes)
        {
            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full);
            if (folder == null || !Directory.Exists(folder))
                throw new RolloutException("GateReportFolderNotFound", RolloutErrorKind.ObjectNotFound, "Folder '" + folder + "' for the report file does not exist.", path);
            var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                File.WriteAllBytes(temp, bytes);
                if (File.Exists(full)) File.Replace(temp, full, null);
                else File.Move(temp, full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw new RolloutException("GateReportWriteFailed", RolloutErrorKind.WriteError, "Cannot write report file '" + full + "': " + ex.Message, path, ex);
            }
        }
    }
}
