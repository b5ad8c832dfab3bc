using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Core.IO
{
    /// <summary>A file the module will not read: not a regular file (a FIFO, a device, a socket) or bigger than the cap.</summary>
    public sealed class FileRefusedException : IOException
    {
        public FileRefusedException(string path, string reason) : base("'" + path + "' " + reason + ".") { Path = path; Reason = reason; }
        public string Path { get; }
        /// <summary>Why, as a phrase: "is a FIFO, not a regular file", "has more than 4194304 bytes".</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// The one place that decides whether a path is inside an application repository, and the one way the module
    /// reads a file it did not write. A repository path is checked twice: as text (relative, no <c>..</c>, no NUL,
    /// no drive or home prefix) and as a real path, with every symbolic link on the way resolved component by
    /// component (a link whose target passes through another link is followed to the end), compared with the real
    /// path of the root. Escapes are one ErrorId, <see cref="OutsideErrorId"/>. Reads refuse anything that is not a
    /// regular file (a FIFO would block, <c>/dev/zero</c> never ends) and stop at a cap counted on the bytes actually
    /// read, not on the length the file system reports.
    /// </summary>
    public sealed class RepositoryPath
    {
        /// <summary>The ErrorId of every path that would leave the repository.</summary>
        public const string OutsideErrorId = ErrorIds.PathOutsideRepository;
        /// <summary>Symbolic links followed while resolving one path before it is called a loop (as Linux's MAXSYMLINKS).</summary>
        public const int MaxLinkHops = 40;

        private RepositoryPath(string root, string realRoot)
        {
            Root = root;
            RealRoot = realRoot;
        }

        /// <summary>The repository root as given (absolute, without a trailing separator).</summary>
        public string Root { get; }
        /// <summary>The root with every link resolved: what containment is decided against.</summary>
        public string RealRoot { get; }

        /// <summary>The repository at <paramref name="repositoryRoot"/>; <c>RepositoryNotFound</c> when it is not a folder.</summary>
        public static RepositoryPath Open(string repositoryRoot)
        {
            if (string.IsNullOrWhiteSpace(repositoryRoot))
                throw new RolloutException(ErrorIds.RepositoryNotFound, "No repository path was given.", repositoryRoot);
            string root;
            try { root = TrimSeparators(Path.GetFullPath(repositoryRoot)); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new RolloutException(ErrorIds.RepositoryNotFound, "'" + repositoryRoot + "' is not a valid repository path: " + ex.Message, repositoryRoot, ex);
            }
            if (!Directory.Exists(root))
                throw new RolloutException(ErrorIds.RepositoryNotFound, "Repository folder '" + root + "' does not exist.", root);
            string real;
            try { real = RealPath(root); }
            catch (IOException ex)
            {
                throw new RolloutException(ErrorIds.RepositoryNotFound, "Repository folder '" + root + "' cannot be resolved: " + ex.Message, root, ex);
            }
            return new RepositoryPath(root, real);
        }

        /// <summary>
        /// Checks a repository-relative path as text and returns it with '/' separators and no '.' or empty segments.
        /// Absolute paths, drive letters, <c>~</c>, <c>..</c>, NUL and characters no file name may hold are refused.
        /// </summary>
        public static string CheckRelative(string? path, string key)
        {
            var text = (path ?? "").Trim();
            if (text.Length == 0) throw Outside(key, path ?? "", "is empty; it cannot name a place in the repository");
            if (text.IndexOf('\0') >= 0) throw Outside(key, text, "contains a NUL character");
            if (Path.IsPathRooted(text) || text[0] == '/' || text[0] == '\\' || text[0] == '~' || (text.Length >= 2 && text[1] == ':'))
                throw Outside(key, text, "is absolute; give a path relative to the repository root");
            var segments = new List<string>();
            foreach (var segment in text.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment == ".") continue;
                if (segment == "..") throw Outside(key, text, "climbs out with '..'");
                if (segment.IndexOfAny(InvalidNameChars) >= 0) throw Outside(key, text, "contains characters that are not valid in a file name");
                segments.Add(segment);
            }
            if (segments.Count == 0) throw Outside(key, text, "names no file or folder");
            return string.Join("/", segments);
        }

        /// <summary>
        /// The absolute path of a repository-relative path (under <paramref name="baseFolder"/>, itself inside the
        /// repository, when given), refused with <see cref="OutsideErrorId"/> when its text or its real path leaves
        /// the repository. Parts that do not exist yet are fine (a document about to be written).
        /// </summary>
        public string Resolve(string? relativePath, string key, string? baseFolder = null)
        {
            var relative = CheckRelative(relativePath, key);
            var start = baseFolder ?? Root;
            var full = TrimSeparators(Path.GetFullPath(Path.Combine(start, relative.Replace('/', Path.DirectorySeparatorChar))));
            if (!Within(Root, full)) throw Outside(key, relativePath!.Trim(), "resolves outside the repository");
            if (!RealContains(full)) throw Outside(key, relativePath!.Trim(), "goes through a symbolic link that leads out of the repository");
            return full;
        }

        /// <summary>Throws <see cref="OutsideErrorId"/> unless the absolute path's real path is inside the repository.</summary>
        public void EnsureInside(string fullPath, string key)
        {
            if (!RealContains(fullPath))
                throw Outside(key, Relative(fullPath), Contains(fullPath)
                    ? "goes through a symbolic link that leads out of the repository"
                    : "is not inside the repository '" + Root + "'");
        }

        /// <summary>True when the absolute path is the root or below it, as text.</summary>
        public bool Contains(string fullPath) => Within(Root, Path.GetFullPath(fullPath));

        /// <summary>True when the real path (every link resolved) is the real root or below it.</summary>
        public bool RealContains(string fullPath)
        {
            try { return Within(RealRoot, RealPath(fullPath)); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        /// <summary>
        /// True when an entry found while walking a folder of the repository must not be followed: it is a link whose
        /// real path is outside (or cannot be told). Entries that are not links share their folder's real path.
        /// </summary>
        public bool LeadsOutside(FileSystemInfo info)
        {
            if (!IsLink(info)) return false;
            return !RealContains(info.FullName);
        }

        /// <summary><see cref="LeadsOutside(FileSystemInfo)"/> for an entry of a <see cref="FolderListing"/>.</summary>
        internal bool LeadsOutside(FolderEntry entry) => entry.Kind == EntryKind.SymbolicLink && !RealContains(entry.FullPath);

        /// <summary>The path relative to the root with '/' separators, or the full path when it is not below the root.</summary>
        public string Relative(string fullPath)
        {
            var full = Path.GetFullPath(fullPath);
            if (full.Length > Root.Length && Within(Root, full)) return full.Substring(Root.Length + 1).Replace('\\', '/');
            if (string.Equals(full, Root, PathComparison)) return "";
            return full.Replace('\\', '/');
        }

        /// <summary>
        /// The path with every symbolic link resolved, component by component, as the kernel does: a link's target
        /// replaces the link and is itself resolved, so a chain through other links is followed to its end. Missing
        /// components are kept as text (so a path about to be created, or a dangling link, resolves to where it would
        /// land). IOException for a loop (more than <see cref="MaxLinkHops"/> links) or a link that cannot be read.
        /// </summary>
        public static string RealPath(string path)
        {
            var full = Path.GetFullPath(path);
            var rootPart = Path.GetPathRoot(full) ?? "";
            var current = rootPart;
            var pending = new LinkedList<string>(Split(full.Substring(rootPart.Length)));
            int hops = 0;
            bool missing = false;
            while (pending.Count > 0)
            {
                var part = pending.First!.Value;
                pending.RemoveFirst();
                if (part == ".") continue;
                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }
                var next = Path.Combine(current, part);
                if (missing) { current = next; continue; }
                var kind = UnixFile.IsUnix ? UnixFile.Kind(next, false) : KindOnWindows(next);
                if (kind == FileKind.Missing) { missing = true; current = next; continue; }
                if (kind != FileKind.SymbolicLink) { current = next; continue; }
                if (++hops > MaxLinkHops) throw new IOException("'" + full + "': more than " + MaxLinkHops + " symbolic links (a loop?).");
                var target = ReadLink(next) ?? throw new IOException("'" + next + "' is a symbolic link whose target cannot be read on this platform.");
                var targetParts = Split(target);
                for (int i = targetParts.Count - 1; i >= 0; i--) pending.AddFirst(targetParts[i]);
                if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? rootPart;
            }
            return TrimSeparators(current);
        }

        /// <summary>
        /// The bytes of a regular file, at most <paramref name="maxBytes"/> of them counted as they are read.
        /// <see cref="FileRefusedException"/> (an IOException) for a FIFO, device, socket or folder, or a file that
        /// holds more; other IOException/UnauthorizedAccessException as File.ReadAllBytes.
        /// </summary>
        public static byte[] ReadBytes(string path, long maxBytes)
        {
            using (var stream = OpenRegular(path))
            {
                long length = stream.Length;
                if (length > maxBytes) throw TooBig(path, maxBytes);
                return ReadCapped(stream, path, maxBytes, length);
            }
        }

        /// <summary>The text of a regular file (as File.ReadAllText decodes it), under the same rules as <see cref="ReadBytes"/>.</summary>
        public static string ReadText(string path, long maxBytes)
        {
            if (UnixFile.IsUnix)
            {
                CheckRegular(path);
                var text = ReadThroughDescriptor(path, maxBytes, UnixFile.OpenForRead(path));
                if (text != null) return text;
            }
            using (var stream = OpenRegular(path))
            {
                long length = stream.Length;
                if (length > maxBytes) throw TooBig(path, maxBytes);
                // A sized file is read up to its size and no further; an unsized one (length 0) up to the cap.
                if (length > 0) return TextFile.ReadToEnd(stream, length);
                var bytes = ReadCapped(stream, path, maxBytes, 0);
                return TextFile.Decode(bytes, bytes.Length);
            }
        }

        /// <summary>
        /// <see cref="ReadText"/> for a file that a <see cref="FolderListing"/> reported as a regular file
        /// (<see cref="EntryKind.Regular"/>). On 64-bit Linux it is opened without waiting and without following a link
        /// (O_NONBLOCK | O_NOFOLLOW), and described by the fstat of what was opened, so the stat before opening is not
        /// needed: a FIFO or device swapped in since the listing is refused without blocking, a link swapped in is refused. Anything unusual (the open failed, an empty or unsized file, another platform) is
        /// read by <see cref="ReadText"/>, which reports it exactly as before.
        /// </summary>
        internal static string ReadListedText(string path, long maxBytes)
        {
            if (FolderListing.NativeLinux)
            {
                // Listed as a regular file, not a link: one swapped for a link since (into or out of the repository) is
                // not followed.
                var fd = UnixFile.OpenForReadNonBlocking(path, true, out bool isLink);
                if (isLink) throw new FileRefusedException(path, "cannot be opened without following a symbolic link (it was listed as a regular file)");
                var text = ReadThroughDescriptor(path, maxBytes, fd);
                if (text != null) return text;
            }
            return ReadText(path, maxBytes);
        }

        /// <summary>
        /// ReadText on Unix, for a path <see cref="CheckRegular"/> found to be a regular file (so that opening it does
        /// not wait on a FIFO): one descriptor, opened, described by fstat, read up to the size fstat gave and closed.
        /// The fstat is of the descriptor actually read, so a FIFO, device or folder swapped in after the check is
        /// refused as FileStream's CanSeek check refuses it. Null (nothing thrown) when the descriptor cannot be opened
        /// or read, or the file reports no size (empty, or a /proc file): the FileStream path then reads it, or reports
        /// its error exactly as before. The text is the same: at most the size seen at open, decoded as TextFile does.
        /// </summary>
        private static string? ReadThroughDescriptor(string path, long maxBytes, IntPtr fd)
        {
            if ((long)fd < 0) return null;
            try
            {
                if (!UnixFile.DescribeOpen(fd, out var kind, out var length)) return null;
                if (kind != FileKind.Regular) throw new FileRefusedException(path, "is not a regular file");
                if (length > maxBytes) throw TooBig(path, maxBytes);
                if (length <= 0 || length > int.MaxValue) return null;
                int size = (int)length;
                var bytes = TextFile.Buffer(size);
                int count = 0;
                while (count < size)
                {
                    int read = UnixFile.ReadOpen(fd, bytes, count, size - count);
                    if (read < 0) return null;
                    if (read == 0) break;
                    count += read;
                }
                return TextFile.Decode(bytes, count);
            }
            finally { _ = UnixFile.CloseOpen(fd); }
        }

        /// <summary>FileNotFoundException for a missing path, FileRefusedException for anything but a regular file (links followed).</summary>
        private static void CheckRegular(string path)
        {
            var kind = UnixFile.Kind(path, true);
            if (kind == FileKind.Missing) throw new FileNotFoundException("Could not find file '" + path + "'.", path);
            if (kind != FileKind.Regular) throw new FileRefusedException(path, "is " + Describe(kind) + ", not a regular file");
        }

        private static FileStream OpenRegular(string path)
        {
            CheckRegular(path);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            // A regular file is seekable; anything else was swapped in after the check above.
            if (!stream.CanSeek)
            {
                stream.Dispose();
                throw new FileRefusedException(path, "is not a regular file");
            }
            return stream;
        }

        /// <summary>The read buffer: Stream.CopyTo's default, under the large-object heap's 85,000 bytes.</summary>
        private const int ReadChunkBytes = 81920;

        private static byte[] ReadCapped(Stream stream, string path, long maxBytes, long expected)
        {
            var buffer = new MemoryStream(expected > 0 ? (int)expected : 0);
            var chunk = new byte[expected > 0 && expected < ReadChunkBytes ? (int)expected + 1 : ReadChunkBytes];
            long total = 0;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                total += read;
                if (total > maxBytes) throw TooBig(path, maxBytes);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }

        private static FileRefusedException TooBig(string path, long maxBytes)
            => new FileRefusedException(path, "has more than " + maxBytes + " bytes (the limit for this file)");

        private static string Describe(FileKind kind)
        {
            switch (kind)
            {
                case FileKind.Fifo: return "a FIFO (named pipe)";
                case FileKind.CharacterDevice: return "a character device";
                case FileKind.BlockDevice: return "a block device";
                case FileKind.Socket: return "a socket";
                case FileKind.Directory: return "a folder";
                default: return "a special file";
            }
        }

        internal static bool IsLink(FileSystemInfo info)
        {
            try { return info.Attributes != (FileAttributes)(-1) && info.Attributes.HasFlag(FileAttributes.ReparsePoint); }
            catch (IOException) { return false; }
        }

        private static FileKind KindOnWindows(string path)
        {
            FileAttributes attributes;
            try { attributes = File.GetAttributes(path); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return FileKind.Missing; }
            if (attributes.HasFlag(FileAttributes.ReparsePoint)) return FileKind.SymbolicLink;
            return attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory : FileKind.Regular;
        }

        /// <summary>The text of a link (one hop), or null where the runtime cannot tell it (before .NET 6).</summary>
        private static string? ReadLink(string path)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : (FileSystemInfo)new FileInfo(path);
            // netstandard2.0 has no LinkTarget; reach it by reflection where the runtime has it.
            var property = info.GetType().GetProperty("LinkTarget");
            if (property == null) return null;
            try { return property.GetValue(info) as string; }
            catch (Exception) { return null; }
        }

        private static List<string> Split(string path)
            => path.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries).ToList();

        private static bool Within(string root, string full)
            => string.Equals(full, root, PathComparison)
               || (full.Length > root.Length && full.StartsWith(root, PathComparison)
                   && (IsSeparator(full[root.Length]) || (root.Length > 0 && IsSeparator(root[root.Length - 1]))));

        private static RolloutException Outside(string key, string text, string why)
            => new RolloutException(OutsideErrorId, key + ": '" + text + "' " + why + ".", text);

        internal static string TrimSeparators(string path)
        {
            var root = Path.GetPathRoot(path) ?? "";
            var trimmed = path.TrimEnd('/', '\\');
            return trimmed.Length < root.Length ? root : trimmed;
        }

        private static bool IsSeparator(char c) => c == '/' || c == '\\';

        private static readonly char[] InvalidNameChars = Path.GetInvalidFileNameChars().Where(c => c != '/' && c != '\\' && c != '*').ToArray();

        internal static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }
}
