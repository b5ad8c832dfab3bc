using System;
using System.IO;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>Writes a report file atomically: a temporary file beside it, then a rename over the target.</summary>
    public static class ReportFile
    {
        public static void WriteAtomically(string path, byte[] bytes)
        {
            var full = Path.GetFullPath(path);
            var folder = Path.GetDirectoryName(full);
            if (folder != null) PlanFiles.PlanFileStore.CreateFolder(folder, path, ErrorIds.GateReportWriteFailed, "report file");
            try
            {
                AtomicFile.Write(full, bytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RolloutException(ErrorIds.GateReportWriteFailed, "Cannot write report file '" + full + "': " + ex.Message, path, ex);
            }
        }
    }
}
