using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Tests.IO
{
    /// <summary>The one repository-path type (issue 13, breaks 1–3), in a temp folder of its own per test.</summary>
    public sealed class RepositoryPathTests : IDisposable
    {
        private readonly string temp = Path.Combine(Path.GetTempPath(), "rp-path-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        private readonly string repo;
        private readonly string outside;

        public RepositoryPathTests()
        {
            repo = Path.Combine(temp, "repo");
            outside = Path.Combine(temp, "outside");
            Directory.CreateDirectory(Path.Combine(repo, "src", "lib", "slack"));
            Directory.CreateDirectory(Path.Combine(outside, "lib"));
            File.WriteAllText(Path.Combine(outside, "lib", "leak.ts"), "process.env.HOSTILE");
        }

        public void Dispose()
        {
            try { Directory.Delete(temp, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static bool Unix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private static void MkFifo(string path)
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", "\"" + path + "\"") { UseShellExecute = false })!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }

        [Fact]
        public void ALinkWhoseTargetPassesThroughAnotherLinkIsOutside()
        {
            if (!Unix) return;
            File.CreateSymbolicLink(Path.Combine(repo, "hop"), outside);
            var extra = Path.Combine(repo, "src", "lib", "slack", "extra");
            File.CreateSymbolicLink(extra, "../../../hop/lib");
            var paths = RepositoryPath.Open(repo);
            // As text the target is inside (repo/hop/lib); really it is outside/lib.
            Assert.True(paths.Contains(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(extra)!, "../../../hop/lib"))));
            Assert.Equal(Path.Combine(outside, "lib"), RepositoryPath.RealPath(extra));
            Assert.False(paths.RealContains(extra));
            Assert.True(paths.LeadsOutside(new DirectoryInfo(extra)));
            var ex = Assert.Throws<RolloutException>(() => paths.Resolve("src/lib/slack/extra/leak.ts", "repository.code[0]"));
            Assert.Equal(RepositoryPath.OutsideErrorId, ex.ErrorId);
            Assert.Equal(RolloutErrorKind.SecurityError, ex.Kind);
            Assert.Contains("repository.code[0]", ex.Message);
        }

        [Fact]
        public void ALinkInsideTheRepositoryIsFollowedAndADanglingLinkOutIsRefused()
        {
            if (!Unix) return;
            Directory.CreateDirectory(Path.Combine(repo, "real"));
            File.CreateSymbolicLink(Path.Combine(repo, "alias"), "real");
            File.CreateSymbolicLink(Path.Combine(repo, "dangling"), Path.Combine(outside, "not-yet"));
            var paths = RepositoryPath.Open(repo);
            Assert.Equal(Path.Combine(repo, "alias", "new.md"), paths.Resolve("alias/new.md", "k"));
            Assert.Equal(RepositoryPath.OutsideErrorId, Assert.Throws<RolloutException>(() => paths.Resolve("dangling/x.md", "k")).ErrorId);
            Assert.Equal(RepositoryPath.OutsideErrorId, Assert.Throws<RolloutException>(() => paths.Resolve("dangling", "k")).ErrorId);
        }

        [Fact]
        public void ALinkLoopIsNotFollowedForever()
        {
            if (!Unix) return;
            File.CreateSymbolicLink(Path.Combine(repo, "loop"), "loop");
            Assert.Throws<IOException>(() => RepositoryPath.RealPath(Path.Combine(repo, "loop")));
            var paths = RepositoryPath.Open(repo);
            Assert.False(paths.RealContains(Path.Combine(repo, "loop")));
        }

        [Fact]
        public void TheRootItselfMayBeALink()
        {
            if (!Unix) return;
            var alias = Path.Combine(temp, "repo-alias");
            File.CreateSymbolicLink(alias, repo);
            var paths = RepositoryPath.Open(alias);
            Assert.Equal(repo, paths.RealRoot);
            Assert.Equal(Path.Combine(alias, "src", "docs"), paths.Resolve("src/docs", "repository.docs"));
        }

        [Theory]
        [InlineData("../x")]
        [InlineData("a/../../x")]
        [InlineData("/etc")]
        [InlineData("~/x")]
        [InlineData("C:/x")]
        [InlineData("")]
        [InlineData("a\0b")]
        public void TextThatLeavesTheRepositoryIsOneErrorId(string path)
        {
            var ex = Assert.Throws<RolloutException>(() => RepositoryPath.CheckRelative(path, "repository.docs"));
            Assert.Equal("PathOutsideRepository", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.SecurityError, ex.Kind);
            Assert.StartsWith("repository.docs", ex.Message);
        }

        [Fact]
        public async Task AFifoIsRefusedWithoutBlocking()
        {
            if (!Unix) return;
            var fifo = Path.Combine(repo, ".env.example");
            MkFifo(fifo);
            var read = Task.Run(() => Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText(fifo, 1024)));
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
            Assert.Contains("FIFO", (await read).Message);
        }

        [Fact]
        public void ADeviceReachedThroughALinkChainIsRefused()
        {
            if (!Unix) return;
            File.CreateSymbolicLink(Path.Combine(repo, "hop-dev"), "/dev");
            var zero = Path.Combine(repo, "src", "zero.ts");
            File.CreateSymbolicLink(zero, "../hop-dev/zero");
            var ex = Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadBytes(zero, 1024));
            Assert.Contains("character device", ex.Message);
            Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText("/dev/zero", 1024));
            Assert.True(RepositoryPath.Open(repo).LeadsOutside(new FileInfo(zero)));
        }

        [Fact]
        public void TheCapCountsBytesReadNotTheReportedLength()
        {
            // /proc files report a length of 0 and still hold text: the cap must stop the read, not the length.
            const string proc = "/proc/self/maps";
            if (!Unix || !File.Exists(proc)) return;
            Assert.Equal(0, new FileInfo(proc).Length);
            Assert.Contains("more than 16 bytes", Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText(proc, 16)).Message);
            Assert.NotEmpty(RepositoryPath.ReadText(proc, 16 * 1024 * 1024));
        }

        [Fact]
        public void ARegularFileIsReadAsFileReadAllTextReadsIt()
        {
            var file = Path.Combine(repo, "a.ts");
            File.WriteAllText(file, "\uFEFFconst a = 'é';\n");
            Assert.Equal(File.ReadAllText(file), RepositoryPath.ReadText(file, 1024));
            Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText(file, 4));
        }
    }
}
