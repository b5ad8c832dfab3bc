using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    // ScriptModule's reading as it was before its declaration patterns were scanned by hand (ScriptModuleScans): the
    // regexes and the loops over their matches, copied unchanged, with a description of everything the module read.
    // What the change did not touch (words, parameters, type arguments, top-level test) is the module's own code, called.
    // ScriptModuleScansTests compares both.
    internal sealed class RefFunction
    {
        public RefFunction(string name, int start, int end, IReadOnlyList<string> parameters, int line) { Name = name; Start = start; End = end; Parameters = parameters; Line = line; }
        public string Name { get; }
        public int Start { get; }
        public int End { get; }
        public IReadOnlyList<string> Parameters { get; }
        public int Line { get; }
    }

    internal sealed class ReferenceScriptModule
    {
        private static readonly Regex FunctionDecl = new Regex(@"\bfunction[ \t\r\n]*\*?[ \t\r\n]*([A-Za-z_$][\w$]*)[ \t\r\n]*(?=[(<])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex VarDecl = new Regex(@"\b(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;\n]{0,200})?=(?![=>])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ImportFrom = new Regex(@"\bimport[ \t\r\n]+(?:type[ \t\r\n]+)?([^;'""`]{0,2000}?)[ \t\r\n]*\bfrom[ \t\r\n]*(?=['""])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ExportFrom = new Regex(@"\bexport[ \t\r\n]*(\*|\{[^}]{0,2000}\})[ \t\r\n]*(?:as[ \t\r\n]+[\w$]+[ \t\r\n]*)?from[ \t\r\n]*(?=['""])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ExportList = new Regex(@"\bexport[ \t\r\n]*\{([^}]{0,2000})\}(?![ \t\r\n]*from)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex ExportDefault = new Regex(@"\bexport[ \t\r\n]+default[ \t\r\n]+(?:async[ \t\r\n]+)?(?:function[ \t\r\n]*\*?[ \t\r\n]*)?([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex StarAs = new Regex(@"^\*[ \t\r\n]*as[ \t\r\n]+([A-Za-z_$][\w$]*)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex EnvRead = new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private readonly Dictionary<string, RefFunction> functions = new Dictionary<string, RefFunction>(StringComparer.Ordinal);
        private Dictionary<string, ImportBinding> imports = NoImports;
        private static readonly Dictionary<string, ImportBinding> NoImports = new Dictionary<string, ImportBinding>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> exportsByName = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, string>> reExports = new List<KeyValuePair<string, string>>(); // (name or "*", specifier)
        private readonly Dictionary<string, string> constants = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> envConstants = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> packages = new HashSet<string>(StringComparer.Ordinal);

        public string Describe() => ScriptModule.Describe(
            functions.Values.Select(f => new KeyValuePair<string, string>(f.Name, f.Start + "-" + f.End + " (" + string.Join(",", f.Parameters) + ") line " + f.Line)),
            imports, HasNamespaceImports, exportsByName, reExports, constants, envConstants, packages);

        public ReferenceScriptModule(ScriptSource source)
        {
            Source = source; Code = source.Code;
            ReadImports();
            ReadDeclarations();
            ReadExports();
        }

        private ScriptSource Source { get; }
        private string Code { get; }
        private bool HasNamespaceImports { get; set; }

        private void ReadImports()
        {
            if (Code.IndexOf("import", StringComparison.Ordinal) < 0) return;
            // The bindings in the order met (a later binding of a name replaces the earlier), then one dictionary of the right size.
            var bindings = new List<KeyValuePair<string, ImportBinding>>(8);
            for (var m = ImportFrom.Match(Code); m.Success; m = m.NextMatch())
            {
                if (!Source.TryReadLiteral(m.Index + m.Length, out var specifier, out _)) continue;
                packages.Add(specifier);
                var clause = m.Groups[1].Value.Trim();
                int brace = clause.IndexOf('{');
                var head = brace >= 0 ? clause.Substring(0, brace) : clause;
                foreach (var part in head.Split(','))
                {
                    var p = part.Trim();
                    if (p.Length == 0) continue;
                    var star = p[0] == '*' ? StarAs.Match(p) : Match.Empty;
                    if (star.Success) { bindings.Add(new KeyValuePair<string, ImportBinding>(star.Groups[1].Value, new ImportBinding(specifier, "*"))); HasNamespaceImports = true; }
                    else if (ScriptModule.IsWord(p, 0, p.Length)) bindings.Add(new KeyValuePair<string, ImportBinding>(p, new ImportBinding(specifier, "default")));
                }
                if (brace >= 0)
                {
                    int close = clause.IndexOf('}', brace);
                    var list = clause.Substring(brace + 1, (close < 0 ? clause.Length : close) - brace - 1);
                    foreach (var item in list.Split(','))
                    {
                        var words = ScriptModule.Words(item);
                        int w = 0;
                        if (words.Count > 1 && words[0] == "type") w = 1;
                        if (words.Count <= w) continue;
                        var imported = words[w];
                        var local = words.Count >= w + 3 && words[w + 1] == "as" ? words[w + 2] : imported;
                        bindings.Add(new KeyValuePair<string, ImportBinding>(local, new ImportBinding(specifier, imported)));
                    }
                }
            }
            if (bindings.Count == 0) return;
            imports = new Dictionary<string, ImportBinding>(bindings.Count, StringComparer.Ordinal);
            foreach (var binding in bindings) imports[binding.Key] = binding.Value;
        }

        private List<int> TopLevelStarts()
        {
            // Alternating start/end offsets of the depth-0 stretches (a per-thread list: only ReadDeclarations uses it, then drops it).
            var bounds = topLevelScratch ??= new List<int>(64);
            bounds.Clear();
            bounds.Add(0);
            int depth = 0;
            for (int k = 0; k < Code.Length; k++)
            {
                char c = Code[k];
                if (c == '{') { if (depth++ == 0) bounds.Add(k); }
                else if (c == '}' && depth > 0) { if (--depth == 0) bounds.Add(k + 1); }
            }
            if (bounds.Count % 2 == 1) bounds.Add(Code.Length);
            return bounds;
        }

        [ThreadStatic] private static List<int>? topLevelScratch;

        private void ReadDeclarations()
        {
            var top = TopLevelStarts();
            for (var m = FunctionDecl.Match(Code); m.Success; m = m.NextMatch())
            {
                var name = m.Groups[1].Value;
                if (functions.ContainsKey(name) || !ScriptModule.AtTopLevel(top, m.Index)) continue;
                int open = CodeText.SkipSpace(Code, m.Index + m.Length);
                if (open < Code.Length && Code[open] == '<') open = ScriptModule.SkipAngles(Code, open);
                if (open >= Code.Length || Code[open] != '(') continue;
                int close = CodeText.MatchClose(Code, open);
                if (close < 0) continue;
                int body = CodeText.FindBody(Code, close + 1);
                if (body < 0) continue;
                int end = CodeText.MatchClose(Code, body);
                functions[name] = new RefFunction(name, open, end < 0 ? Code.Length : end + 1, ScriptModule.Params(Code, open, close), Source.LineOf(m.Index));
            }
            for (var m = VarDecl.Match(Code); m.Success; m = m.NextMatch())
            {
                var name = m.Groups[1].Value;
                if (!ScriptModule.AtTopLevel(top, m.Index)) continue;
                int start = m.Index + m.Length;
                int valueAt = CodeText.SkipSpace(Code, start);
                if (valueAt < Code.Length && (Code[valueAt] == '\'' || Code[valueAt] == '"' || Code[valueAt] == '`'))
                {
                    if (!constants.ContainsKey(name) && Source.TryReadLiteral(valueAt, out var literal, out _)) constants[name] = literal;
                    continue;
                }
                var env = EnvRead.Match(Code, valueAt, Math.Min(200, Code.Length - valueAt));
                if (env.Success && env.Index == valueAt && !envConstants.ContainsKey(name)) envConstants[name] = env.Groups[1].Value;
                if (functions.ContainsKey(name)) continue;
                int end = CodeText.StatementEnd(Code, start);
                if (end <= start) continue;
                // Only initializers that are functions or calls (wrappers) are followed: a data constant is not a function.
                var parameters = ScriptModule.InitializerParams(Code, start, end, out bool isFunction);
                if (!isFunction) continue;
                functions[name] = new RefFunction(name, start, end, parameters, Source.LineOf(m.Index));
            }
        }

        private void ReadExports()
        {
            if (Code.IndexOf("export", StringComparison.Ordinal) < 0) return;
            for (var m = ExportFrom.Match(Code); m.Success; m = m.NextMatch())
            {
                if (!Source.TryReadLiteral(m.Index + m.Length, out var specifier, out _)) continue;
                var what = m.Groups[1].Value;
                if (what == "*") { reExports.Add(new KeyValuePair<string, string>("*", specifier)); continue; }
                foreach (var item in what.Trim('{', '}').Split(','))
                {
                    var words = ScriptModule.Words(item);
                    if (words.Count == 0) continue;
                    var exported = words.Count >= 3 && words[1] == "as" ? words[2] : words[0];
                    reExports.Add(new KeyValuePair<string, string>(exported + "=" + words[0], specifier));
                }
            }
            for (var m = ExportList.Match(Code); m.Success; m = m.NextMatch())
                foreach (var item in m.Groups[1].Value.Split(','))
                {
                    var words = ScriptModule.Words(item);
                    if (words.Count >= 3 && words[1] == "as") exportsByName[words[2]] = words[0];
                }
            var d = ExportDefault.Match(Code);
            if (d.Success && d.Groups[1].Value != "function") exportsByName["default"] = d.Groups[1].Value;
        }
    }
}
