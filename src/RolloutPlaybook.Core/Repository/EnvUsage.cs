using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The environment variables the connector's code reads (<c>process.env.NAME</c>, <c>process.env['NAME']</c>,
    /// <c>const { A, B } = process.env</c>) and what <c>.env.example</c> documents. The connector's code is its
    /// route files (the inventory: every plan-listed route and everything under the connector route folder),
    /// plus every source file under <see cref="RepositoryLayout.CodePaths"/>.
    /// </summary>
    public sealed class EnvUsage
    {
        private static readonly string[] SourceExtensions = { ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts" };
        private static readonly Regex DotRead = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex BracketRead = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.)?\[[ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex DestructureTail = new Regex(@"\}[ \t\r\n]*=[ \t\r\n]*process[ \t\r\n]*\.[ \t\r\n]*env(?![\w$])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex DestructuredName = new Regex(@"(?:^|,)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ExampleLine = new Regex(@"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*(?:=|$)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        /// <summary>A commented template line, <c># NAME=…</c> (SPEC §8: it documents the variable too).</summary>
        private static readonly Regex CommentedAssignment = new Regex(@"^[ \t]*#+[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private EnvUsage(IReadOnlyList<EnvRead> reads, IReadOnlyDictionary<string, int>? example, IReadOnlyDictionary<string, string>? exampleFiles, IReadOnlyList<string> exampleFileList)
        {
            Reads = reads; EnvExample = example; EnvExampleFileOf = exampleFiles; EnvExampleFiles = exampleFileList;
        }

        /// <summary>Every read, ordered by file, line, then name.</summary>
        public IReadOnlyList<EnvRead> Reads { get; }
        /// <summary>Names defined in the env example files with their (first) line; null when no such file exists.</summary>
        public IReadOnlyDictionary<string, int>? EnvExample { get; }
        /// <summary>For each name of <see cref="EnvExample"/>, the example file (relative) that defines it.</summary>
        public IReadOnlyDictionary<string, string>? EnvExampleFileOf { get; }
        /// <summary>The env example files that were read (relative, in layout order).</summary>
        public IReadOnlyList<string> EnvExampleFiles { get; }

        /// <summary><c>file:line</c> where a name is documented, or null.</summary>
        public string? DocumentedAt(string name)
            => EnvExample != null && EnvExample.TryGetValue(name, out var line) && EnvExampleFileOf != null ? EnvExampleFileOf[name] + ":" + line : null;

        /// <summary>The distinct names read, ordinal order.</summary>
        public IReadOnlyList<string> Names => Reads.Select(r => r.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();

        public static EnvUsage Scan(RepositoryLayout layout, RouteInventory routes) => Scan(layout, routes, null);

        /// <summary>
        /// The scan; with <paramref name="graph"/> it also follows the route files' imports (SPEC §8: relative and tsconfig
        /// <c>paths</c> aliases, at most <see cref="MaxImportDepth"/> files deep, each file once, cycles end). A read in an
        /// imported module counts for the connector when the module's path names the connector (<c>src/services/slack-api.ts</c>)
        /// or the variable's name does (<c>SLACK_SIGNING_SECRET</c>); a shared module's own variables (the database URL of
        /// <c>lib/db.ts</c>) and modules the routes never import do not.
        /// </summary>
        public static EnvUsage Scan(RepositoryLayout layout, RouteInventory routes, ModuleGraph? graph)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            if (routes == null) throw new ArgumentNullException(nameof(routes));
            var seen = new HashSet<string>(Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            var work = new List<KeyValuePair<string, RouteFile?>>();
            foreach (var route in routes.Routes)
                if (seen.Add(route.FilePath)) work.Add(new KeyValuePair<string, RouteFile?>(route.FilePath, route));
            // The code files their folder listings saw as regular files (read without a stat first).
            var regular = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in CodeFiles(layout, regular))
                if (seen.Add(file)) work.Add(new KeyValuePair<string, RouteFile?>(file, null));
            // Independent per file: read and scan in parallel, merge in a fixed order.
            var perFile = new IReadOnlyList<EnvRead>[work.Count];
            RouteInventory.ForEachIndex(work.Count, default, i =>
            {
                var item = work[i];
                // A route file's reads were found when the inventory read it.
                if (item.Value?.EnvReads != null) { perFile[i] = item.Value.EnvReads; return; }
                var list = new List<EnvRead>();
                // With the graph, a code file is read (and lexed) once per run: the graph's module is the one the typed
                // env pass below loads anyway, and its source is the file as ReadSource reads it. A route file whose
                // reads were not found (unreadable) is read as before. Without the graph, a code file that never says
                // "process" reads no env var: no need to lex it.
                var source = graph != null && item.Value == null
                    ? graph.Load(item.Key, regular.Contains(item.Key))?.Source
                    : RouteInventory.ReadSource(item.Key, "process", regular.Contains(item.Key));
                if (source != null) Collect(source, item.Value?.RelativePath ?? layout.Relative(item.Key), list);
                perFile[i] = list;
            });
            var reads = perFile.SelectMany(l => l).ToList();
            if (graph != null)
            {
                var envModules = new EnvModules(graph);
                reads.AddRange(ImportedReads(layout, routes, graph, seen, envModules));
                // env.X through a typed env module in the code paths' own files (route files are walked above).
                foreach (var item in work)
                {
                    if (item.Value != null) continue;
                    var module = graph.Load(item.Key);
                    if (module != null && envModules.Of(module) == null) reads.AddRange(envModules.ReadsIn(module));
                }
            }
            var ordered = reads
                .OrderBy(r => r.RelativePath, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            var exampleLines = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var exampleFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var readFiles = new List<string>();
            foreach (var path in layout.EnvExamplePaths)
            {
                var names = ReadExample(layout, path);
                if (names == null) continue;
                var relative = layout.Relative(path);
                readFiles.Add(relative);
                foreach (var entry in names)
                {
                    if (exampleLines.ContainsKey(entry.Key)) continue; // the first file that defines a name is its evidence
                    exampleLines.Add(entry.Key, entry.Value);
                    exampleFiles.Add(entry.Key, relative);
                }
            }
            return readFiles.Count == 0
                ? new EnvUsage(ordered, null, null, readFiles)
                : new EnvUsage(ordered, exampleLines, exampleFiles, readFiles);
        }

        /// <summary>How many imports deep the env scan follows from a route file (as the handler analysis follows calls).</summary>
        public const int MaxImportDepth = HandlerAnalyzer.MaxDepth;
        /// <summary>At most this many imported files are looked at per scan (a bound on pathological import graphs).</summary>
        private const int MaxImportedFiles = 2000;

        /// <summary>The connector's reads in the modules its route files import (not counting files already scanned).</summary>
        private static List<EnvRead> ImportedReads(RepositoryLayout layout, RouteInventory routes, ModuleGraph graph, HashSet<string> scanned, EnvModules envModules)
        {
            var found = new List<EnvRead>();
            var (pathNames, envNames) = ConnectorNames(layout.Connector);
            // Files already scanned (routes, code paths) are walked through, not read again.
            var visited = new HashSet<string>(Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            var queue = new Queue<KeyValuePair<ScriptModule, int>>();
            foreach (var route in routes.Routes)
            {
                var module = graph.Load(route.FilePath);
                if (module != null && visited.Add(module.Path))
                {
                    queue.Enqueue(new KeyValuePair<ScriptModule, int>(module, 0));
                    // A route file's env.X reads through a typed env module are the connector's, as its process.env reads are.
                    found.AddRange(envModules.ReadsIn(module));
                }
            }
            int looked = 0;
            var specifiers = new List<string>();
            while (queue.Count > 0)
            {
                var item = queue.Dequeue();
                if (item.Value >= MaxImportDepth) continue;
                foreach (var specifier in SortedSpecifiers(item.Key, specifiers))
                {
                    var next = envModules.Import(item.Key, specifier);
                    if (next == null || !visited.Add(next.Path) || ++looked > MaxImportedFiles) continue;
                    bool named = pathNames.IsMatch(next.Relative);
                    // A typed env module (t3-env createEnv, a zod-parsed process.env) reads every variable of the app:
                    // its own reads are nobody's; the modules that read env.X through it are counted instead.
                    if (!scanned.Contains(next.Path) && envModules.Of(next) == null)
                        foreach (var read in ReadsIn(next.Source, next.Relative).Concat(envModules.ReadsIn(next)))
                            if (named || envNames.IsMatch(read.Name)) found.Add(read);
                    queue.Enqueue(new KeyValuePair<ScriptModule, int>(next, item.Value + 1));
                }
            }
            return found;
        }

        /// <summary>
        /// The regexes that tell whether a module's path names the connector (<c>(^|[-_./])slug($|[-_./])</c>, any case) and
        /// whether a variable's name does (<c>(^|_)SLUG(_|$)</c>), for one connector.
        /// </summary>
        private static (Regex PathNames, Regex EnvNames) ConnectorNames(string connector)
        {
            // The last connector's pair, built once instead of once per scan (a process gates one connector after another;
            // the pair depends on the connector's name only). Replaced whole, so a reader on another thread sees a pair.
            var last = lastConnectorNames;
            if (last != null && string.Equals(last.Item1, connector, StringComparison.Ordinal)) return (last.Item2, last.Item3);
            var slug = Regex.Escape(connector);
            var pathNames = new Regex(@"(^|[-_./])" + slug + @"($|[-_./])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            var envNames = new Regex(@"(^|_)" + Regex.Escape(connector.ToUpperInvariant().Replace('-', '_')) + @"(_|$)", RegexOptions.CultureInvariant);
            lastConnectorNames = Tuple.Create(connector, pathNames, envNames);
            return (pathNames, envNames);
        }

        private static Tuple<string, Regex, Regex>? lastConnectorNames;

        /// <summary>
        /// The distinct specifiers a module imports or re-exports from, in ordinal order, in <paramref name="list"/>
        /// (reused from module to module): sorted, then equal neighbours dropped (ordinal equality is identity).
        /// </summary>
        private static List<string> SortedSpecifiers(ScriptModule module, List<string> list)
        {
            list.Clear();
            list.AddRange(module.ImportSpecifiers);
            foreach (var re in module.ReExports) list.Add(re.Value);
            list.Sort(StringComparer.Ordinal);
            int kept = 0;
            for (int i = 0; i < list.Count; i++)
                if (kept == 0 || !string.Equals(list[i], list[kept - 1], StringComparison.Ordinal)) list[kept++] = list[i];
            list.RemoveRange(kept, list.Count - kept);
            return list;
        }

        /// <summary>
        /// Typed env modules (SPEC §8 generalisation): a module that calls t3-env's <c>createEnv(</c>, or parses
        /// <c>process.env</c> with a schema (<c>schema.parse(process.env)</c>, <c>safeParse(process.env)</c>, valibot's
        /// <c>parse(schema, process.env)</c>). The variables it offers are the upper-case keys of its object literals (the
        /// schema's <c>server</c> / <c>client</c> / <c>z.object</c> keys and <c>runtimeEnv</c>'s), each read as itself or,
        /// when <c>runtimeEnv</c> maps it (<c>KEY: process.env.OTHER</c>), as the variable it maps to. A module that imports
        /// any binding of it (<c>import { env } from '@/env'</c>) reads <c>X</c> where it says <c>env.X</c>, <c>env?.X</c> or
        /// <c>const { X } = env</c> and the module offers X. Each module is classified once per scan.
        /// </summary>
        internal sealed class EnvModules
        {
            private static readonly Regex CreateEnv = new Regex(@"(?<![\w$.])createEnv[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
            private static readonly Regex ParsedEnv = new Regex(@"(?<![\w$])(?:parse|safeParse|parseAsync|safeParseAsync)[ \t\r\n]*\((?:[ \t\r\n]*[\w$.]+[ \t\r\n]*,)?[ \t\r\n]*process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*\)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
            private static readonly Regex UpperKey = new Regex(@"(?<![\w$.?])([A-Z][A-Z0-9_]*)[ \t\r\n]*:(?!:)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
            private static readonly Regex MappedKey = new Regex(@"(?<![\w$.?])([A-Z][A-Z0-9_]*)[ \t\r\n]*:[ \t\r\n]*process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

            private readonly ModuleGraph graph;
            private readonly Dictionary<string, IReadOnlyDictionary<string, string>?> known = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
            // The module a specifier that does not start with '.' names, as ModuleGraph.Import answered it (null: none), for
            // this scan. Valid for the whole scan: the graph resolves such a specifier without looking at the importing
            // folder, caches that answer by the specifier, and loads each path once (one object per path), so asking it again
            // gives the same module; this saves its two look-ups by folder and full path for the routes' shared imports.
            // A relative specifier ('./x', '../x') depends on the folder and always goes to the graph.
            private readonly Dictionary<string, ScriptModule?> bySpecifier = new Dictionary<string, ScriptModule?>(StringComparer.Ordinal);

            public EnvModules(ModuleGraph graph) { this.graph = graph; }

            private static readonly EnvRead[] NoReads = Array.Empty<EnvRead>();

            /// <summary><see cref="ModuleGraph.Import"/>, remembered for specifiers that do not depend on the importing folder.</summary>
            public ScriptModule? Import(ScriptModule from, string specifier)
            {
                if (specifier.StartsWith(".", StringComparison.Ordinal)) return graph.Import(from, specifier);
                if (bySpecifier.TryGetValue(specifier, out var known)) return known;
                var module = graph.Import(from, specifier);
                bySpecifier[specifier] = module;
                return module;
            }

            /// <summary>The variables a typed env module offers (its key to the variable read), or null when it is no such module.</summary>
            public IReadOnlyDictionary<string, string>? Of(ScriptModule module)
            {
                if (known.TryGetValue(module.Path, out var names)) return names;
                names = Classify(module.Code);
                known[module.Path] = names;
                return names;
            }

            internal static IReadOnlyDictionary<string, string>? Classify(string code)
            {
                if (code.IndexOf("env", StringComparison.Ordinal) < 0 || !(CreateEnv.IsMatch(code) || ParsedEnv.IsMatch(code))) return null;
                var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (Match m in MappedKey.Matches(code)) names[m.Groups[1].Value] = m.Groups[2].Value;
                foreach (Match m in UpperKey.Matches(code))
                    if (!names.ContainsKey(m.Groups[1].Value)) names.Add(m.Groups[1].Value, m.Groups[1].Value);
                return names;
            }

            /// <summary>
            /// True when a binding the loop below would look at leads to a typed env module offering a variable: most
            /// modules import none, and are answered without sorting their imports (the same tests, in any order; the
            /// imports resolve to the same cached modules).
            /// </summary>
            private bool ImportsOfferingModule(ScriptModule module, string code)
            {
                foreach (var binding in module.Imports)
                {
                    var specifier = binding.Value.Specifier;
                    if (binding.Value.Imported == "*" || specifier.Length == 0) continue;
                    // A specifier already answered as leading to no offering module: the name search below cannot change
                    // the answer, and resolving it again would load nothing new.
                    if (offersBySpecifier.TryGetValue(specifier, out var offers) && !offers) continue;
                    if (code.IndexOf(binding.Key, StringComparison.Ordinal) < 0) continue;
                    var target = Import(module, specifier);
                    var offered = target == null ? null : Of(target);
                    offers = offered != null && offered.Count > 0;
                    if (!specifier.StartsWith(".", StringComparison.Ordinal)) offersBySpecifier[specifier] = offers;
                    if (offers) return true;
                }
                return false;
            }

            // Whether the module a specifier not starting with '.' names offers a variable (the answer of Import and Of
            // above, both fixed for the scan: see bySpecifier), so that an import of a plain module costs one look-up.
            private readonly Dictionary<string, bool> offersBySpecifier = new Dictionary<string, bool>(StringComparer.Ordinal);

            /// <summary>The <c>env.X</c> reads of <paramref name="module"/> through the typed env modules it imports.</summary>
            public IReadOnlyList<EnvRead> ReadsIn(ScriptModule module)
            {
                var code = module.Code;
                if (code.IndexOf("import", StringComparison.Ordinal) < 0 || !ImportsOfferingModule(module, code)) return NoReads;
                var reads = new List<EnvRead>();
                var here = new HashSet<KeyValuePair<string, int>>();
                foreach (var binding in module.Imports.OrderBy(b => b.Key, StringComparer.Ordinal))
                {
                    if (binding.Value.Imported == "*" || binding.Value.Specifier.Length == 0) continue;
                    if (code.IndexOf(binding.Key, StringComparison.Ordinal) < 0) continue;
                    var target = Import(module, binding.Value.Specifier);
                    var offered = target == null ? null : Of(target);
                    if (offered == null || offered.Count == 0) continue;
                    void Add(string key, int offset)
                    {
                        if (!offered.TryGetValue(key, out var name)) return;
                        int line = module.Source.LineOf(offset);
                        if (here.Add(new KeyValuePair<string, int>(name, line))) reads.Add(new EnvRead(name, module.Relative, line));
                    }
                    var local = Regex.Escape(binding.Key);
                    foreach (Match m in Regex.Matches(code, @"(?<![\w$.])" + local + @"[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant))
                        Add(m.Groups[1].Value, m.Groups[1].Index);
                    foreach (Match m in Regex.Matches(code, @"\}[ \t\r\n]*=[ \t\r\n]*" + local + @"(?![\w$.])", RegexOptions.CultureInvariant))
                    {
                        int open = code.LastIndexOf('{', m.Index);
                        if (open < 0 || code.IndexOf('}', open + 1, m.Index - open - 1) >= 0) continue; // only a flat { A, B } pattern
                        var inside = code.Substring(open + 1, m.Index - open - 1);
                        foreach (Match item in DestructuredName.Matches(inside))
                            Add(item.Groups[1].Value, open + 1 + item.Groups[1].Index);
                    }
                }
                return reads;
            }
        }

        /// <summary>The reads in one source text (for tests and tools).</summary>
        internal static List<EnvRead> ReadsIn(string text, string relativePath) => ReadsIn(ScriptSource.Parse(text), relativePath);

        /// <summary>The reads in one lexed file.</summary>
        internal static List<EnvRead> ReadsIn(ScriptSource source, string relativePath)
        {
            var reads = new List<EnvRead>();
            Collect(source, relativePath, reads);
            return reads;
        }

        private static void Collect(ScriptSource source, string relativePath, List<EnvRead> reads)
        {
            var code = source.Code;
            if (code.IndexOf("process", StringComparison.Ordinal) < 0) return;
            var here = new HashSet<KeyValuePair<string, int>>();
            void Add(string name, int offset)
            {
                int line = source.LineOf(offset);
                if (here.Add(new KeyValuePair<string, int>(name, line))) reads.Add(new EnvRead(name, relativePath, line));
            }
            bool WordStart(int at) => at == 0 || !(char.IsLetterOrDigit(code[at - 1]) || code[at - 1] == '_' || code[at - 1] == '$' || code[at - 1] == '.');
            foreach (Match m in DotRead.Matches(code))
                if (WordStart(m.Index)) Add(m.Groups[1].Value, m.Groups[1].Index);
            foreach (Match m in BracketRead.Matches(code))
                if (WordStart(m.Index) && source.TryReadLiteral(m.Index + m.Length, out var name, out _) && name.Length > 0) Add(name, m.Index + m.Length);
            foreach (Match m in DestructureTail.Matches(code))
            {
                int open = code.LastIndexOf('{', m.Index);
                if (open < 0 || code.IndexOf('}', open + 1, m.Index - open - 1) >= 0) continue; // only a flat { A, B } pattern
                var inside = code.Substring(open + 1, m.Index - open - 1);
                foreach (Match item in DestructuredName.Matches(inside))
                    Add(item.Groups[1].Value, open + 1 + item.Groups[1].Index);
            }
        }

        /// <summary>The source files of <see cref="RepositoryLayout.CodePaths"/>: a folder's files (recursively), a file, or a '*' name prefix.</summary>
        private static IEnumerable<string> CodeFiles(RepositoryLayout layout, HashSet<string> regular)
        {
            var files = new List<string>();
            foreach (var entry in layout.CodePaths)
            {
                if (entry.EndsWith("*", StringComparison.Ordinal))
                {
                    var prefixPath = entry.Substring(0, entry.Length - 1);
                    var parent = Path.GetDirectoryName(prefixPath);
                    var prefix = Path.GetFileName(prefixPath);
                    if (parent == null || !Directory.Exists(parent)) continue;
                    foreach (var info in FolderListing.List(Path.GetFullPath(parent)) ?? new List<FolderEntry>())
                    {
                        if (!info.Name.StartsWith(prefix, StringComparison.Ordinal) || layout.LeadsOutside(info)) continue;
                        if (FolderListing.IsFolder(info)) Walk(layout, info.FullPath, files, regular);
                        else if (IsSource(info.Name)) Add(files, regular, info);
                    }
                }
                else if (Directory.Exists(entry))
                {
                    var dir = new DirectoryInfo(entry);
                    if (!layout.LeadsOutside(dir)) Walk(layout, dir.FullName, files, regular);
                }
                else if (File.Exists(entry))
                {
                    if (!layout.LeadsOutside(new FileInfo(entry))) files.Add(entry);
                }
            }
            return files.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal);
        }

        /// <summary>
        /// The source files under <paramref name="root"/>, at most 32 folders deep, not in node_modules, no link out of
        /// the repository; each sub-folder opened by its name inside its kept-open parent.
        /// </summary>
        private static void Walk(RepositoryLayout layout, string root, List<string> files, HashSet<string> regular)
        {
            FolderListing.Walk(root, (info, depth) =>
            {
                if (layout.LeadsOutside(info)) return false;
                if (FolderListing.IsFolder(info)) return info.Name != "node_modules" && depth < 32;
                if (IsSource(info.Name)) Add(files, regular, info);
                return false;
            });
        }

        private static void Add(List<string> files, HashSet<string> regular, FolderEntry entry)
        {
            files.Add(entry.FullPath);
            if (entry.Kind == EntryKind.Regular) regular.Add(entry.FullPath);
        }

        private static bool IsSource(string name)
        {
            if (name.EndsWith(".d.ts", StringComparison.OrdinalIgnoreCase)) return false;
            foreach (var ext in SourceExtensions) if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static IReadOnlyDictionary<string, int>? ReadExample(RepositoryLayout layout, string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists || layout.LeadsOutside(info)) return null;
            string[] lines;
            try { lines = RepositoryPath.ReadText(info.FullName, RouteInventory.MaxSourceBytes).Replace("\r\n", "\n").Split('\n', '\r'); }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
            return ParseExample(lines);
        }

        /// <summary>
        /// <c>NAME=value</c> and <c>export NAME=value</c> lines, and commented template lines <c># NAME=value</c> (SPEC §8);
        /// blank lines and other comments ignored. The first assignment wins; a commented one only when no plain one exists.
        /// </summary>
        internal static SortedDictionary<string, int> ParseExample(IReadOnlyList<string> lines)
        {
            var names = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var commented = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < lines.Count; i++)
            {
                var line = lines[i].TrimStart('\ufeff');
                var trimmed = line.Trim();
                if (trimmed.Length == 0) continue;
                if (trimmed[0] == '#')
                {
                    var c = CommentedAssignment.Match(line);
                    if (c.Success && !commented.ContainsKey(c.Groups[1].Value)) commented.Add(c.Groups[1].Value, i + 1);
                    continue;
                }
                var m = ExampleLine.Match(line);
                if (!m.Success) continue;
                var name = m.Groups[1].Value;
                if (name == "export" && !trimmed.Contains("=")) continue;
                if (!names.ContainsKey(name)) names.Add(name, i + 1);
            }
            foreach (var c in commented)
                if (!names.ContainsKey(c.Key)) names.Add(c.Key, c.Value);
            return names;
        }
    }
}
