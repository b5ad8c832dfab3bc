using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Finds the exported HTTP handlers of a route file and the facts about each handler's body. This file reads the
    /// exports and gathers each handler's facts; the other parts: <c>RouteHandlerReader.ExportForms.cs</c> (the shapes an
    /// export takes), <c>.LocalResolution.cs</c> (local names and constants), <c>.HandlerFactReaders.cs</c> (the
    /// per-handler fact patterns), <c>.Scanning.cs</c> (brackets and words on the blanked code).
    /// </summary>
    internal sealed partial class RouteHandlerReader
    {
        private readonly ScriptSource src;
        private readonly string code;
        private readonly Regex authGuard;
        private readonly Regex validation;
        private Dictionary<string, string>? constants;
        private readonly bool hasUpsert;
        private readonly bool hasBodyRead;
        // Whole-file facts the per-handler checks share, found once per file on first use.
        private bool? fileReadsCronSecret;
        private List<KeyValuePair<int, string?>>? uniqueViolationCodes;
        private readonly HandlerAnalyzer? analyzer;
        private readonly ScriptModule? module;
        private readonly ModuleGraph? graph;

        public RouteHandlerReader(ScriptSource source, Regex authGuard, Regex validation, HandlerAnalyzer? analyzer = null, ScriptModule? module = null, ModuleGraph? graph = null)
        {
            this.analyzer = analyzer; this.module = module; this.graph = graph;
            src = source; code = source.Code; this.authGuard = authGuard; this.validation = validation;
            // Cheap whole-file checks first: most files have no upsert and many handlers read no body.
            hasUpsert = code.IndexOf("upsert", StringComparison.Ordinal) >= 0;
            hasBodyRead = code.IndexOf("json", StringComparison.Ordinal) >= 0 || code.IndexOf("formData", StringComparison.Ordinal) >= 0
                || code.IndexOf("text", StringComparison.Ordinal) >= 0;
        }

        private struct Span
        {
            public Span(int start, int end) { Start = start; End = end; }
            public int Start; public int End;
        }

        private sealed class Found
        {
            public RouteMethod Method;
            public int Line;
            public bool TakesRequest;
            public string? RequestName;
            public List<Span> Body = new List<Span>();
            /// <summary>Set for a handler re-exported from another module (<c>export { GET } from './impl'</c>, <c>export * from</c>): its name there.</summary>
            public bool ReExported;
        }

        /// <summary>
        /// The per-method narrowing of a handler's code ranges (a Pages Router default export split by its <c>req.method</c>
        /// branches); null keeps the ranges as read.
        /// </summary>
        internal Func<RouteMethod, IReadOnlyList<KeyValuePair<int, int>>, IReadOnlyList<KeyValuePair<int, int>>>? Narrow { get; set; }

        public IReadOnlyList<RouteHandler> Read()
        {
            var found = new Dictionary<RouteMethod, Found>();
            void Add(Found f) { if (!found.ContainsKey(f.Method)) found[f.Method] = f; }

            if (code.IndexOf("export", StringComparison.Ordinal) < 0) return Array.Empty<RouteHandler>();

            // One pass over the "export" keywords; the first export of a method wins.
            for (int k = code.IndexOf("export", StringComparison.Ordinal); k >= 0; k = code.IndexOf("export", k + 6, StringComparison.Ordinal))
            {
                if (!WordStart(k) || (k + 6 < code.Length && CodeText.IsIdent(code[k + 6]))) continue;
                int p = SkipSpace(k + 6);
                if (p >= code.Length) break;
                if (code[p] == '{') { ExportList(p, Add); continue; }
                if (code[p] == '*' && graph != null && module != null)
                {
                    // export * from './impl': every method name the other module exports (followed when the facts are read).
                    foreach (RouteMethod method in Enum.GetValues(typeof(RouteMethod)))
                        if (graph.ExportedFunction(module, method.ToString()) != null) Add(new Found { Method = method, Line = src.LineOf(k), ReExported = true });
                    continue;
                }
                var word = WordAt(p);
                if (word == "async") { p = SkipSpace(p + 5); word = WordAt(p); }
                if (word == "function")
                {
                    p = SkipSpace(p + 8);
                    if (p < code.Length && code[p] == '*') p = SkipSpace(p + 1);
                    var name = WordAt(p);
                    if (!TryParse(name, out var method)) continue;
                    var f = new Found { Method = method, Line = src.LineOf(k) };
                    ReadFunction(p + name.Length, f);
                    Add(f);
                }
                else if (word == "const" || word == "let" || word == "var")
                {
                    p = SkipSpace(p + word.Length);
                    var name = WordAt(p);
                    if (!TryParse(name, out var method)) continue;
                    var f = new Found { Method = method, Line = src.LineOf(k) };
                    ReadInitializer(p + name.Length, f);
                    Add(f);
                }
            }

            return found.Values.OrderBy(f => f.Method).Select(Facts).ToList();
        }

        private RouteHandler Facts(Found f)
        {
            int? auth = First(authGuard, f.Body);
            int? valid = First(validation, f.Body);
            int? bodyRead = f.TakesRequest && hasBodyRead ? FirstBodyRead(f) : null;
            int? cron = CronCheck(f.Body);
            var upserts = new List<UpsertCall>();
            if (hasUpsert)
                foreach (var span in f.Body)
                    for (var m = Upsert.Match(code, span.Start, span.End - span.Start); m.Success; m = m.NextMatch())
                        upserts.Add(ReadUpsert(m.Index, m.Index + m.Length - 1));
            int? unique = Find23505(f.Body);
            int endLine = f.Body.Count > 0 ? src.LineOf(Math.Max(f.Body[0].Start, f.Body[0].End - 1)) : f.Line;
            var handler = new RouteHandler(f.Method, f.Line, endLine, f.TakesRequest, upserts, bodyRead, valid, auth, cron, unique);
            if (analyzer != null && module != null)
            {
                if (f.ReExported)
                {
                    // export { GET } from './impl' / export { handler as GET } from '@/x': the handler is the function the other
                    // module exports under that name (ModuleGraph follows further re-exports, bounded; cycles end). Not found: no facts.
                    var target = graph?.ExportedFunction(module, f.Method.ToString());
                    if (target != null)
                        handler.Facts = analyzer.Analyze(target.Module, f.Method, target.Line, new[] { new KeyValuePair<int, int>(target.Start, target.End) },
                            target.Parameters.Count > 0 ? target.Parameters[0] : null);
                    return handler;
                }
                var own = new List<KeyValuePair<int, int>>(f.Body.Count);
                foreach (var s in f.Body) own.Add(new KeyValuePair<int, int>(s.Start, s.End));
                IReadOnlyList<KeyValuePair<int, int>> spans = own;
                if (Narrow != null) spans = Narrow(f.Method, spans);
                handler.Facts = analyzer.Analyze(module, f.Method, f.Line, spans, f.RequestName);
            }
            return handler;
        }
    }
}
