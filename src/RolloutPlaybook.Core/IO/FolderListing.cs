using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>What a folder entry is, as far as the listing could tell without another call.</summary>
    internal enum EntryKind
    {
        /// <summary>A regular file (the directory entry said so).</summary>
        Regular,
        /// <summary>A folder that is not a link.</summary>
        Directory,
        /// <summary>A symbolic link (to anything, or dangling): its target is not looked at by the listing.</summary>
        SymbolicLink,
        /// <summary>A file whose type the listing did not learn (it may be a FIFO or a device): check before opening.</summary>
        File,
        /// <summary>A FIFO, device or socket.</summary>
        Special,
    }

    /// <summary>One entry of a folder: its name, its full path (the folder joined with the name) and its kind.</summary>
    internal readonly struct FolderEntry
    {
        public FolderEntry(string name, string fullPath, EntryKind kind)
        {
            Name = name;
            FullPath = fullPath;
            Kind = kind;
        }

        public string Name { get; }
        public string FullPath { get; }
        public EntryKind Kind { get; }
    }

    /// <summary>
    /// Lists a folder with each entry's kind. On 64-bit Linux the folder is opened as a descriptor and read with the
    /// <c>getdents64</c> system call, and the kind comes from the directory entry itself (<c>d_type</c>), so a walk
    /// costs what a bare <c>Directory.EnumerateFiles</c> costs: no <c>lstat</c> per entry, which is what a
    /// <see cref="FileSystemInfo"/>'s attributes cost, and none of the checks <c>opendir(3)</c> makes of a descriptor
    /// it did not open (an <c>fstat</c> and two <c>fcntl</c> per folder). Elsewhere (Windows, macOS, libc not found)
    /// the kinds come from <see cref="DirectoryInfo.EnumerateFileSystemInfos()"/> as before, and a file is
    /// <see cref="EntryKind.File"/>; a file system that does not fill <c>d_type</c> costs one <c>lstat</c> per such entry.
    /// </summary>
    internal static class FolderListing
    {
        /// <summary>
        /// The kernel's <c>struct linux_dirent64</c>, the same on every Linux: <c>u64 d_ino</c> (8 bytes), <c>s64 d_off</c>
        /// (8), <c>unsigned short d_reclen</c> (offset 16: the record's length), <c>unsigned char d_type</c> (offset 18),
        /// <c>char d_name[]</c> (offset 19, NUL-terminated).
        /// </summary>
        private const int LengthOffset = 16, TypeOffset = 18, NameOffset = 19, MaxName = 256;

        /// <summary>How many bytes of directory entries one <c>getdents64</c> call may return (what glibc's readdir asks for).</summary>
        private const int EntriesBuffer = 32768;
        private const byte DtFifo = 1, DtChr = 2, DtDir = 4, DtBlk = 6, DtReg = 8, DtLnk = 10, DtSock = 12;

        internal static readonly bool NativeLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && IntPtr.Size == 8
            && (RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.Arm64);

        private static bool noLibc;

        [ThreadStatic] private static byte[]? entriesBuffer;

        /// <summary><c>syscall(2)</c> with three arguments (glibc and musl both export it; <c>getdents64</c> has no wrapper in older glibc or newer musl).</summary>
        [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
        private static extern long Syscall(long number, long fd, [Out] byte[] buffer, long length);

        /// <summary><c>__NR_getdents64</c>: 217 on x64, 61 on arm64 (the generic table).</summary>
        private static readonly long GetDents64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 61 : 217;

        /// <summary>
        /// The entries of <paramref name="folder"/> (not "." or ".."), in the order the file system gives them; null when
        /// it cannot be listed (missing, not a folder, no permission), where enumerating it would throw.
        /// </summary>
        public static List<FolderEntry>? List(string folder)
        {
            if (!TryOpenNative(folder, out var fd)) return ListManaged(folder);
            if (fd < 0) return null;
            try { return Entries(fd, folder); }
            finally { _ = CloseFd(fd); }
        }

        /// <summary>
        /// open(O_DIRECTORY) where the native listing applies: true with the descriptor (-1 when the folder cannot be
        /// listed); false where the runtime's enumeration lists it instead (not 64-bit Linux, no libc, a path that cannot
        /// be marshalled). The flags are opendir's: a path that is not a folder, or a FIFO swapped in, fails without blocking.
        /// </summary>
        private static bool TryOpenNative(string folder, out int fd)
        {
            fd = -1;
            if (!NativeLinux || noLibc) return false;
            try
            {
                fd = UnixFile.LibcOpen(folder, FolderFlags, 0);
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException) { noLibc = true; }
            catch (ArgumentException) { /* a path that cannot be marshalled: as the runtime reports it */ }
            return false;
        }

        /// <summary>
        /// The entries of an open folder, read to its end with <c>getdents64</c>. A read error ends the listing where it
        /// happened, as readdir's null does.
        /// </summary>
        private static List<FolderEntry> Entries(int fd, string folder)
        {
            var entries = new List<FolderEntry>();
            var buffer = entriesBuffer ??= new byte[EntriesBuffer];
            while (true)
            {
                long read = Syscall(GetDents64, fd, buffer, buffer.Length);
                if (read <= 0) return entries;
                for (int at = 0; at + NameOffset < read;)
                {
                    int recordLength = buffer[at + LengthOffset] | (buffer[at + LengthOffset + 1] << 8); // little-endian: x64, arm64
                    if (recordLength <= NameOffset || at + recordLength > read) return entries;
                    int nameStart = at + NameOffset, length = 0, limit = Math.Min(recordLength - NameOffset, MaxName);
                    while (length < limit && buffer[nameStart + length] != 0) length++;
                    byte type = buffer[at + TypeOffset];
                    at += recordLength;
                    if (length == 0 || (buffer[nameStart] == (byte)'.' && (length == 1 || (length == 2 && buffer[nameStart + 1] == (byte)'.')))) continue;
                    var name = Encoding.UTF8.GetString(buffer, nameStart, length);
                    var fullPath = Path.Combine(folder, name);
                    entries.Add(new FolderEntry(name, fullPath, KindOf(type, fullPath)));
                }
            }
        }

        private static EntryKind KindOf(byte type, string fullPath)
        {
            switch (type)
            {
                case DtReg: return EntryKind.Regular;
                case DtDir: return EntryKind.Directory;
                case DtLnk: return EntryKind.SymbolicLink;
                case DtFifo: case DtChr: case DtBlk: case DtSock: return EntryKind.Special;
                default:
                    // DT_UNKNOWN: the file system does not say; one lstat does.
                    switch (UnixFile.Kind(fullPath, false))
                    {
                        case FileKind.Regular: return EntryKind.Regular;
                        case FileKind.Directory: return EntryKind.Directory;
                        case FileKind.SymbolicLink: return EntryKind.SymbolicLink;
                        case FileKind.Missing: return EntryKind.File;
                        default: return EntryKind.Special;
                    }
            }
        }

        private static List<FolderEntry>? ListManaged(string folder)
        {
            List<FileSystemInfo> infos;
            try { infos = new List<FileSystemInfo>(new DirectoryInfo(folder).EnumerateFileSystemInfos()); }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
            var entries = new List<FolderEntry>(infos.Count);
            foreach (var info in infos)
            {
                var kind = RepositoryPath.IsLink(info) ? EntryKind.SymbolicLink : info is DirectoryInfo ? EntryKind.Directory : EntryKind.File;
                entries.Add(new FolderEntry(info.Name, info.FullName, kind));
            }
            return entries;
        }

        [DllImport("libc", EntryPoint = "openat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int OpenAt(int directoryFd, string name, int flags, int mode);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        private static extern int CloseFd(int fd);

        /// <summary>
        /// open/openat flags for a folder: O_RDONLY | O_NONBLOCK | O_CLOEXEC (<see cref="UnixFile.LinuxReadNonBlockingCloseOnExec"/>)
        /// | O_DIRECTORY, whose value differs between x64 (0x10000) and arm64 (0x4000), as opendir opens one. A non-folder
        /// swapped in since the listing fails to open (ENOTDIR) without blocking. A folder opened by its path follows the
        /// links on the way; a child listed as a folder is opened with <see cref="NoFollowFlag"/> too.
        /// </summary>
        private static readonly int FolderFlags = UnixFile.LinuxReadNonBlockingCloseOnExec | (RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000);

        /// <summary>O_NOFOLLOW: x64 0x20000, arm64 0x8000. An entry listed as a folder or a regular file is opened with it,
        /// so that one swapped for a link since the listing is not followed (the open fails with ELOOP).</summary>
        internal static readonly int NoFollowFlag = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

        /// <summary>Linux's PATH_MAX with its NUL: a longer path cannot be opened by path.</summary>
        internal const int PathMaxBytes = 4096;

        /// <summary>
        /// A listed folder kept open while its sub-folders are listed, so that a walk opens each child by its name
        /// relative to its parent (openat) instead of resolving its whole path again: the kernel then looks up one
        /// name per folder instead of every component of a deep path. Elsewhere it lists by path, as <see cref="List"/>.
        /// Each handle knows its folder's real path and its parent: a sub-folder whose real path is already on the way
        /// down (a link to itself, to a folder above it, or back round through another link) is not opened again, so
        /// that links cannot make a walk revisit a folder (two links to their own folder made 2^32 paths).
        /// </summary>
        internal sealed class Handle : IDisposable
        {
            /// <summary>At most this many folders of one walk are held open; deeper ones are listed by path and closed.</summary>
            private const int MaxOpenDepth = 40;

            /// <summary>The open folder's descriptor; -1 when it is not held open (listed by path, or by the runtime).</summary>
            private int fd;
            private readonly int depth;
            private readonly Handle? parent;

            private Handle(int fd, string path, string real, Handle? parent, List<FolderEntry> entries)
            {
                this.fd = fd;
                this.parent = parent;
                depth = parent == null ? 0 : parent.depth + 1;
                Path = path;
                RealPath = real;
                Entries = entries;
            }

            public string Path { get; }

            /// <summary>The folder's path with every link resolved (its parent's real path and its name, for a folder that is not a link).</summary>
            public string RealPath { get; }

            /// <summary>The folder's entries (not "." or ".."), in the file system's order.</summary>
            public List<FolderEntry> Entries { get; }

            /// <summary>The folder at <paramref name="path"/>, listed; null when it cannot be listed.</summary>
            public static Handle? Open(string path)
            {
                var real = RealOf(path) ?? path;
                if (TryOpenNative(path, out var fd)) return fd < 0 ? null : Listed(fd, path, real, null);
                var entries = ListManaged(path);
                return entries == null ? null : new Handle(-1, path, real, null, entries);
            }

            /// <summary>
            /// A sub-folder (an entry of this folder), listed; null when it cannot be listed, or when it is a folder
            /// this walk is already inside (its real path is this folder's or one above it on the way down).
            /// </summary>
            public Handle? OpenChild(FolderEntry child)
            {
                var real = child.Kind == EntryKind.SymbolicLink ? RealOf(child.FullPath) : System.IO.Path.Combine(RealPath, child.Name);
                if (real == null) return null;
                for (var above = this; above != null; above = above.parent)
                    if (string.Equals(above.RealPath, real, RepositoryPath.PathComparison)) return null;
                if (fd < 0 || depth >= MaxOpenDepth)
                {
                    var listed = List(child.FullPath);
                    return listed == null ? null : new Handle(-1, child.FullPath, real, this, listed);
                }
                // What opening the path would refuse (too long) is refused here too: the walk finds the same files.
                if (Encoding.UTF8.GetByteCount(child.FullPath) >= PathMaxBytes) return null;
                int childFd;
                try { childFd = OpenAt(fd, child.Name, FolderFlags | (child.Kind == EntryKind.Directory ? NoFollowFlag : 0), 0); }
                catch (ArgumentException) { return null; }
                if (childFd < 0) return null;
                return Listed(childFd, child.FullPath, real, this);
            }

            private static Handle? Listed(int fd, string path, string real, Handle? parent)
            {
                try { return new Handle(fd, path, real, parent, Entries(fd, path)); }
                catch
                {
                    _ = CloseFd(fd);
                    throw;
                }
            }

            /// <summary>The real path, or null when it cannot be told (a link loop, an unreadable link).</summary>
            private static string? RealOf(string path)
            {
                try { return RepositoryPath.RealPath(path); }
                catch (IOException) { return null; }
                catch (UnauthorizedAccessException) { return null; }
            }

            public void Dispose()
            {
                if (fd < 0) return;
                _ = CloseFd(fd);
                fd = -1;
            }
        }

        /// <summary>
        /// True when a link entry leads to a folder (following the whole chain); false for a link to a file, or a
        /// dangling one, as the runtime's enumeration classifies them.
        /// </summary>
        public static bool IsFolderLink(FolderEntry entry)
            => entry.Kind == EntryKind.SymbolicLink && (UnixFile.IsUnix ? UnixFile.Kind(entry.FullPath, true) == FileKind.Directory : Directory.Exists(entry.FullPath));

        /// <summary>A folder, or a link to one: what the runtime's enumeration gives as a <see cref="DirectoryInfo"/>.</summary>
        public static bool IsFolder(FolderEntry entry) => entry.Kind == EntryKind.Directory || IsFolderLink(entry);

        /// <summary>
        /// Walks the folder at <paramref name="root"/> depth first: each entry of each folder goes to
        /// <paramref name="visit"/> with the depth of its folder (the root's entries: 0), which returns true for a folder
        /// (<see cref="IsFolder"/>) to enter: it is opened by name inside its kept-open parent (<see cref="Handle.OpenChild"/>:
        /// never a folder the walk is already inside). A folder that cannot be listed is passed over.
        /// </summary>
        public static void Walk(string root, Func<FolderEntry, int, bool> visit)
        {
            void Visit(Handle folder, int depth)
            {
                foreach (var entry in folder.Entries)
                    if (visit(entry, depth))
                        using (var child = folder.OpenChild(entry))
                            if (child != null) Visit(child, depth + 1);
            }
            using (var top = Handle.Open(root))
                if (top != null) Visit(top, 0);
        }
    }
}
