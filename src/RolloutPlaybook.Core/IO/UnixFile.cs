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
