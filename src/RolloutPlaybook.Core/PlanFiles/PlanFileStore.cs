using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>Options for writing a plan file.</summary>
    public sealed class PlanSaveOptions
    {
        public PlanFormat Format { get; set; } = PlanFormat.Yaml;
        /// <summary>Overwrite a file that changed on disk or that is another plan.</summary>
        public bool Force { get; set; }
        /// <summary>
        /// The plan's own YAML file is normally rewritten only where the plan changed (comments and layout kept); when that
        /// cannot be done faithfully and the file has comments, write it whole anyway (dropping them) instead of refusing.
        /// </summary>
        public bool DropComments { get; set; }
        /// <summary>How long to wait for another writer of the same file.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Reads and writes plan files. Reading reports every problem at once; writing is atomic (temporary
    /// file + rename, under a lock) and refuses to lose anything: a file changed since it was read, a file
    /// that holds another plan, or hand-written comments are kept unless the caller forces the write.
    /// </summary>
    public static class PlanFileStore
    {
        /// <summary>Plans are hand-edited text; anything bigger is a mistake or an attack.</summary>
        public const long MaxFileBytes = 16L * 1024 * 1024;

        /// <summary>Test hook: runs after the temporary file is written and before it replaces the target.</summary>
        internal static Action<string>? BeforeReplace { get; set; }

        public static RolloutPlan Load(string path)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
                throw new RolloutException(ErrorIds.RolloutPlanNotFound, "'" + full + "' is a folder, not a plan file.", full);
            byte[] bytes;
            try
            {
                var info = new FileInfo(full);
                if (!info.Exists)
                    throw new RolloutException(ErrorIds.RolloutPlanNotFound, "Plan file '" + full + "' does not exist.", full);
                if (info.Length > MaxFileBytes)
                    throw new PlanInvalidException(full, new[] { new PlanProblem(full, 1, 1, "", "the file is " + info.Length + " bytes; a plan file may have at most " + MaxFileBytes / (1024 * 1024) + " MiB") });
                bytes = RepositoryPath.ReadBytes(full, MaxFileBytes);
            }
            catch (FileRefusedException ex)
            {
                // A FIFO (which would block), a device (which would never end), or a file that grew past the cap.
                throw new PlanInvalidException(full, new[] { new PlanProblem(full, 1, 1, "", "the file " + ex.Reason + "; a plan file is a regular UTF-8 YAML or JSON file of at most " + MaxFileBytes / (1024 * 1024) + " MiB") });
            }
            catch (IOException ex)
            {
                throw new RolloutException(ErrorIds.RolloutPlanReadFailed, "Cannot read plan file '" + full + "': " + ex.Message, full, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new RolloutException(ErrorIds.RolloutPlanReadFailed, "Cannot read plan file '" + full + "': " + ex.Message, full, ex);
            }
            return Parse(bytes, full);
        }

        /// <summary>Reads a plan from bytes; <paramref name="file"/> names it in errors (and becomes its source when set).</summary>
        public static RolloutPlan Parse(byte[] bytes, string? file)
        {
            if (bytes.Length > MaxFileBytes)
                throw new PlanInvalidException(file, new[] { new PlanProblem(file, 1, 1, "", "the text is " + bytes.Length + " bytes; a plan file may have at most " + MaxFileBytes / (1024 * 1024) + " MiB") });
            var text = Decode(bytes, file);
            var plan = ParseText(text, file, out var hadComments, out var locations);
            if (file != null)
            {
                plan.SourcePath = file;
                plan.FileState = new PlanFileState(file, Hash(bytes), hadComments, locations);
            }
            return plan;
        }

        /// <summary>Reads a plan from text (a string in memory, no file).</summary>
        public static RolloutPlan ParseText(string text, string? file = null) => ParseText(text, file, out _, out _);

        private static RolloutPlan ParseText(string text, string? file, out bool hadComments, out IReadOnlyDictionary<string, PlanLocation> locations)
        {
            locations = new Dictionary<string, PlanLocation>();
            hadComments = false;
            if (IsBlank(text))
                throw new PlanInvalidException(file, new[] { new PlanProblem(file, 1, 1, "", "the file is empty; a plan needs at least 'schemaVersion: 1' and 'connector'") });
            var document = PlanYamlReader.Read(text, file);
            hadComments = document.HadComments;
            var problems = document.Problems;
            RolloutPlan? plan = null;
            if (document.Root == null && problems.Count == 0)
                problems.Add(new PlanProblem(file, 1, 1, "", "the file holds only comments; a plan needs at least 'schemaVersion: 1' and 'connector'"));
            if (document.Root != null)
                plan = PlanBinder.Bind(document.Root, file, problems, out locations);
            if (plan != null) PlanReferenceCheck.Check(plan, file, locations, problems);
            if (problems.Count > 0 || plan == null)
            {
                problems.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
                throw new PlanInvalidException(file, problems);
            }
            // The plan exactly as the file has it: the intake assumptions are reconciled by the edits (PlanEditor), not by reading.
            return plan;
        }

        /// <summary>Writes <paramref name="plan"/> to <paramref name="path"/> atomically and makes that file the plan's source.</summary>
        public static void Save(RolloutPlan plan, string path, PlanSaveOptions? options = null)
        {
            options ??= new PlanSaveOptions();
            var full = Path.GetFullPath(path);
            var bytes = Prepare(plan, full, options, out var hadComments, out var locations);
            // A new plan's folders are made, as Export-RolloutDocument makes a document's.
            CreateFolder(Path.GetDirectoryName(full)!, full, ErrorIds.RolloutPlanWriteFailed, "plan file");
            using (AcquireLock(full, options.LockTimeout))
                WriteLocked(plan, full, bytes, hadComments, locations, options);
        }

        /// <summary>
        /// Loads the plan file, changes it with <paramref name="edit"/> and writes it back, all under the file's lock:
        /// the lock is taken before the read, so concurrent edits of one file wait for each other and each sees the
        /// one before it, instead of failing with <c>RolloutPlanChangedOnDisk</c>. Returns the edited plan.
        /// </summary>
        public static RolloutPlan Edit(string path, Action<RolloutPlan> edit, PlanSaveOptions? options = null)
        {
            if (edit == null) throw new ArgumentNullException(nameof(edit));
            options ??= new PlanSaveOptions();
            var full = Path.GetFullPath(path);
            using (AcquireLock(full, options.LockTimeout))
            {
                var plan = Load(full);
                edit(plan);
                var bytes = Prepare(plan, full, options, out var hadComments, out var locations);
                WriteLocked(plan, full, bytes, hadComments, locations, options);
                return plan;
            }
        }

        private static byte[] Prepare(RolloutPlan plan, string full, PlanSaveOptions options, out bool hadComments, out IReadOnlyDictionary<string, PlanLocation> locations)
        {
            var schemaReference = options.Format == PlanFormat.Yaml ? PlanSchemaReference.For(full) : null;
            var bytes = PlanWriter.WriteBytes(plan, options.Format, schemaReference);
            // Never write a file that would not load back (a secret value set in memory, say): read the bytes
            // first. Their positions become the plan's once the file is in place.
            ParseText(Decode(bytes, full), full, out hadComments, out locations);
            return bytes;
        }

        /// <summary>The write itself, with the file's lock held by the caller.</summary>
        private static void WriteLocked(RolloutPlan plan, string full, byte[] bytes, bool hadComments, IReadOnlyDictionary<string, PlanLocation> locations, PlanSaveOptions options)
        {
            if (File.Exists(full))
            {
                // The plan's own YAML file keeps its comments and layout: only the changed parts are rewritten.
                var spliced = CheckOverwrite(plan, full, options);
                if (spliced != null)
                {
                    bytes = spliced;
                    ParseText(Decode(bytes, full), full, out hadComments, out locations);
                }
            }
            try
            {
                AtomicFile.Write(full, bytes, options.Force, BeforeReplace);
            }
            catch (ReadOnlyFileException ex)
            {
                throw new RolloutException(ErrorIds.RolloutPlanReadOnly,
                    "'" + full + "' is read-only; make it writable or use -Force to replace it (it stays read-only).", full, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RolloutException(ErrorIds.RolloutPlanWriteFailed, "Cannot write plan file '" + full + "': " + ex.Message, full, ex);
            }
            // The written text is the plan's new source: positions and hash follow it.
            plan.SourcePath = full;
            plan.FileState = new PlanFileState(full, Hash(bytes), hadComments, locations);
        }

        /// <summary>
        /// Refuses what would lose something. For the plan's own YAML file, returns the file's text with the plan's
        /// changes spliced in (comments and layout kept), or null to write the canonical text.
        /// </summary>
        private static byte[]? CheckOverwrite(RolloutPlan plan, string full, PlanSaveOptions options)
        {
            bool force = options.Force;
            var state = plan.FileState;
            bool samePlan = state != null && string.Equals(state.Path, full, PathComparison);
            if (!samePlan)
            {
                if (!force)
                    throw new RolloutException(ErrorIds.RolloutPlanFileExists,
                        "'" + full + "' already exists and is not the file this plan was read from; use -Force to replace it.", full);
                return null;
            }
            byte[] current;
            // A file that cannot be read as a plan any more (a FIFO or a device swapped in) counts as changed.
            try { current = RepositoryPath.ReadBytes(full, MaxFileBytes); }
            catch (FileRefusedException) when (force) { return null; }
            catch (FileRefusedException ex)
            {
                throw new RolloutException(ErrorIds.RolloutPlanChangedOnDisk,
                    "'" + full + "' changed on disk since the plan was read (it " + ex.Reason + "); use -Force to replace it.", full, ex);
            }
            if (!force && Hash(current) != state!.ContentHash)
                throw new RolloutException(ErrorIds.RolloutPlanChangedOnDisk,
                    "'" + full + "' changed on disk since the plan was read; import it again (or use -Force to overwrite the other change).", full);
            if (options.Format != PlanFormat.Yaml) return null;
            string? spliced = null;
            bool bom = current.Length >= 3 && current[0] == 0xEF && current[1] == 0xBB && current[2] == 0xBF;
            try { spliced = PlanTextEditor.Splice(Decode(current, full), plan, full); }
            catch (PlanInvalidException) { /* the file on disk no longer reads as a plan (forced): written whole */ }
            if (spliced != null)
            {
                var body = new UTF8Encoding(false).GetBytes(spliced);
                if (!bom) return body;
                var withBom = new byte[body.Length + 3];
                withBom[0] = 0xEF; withBom[1] = 0xBB; withBom[2] = 0xBF;
                Buffer.BlockCopy(body, 0, withBom, 3, body.Length);
                return withBom;
            }
            if (!force && !options.DropComments && state!.HadComments)
                throw new RolloutException(ErrorIds.RolloutPlanHasComments,
                    "'" + full + "' has hand-written comments and this change cannot be written around them (the file uses a layout the " +
                    "comment-keeping writer does not follow, such as anchors); use -Force to rewrite it without them.", full);
            return null;
        }

        /// <summary>Makes <paramref name="folder"/> and its parents when missing; a path that cannot be a folder is a write error.</summary>
        internal static void CreateFolder(string folder, string target, string errorId, string what)
        {
            if (Directory.Exists(folder)) return;
            try { Directory.CreateDirectory(folder); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                throw new RolloutException(errorId, "Cannot create folder '" + folder + "' for the " + what + " '" + target + "': " + ex.Message, target, ex);
            }
        }

        private static IDisposable AcquireLock(string full, TimeSpan timeout)
        {
            // Two names of one file (a symbolic link and its target) share the target's lock.
            string target;
            try { target = AtomicFile.Target(full); }
            catch (IOException) { target = full; }
            var lockPath = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".lock");
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(25);
                }
                catch (IOException ex)
                {
                    throw new RolloutException(ErrorIds.RolloutPlanLocked,
                        "Another writer holds '" + lockPath + "'; try again when it has finished.", full, ex);
                }
            }
        }

        private static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        internal static string Hash(byte[] bytes)
        {
            using (var sha = SHA256.Create()) return Convert.ToBase64String(sha.ComputeHash(bytes));
        }

        private static string Decode(byte[] bytes, string? file)
        {
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            for (int i = start; i < bytes.Length; i++)
            {
                if (bytes[i] == 0)
                {
                    Position(bytes, start, i, out var line, out var col);
                    throw new PlanInvalidException(file, new[] { new PlanProblem(file, line, col, "", "the file is not text (a NUL byte at offset " + i + "); a plan file is UTF-8 YAML") });
                }
            }
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException ex)
            {
                int offset = start + Math.Max(0, ex.Index);
                Position(bytes, start, offset, out var line, out var col);
                throw new PlanInvalidException(file, new[] { new PlanProblem(file, line, col, "", "the file is not valid UTF-8 (byte 0x" + bytes[Math.Min(offset, bytes.Length - 1)].ToString("X2") + "); save it as UTF-8") });
            }
        }

        private static void Position(byte[] bytes, int start, int offset, out int line, out int column)
        {
            line = 1; column = 1;
            for (int i = start; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n') { line++; column = 1; }
                else if ((bytes[i] & 0xC0) != 0x80) column++;
            }
        }

        private static bool IsBlank(string text)
        {
            foreach (var c in text) if (!char.IsWhiteSpace(c) && c != '\uFEFF') return false;
            return true;
        }

    }
}
