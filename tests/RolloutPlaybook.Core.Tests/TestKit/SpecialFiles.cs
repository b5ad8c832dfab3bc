using System.Diagnostics;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>Files that are not regular files, for the tests that a reader refuses them.</summary>
    internal static class SpecialFiles
    {
        /// <summary>A FIFO (named pipe) at <paramref name="path"/>, made by mkfifo(1); the test fails when it cannot be made.</summary>
        public static void MkFifo(string path)
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", "\"" + path + "\"") { UseShellExecute = false })!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
    }
}
