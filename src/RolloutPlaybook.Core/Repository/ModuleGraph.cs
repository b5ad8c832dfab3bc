using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The repository's source files as far as handlers reach them: each file is read, lexed and indexed once per
    /// gate run (a cache by full path), and each import specifier is resolved once per folder. Imports resolve
    /// relative (<c>./x</c>, <c>../x</c>) and through the root <c>tsconfig.json</c> / <c>jsconfig.json</c>
    /// <c>baseUrl</c> and <c>paths</c> (<c>@/*</c> → <c>src/*</c>); packages are not followed. Files outside the
    /// repository, behind links leading out, or bigger than the source cap are never read.
    /// </summary>
    public sealed class ModuleGraph
    {
        private static readonly string[] Extensions = { "", ".ts", ".tsx", ".js", ".jsx", ".mts", ".mjs", ".cts", ".cjs" };
        private static readonly string[] IndexFiles = { "index.ts", "index.tsx", "index.js", "index.jsx", "index.mjs" };

        private readonly RepositoryLayout layout;
        // By full path: each file is read and lexed once per run (null: not readable as a module). One object per
        // path, so analysis caches may key on a module by identity. One graph serves one scan on one thread.
        private readonly Dictionary<string, ScriptModule?> modules = new Dictionary<string, ScriptModule?>(StringComparer.Ordinal);
        // By import key (folder + specifier for relative specifiers, else the specifier): the file it resolves to, or null.
        private readonly Dictionary<string, string?> resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The identifier names of every module read (one string per distinct name for the run).
        private readonly NameTable names = new NameTable();

        /// <summary>Where the run's identifier names are made (used on the graph's thread only).</summary>
        internal NameTable Names => names;
        private readonly List<KeyValuePair<string, string[]>> paths = new List<KeyValuePair<string, string[]>>();
        private readonly string? baseUrl;
        private string? explicitBase;

        public ModuleGraph(RepositoryLayout layout)
        {
            this.layout = layout ?? throw new ArgumentNullException(nameof(layout));
            baseUrl = ReadConfig(out var configured);
            paths.AddRange(configured);
        }

        /// <summary>How many distinct files were read (for tests and the benchmark: each file once per run).</summary>
        public int FilesRead
        {
            get
            {
                int n = 0;
                foreach (var m in modules.Values) if (m != null) n++;
                return n;
            }
        }

        /// <summary>
        /// The module of a route file the inventory read for its handlers, made from the file as read (on either thread of
        /// the scan: <see cref="RouteReadAhead"/>): kept as the file's module, read once per run, unless the graph already
        /// has one for the path (then that one). A route read as a rewritten handler module (a Pages Router file:
        /// <paramref name="rewritten"/>) is not kept: the file stays what imports of it load (its default export, its
        /// helpers), whichever is read first. From here on the module makes its names in the graph's table, on the
        /// graph's thread.
        /// </summary>
        internal ScriptModule Adopt(ScriptModule made, bool rewritten)
        {
            if (!rewritten)
            {
                if (modules.TryGetValue(made.Path, out var known) && known != null) return known;
                modules[made.Path] = made;
            }
            made.UseNames(names);
            return made;
        }

        /// <summary>
        /// Takes back a route module <see cref="Adopt"/> kept, when its file turned out not to be a route (another file has
        /// its plan path) and nothing loaded it since: the graph then holds what a scan that never read the file holds.
        /// A module something imported stays (that scan would have loaded the file for the import).
        /// </summary>
        internal void Withdraw(ScriptModule adopted)
        {
            if (!adopted.Loaded && modules.TryGetValue(adopted.Path, out var known) && ReferenceEquals(known, adopted)) modules.Remove(adopted.Path);
        }

        internal ScriptModule? Load(string fullPath, bool listedRegular = false)
        {
            if (modules.TryGetValue(fullPath, out var known))
            {
                if (known != null) known.Loaded = true;
                return known;
            }
            ScriptModule? module = null;
            var source = RouteInventory.ReadSource(fullPath, listedRegular: listedRegular);
            if (source != null) module = new ScriptModule(fullPath, layout.Relative(fullPath), source, names);
            // Reading a module never loads another, so nothing can have stored this path meanwhile.
            modules[fullPath] = module;
            return module;
        }

        /// <summary>The module an import specifier of <paramref name="from"/> names, or null (a package, or not found).</summary>
        internal ScriptModule? Import(ScriptModule from, string specifier)
        {
            // Only relative specifiers depend on the importing folder (Resolve reads it for "./", "../", "." and ".." only).
            bool relative = specifier.StartsWith(".", StringComparison.Ordinal);
            var folder = relative ? from.Folder ?? layout.Root : layout.Root;
            var key = relative ? folder + "\n" + specifier : specifier;
            if (!resolved.TryGetValue(key, out var file))
            {
                file = Resolve(folder, specifier);
                resolved[key] = file;
            }
            return file == null ? null : Load(file);
        }

        /// <summary>
        /// The function an identifier of <paramref name="module"/> stands for: declared there, or imported (through
        /// re-exports, at most <paramref name="hops"/> files), or null.
        /// </summary>
        internal ScriptFunction? FunctionOf(ScriptModule module, string name, int hops = 8)
        {
            // Once per module and name per run: every handler of a route file asks for the same names. A name declared
            // here, or neither declared nor imported, costs two look-ups and is not remembered.
            if (hops != 8) return FindFunction(module, name, hops);
            var local = module.Function(name);
            if (local != null) return local;
            if (!module.TryImport(name, out _)) return null;
            if (module.FunctionMemo.TryGetValue(name, out var known)) return known;
            var found = FindFunction(module, name, hops);
            module.FunctionMemo[name] = found;
            return found;
        }

        private ScriptFunction? FindFunction(ScriptModule module, string name, int hops)
        {
            var local = module.Function(name);
            if (local != null) return local;
            if (!module.TryImport(name, out var binding) || binding.Imported == "*") return null;
            var target = Import(module, binding.Specifier);
            return target == null ? null : Exported(target, binding.Imported, hops);
        }

        /// <summary>A member of a namespace import: <c>import * as guards from './g'</c>, <c>guards.requireRole</c>.</summary>
        internal ScriptFunction? MemberOf(ScriptModule module, string ns, string member)
        {
            var key = ns + "." + member;
            if (module.MemberMemo.TryGetValue(key, out var known)) return known;
            var found = FindMember(module, ns, member);
            module.MemberMemo[key] = found;
            return found;
        }

        private ScriptFunction? FindMember(ScriptModule module, string ns, string member)
        {
            if (!module.TryImport(ns, out var binding) || binding.Imported != "*") return null;
            var target = Import(module, binding.Specifier);
            return target == null ? null : Exported(target, member, 8);
        }

        /// <summary>The literal an identifier stands for: a module constant here or imported from another module.</summary>
        internal string? ConstantOf(ScriptModule module, string name)
        {
            if (module.TryConstant(name, out var value)) return value;
            if (module.ConstantMemo.TryGetValue(name, out var known)) return known;
            var found = ImportedConstant(module, name);
            module.ConstantMemo[name] = found;
            return found;
        }

        private string? ImportedConstant(ScriptModule module, string name)
        {
            if (!module.TryImport(name, out var binding) || binding.Imported == "*" || binding.Imported == "default") return null;
            var target = Import(module, binding.Specifier);
            return target != null && target.TryConstant(binding.Imported, out var imported) ? imported : null;
        }

        /// <summary>The function a module exports under a name: declared there, imported, or re-exported from another file (bounded; cycles end), or null.</summary>
        internal ScriptFunction? ExportedFunction(ScriptModule module, string exported) => Exported(module, exported, 8);

        private ScriptFunction? Exported(ScriptModule module, string exported, int hops)
        {
            if (hops <= 0) return null;
            var local = module.LocalOfExport(exported);
            var f = module.Function(local);
            if (f != null) return f;
            if (module.TryImport(local, out var binding) && binding.Imported != "*")
            {
                var next = Import(module, binding.Specifier);
                if (next != null && !ReferenceEquals(next, module)) return Exported(next, binding.Imported, hops - 1);
            }
            foreach (var re in module.ReExports)
            {
                string? inner = null;
                if (re.Key == "*") inner = exported;
                else
                {
                    int eq = re.Key.IndexOf('=');
                    if (re.Key.Substring(0, eq) == exported) inner = re.Key.Substring(eq + 1);
                }
                if (inner == null) continue;
                var next = Import(module, re.Value);
                if (next == null || ReferenceEquals(next, module)) continue;
                var hit = Exported(next, inner, hops - 1);
                if (hit != null) return hit;
            }
            return null;
        }

        private string? Resolve(string folder, string specifier)
        {
            if (specifier.Length == 0 || specifier.IndexOf('\0') >= 0) return null;
            if (specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal) || specifier == "." || specifier == "..")
                return Candidate(Path.Combine(folder, specifier));
            foreach (var pair in paths)
            {
                var pattern = pair.Key;
                string? rest = null;
                int star = pattern.IndexOf('*');
                if (star < 0) { if (pattern == specifier) rest = ""; }
                else if (specifier.StartsWith(pattern.Substring(0, star), StringComparison.Ordinal) && specifier.EndsWith(pattern.Substring(star + 1), StringComparison.Ordinal)
                         && specifier.Length >= pattern.Length - 1)
                    rest = specifier.Substring(star, specifier.Length - pattern.Length + 1);
                if (rest == null) continue;
                foreach (var target in pair.Value)
                {
                    var mapped = target.Replace("*", rest);
                    var hit = Candidate(Path.Combine(baseUrl ?? layout.Root, mapped));
                    if (hit != null) return hit;
                }
            }
            if (explicitBase != null) return Candidate(Path.Combine(explicitBase, specifier));
            return null;
        }

        private string? Candidate(string path)
        {
            string full;
            try { full = Path.GetFullPath(path); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException) { return null; }
            if (!layout.Contains(full) || full.IndexOf(Path.DirectorySeparatorChar + "node_modules" + Path.DirectorySeparatorChar, StringComparison.Ordinal) >= 0) return null;
            // TypeScript ESM imports name the emitted file: './x.js' is ./x.ts on disk.
            var stems = new List<string> { full };
            var ext = Path.GetExtension(full);
            if (ext == ".js" || ext == ".mjs" || ext == ".jsx") stems.Add(full.Substring(0, full.Length - ext.Length));
            foreach (var stem in stems)
            {
                foreach (var e in Extensions)
                {
                    var file = stem + e;
                    if (IsInsideFile(file)) return file;
                }
                if (Directory.Exists(stem))
                    foreach (var index in IndexFiles)
                    {
                        var file = Path.Combine(stem, index);
                        if (IsInsideFile(file)) return file;
                    }
            }
            return null;
        }

        /// <summary>
        /// File.Exists(file) and Inside(file), with one lstat where that answers both on Unix: a regular file (not a
        /// link) exists and cannot lead outside itself, so only its folders are checked; nothing there (not even a
        /// dangling link) does not exist; a folder is not a file. Anything else (a link, a FIFO, a device; Windows)
        /// takes the full checks exactly as before.
        /// </summary>
        private bool IsInsideFile(string file)
        {
            if (UnixFile.IsUnix)
            {
                var kind = UnixFile.Kind(file, false);
                if (kind == FileKind.Missing || kind == FileKind.Directory) return false;
                if (kind == FileKind.Regular) return FoldersInside(new FileInfo(file));
            }
            return File.Exists(file) && Inside(new FileInfo(file));
        }

        private bool Inside(FileInfo file)
        {
            if (layout.LeadsOutside(file)) return false;
            return FoldersInside(file);
        }

        private bool FoldersInside(FileInfo file)
        {
            for (var dir = file.Directory; dir != null && dir.FullName.Length > layout.Root.Length; dir = dir.Parent)
            {
                // Each folder is checked once per run (imports resolve into a few folders, many times): a folder that
                // leads outside stays so for the run, as every other path fact this graph remembers.
                if (!foldersLeadingOutside.TryGetValue(dir.FullName, out var outside))
                    foldersLeadingOutside[dir.FullName] = outside = layout.LeadsOutside(dir);
                if (outside) return false;
            }
            return true;
        }

        // Full folder path → whether it is a link leading outside the root (see Inside).
        private readonly Dictionary<string, bool> foldersLeadingOutside = new Dictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Reads <c>compilerOptions.baseUrl</c> and <c>paths</c> of the root tsconfig.json or jsconfig.json (comments and trailing commas allowed).</summary>
        private string? ReadConfig(out List<KeyValuePair<string, string[]>> configured)
        {
            configured = new List<KeyValuePair<string, string[]>>();
            foreach (var name in new[] { "tsconfig.json", "jsconfig.json" })
            {
                var file = Path.Combine(layout.Root, name);
                string text;
                try
                {
                    var info = new FileInfo(file);
                    if (!info.Exists || info.Length > 1024 * 1024 || layout.LeadsOutside(info)) continue;
                    text = RepositoryPath.ReadText(file, 1024 * 1024); // a FIFO or device is refused, not waited on
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { continue; }
                text = StripJsonComments(text);
                string? configuredBase = null;
                var b = Regex.Match(text, "\"baseUrl\"\\s*:\\s*\"([^\"]*)\"");
                if (b.Success) explicitBase = configuredBase = SafeFolder(b.Groups[1].Value);
                var p = Regex.Match(text, "\"paths\"\\s*:\\s*\\{([^}]*)\\}");
                if (p.Success)
                    foreach (Match entry in Regex.Matches(p.Groups[1].Value, "\"([^\"]+)\"\\s*:\\s*\\[([^\\]]*)\\]"))
                    {
                        var targets = Regex.Matches(entry.Groups[2].Value, "\"([^\"]+)\"").Cast<Match>().Select(t => t.Groups[1].Value).ToArray();
                        configured.Add(new KeyValuePair<string, string[]>(entry.Groups[1].Value, targets));
                    }
                // Longest pattern first, as TypeScript picks the longest prefix match.
                configured.Sort((x, y) => y.Key.Length.CompareTo(x.Key.Length));
                return configuredBase ?? (configured.Count > 0 ? layout.Root : null);
            }
            // No config: the create-next-app alias, @/* for src/* (or the root when there is no src folder).
            var src = Path.Combine(layout.Root, "src");
            configured.Add(new KeyValuePair<string, string[]>("@/*", new[] { Directory.Exists(src) ? "src/*" : "*" }));
            return null;
        }

        private string? SafeFolder(string relative)
        {
            try
            {
                var full = Path.GetFullPath(Path.Combine(layout.Root, relative));
                return layout.Contains(full) ? full : null;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException) { return null; }
        }

        private static string StripJsonComments(string text)
        {
            var sb = new System.Text.StringBuilder(text.Length);
            bool inString = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (inString)
                {
                    sb.Append(c);
                    if (c == '\\' && i + 1 < text.Length) sb.Append(text[++i]);
                    else if (c == '"') inString = false;
                    continue;
                }
                if (c == '"') { inString = true; sb.Append(c); continue; }
                if (c == '/' && i + 1 < text.Length && text[i + 1] == '/') { while (i < text.Length && text[i] != '\n') i++; continue; }
                if (c == '/' && i + 1 < text.Length && text[i + 1] == '*') { int e = text.IndexOf("*/", i + 2, StringComparison.Ordinal); i = e < 0 ? text.Length : e + 1; continue; }
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
