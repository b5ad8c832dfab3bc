using System;
using System.IO;
using System.Runtime.InteropServices;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>What a directory entry is, as <c>stat</c> tells it (on Windows: file, folder or missing).</summary>
    public enum FileKind { Missing, Regular, Directory, SymbolicLink, Fifo, CharacterDevice, BlockDevice, Socket, Other }

    /// <summary>
    /// The few POSIX facts .NET Standard does not expose: the file type (a FIFO or a device looks like an empty
    /// regular file to <see cref="FileInfo"/>) and the permission bits. They come from the runtime's own native shim
    /// (<c>libSystem.Native</c>, present wherever .NET runs on Unix), whose <c>FileStatus</c> starts with two
    /// 32-bit fields, flags and mode, in every .NET version; the rest of the structure is not read.
    /// </summary>
    internal static class UnixFile
    {
        private const int ModeTypeMask = 0xF000;
        private const int BufferBytes = 512; // larger than any version's FileStatus

        // One buffer per thread: the gate stats every file it reads, in parallel.
        [ThreadStatic] private static byte[]? statBuffer;

        public static readonly bool IsUnix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        // Paths go to the runtime's native shim as UTF-8 (CharSet.Ansi is UTF-8 on Unix; best-fit mapping is Windows only).
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int Stat(string path, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int LStat(string path, byte[] status);

        // One descriptor per read (RepositoryPath.ReadText): open, fstat of that descriptor, read, close. Flags are the
        // shim's own (PAL) values, the same in every version: O_RDONLY 0x0000, O_CLOEXEC 0x0010.
        internal const int OpenReadOnlyCloseOnExec = 0x0010;

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr Open(string path, int flags, int mode);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
        private static extern int FStat(IntPtr fd, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Read", SetLastError = true)]
        private static extern int Read(IntPtr fd, ref byte buffer, int count);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
        private static extern int Close(IntPtr fd);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_ChMod", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int ChMod(string path, int mode);

        /// <summary>The kind of <paramref name="path"/>; <paramref name="followLinks"/> false reports a link as a link.</summary>
        public static FileKind Kind(string path, bool followLinks)
        {
            if (!IsUnix)
            {
                if (Directory.Exists(path)) return FileKind.Directory;
                return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
            }
            return TryMode(path, followLinks, out var mode) ? KindOf(mode) : FileKind.Missing;
        }

        /// <summary>The permission bits (low 12 bits of <c>st_mode</c>) of a file, following links; null when unknown.</summary>
        public static int? Permissions(string path)
            => IsUnix && TryMode(path, true, out var mode) ? mode & 0xFFF : (int?)null;

        /// <summary>Sets the permission bits; false when the platform has none or the call failed.</summary>
        public static bool SetPermissions(string path, int permissions)
            => IsUnix && ChMod(path, permissions & 0xFFF) == 0;

        /// <summary>
        /// Opens <paramref name="path"/> for reading without FileStream (no buffer, no lock, no extra seek or stat):
        /// the descriptor, or -1 when the shim is missing or the call failed (the caller falls back to FileStream,
        /// which reports the error as it always has).
        /// </summary>
        internal static IntPtr OpenForRead(string path)
        {
            if (!IsUnix || noShim) return (IntPtr)(-1);
            try { return Open(path, OpenReadOnlyCloseOnExec, 0); }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is ArgumentException)
            {
                // ArgumentException: a path that cannot be marshalled; FileStream reports it.
                if (!(ex is ArgumentException)) noShim = true;
                return (IntPtr)(-1);
            }
        }

        private static bool noShim;

        // libc's own open(2), for the one flag the shim's open does not pass: O_NONBLOCK, so that opening a FIFO returns
        // at once instead of waiting for a writer. The values are the generic Linux ones (x64 and arm64 alike):
        // O_RDONLY 0, O_NONBLOCK 0x800, O_CLOEXEC 0x80000.
        internal const int LinuxReadNonBlockingCloseOnExec = 0x800 | 0x80000;

        /// <summary>libc's open(2) (also FolderListing's, for folders).</summary>
        [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        internal static extern int LibcOpen(string path, int flags, int mode);

        private static bool noLibcOpen;

        /// <summary>
        /// Opens <paramref name="path"/> for reading without waiting (64-bit Linux, <see cref="FolderListing.NativeLinux"/>):
        /// a FIFO opens at once and is then refused by its fstat. The descriptor, or -1 elsewhere or when the call failed.
        /// </summary>
        internal static IntPtr OpenForReadNonBlocking(string path, bool noFollow, out bool isLink)
        {
            isLink = false;
            if (!FolderListing.NativeLinux || noLibcOpen || noShim) return (IntPtr)(-1);
            try
            {
                int fd = LibcOpen(path, LinuxReadNonBlockingCloseOnExec | (noFollow ? FolderListing.NoFollowFlag : 0), 0);
                // ELOOP (40 on Linux): with O_NOFOLLOW, the last component is a symbolic link.
                if (fd < 0 && noFollow) isLink = Marshal.GetLastWin32Error() == 40;
                return (IntPtr)fd;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is ArgumentException)
            {
                if (!(ex is ArgumentException)) noLibcOpen = true;
                return (IntPtr)(-1);
            }
        }

        /// <summary>
        /// The kind and size of what an open descriptor refers to (fstat: the file actually opened, whatever the path
        /// names by now); false when the call failed. <c>FileStatus.Size</c> is the 64-bit field after flags, mode, uid
        /// and gid (offset 16) in every version of the shim.
        /// </summary>
        internal static bool DescribeOpen(IntPtr fd, out FileKind kind, out long size)
        {
            var buffer = statBuffer ??= new byte[BufferBytes];
            kind = FileKind.Missing;
            size = -1;
            if (FStat(fd, buffer) != 0) return false;
            kind = KindOf(BitConverter.ToInt32(buffer, 4));
            size = BitConverter.ToInt64(buffer, 16);
            return true;
        }

        /// <summary>read(2) into <paramref name="buffer"/> at <paramref name="offset"/>: bytes read, 0 at the end, -1 on error.</summary>
        internal static int ReadOpen(IntPtr fd, byte[] buffer, int offset, int count)
            => count <= 0 ? 0 : Read(fd, ref buffer[offset], count);

        /// <summary>close(2); false when it failed (for a descriptor only read from, nothing is lost: the text was read).</summary>
        internal static bool CloseOpen(IntPtr fd) => Close(fd) == 0;

        private static bool TryMode(string path, bool followLinks, out int mode)
        {
            var buffer = statBuffer ??= new byte[BufferBytes];
            int rc;
            try { rc = followLinks ? Stat(path, buffer) : LStat(path, buffer); }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return FallbackMode(path, followLinks, out mode);
            }
            mode = BitConverter.ToInt32(buffer, 4);
            return rc == 0;
        }

        // Without the shim (never seen on a supported runtime) the entry is described as well as FileInfo can.
        private static bool FallbackMode(string path, bool followLinks, out int mode)
        {
            mode = 0;
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : (FileSystemInfo)new FileInfo(path);
            if (!info.Exists && !(info.Attributes != (FileAttributes)(-1) && info.Attributes.HasFlag(FileAttributes.ReparsePoint))) return false;
            if (!followLinks && info.Attributes.HasFlag(FileAttributes.ReparsePoint)) mode = 0xA000;
            else mode = info is DirectoryInfo ? 0x4000 : 0x8000;
            return true;
        }

        private static FileKind KindOf(int mode)
        {
            switch (mode & ModeTypeMask)
            {
                case 0x8000: return FileKind.Regular;
                case 0x4000: return FileKind.Directory;
                case 0xA000: return FileKind.SymbolicLink;
                case 0x1000: return FileKind.Fifo;
                case 0x2000: return FileKind.CharacterDevice;
                case 0x6000: return FileKind.BlockDevice;
                case 0xC000: return FileKind.Socket;
                default: return FileKind.Other;
            }
        }
    }
}
