using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// A Next.js middleware (<c>middleware.ts</c>, or <c>proxy.ts</c> since Next 16, at the root or under <c>src/</c>)
    /// that checks the caller before any route its <c>config.matcher</c> covers runs. It counts as a route's guard only
    /// when it also answers itself (a redirect, a JSON or plain response) instead of always passing the request on: a
    /// middleware that only refreshes the session cookie is no guard.
    /// </summary>
    public sealed class MiddlewareGuard
    {
        private static readonly string[] Candidates =
        {
            "middleware.ts", "middleware.js", "middleware.mjs", "proxy.ts", "proxy.js",
            "src/middleware.ts", "src/middleware.js", "src/middleware.mjs", "src/proxy.ts", "src/proxy.js",
        };
        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
        private static readonly Regex Matcher = new Regex(@"(?<![\w$.])matcher[ \t\r\n]*:", Options);
        private static readonly Regex AnswerCall = new Regex(@"NextResponse[ \t\r\n]*\.[ \t\r\n]*(redirect|json|rewrite)[ \t\r\n]*\(|(?<![\w$.])Response[ \t\r\n]*\.[ \t\r\n]*(json|redirect)[ \t\r\n]*\(|\bnew[ \t\r\n]+(Next)?Response[ \t\r\n]*\(", Options);
        private static readonly Regex PathRead = new Regex(@"\b(pathname|nextUrl)\b", Options);

        private readonly List<KeyValuePair<string, Regex>> matchers;

        private MiddlewareGuard(string file, int line, IReadOnlyList<GuardFact> guards, bool answers, bool branchesOnPath, List<KeyValuePair<string, Regex>> matchers)
        {
            File = file; Line = line; Guards = guards; Answers = answers; BranchesOnPath = branchesOnPath; this.matchers = matchers;
        }

        /// <summary>The middleware file, relative to the repository.</summary>
        public string File { get; }
        /// <summary>The line of the middleware function.</summary>
        public int Line { get; }
        public string At => File + ":" + Line;
        /// <summary>The guards the middleware function reaches (followed like a handler's).</summary>
        public IReadOnlyList<GuardFact> Guards { get; }
        /// <summary>Whether it answers requests itself (redirect / response) rather than always passing them on.</summary>
        public bool Answers { get; }
        /// <summary>Whether its decision reads the request path (then the gate cannot tell which routes it rejects).</summary>
        public bool BranchesOnPath { get; }
        /// <summary>Its <c>config.matcher</c> entries; empty when it has none (it runs for every path).</summary>
        public IEnumerable<string> MatcherEntries => matchers.Select(m => m.Key);

        /// <summary>The middleware of the repository, or null when there is none or it has no middleware function.</summary>
        public static MiddlewareGuard? Load(RepositoryLayout layout, ModuleGraph graph, CodeRecognition? recognition)
        {
            foreach (var candidate in Candidates)
            {
                var path = Path.Combine(layout.Root, candidate.Replace('/', Path.DirectorySeparatorChar));
                if (!System.IO.File.Exists(path)) continue;
                var module = graph.Load(path);
                if (module == null) return null;
                var name = candidate.IndexOf("proxy", StringComparison.Ordinal) >= 0 ? "proxy" : "middleware";
                var function = module.Function(name) ?? module.Function(module.LocalOfExport("default")) ?? module.Function(module.LocalOfExport(name));
                if (function == null) return null;
                var spans = new[] { new KeyValuePair<int, int>(function.Start, function.End) };
                var analyzer = new HandlerAnalyzer(graph, recognition);
                var facts = analyzer.Analyze(module, RouteMethod.GET, function.Line, spans, function.Parameters.Count > 0 ? function.Parameters[0] : null);
                var reached = analyzer.Follow(module, spans, out _);
                bool answers = reached.Any(r => r.End > r.Start && AnswerCall.Match(r.Module.Code, r.Start, r.End - r.Start).Success);
                bool branches = reached.Any(r => r.End > r.Start && PathRead.Match(r.Module.Code, r.Start, r.End - r.Start).Success);
                return new MiddlewareGuard(module.Relative, function.Line, facts.Guards, answers, branches, ReadMatchers(module));
            }
            return null;
        }

        /// <summary>Whether the middleware runs for a plan path (<c>[id]</c> segments stand for any value).</summary>
        public bool Covers(string planPath, out string? matcher)
        {
            matcher = null;
            if (matchers.Count == 0) return true;
            var sample = Regex.Replace(planPath, @"\[[^\]/]*\]", "x");
            foreach (var m in matchers)
            {
                bool hit;
                try { hit = m.Value.IsMatch(sample); }
                catch (RegexMatchTimeoutException) { continue; }
                if (hit) { matcher = m.Key; return true; }
            }
            return false;
        }

        private static List<KeyValuePair<string, Regex>> ReadMatchers(ScriptModule module)
        {
            var result = new List<KeyValuePair<string, Regex>>();
            var code = module.Code;
            var x = Matcher.Match(code);
            if (!x.Success) return result;
            int at = CodeText.SkipSpace(code, x.Index + x.Length);
            int end = at < code.Length && code[at] == '[' ? CodeText.MatchClose(code, at) : at + 1;
            if (end < 0) end = code.Length;
            for (int q = at; q < end && q < code.Length; q++)
            {
                if (!module.Source.TryReadLiteral(q, out var entry, out var after)) continue;
                q = after - 1;
                if (!entry.StartsWith("/", StringComparison.Ordinal)) continue;
                var regex = ToRegex(entry);
                if (regex != null) result.Add(new KeyValuePair<string, Regex>(entry, regex));
            }
            return result;
        }

        /// <summary>
        /// A Next.js matcher (path-to-regexp): <c>:name</c> one segment, <c>/:name*</c> zero or more, <c>/:name+</c> one or
        /// more, <c>/:name?</c> optional, <c>(…)</c> a regex group kept as written. Null when it does not compile.
        /// </summary>
        internal static Regex? ToRegex(string matcher)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < matcher.Length; i++)
            {
                char c = matcher[i];
                if (c == '(')
                {
                    int depth = 0, j = i;
                    for (; j < matcher.Length; j++)
                    {
                        if (matcher[j] == '\\') { j++; continue; }
                        if (matcher[j] == '(') depth++;
                        else if (matcher[j] == ')' && --depth == 0) break;
                    }
                    if (j >= matcher.Length) return null;
                    sb.Append(matcher, i, j - i + 1);
                    i = j;
                    continue;
                }
                if (c == '/' && i + 1 < matcher.Length && matcher[i + 1] == ':')
                {
                    int j = i + 2;
                    while (j < matcher.Length && (char.IsLetterOrDigit(matcher[j]) || matcher[j] == '_')) j++;
                    char modifier = j < matcher.Length ? matcher[j] : '\0';
                    if (modifier == '(') { sb.Append('/'); continue; } // /:id(\d+): the group follows
                    switch (modifier)
                    {
                        case '*': sb.Append("(?:/[^?#]*)?"); j++; break;
                        case '+': sb.Append("/[^?#]+"); j++; break;
                        case '?': sb.Append("(?:/[^/?#]+)?"); j++; break;
                        default: sb.Append("/[^/?#]+"); break;
                    }
                    i = j - 1;
                    continue;
                }
                if (c == '*') { sb.Append(".*"); continue; }
                sb.Append(Regex.Escape(c.ToString()));
            }
            sb.Append("/?$");
            try { return new Regex(sb.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)); }
            catch (ArgumentException) { return null; }
        }
    }
}
