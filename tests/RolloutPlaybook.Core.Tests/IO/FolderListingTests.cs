using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.Tests.TestKit;

namespace RolloutPlaybook.Core.Tests.IO
{
    /// <summary>
    /// The folder listing the repository walks use (kinds from readdir's d_type on 64-bit Linux) against what the
    /// runtime's own enumeration and lstat say, and the read that trusts the listing's "regular file".
    /// </summary>
    public sealed class FolderListingTests : IDisposable
    {
        private readonly string temp = Path.Combine(Path.GetTempPath(), "rp-list-" + Guid.NewGuid().ToString("N").Substring(0, 10));

        public FolderListingTests() => Directory.CreateDirectory(temp);

        public void Dispose()
        {
            try { Directory.Delete(temp, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        private static bool Unix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private string Make(string relative, string text = "x")
        {
            var full = Path.Combine(temp, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        [Fact]
        public void EveryKindIsTheKindTheFileSystemReports()
        {
            if (!Unix) return;
            Make("file.ts");
            Directory.CreateDirectory(Path.Combine(temp, "folder"));
            Directory.CreateDirectory(Path.Combine(temp, "ünïcødé name"));
            File.CreateSymbolicLink(Path.Combine(temp, "to-folder"), "folder");
            File.CreateSymbolicLink(Path.Combine(temp, "to-file"), "file.ts");
            File.CreateSymbolicLink(Path.Combine(temp, "dangling"), "nowhere");
            SpecialFiles.MkFifo(Path.Combine(temp, "pipe"));

            var entries = FolderListing.List(temp)!;
            Assert.Equal(
                new DirectoryInfo(temp).EnumerateFileSystemInfos().Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal),
                entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
            var kinds = entries.ToDictionary(e => e.Name, e => e.Kind);
            Assert.Equal(EntryKind.Directory, kinds["folder"]);
            Assert.Equal(EntryKind.Directory, kinds["ünïcødé name"]);
            Assert.Equal(EntryKind.SymbolicLink, kinds["to-folder"]);
            Assert.Equal(EntryKind.SymbolicLink, kinds["to-file"]);
            Assert.Equal(EntryKind.SymbolicLink, kinds["dangling"]);
            // Where the listing reads d_type it knows a regular file and a FIFO; elsewhere both are "a file, unchecked".
            Assert.Equal(FolderListing.NativeLinux ? EntryKind.Regular : EntryKind.File, kinds["file.ts"]);
            Assert.Equal(FolderListing.NativeLinux ? EntryKind.Special : EntryKind.File, kinds["pipe"]);
            Assert.All(entries, e => Assert.Equal(Path.Combine(temp, e.Name), e.FullPath));

            var byName = entries.ToDictionary(e => e.Name);
            Assert.True(FolderListing.IsFolderLink(byName["to-folder"]));
            Assert.False(FolderListing.IsFolderLink(byName["to-file"]));
            Assert.False(FolderListing.IsFolderLink(byName["dangling"]));
            Assert.False(FolderListing.IsFolderLink(byName["folder"]));
        }

        [Fact]
        public void AFolderThatCannotBeListedIsNull()
        {
            Assert.Null(FolderListing.List(Path.Combine(temp, "missing")));
            Assert.Null(FolderListing.List(Make("a-file")));
            Assert.Null(FolderListing.Handle.Open(Path.Combine(temp, "missing")));
            Assert.DoesNotContain(FolderListing.List(temp)!, e => e.Name == "." || e.Name == "..");
        }

        /// <summary>
        /// A folder whose entries take several reads of the directory (getdents64 fills a 32 KiB buffer per call): every
        /// entry once, names of the longest length a file system allows and of several UTF-8 byte lengths intact, as the
        /// runtime's enumeration lists them, by path and through a parent's handle.
        /// </summary>
        [Fact]
        public void AFolderOfMoreEntriesThanOneReadHoldsIsListedWhole()
        {
            var big = Path.Combine(temp, "big");
            Directory.CreateDirectory(big);
            var names = new List<string>();
            for (int i = 0; i < 1200; i++) names.Add("route-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('x', i % 90));
            names.Add(new string('a', 255));                       // the longest name (255 bytes)
            names.Add("é" + new string('b', 253));                  // 255 bytes: a two-byte character first
            names.Add("日本語のルート");                             // three-byte characters
            names.Add("emoji-😀-route");                    // a four-byte character
            foreach (var name in names) File.WriteAllText(Path.Combine(big, name), "x");
            Directory.CreateDirectory(Path.Combine(big, "sub-" + new string('c', 200)));

            var expected = new DirectoryInfo(big).EnumerateFileSystemInfos().Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.Equal(names.Count + 1, expected.Count);
            var listed = FolderListing.List(big)!;
            Assert.Equal(expected, listed.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(listed, e => Assert.Equal(Path.Combine(big, e.Name), e.FullPath));
            Assert.Equal(names.Count, listed.Count(e => e.Kind == (Unix ? EntryKind.Regular : EntryKind.File)));
            using (var root = FolderListing.Handle.Open(temp)!)
            using (var child = root.OpenChild(root.Entries.Single(e => e.Name == "big"))!)
                Assert.Equal(expected, child.Entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void AWalkByHandlesFindsWhatAWalkByPathsFinds()
        {
            foreach (var relative in new[] { "a/b/c/route.ts", "a/b/d/route.ts", "a/(group)/e/route.js", "x/y/z/w/v/u/t/route.ts", "a/b/readme.md" })
                Make(relative);
            if (Unix) File.CreateSymbolicLink(Path.Combine(temp, "a", "alias"), "b");

            var byHandles = new List<string>();
            void Visit(FolderListing.Handle h)
            {
                foreach (var e in h.Entries)
                {
                    if (e.Kind == EntryKind.Directory || FolderListing.IsFolderLink(e))
                        using (var child = h.OpenChild(e))
                        {
                            Assert.NotNull(child);
                            Assert.Equal(e.FullPath, child!.Path);
                            Visit(child);
                        }
                    else byHandles.Add(e.FullPath);
                }
            }
            using (var root = FolderListing.Handle.Open(temp)!) Visit(root);

            var byPaths = Directory.EnumerateFiles(temp, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).ToList();
            if (Unix) byPaths.AddRange(Directory.EnumerateFiles(Path.Combine(temp, "a", "alias"), "*", SearchOption.AllDirectories));
            Assert.Equal(byPaths.Distinct().OrderBy(p => p, StringComparer.Ordinal), byHandles.OrderBy(p => p, StringComparer.Ordinal));
        }

        [Fact]
        public void AFolderTheWalkIsAlreadyInsideIsNotOpenedAgainThroughALink()
        {
            if (!Unix) return;
            Make("top/a/route.ts");
            Make("top/side/route.ts");
            File.CreateSymbolicLink(Path.Combine(temp, "top", "a", "self"), ".");
            File.CreateSymbolicLink(Path.Combine(temp, "top", "a", "up"), "..");
            File.CreateSymbolicLink(Path.Combine(temp, "top", "side", "round"), "../a");
            File.CreateSymbolicLink(Path.Combine(temp, "top", "a", "toside"), "../side");
            var found = new List<string>();
            void Visit(FolderListing.Handle h)
            {
                foreach (var e in h.Entries)
                    if (e.Kind == EntryKind.Directory || FolderListing.IsFolderLink(e))
                    {
                        using var child = h.OpenChild(e);
                        if (child != null) Visit(child);
                    }
                    else found.Add(Path.GetRelativePath(temp, e.FullPath));
            }
            using (var root = FolderListing.Handle.Open(Path.Combine(temp, "top"))!) Visit(root);
            // From a: self (a itself) and up (top, above it) are not walked; toside leads to side, which the walk is not
            // inside there, so it is walked, but its link round (back to a) is not. From side (by its path): round leads to
            // a, which the walk is not inside there, so it is walked once, but not a's toside (back to side), self or up.
            Assert.Equal(new[] { "top/a/route.ts", "top/a/toside/route.ts", "top/side/round/route.ts", "top/side/route.ts" }, found.OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void AWalkDeeperThanTheOpenHandleLimitStillFindsEveryFile()
        {
            var deep = string.Join("/", Enumerable.Range(0, 60).Select(i => "d" + i));
            var file = Make(deep + "/route.ts");
            var found = new List<string>();
            void Visit(FolderListing.Handle h)
            {
                foreach (var e in h.Entries)
                    if (e.Kind == EntryKind.Directory) using (var child = h.OpenChild(e)) Visit(child!);
                    else found.Add(e.FullPath);
            }
            using (var root = FolderListing.Handle.Open(temp)!) Visit(root);
            Assert.Equal(new[] { file }, found);
        }

        [Fact]
        public void AFolderWhosePathIsTooLongToOpenIsNotListedByName()
        {
            if (!FolderListing.NativeLinux) return;
            // 20 folders of 250 characters: reachable one by one relative to the parent, but the whole path is past
            // PATH_MAX, so a walk by paths could not list the deepest ones and a walk by handles does not either.
            var name = new string('n', 250);
            var handle = FolderListing.Handle.Open(temp)!;
            var opened = new List<FolderListing.Handle> { handle };
            try
            {
                var current = temp;
                int depth = 0;
                for (; depth < 20; depth++)
                {
                    var parent = opened[opened.Count - 1];
                    // mkdir relative to the parent's path while it is short enough; stop where the path gets too long.
                    var next = Path.Combine(current, name);
                    if (System.Text.Encoding.UTF8.GetByteCount(next) >= 4096) break;
                    Directory.CreateDirectory(next);
                    var listed = FolderListing.Handle.Open(current)!;
                    var entry = listed.Entries.Single(e => e.Name == name);
                    listed.Dispose();
                    var child = parent.OpenChild(entry);
                    Assert.NotNull(child);
                    opened.Add(child!);
                    current = next;
                }
                Assert.True(depth > 10);
                // A sub-folder whose full path would be PATH_MAX or longer is refused, as opening it by path would be.
                var tooLong = new FolderEntry(name, Path.Combine(current, name), EntryKind.Directory);
                Assert.True(System.Text.Encoding.UTF8.GetByteCount(tooLong.FullPath) >= 4096);
                Assert.Null(opened[opened.Count - 1].OpenChild(tooLong));
            }
            finally
            {
                foreach (var h in opened) h.Dispose();
            }
        }

        [Fact]
        public void AListedRegularFileReadsAsReadTextReadsIt()
        {
            var path = Make("route.ts", "export async function GET() { return Response.json({ ok: true }); }\n// é\n");
            Assert.Equal(RepositoryPath.ReadText(path, 1 << 20), RepositoryPath.ReadListedText(path, 1 << 20));
            var empty = Make("empty.ts", "");
            Assert.Equal("", RepositoryPath.ReadListedText(empty, 1 << 20));
            var big = Make("big.ts", new string('x', 5000));
            Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadListedText(big, 100));
            Assert.Throws<FileNotFoundException>(() => RepositoryPath.ReadListedText(Path.Combine(temp, "gone.ts"), 100));
        }

        [Fact]
        public void AListedFileSwappedForALinkIsNotFollowed()
        {
            if (!FolderListing.NativeLinux) return;
            var target = Make("elsewhere.ts", "export const leaked = 1;\n");
            var path = Path.Combine(temp, "route.ts");
            File.CreateSymbolicLink(path, target);
            var ex = Assert.Throws<FileRefusedException>(() => RepositoryPath.ReadListedText(path, 1 << 20));
            Assert.Contains("symbolic link", ex.Message);
            // A path not listed as a regular file reads through its link as before.
            Assert.Equal("export const leaked = 1;\n", RepositoryPath.ReadText(path, 1 << 20));
        }

        [Fact]
        public async Task AFifoSwappedInAfterTheListingIsRefusedWithoutBlocking()
        {
            if (!Unix) return;
            var path = Path.Combine(temp, "route.ts");
            SpecialFiles.MkFifo(path);
            // As if the listing had seen a regular file there: the read must not wait for a writer.
            var read = Task.Run(() => RepositoryPath.ReadListedText(path, 1 << 20));
            var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20)));
            if (finished != read)
            {
                using (var w = new FileStream(path, FileMode.Open, FileAccess.Write)) { }
                Assert.Fail("reading a FIFO blocked");
            }
            var ex = await Assert.ThrowsAsync<FileRefusedException>(() => read);
            Assert.Contains("not a regular file", ex.Message);
        }
    }
}
