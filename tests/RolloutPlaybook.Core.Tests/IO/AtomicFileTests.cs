using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Tests.IO
{
    /// <summary>Issue 13, break 7: the atomic replace keeps what the file was.</summary>
    public sealed class AtomicFileTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "rp-atomic-" + Guid.NewGuid().ToString("N").Substring(0, 10));

        public AtomicFileTests() => Directory.CreateDirectory(folder);

        public void Dispose()
        {
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
        private string F(string name) => Path.Combine(folder, name);

        [Fact]
        public void ThePermissionBitsAreKept()
        {
            if (OperatingSystem.IsWindows()) return;
            var file = F("plan.yaml");
            File.WriteAllText(file, "old");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            AtomicFile.Write(file, B("new"));
            Assert.Equal("new", File.ReadAllText(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        [Fact]
        public void AReadOnlyFileIsRefusedWithoutForceAndStaysReadOnlyWithIt()
        {
            var file = F("plan.yaml");
            File.WriteAllText(file, "old");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            else File.SetAttributes(file, FileAttributes.ReadOnly);
            Assert.Throws<ReadOnlyFileException>(() => AtomicFile.Write(file, B("new")));
            Assert.Equal("old", File.ReadAllText(file));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
            AtomicFile.Write(file, B("new"), allowReadOnly: true);
            Assert.Equal("new", File.ReadAllText(file));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
            else Assert.True(File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly));
        }

        [Fact]
        public void ASymbolicLinkIsWrittenThroughAndStaysALink()
        {
            if (OperatingSystem.IsWindows()) return;
            Directory.CreateDirectory(F("real"));
            var target = F("real/plan.yaml");
            File.WriteAllText(target, "old");
            var link = F("plan.yaml");
            File.CreateSymbolicLink(link, "real/plan.yaml");
            AtomicFile.Write(link, B("new"));
            Assert.Equal("new", File.ReadAllText(target));
            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal("real/plan.yaml", new FileInfo(link).LinkTarget);
        }

        [Fact]
        public void AHardLinkIsSplitAsDocumented()
        {
            // The replace gives the path a new file (that is what makes it atomic); another name of the old file keeps the old text.
            if (OperatingSystem.IsWindows()) return;
            var file = F("plan.yaml");
            File.WriteAllText(file, "old");
            var other = F("other-name.yaml");
            using (var ln = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", "\"" + file + "\" \"" + other + "\"") { UseShellExecute = false })!)
                ln.WaitForExit();
            AtomicFile.Write(file, B("new"));
            Assert.Equal("new", File.ReadAllText(file));
            Assert.Equal("old", File.ReadAllText(other));
        }

        [Fact]
        public void StaleTemporaryFilesOfOurNamingAreRemovedOnTheNextWrite()
        {
            var file = F("plan.yaml");
            File.WriteAllText(file, "old");
            var stale = F(".plan.yaml.0123456789ab.tmp");
            var young = F(".plan.yaml.ba9876543210.tmp");
            var foreign = F(".plan.yaml.editor-swap.tmp");
            foreach (var f in new[] { stale, young, foreign }) File.WriteAllText(f, "partial");
            File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromMinutes(30));
            File.SetLastWriteTimeUtc(foreign, DateTime.UtcNow - TimeSpan.FromMinutes(30));
            AtomicFile.Write(file, B("new"));
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(young));   // another writer may be using it right now
            Assert.True(File.Exists(foreign)); // not ours
        }
    }
}
