using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>A named function of a module: its body (or arrow/initializer range) and parameter names.</summary>
    internal sealed class ScriptFunction
    {
        public ScriptFunction(ScriptModule module, string name, int start, int end, IReadOnlyList<string> parameters, int line)
        {
            Module = module; Name = name; Start = start; End = end; Parameters = parameters; Line = line;
        }

        public ScriptModule Module { get; }
        public string Name { get; }
        public int Start { get; }
        public int End { get; }
        public IReadOnlyList<string> Parameters { get; }
        public int Line { get; }

        /// <summary>
        /// The functions this function's range names (<see cref="HandlerAnalyzer"/>'s callees), found on first use and
        /// shared by every handler that reaches it: they depend only on the range's code and the module graph, which do
        /// not change during the run.
        /// </summary>
        internal List<HandlerAnalyzer.Callee>? Callees;

        private string? followedLabel;

        /// <summary>How a handler's facts list this function when followed: "name (file:line)", made once per run.</summary>
        internal string FollowedLabel => followedLabel ??= Name + " (" + Module.At(Start) + ")";
    }

    /// <summary>An import binding: <c>import { a as b } from 'x'</c> binds b to (x, a); default imports bind "default", namespaces "*".</summary>
    internal struct ImportBinding
    {
        public ImportBinding(string specifier, string imported) { Specifier = specifier; Imported = imported; }
        public string Specifier;
        public string Imported;
    }

    /// <summary>
    /// A source file as the code analysis sees it: its functions by name, imports, exports and module constants.
    /// Built once per file per gate run (<see cref="ModuleGraph"/>); the scans are single passes of linear regexes.
    /// </summary>
    internal sealed class ScriptModule
    {
        // The declaration patterns (function, const/let/var, import … from, export … from, export { … }, export default)
        // are scanned by hand: ScriptModuleScans, each with its regex in a comment.
        private static readonly Regex StarAs = new Regex(@"^\*[ \t\r\n]*as[ \t\r\n]+([A-Za-z_$][\w$]*)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex EnvRead = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // Each collection is made when its first entry is found (null: none; most files have no re-exports, export lists
        // or env constants). Filled by the constructor only.
        private Dictionary<string, ScriptFunction>? functions;
        private Dictionary<string, ImportBinding> imports = NoImports;
        private static readonly Dictionary<string, ImportBinding> NoImports = new Dictionary<string, ImportBinding>(StringComparer.Ordinal);
        private Dictionary<string, string>? exportsByName;
        private List<KeyValuePair<string, string>>? reExports; // (name or "*", specifier)
        private Dictionary<string, string>? constants;
        private Dictionary<string, string>? envConstants;
        // Every specifier imported from, each once, in the order first met.
        private List<string>? packages;
        private static readonly KeyValuePair<string, string>[] NoReExports = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>
        /// What <see cref="ModuleGraph"/> resolved a name of this module to (functions, namespace members, imported
        /// constants): once per run, by name. Valid for the run: the files do not change while it reads them. Used by the
        /// graph's one thread only.
        /// Made on first use; the graph remembers only imported names, so there are at most as many as imports.
        /// </summary>
        internal Dictionary<string, ScriptFunction?> FunctionMemo => functionMemo ??= new Dictionary<string, ScriptFunction?>(imports.Count, StringComparer.Ordinal);
        internal Dictionary<string, ScriptFunction?> MemberMemo => memberMemo ??= new Dictionary<string, ScriptFunction?>(StringComparer.Ordinal);
        internal Dictionary<string, string?> ConstantMemo => constantMemo ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        private Dictionary<string, ScriptFunction?>? functionMemo;
        private Dictionary<string, ScriptFunction?>? memberMemo;
        private Dictionary<string, string?>? constantMemo;

        private NameTable? names;

        /// <param name="names">Where identifier names are made (the graph's, for the run); null: one for this file.</param>
        public ScriptModule(string path, string relative, ScriptSource source, NameTable? names = null)
        {
            Path = path; Relative = relative; Source = source; Code = source.Code; this.names = names;
            ReadImports();
            ReadDeclarations();
            ReadExports();
        }

        private static int made;

        /// <summary>A number of its own (for hashing by identity without asking the runtime): never reused in the process.</summary>
        internal readonly int Id = System.Threading.Interlocked.Increment(ref made);

        public string Path { get; }
        public string Relative { get; }
        public ScriptSource Source { get; }
        public string Code { get; }

        public string At(int offset) => Relative + ":" + Source.LineOf(offset);

        private IdentifierTokens? identifiers;

        /// <summary>Every identifier of the code, found in one pass on first use (the analysis asks once per range, many ranges per file).</summary>
        internal IdentifierTokens Identifiers => identifiers ?? (identifiers = new IdentifierTokens(Code, Names));

        /// <summary>Where this module's identifier names are made (the graph's for the run, or the module's own).</summary>
        internal NameTable Names => names ??= new NameTable();

        /// <summary>
        /// Makes the names found from now on in <paramref name="table"/> (the graph's, when a module made on the read-ahead
        /// thread is handed over). Names already made stay as they are: names are compared by their text, a shared table
        /// only saves memory.
        /// </summary>
        internal void UseNames(NameTable table) => names = table;

        /// <summary>The graph gave this module to an import or a load (not only kept it for its route: <see cref="ModuleGraph.Withdraw"/>).</summary>
        internal bool Loaded { get; set; }

        private string? folder;
        private bool folderKnown;

        /// <summary>The folder of the file (relative imports resolve from it): <see cref="System.IO.Path.GetDirectoryName(string)"/>, once.</summary>
        internal string? Folder
        {
            get
            {
                if (!folderKnown) { folder = System.IO.Path.GetDirectoryName(Path); folderKnown = true; }
                return folder;
            }
        }

        private ulong? calleeFilter, constantFilter;

        /// <summary>
        /// The <see cref="IdentifierTokens.FilterBit"/>s of every name that can stand for a function here (declared or
        /// imported), or every bit when the module has a namespace import (whose members any name after a '.' may be).
        /// Made on first use; the module's names do not change after construction.
        /// </summary>
        internal ulong CalleeFilter => calleeFilter ??= HasNamespaceImports ? ulong.MaxValue : FilterBits(functions) | FilterBits(imports);

        /// <summary>
        /// The <see cref="IdentifierTokens.FilterBit"/>s of every name that can hold a literal here (a module constant or an
        /// import: what <see cref="ModuleGraph.ConstantOf"/> looks up). Made on first use, as <see cref="CalleeFilter"/>.
        /// </summary>
        internal ulong ConstantFilter => constantFilter ??= FilterBits(constants) | FilterBits(imports);

        private static ulong FilterBits<T>(Dictionary<string, T>? names)
        {
            ulong filter = 0;
            if (names != null) foreach (var name in names.Keys) filter |= IdentifierTokens.FilterBit(name, 0, name.Length);
            return filter;
        }

        /// <summary>A function declared in this file (first declaration of the name wins).</summary>
        public ScriptFunction? Function(string name) => functions != null && functions.TryGetValue(name, out var f) ? f : null;
        public bool TryImport(string local, out ImportBinding binding) => imports.TryGetValue(local, out binding);
        /// <summary>True when the module has an <c>import * as ns</c>.</summary>
        public bool HasNamespaceImports { get; private set; }
        /// <summary>True when the name is an <c>import * as</c> of the module.</summary>
        public bool IsNamespaceImport(string local) => HasNamespaceImports && imports.TryGetValue(local, out var binding) && binding.Imported == "*";
        /// <summary>Every import binding (local name to specifier and imported name).</summary>
        public IEnumerable<KeyValuePair<string, ImportBinding>> Imports => imports;
        /// <summary>The local name an exported name stands for (itself unless <c>export { a as b }</c> renames it).</summary>
        public string LocalOfExport(string exported) => exportsByName != null && exportsByName.TryGetValue(exported, out var local) ? local : exported;
        public IReadOnlyList<KeyValuePair<string, string>> ReExports => (IReadOnlyList<KeyValuePair<string, string>>?)reExports ?? NoReExports;
        /// <summary>Module-level <c>const NAME = 'literal'</c>.</summary>
        public bool TryConstant(string name, out string value)
        {
            if (constants != null) return constants.TryGetValue(name, out value!);
            value = null!;
            return false;
        }
        /// <summary>Module-level <c>const NAME = process.env.X</c>: NAME to X.</summary>
        public bool TryEnvConstant(string name, out string env)
        {
            if (envConstants != null) return envConstants.TryGetValue(name, out env!);
            env = null!;
            return false;
        }
        /// <summary>True when the module has constants assigned from process.env (so a range can read env through them).</summary>
        public bool HasEnvConstants => envConstants != null;
        /// <summary>True when a module constant or an import could stand for a literal (worth resolving identifiers for).</summary>
        public bool HasConstantsOrImports => constants != null || imports.Count > 0;

        /// <summary>Every specifier the file imports from (<c>import … from 'x'</c>; packages and repository paths alike), each once, in the order first met.</summary>
        public IEnumerable<string> ImportSpecifiers => (IEnumerable<string>?)packages ?? Array.Empty<string>();

        /// <summary>True when the file imports the package (a bare specifier such as <c>superstruct</c> or <c>valibot</c>).</summary>
        public bool ImportsPackage(string name)
        {
            if (packages == null) return false;
            foreach (var known in packages) if (string.Equals(known, name, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>Everything the constructor read, as text (tests compare it with the regex-based reading it replaced).</summary>
        internal string Describe()
        {
            var fs = new List<KeyValuePair<string, string>>();
            if (functions != null)
                foreach (var f in functions.Values)
                    fs.Add(new KeyValuePair<string, string>(f.Name, f.Start + "-" + f.End + " (" + string.Join(",", f.Parameters) + ") line " + f.Line));
            return Describe(fs, imports, HasNamespaceImports, exportsByName, reExports, constants, envConstants, packages);
        }

        /// <summary>The text of <see cref="Describe()"/> from its parts (each collection in its own order; null: empty).</summary>
        internal static string Describe(IEnumerable<KeyValuePair<string, string>> functions, IEnumerable<KeyValuePair<string, ImportBinding>> imports, bool namespaces,
            IEnumerable<KeyValuePair<string, string>>? exportsByName, IEnumerable<KeyValuePair<string, string>>? reExports,
            IEnumerable<KeyValuePair<string, string>>? constants, IEnumerable<KeyValuePair<string, string>>? envConstants, IEnumerable<string>? packages)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var f in functions) sb.Append("function ").Append(f.Key).Append(' ').Append(f.Value).Append('\n');
            foreach (var i in imports) sb.Append("import ").Append(i.Key).Append(" = ").Append(i.Value.Specifier).Append(" : ").Append(i.Value.Imported).Append('\n');
            sb.Append("namespaces ").Append(namespaces).Append('\n');
            foreach (var e in exportsByName ?? Array.Empty<KeyValuePair<string, string>>()) sb.Append("export ").Append(e.Key).Append(" = ").Append(e.Value).Append('\n');
            foreach (var e in reExports ?? Array.Empty<KeyValuePair<string, string>>()) sb.Append("re-export ").Append(e.Key).Append(" from ").Append(e.Value).Append('\n');
            foreach (var c in constants ?? Array.Empty<KeyValuePair<string, string>>()) sb.Append("const ").Append(c.Key).Append(" = ").Append(c.Value).Append('\n');
            foreach (var c in envConstants ?? Array.Empty<KeyValuePair<string, string>>()) sb.Append("env ").Append(c.Key).Append(" = ").Append(c.Value).Append('\n');
            foreach (var p in packages ?? Array.Empty<string>()) sb.Append("package ").Append(p).Append('\n');
            return sb.ToString();
        }

        /// <summary>What <c>[A-Za-z_$][\w$]*</c> matches in a text, in order (<see cref="IdentifierTokens.IsWordOrDollar"/> reads \w as the regex does).</summary>
        internal static List<string> Words(string text)
        {
            var words = new List<string>(4);
            for (int k = 0; k < text.Length;)
            {
                if (!CodeText.IsIdentStart(text[k])) { k++; continue; }
                int end = k + 1;
                while (end < text.Length && IdentifierTokens.IsWordOrDollar(text[end])) end++;
                words.Add(text.Substring(k, end - k));
                k = end;
            }
            return words;
        }

        /// <summary>True when the whole (trimmed) text [start, end) is one name: <c>^[A-Za-z_$][\w$]*$</c>.</summary>
        internal static bool IsWord(string text, int start, int end)
        {
            if (end <= start || !CodeText.IsIdentStart(text[start])) return false;
            for (int k = start + 1; k < end; k++)
                if (!IdentifierTokens.IsWordOrDollar(text[k])) return text[k] == '\n' && k == end - 1;
            return true;
        }

        // What the bindings of one import clause are read into (a per-thread list: only ReadImports uses it, then empties it).
        [ThreadStatic] private static List<KeyValuePair<string, ImportBinding>>? bindingScratch;

        private void ReadImports()
        {
            var code = Code;
            if (code.IndexOf("import", StringComparison.Ordinal) < 0) return;
            // The bindings in the order met (a later binding of a name replaces the earlier), then one dictionary of the right size.
            var bindings = bindingScratch ??= new List<KeyValuePair<string, ImportBinding>>(8);
            bindings.Clear();
            // ImportFrom: \bimport[ \t\r\n]+(?:type[ \t\r\n]+)?([^;'"`]{0,2000}?)[ \t\r\n]*\bfrom[ \t\r\n]*(?=['"]) (ScriptModuleScans).
            for (int at = 0; ScriptModuleScans.NextImportFrom(code, at, out _, out int clauseStart, out int clauseEnd, out int quote); at = quote)
            {
                if (!Source.TryReadLiteral(quote, out var specifier, out _)) continue;
                AddPackage(specifier);
                // The clause (group 1) trimmed, read in place: the default or namespace names before any '{', then the list.
                int a = clauseStart, b = clauseEnd;
                Trim(code, ref a, ref b);
                int brace = code.IndexOf('{', a, b - a);
                int headEnd = brace >= 0 ? brace : b;
                for (int part = a; part <= headEnd;)
                {
                    int comma = code.IndexOf(',', part, headEnd - part);
                    int partEnd = comma < 0 ? headEnd : comma;
                    int ps = part, pe = partEnd;
                    Trim(code, ref ps, ref pe);
                    if (pe > ps)
                    {
                        if (code[ps] == '*')
                        {
                            var star = StarAs.Match(code.Substring(ps, pe - ps));
                            if (star.Success) { bindings.Add(new KeyValuePair<string, ImportBinding>(star.Groups[1].Value, new ImportBinding(specifier, "*"))); HasNamespaceImports = true; }
                        }
                        else if (IsWord(code, ps, pe)) bindings.Add(new KeyValuePair<string, ImportBinding>(Names.Get(code, ps, pe - ps), new ImportBinding(specifier, "default")));
                    }
                    part = partEnd + 1;
                }
                if (brace >= 0)
                {
                    int close = code.IndexOf('}', brace, b - brace);
                    int listEnd = close < 0 ? b : close;
                    for (int item = brace + 1; item <= listEnd;)
                    {
                        int comma = code.IndexOf(',', item, listEnd - item);
                        int itemEnd = comma < 0 ? listEnd : comma;
                        // Words(item): "type"? imported ("as" local)?
                        var words = new FirstWords(code, item, itemEnd);
                        int w = words.Count > 1 && words.Is(0, "type") ? 1 : 0;
                        if (words.Count > w)
                        {
                            var imported = words.Get(Names, w);
                            var local = words.Count >= w + 3 && words.Is(w + 1, "as") ? words.Get(Names, w + 2) : imported;
                            bindings.Add(new KeyValuePair<string, ImportBinding>(local, new ImportBinding(specifier, imported)));
                        }
                        item = itemEnd + 1;
                    }
                }
            }
            if (bindings.Count == 0) return;
            imports = new Dictionary<string, ImportBinding>(bindings.Count, StringComparer.Ordinal);
            foreach (var binding in bindings) imports[binding.Key] = binding.Value;
            bindings.Clear();
        }

        /// <summary>[start, end) without the white space string.Trim() removes at either end.</summary>
        private static void Trim(string text, ref int start, ref int end)
        {
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        }

        /// <summary>
        /// The first four words <see cref="Words"/> finds in [start, end) (what an import item's "type", name, "as" and
        /// local name need), as ranges: the count is at most 4.
        /// </summary>
        private struct FirstWords
        {
            private readonly string text;
            private int s0, e0, s1, e1, s2, e2, s3, e3;
            public readonly int Count;

            public FirstWords(string text, int start, int end)
            {
                this.text = text;
                s0 = e0 = s1 = e1 = s2 = e2 = s3 = e3 = 0;
                int count = 0;
                for (int k = start; k < end && count < 4;)
                {
                    if (!CodeText.IsIdentStart(text[k])) { k++; continue; }
                    int e = k + 1;
                    while (e < end && IdentifierTokens.IsWordOrDollar(text[e])) e++;
                    switch (count)
                    {
                        case 0: s0 = k; e0 = e; break;
                        case 1: s1 = k; e1 = e; break;
                        case 2: s2 = k; e2 = e; break;
                        default: s3 = k; e3 = e; break;
                    }
                    count++;
                    k = e;
                }
                Count = count;
            }

            private void Range(int i, out int s, out int e)
            {
                switch (i)
                {
                    case 0: s = s0; e = e0; break;
                    case 1: s = s1; e = e1; break;
                    case 2: s = s2; e = e2; break;
                    default: s = s3; e = e3; break;
                }
            }

            public bool Is(int i, string word)
            {
                Range(i, out int s, out int e);
                return e - s == word.Length && string.CompareOrdinal(text, s, word, 0, word.Length) == 0;
            }

            public string Get(NameTable names, int i)
            {
                Range(i, out int s, out int e);
                return names.Get(text, s, e - s);
            }
        }

        private void AddPackage(string specifier)
        {
            packages ??= new List<string>(4);
            foreach (var known in packages) if (string.Equals(known, specifier, StringComparison.Ordinal)) return;
            packages.Add(specifier);
        }

        private static readonly char[] Braces = { '{', '}' };

        /// <summary>Brace depth 0 ranges of the file: module-level declarations start there (a local of one handler is not another's helper).</summary>
        private List<int> TopLevelStarts()
        {
            // Alternating start/end offsets of the depth-0 stretches (a per-thread list: only ReadDeclarations uses it, then drops it).
            var bounds = topLevelScratch ??= new List<int>(64);
            bounds.Clear();
            bounds.Add(0);
            int depth = 0;
            for (int k = Code.IndexOfAny(Braces); k >= 0; k = k + 1 < Code.Length ? Code.IndexOfAny(Braces, k + 1) : -1)
            {
                if (Code[k] == '{') { if (depth++ == 0) bounds.Add(k); }
                else if (depth > 0) { if (--depth == 0) bounds.Add(k + 1); }
            }
            if (bounds.Count % 2 == 1) bounds.Add(Code.Length);
            return bounds;
        }

        [ThreadStatic] private static List<int>? topLevelScratch;

        internal static bool AtTopLevel(List<int> bounds, int offset)
        {
            int i = bounds.BinarySearch(offset);
            if (i >= 0) return i % 2 == 0;
            return (~i) % 2 == 1;
        }

        private void ReadDeclarations()
        {
            var code = Code;
            List<int>? top = null;
            // FunctionDecl: \bfunction[ \t\r\n]*\*?[ \t\r\n]*([A-Za-z_$][\w$]*)[ \t\r\n]*(?=[(<]) (ScriptModuleScans).
            for (int at = 0; ScriptModuleScans.NextFunctionDecl(code, at, out int index, out int nameStart, out int nameEnd, out int after); at = after)
            {
                var name = Names.Get(code, nameStart, nameEnd - nameStart);
                if (functions != null && functions.ContainsKey(name)) continue;
                if (!AtTopLevel(top ??= TopLevelStarts(), index)) continue;
                int open = CodeText.SkipSpace(code, after);
                if (open < code.Length && code[open] == '<') open = SkipAngles(code, open);
                if (open >= code.Length || code[open] != '(') continue;
                int close = CodeText.MatchClose(code, open);
                if (close < 0) continue;
                int body = CodeText.FindBody(code, close + 1);
                if (body < 0) continue;
                int end = CodeText.MatchClose(code, body);
                AddFunction(new ScriptFunction(this, name, open, end < 0 ? code.Length : end + 1, Params(code, open, close), Source.LineOf(index)));
            }
            // VarDecl: \b(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;\n]{0,200})?=(?![=>]) (ScriptModuleScans).
            var decls = new ScriptModuleScans.VarDecls(code);
            while (decls.Next(out int index, out int nameStart, out int nameEnd, out int start))
            {
                if (!AtTopLevel(top ??= TopLevelStarts(), index)) continue;
                var name = Names.Get(code, nameStart, nameEnd - nameStart);
                int valueAt = CodeText.SkipSpace(code, start);
                if (valueAt < code.Length && (code[valueAt] == '\'' || code[valueAt] == '"' || code[valueAt] == '`'))
                {
                    if ((constants == null || !constants.ContainsKey(name)) && Source.TryReadLiteral(valueAt, out var literal, out _))
                        (constants ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = literal;
                    continue;
                }
                // EnvRead counts only where it matches at the value itself, which starts "process".
                if (string.CompareOrdinal(code, valueAt, "process", 0, 7) == 0)
                {
                    var env = EnvRead.Match(code, valueAt, Math.Min(200, code.Length - valueAt));
                    if (env.Success && env.Index == valueAt && (envConstants == null || !envConstants.ContainsKey(name)))
                        (envConstants ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = env.Groups[1].Value;
                }
                if (functions != null && functions.ContainsKey(name)) continue;
                int end = CodeText.StatementEnd(code, start);
                if (end <= start) continue;
                // Only initializers that are functions or calls (wrappers) are followed: a data constant is not a function.
                var parameters = InitializerParams(code, start, end, out bool isFunction);
                if (!isFunction) continue;
                AddFunction(new ScriptFunction(this, name, start, end, parameters, Source.LineOf(index)));
            }
        }

        private void AddFunction(ScriptFunction function)
            => (functions ??= new Dictionary<string, ScriptFunction>(StringComparer.Ordinal))[function.Name] = function;

        private void ReadExports()
        {
            var code = Code;
            if (code.IndexOf("export", StringComparison.Ordinal) < 0) return;
            // ExportFrom: \bexport[ \t\r\n]*(\*|\{[^}]{0,2000}\})[ \t\r\n]*(?:as[ \t\r\n]+[\w$]+[ \t\r\n]*)?from[ \t\r\n]*(?=['"]) (ScriptModuleScans).
            for (int at = 0; ScriptModuleScans.NextExportFrom(code, at, out _, out int whatStart, out int whatEnd, out int quote); at = quote)
            {
                if (!Source.TryReadLiteral(quote, out var specifier, out _)) continue;
                reExports ??= new List<KeyValuePair<string, string>>();
                if (whatEnd - whatStart == 1 && code[whatStart] == '*') { reExports.Add(new KeyValuePair<string, string>("*", specifier)); continue; }
                var what = code.Substring(whatStart, whatEnd - whatStart);
                foreach (var item in what.Trim('{', '}').Split(','))
                {
                    var words = Words(item);
                    if (words.Count == 0) continue;
                    var exported = words.Count >= 3 && words[1] == "as" ? words[2] : words[0];
                    reExports.Add(new KeyValuePair<string, string>(exported + "=" + words[0], specifier));
                }
            }
            // ExportList: \bexport[ \t\r\n]*\{([^}]{0,2000})\}(?![ \t\r\n]*from) (ScriptModuleScans).
            for (int at = 0; ScriptModuleScans.NextExportList(code, at, out _, out int listStart, out int listEnd, out int after); at = after)
                foreach (var item in code.Substring(listStart, listEnd - listStart).Split(','))
                {
                    var words = Words(item);
                    if (words.Count >= 3 && words[1] == "as") (exportsByName ??= new Dictionary<string, string>(StringComparer.Ordinal))[words[2]] = words[0];
                }
            // ExportDefault (the first match): \bexport[ \t\r\n]+default[ \t\r\n]+(?:async[ \t\r\n]+)?(?:function[ \t\r\n]*\*?[ \t\r\n]*)?([A-Za-z_$][\w$]*) (ScriptModuleScans).
            if (ScriptModuleScans.FirstExportDefault(code, out int defaultStart, out int defaultEnd)
                && !(defaultEnd - defaultStart == 8 && string.CompareOrdinal(code, defaultStart, "function", 0, 8) == 0))
                (exportsByName ??= new Dictionary<string, string>(StringComparer.Ordinal))["default"] = code.Substring(defaultStart, defaultEnd - defaultStart);
        }

        /// <summary>The parameters of an initializer that is a function (arrow or function expression); a call such as <c>withAuth(h)</c> counts as a function too (a wrapper).</summary>
        internal static IReadOnlyList<string> InitializerParams(string code, int start, int end, out bool isFunction)
        {
            isFunction = false;
            int k = CodeText.SkipSpace(code, start);
            if (CodeText.WordAt(code, k) == "async") k = CodeText.SkipSpace(code, k + 5);
            var word = CodeText.WordAt(code, k);
            if (word == "function")
            {
                isFunction = true;
                int open = code.IndexOf('(', k);
                if (open < 0 || open >= end) return Array.Empty<string>();
                int close = CodeText.MatchClose(code, open);
                return close < 0 ? Array.Empty<string>() : Params(code, open, close);
            }
            if (k < end && code[k] == '(')
            {
                int close = CodeText.MatchClose(code, k);
                if (close < 0) return Array.Empty<string>();
                int after = CodeText.SkipSpace(code, close + 1);
                if (after < end && code[after] == ':') { int arrow = code.IndexOf("=>", after, end - after, StringComparison.Ordinal); if (arrow > 0) after = arrow; }
                if (after + 1 < code.Length && code[after] == '=' && code[after + 1] == '>') { isFunction = true; return Params(code, k, close); }
                return Array.Empty<string>();
            }
            if (word.Length > 0)
            {
                int after = CodeText.SkipSpace(code, k + word.Length);
                if (after + 1 < code.Length && code[after] == '=' && code[after + 1] == '>') { isFunction = true; return new[] { word }; }
                if (after < end && (code[after] == '(' || code[after] == '<')) { isFunction = true; return Array.Empty<string>(); } // a wrapper call
            }
            return Array.Empty<string>();
        }

        internal static IReadOnlyList<string> Params(string code, int open, int close)
        {
            var names = new List<string>();
            int depth = 0;
            bool expectName = true;
            for (int k = open + 1; k < close; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{' || c == '<') { depth++; continue; }
                if (c == ')' || c == ']' || c == '}' || c == '>') { depth--; continue; }
                if (depth == 0 && c == ',') { expectName = true; continue; }
                if (depth == 0 && expectName && CodeText.IsIdentStart(c))
                {
                    var w = CodeText.WordAt(code, k);
                    names.Add(w);
                    k += w.Length - 1;
                    expectName = false;
                }
                else if (depth == 0 && c == ':') expectName = false;
            }
            return names;
        }

        internal static int SkipAngles(string code, int open)
        {
            int depth = 0;
            for (int k = open; k < code.Length; k++)
            {
                if (code[k] == '<') depth++;
                else if (code[k] == '>' && code[k - 1] != '=' && --depth == 0) return CodeText.SkipSpace(code, k + 1);
            }
            return code.Length;
        }
    }
}

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The identifiers of a blanked code text, in order: what <c>(?&lt;![\w$])[A-Za-z_$][\w$]*</c> matches over the whole
    /// text, found in one pass, each name a string made once per file (not once per range that contains it). <see cref="ForEach"/> gives exactly the matches
    /// that regex finds inside a range (where a range boundary cuts a word, the cut word is matched as the regex would).
    /// </summary>
    internal sealed class IdentifierTokens
    {
        private readonly string code;
        // The first count entries are the identifiers, in order (the arrays may be longer).
        private readonly int[] starts;
        private readonly int[] ends;
        private readonly string[] names;
        private readonly int count;

        public IdentifierTokens(string code) : this(code, null) { }

        /// <param name="code">The blanked code.</param>
        /// <param name="table">Where the names are made (shared by every file of a run: one string per distinct name); null: a table for this file.</param>
        internal IdentifierTokens(string code, NameTable? table)
        {
            this.code = code;
            table ??= new NameTable();
            // About one identifier per 6 characters of code; grown by doubling past that.
            int capacity = Math.Max(16, code.Length / 6);
            var s = new int[capacity]; var e = new int[capacity]; var n = new string[capacity];
            int found = 0;
            for (int k = 0; k < code.Length;)
            {
                char c = code[k];
                if (CodeText.IsIdentStart(c) && (k == 0 || !IsWordOrDollar(code[k - 1])))
                {
                    int end = k + 1;
                    while (end < code.Length && IsWordOrDollar(code[end])) end++;
                    if (found == s.Length)
                    {
                        Array.Resize(ref s, found * 2); Array.Resize(ref e, found * 2); Array.Resize(ref n, found * 2);
                    }
                    s[found] = k; e[found] = end; n[found] = table.Get(code, k, end - k);
                    found++;
                    k = end;
                }
                else k++;
            }
            starts = s; ends = e; names = n; count = found;
        }

        /// <summary>
        /// A word cut by the range start: the regex sees the range alone, so the cut word matches from the start. Visits it
        /// and returns where the scan goes on (<paramref name="start"/> when the range does not cut a word).
        /// </summary>
        private static int VisitCutWord<TState>(string code, int start, int end, ref TState state, Visitor<TState> visit)
        {
            if (start <= 0 || start >= code.Length || !IsWordOrDollar(code[start - 1]) || !CodeText.IsIdentStart(code[start])) return start;
            int e = start + 1;
            while (e < end && IsWordOrDollar(code[e])) e++;
            visit(ref state, start, e, code.Substring(start, e - start));
            return e;
        }

        /// <summary>Calls <paramref name="visit"/>(start, end, name) for every identifier match inside [start, end).</summary>
        public void ForEach<TState>(int start, int end, ref TState state, Visitor<TState> visit)
        {
            if (end <= start) return;
            int from = VisitCutWord(code, start, end, ref state, visit);
            int i = Array.BinarySearch(starts, 0, count, from);
            if (i < 0) i = ~i;
            for (; i < count && starts[i] < end; i++)
            {
                if (ends[i] <= end) visit(ref state, starts[i], ends[i], names[i]);
                else visit(ref state, starts[i], end, code.Substring(starts[i], end - starts[i]));
            }
        }

        /// <summary>
        /// The same matches as <see cref="ForEach"/> gives for [start, end) of <paramref name="code"/>, found by scanning that
        /// range alone (no token arrays for the file): a range scanned once per run, such as a function's callees, needs no more.
        /// A token starts where an identifier start follows no word character, wherever the scan begins, so the matches are those
        /// of the whole-file tokens; names are made in <paramref name="table"/>.
        /// </summary>
        public static void Scan<TState>(string code, int start, int end, NameTable table, ref TState state, Visitor<TState> visit)
            => Scan(code, start, end, table, ulong.MaxValue, ref state, visit);

        /// <summary>
        /// <see cref="Scan{TState}(string, int, int, NameTable, ref TState, Visitor{TState})"/> visiting only the matches whose
        /// <see cref="FilterBit"/> is in <paramref name="filter"/>, decided before the name is made: a visitor that acts only on
        /// names of a known set passes the bits of that set and is spared the rest (the set's names all pass; a few others may).
        /// </summary>
        public static void Scan<TState>(string code, int start, int end, NameTable table, ulong filter, ref TState state, Visitor<TState> visit)
        {
            if (end <= start) return;
            int from = start;
            if (start > 0 && start < code.Length && IsWordOrDollar(code[start - 1]) && CodeText.IsIdentStart(code[start]))
            {
                // A word cut by the range start: the regex sees the range alone, so the cut word matches from the start.
                int cut = start + 1;
                while (cut < end && IsWordOrDollar(code[cut])) cut++;
                if ((filter & FilterBit(code, start, cut - start)) != 0) visit(ref state, start, cut, code.Substring(start, cut - start));
                from = cut;
            }
            int limit = Math.Min(end, code.Length);
            for (int k = from; k < limit;)
            {
                char c = code[k];
                if (CodeText.IsIdentStart(c) && (k == 0 || !IsWordOrDollar(code[k - 1])))
                {
                    int e = k + 1;
                    while (e < code.Length && IsWordOrDollar(code[e])) e++;
                    int after = e <= end ? e : end;
                    if ((filter & FilterBit(code, k, after - k)) != 0)
                    {
                        if (e <= end) visit(ref state, k, e, table.Get(code, k, e - k));
                        else visit(ref state, k, end, code.Substring(k, end - k));
                    }
                    k = e;
                }
                else k++;
            }
        }

        /// <summary>
        /// The bit a name sets in a <see cref="Scan{TState}(string, int, int, NameTable, ulong, ref TState, Visitor{TState})"/>
        /// filter: one of 64, from its first and last characters and its length.
        /// </summary>
        internal static ulong FilterBit(string text, int start, int length)
            => 1UL << ((text[start] * 7 + text[start + length - 1] * 13 + length * 31) & 63);

        public delegate void Visitor<TState>(ref TState state, int start, int end, string name);

        private static readonly sbyte[] Unicode = new sbyte[65536];
        private static readonly Regex WordChar = new Regex(@"^\w$", RegexOptions.CultureInvariant);

        /// <summary>[\w$] as .NET's regex reads it (ASCII from a table, anything else asked of the regex once and remembered).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static bool IsWordOrDollar(char c) => c < 128 ? AsciiWordOrDollar[c] : IsUnicodeWord(c);

        // [A-Za-z0-9_$] (CodeText.IsIdent) by ASCII code: the scans ask once per character.
        private static readonly bool[] AsciiWordOrDollar = BuildAscii();

        private static bool[] BuildAscii()
        {
            var table = new bool[128];
            for (char c = (char)0; c < 128; c++) table[c] = CodeText.IsIdent(c);
            return table;
        }

        private static bool IsUnicodeWord(char c)
        {
            var known = Unicode[c];
            if (known == 0) { known = WordChar.IsMatch(c.ToString()) ? (sbyte)1 : (sbyte)-1; Unicode[c] = known; }
            return known > 0;
        }
    }
}

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The identifier names of a run, each made into a string once: the 500 route files of an app say <c>req</c>,
    /// <c>Response</c> and <c>json</c> 500 times, and each file's tokens then share one string per name instead of
    /// allocating a copy per occurrence. Open addressing over (hash, string); names longer than
    /// <see cref="MaxInterned"/> characters, or past <see cref="MaxNames"/> distinct ones, are made each time. Owned by one
    /// <see cref="ModuleGraph"/> (one run, one thread).
    /// </summary>
    internal sealed class NameTable
    {
        private const int MaxInterned = 64;
        private const int MaxNames = 1 << 16;

        private string?[] slots = new string?[256];
        private int[] hashes = new int[256];
        private int used;

        /// <summary>The string of <paramref name="length"/> characters of <paramref name="text"/> at <paramref name="start"/>.</summary>
        public string Get(string text, int start, int length)
        {
            if (length > MaxInterned) return text.Substring(start, length);
            int hash = Hash(text, start, length);
            int mask = slots.Length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask)
            {
                var known = slots[i];
                if (known == null)
                {
                    var made = text.Substring(start, length);
                    if (used >= MaxNames) return made;
                    slots[i] = made; hashes[i] = hash; used++;
                    if (used * 2 > slots.Length) Grow();
                    return made;
                }
                if (hashes[i] == hash && known.Length == length && string.CompareOrdinal(known, 0, text, start, length) == 0) return known;
            }
        }

        private static int Hash(string text, int start, int length)
        {
            unchecked
            {
                uint h = 2166136261;
                for (int k = start, end = start + length; k < end; k++) h = (h ^ text[k]) * 16777619;
                return (int)(h ^ (h >> 15));
            }
        }

        private void Grow()
        {
            var oldSlots = slots; var oldHashes = hashes;
            slots = new string?[oldSlots.Length * 2]; hashes = new int[oldSlots.Length * 2];
            int mask = slots.Length - 1;
            for (int k = 0; k < oldSlots.Length; k++)
            {
                var name = oldSlots[k];
                if (name == null) continue;
                int i = oldHashes[k] & mask;
                while (slots[i] != null) i = (i + 1) & mask;
                slots[i] = name; hashes[i] = oldHashes[k];
            }
        }
    }
}
