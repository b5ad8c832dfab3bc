using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.Tests.TestKit;

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
            SpecialFiles.MkFifo(fifo);
            var read = Task.Run(() => Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText(fifo, 1024)));
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
            Assert.Contains("FIFO", (await read).Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(4096)]
        [InlineData(65535)]
        [InlineData(65536)]
        [InlineData(65537)]
        [InlineData(300000)]
        public void ADescriptorReadGivesFileReadAllTextsTextUpToTheCap(int size)
        {
            var file = Path.Combine(repo, "src", "sized.ts");
            var random = new Random(size);
            foreach (var prefix in new[] { Array.Empty<byte>(), new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xC3, 0x28 } })
            {
                var bytes = new byte[size];
                for (int i = 0; i < size; i++) bytes[i] = (byte)(i % 97 == 0 ? '\n' : 'a' + random.Next(26));
                if (random.Next(3) == 0) bytes[size / 2] = 0xE9; // invalid UTF-8 in the middle
                Array.Copy(prefix, bytes, Math.Min(prefix.Length, size));
                File.WriteAllBytes(file, bytes);
                Assert.Equal(File.ReadAllText(file), RepositoryPath.ReadText(file, size));
                Assert.Contains("more than " + (size - 1) + " bytes", Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadText(file, size - 1)).Message);
            }
        }

        [Fact]
        public void AnOpenDescriptorIsDescribedByWhatItRefersTo()
        {
            if (!Unix) return;
            var file = Path.Combine(repo, "src", "twelve.ts");
            File.WriteAllText(file, "twelve bytes");
            var fd = UnixFile.OpenForRead(file);
            Assert.True((long)fd >= 0);
            try
            {
                Assert.True(UnixFile.DescribeOpen(fd, out var kind, out var size));
                Assert.Equal(FileKind.Regular, kind);
                Assert.Equal(12, size); // FileStatus.Size sits where this code reads it
            }
            finally { Assert.True(UnixFile.CloseOpen(fd)); }
            // A folder opens for reading on Unix; the descriptor, not the path, tells it is no regular file.
            var dir = UnixFile.OpenForRead(repo);
            Assert.True((long)dir >= 0);
            try
            {
                Assert.True(UnixFile.DescribeOpen(dir, out var kind, out _));
                Assert.Equal(FileKind.Directory, kind);
            }
            finally { _ = UnixFile.CloseOpen(dir); }
            Assert.True((long)UnixFile.OpenForRead(Path.Combine(repo, "missing.ts")) < 0);
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
