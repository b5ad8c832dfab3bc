using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Drafting
{
    /// <summary>
    /// Fills <see cref="CodeFacts"/> from the gate's recognisers (<see cref="RouteInventory"/>, <see cref="EnvUsage"/>,
    /// <see cref="MigrationState"/>) for one connector: its route folder, route files elsewhere whose folder names the
    /// connector (<c>cron/slack-sync</c>), the env vars its code reads, and the migrations of its tables and sources.
    /// </summary>
    public static class CodeFactsReader
    {
        private static readonly Regex WriteCall = new Regex(@"\.[ \t\r\n]*(insert|upsert|update|delete|rpc)[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex FilterCall = new Regex(@"\.[ \t\r\n]*(?:eq|match)[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex EntityTypeProperty = Property("entity_type");

        /// <summary>Reads the facts of <paramref name="plan"/>'s connector (its <c>repository:</c> settings give the layout).</summary>
        public static CodeFacts Read(RolloutPlan plan, string repositoryRoot, CancellationToken cancel = default)
            => Read(plan, repositoryRoot, Environment.ProcessorCount > 1, cancel);

        /// <summary>
        /// The same; <paramref name="walkAside"/> says whether the walk of the routes root runs on a second thread (the
        /// public overloads: when the machine has more than one core). The benchmarks measure both.
        /// </summary>
        internal static CodeFacts Read(RolloutPlan plan, string repositoryRoot, bool walkAside, CancellationToken cancel = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var layout = RepositoryLayout.For(plan, repositoryRoot);
            var facts = Read(layout, plan.Routes.Select(r => r.Path), Gate.Rules.CodePlan.Recognition(plan), walkAside, cancel);
            var missing = new List<string>();
            foreach (var migration in plan.Handoff.Migrations)
            {
                bool exists;
                try { exists = !string.IsNullOrWhiteSpace(migration) && File.Exists(layout.Resolve(migration.Trim())); }
                catch (Errors.RolloutException) { exists = false; }
                if (!exists) missing.Add(migration);
            }
            facts.MissingMigrations = missing;
            return facts;
        }

        /// <summary>
        /// Reads the facts for a layout: the connector's route folder, the route files elsewhere whose folder names the
        /// connector, and the <paramref name="listedRoutes"/> (a plan's routes) wherever they live.
        /// </summary>
        public static CodeFacts Read(RepositoryLayout layout, IEnumerable<string>? listedRoutes = null, CancellationToken cancel = default)
            => Read(layout, listedRoutes, new CodeRecognition(), cancel);

        /// <summary>The same, with the plan's own guard, validator and cron-secret names (<c>repository.guards</c>, ...).</summary>
        public static CodeFacts Read(RepositoryLayout layout, IEnumerable<string>? listedRoutes, CodeRecognition recognition, CancellationToken cancel = default)
            => Read(layout, listedRoutes, recognition, Environment.ProcessorCount > 1, cancel);

        private static CodeFacts Read(RepositoryLayout layout, IEnumerable<string>? listedRoutes, CodeRecognition recognition, bool walkAside, CancellationToken cancel)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            // The walk of the routes root for folders naming the connector touches every folder there (most of them other
            // connectors' routes) and needs nothing else: on a machine with more than one core it runs on a second thread
            // while the connector's own route files are read and analysed. The inventory asks for its result (the lazy
            // list below) only once those are done; the facts are the same either way (the routes come out in plan-path order).
            var walk = walkAside
                ? Task.Run(() => FoldersNamingConnector(layout, cancel), cancel)
                : Task.FromResult(FoldersNamingConnector(layout, cancel));
            IEnumerable<string> Elsewhere()
            {
                // A walk whose token was cancelled before it started never runs (its result is a TaskCanceledException; a
                // walk that ran and was cancelled throws its own OperationCanceledException): it runs here, and throws (or
                // not, without a routes root) what the walk always threw.
                List<string> folders;
                try { folders = walk.GetAwaiter().GetResult(); }
                catch (TaskCanceledException) { folders = FoldersNamingConnector(layout, cancel); }
                foreach (var path in RoutesNamingConnector(layout, folders, cancel)) yield return path;
                if (listedRoutes != null) foreach (var path in listedRoutes) yield return path;
            }
            var elsewhere = Elsewhere();
            // Each route file is read once: the entity types of its rows are taken while the inventory has its text;
            // guards, validation and writes come from the SPEC §8 analysis, which follows wrappers, helpers and imports.
            // Plain dictionaries: the inventory reads its files one after the other (RouteInventory.ForEachIndex), so
            // SourceRead is called from this thread only.
            var entities = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
            // The text of each App Router route file as the inventory read it (relative path -> text), for LineAt: the
            // file is not read a second time. A Pages Router file's source is its rewritten handler module, not the file.
            var routeTexts = new Dictionary<string, string>(StringComparer.Ordinal);
            var options = new RouteScanOptions
            {
                // Drafting has its second thread already (the walk aside); the route read-ahead as a third, on the 2-core
                // benchmark machine, measured no faster than one thread (1.13-1.57x against 1.04-1.28x without it).
                ReadAhead = false,
                SourceRead = (file, source) =>
                {
                    entities[file.RelativePath] = EntityTypes(source);
                    if (!layout.InPages(file.FilePath)) routeTexts[file.RelativePath] = source.Raw;
                },
            };
            var graph = new ModuleGraph(layout);
            var inventory = RouteInventory.Scan(layout, elsewhere, options, graph, recognition ?? new CodeRecognition(), cancel);
            var lines = new Dictionary<string, string[]?>(StringComparer.Ordinal);
            var relativeRoutes = new Dictionary<string, bool>(StringComparer.Ordinal);
            // A middleware that rejects without a user guards the handlers its matcher covers that have no guard of their own.
            var middleware = MiddlewareGuard.Load(layout, graph, recognition ?? new CodeRecognition());
            var state = MigrationState.Load(layout);
            // An upsert without onConflict conflicts on the table's primary key (PostgREST's default), as the gate reads it.
            IReadOnlyList<string>? PrimaryKey(string? table)
                => string.IsNullOrEmpty(table) ? null : state.UniqueKeysOf(table!).FirstOrDefault(k => k.Kind == "primary key")?.Columns;
            var routes = inventory.Routes.Select(file => ReadRoute(file, entities.TryGetValue(file.RelativePath, out var e) ? e : null, at => LineAt(layout, lines, routeTexts, relativeRoutes, at), middleware, PrimaryKey)).ToList();

            var usage = EnvUsage.Scan(layout, inventory, graph);
            // Variables the platform sets (NODE_ENV, VERCEL_ENV, ...) are not the connector's to hand off (as the gate sees it).
            var env = usage.Reads
                .Where(r => !Gate.Rules.EnvMatchRule.PlatformEnv.Contains(r.Name))
                .GroupBy(r => r.Name, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeEnvVar(g.Key, g.Select(r => r.At).Distinct(StringComparer.Ordinal).ToList(), usage.EnvExample != null && usage.EnvExample.ContainsKey(g.Key)))
                .ToList();

            var indexes = state.OneToOneIndexes.Select(x => new CodeIdentityIndex(x.Name, x.Columns, x.Sources, x.At)).ToList();
            var migrations = ConnectorMigrations(layout, state, routes);
            var unique = state.UniqueKeys
                .Where(k => !k.Kind.StartsWith("primary", StringComparison.OrdinalIgnoreCase))
                .GroupBy(k => k.Table, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(k => k.Name + " (" + string.Join(", ", k.Columns) + ") at " + k.At).ToList(), StringComparer.OrdinalIgnoreCase);
            return new CodeFacts(layout.Connector, routes, env, migrations, indexes, usage.EnvExample != null, layout.IdentityTable) { UniqueKeys = unique, MissingPaths = layout.MissingPaths };
        }

        /// <summary>
        /// The folders under the routes root, outside the connector's own folder, whose names have the connector's slug
        /// as a word (<c>cron/slack-sync</c>, <c>webhooks/slack</c>), ordinal order. Only names and entry types: safe on
        /// another thread (it reads nothing the inventory writes).
        /// </summary>
        private static List<string> FoldersNamingConnector(RepositoryLayout layout, CancellationToken cancel)
        {
            var named = new List<string>();
            if (!Directory.Exists(layout.RoutesRoot)) return named;
            var naming = new Regex(@"(?:^|[-_.])" + Regex.Escape(layout.Connector) + @"(?:$|[-_.])", RegexOptions.CultureInvariant);
            // Folder names only (no stat per folder: the listing's entry types say which are folders) down to a folder
            // naming the connector; the connector's own folder is the inventory's and is not walked here. Each folder is
            // opened by its name inside its parent, which is kept open meanwhile.
            // As the walk by paths did for the routes root itself, before listing it.
            cancel.ThrowIfCancellationRequested();
            FolderListing.Walk(layout.RoutesRoot, (sub, depth) =>
            {
                if (!FolderListing.IsFolder(sub)) return false;
                cancel.ThrowIfCancellationRequested();
                // A folder link out of the repository is not walked (nothing found through it could be a route: see Routable).
                if (layout.LeadsOutside(sub)) return false;
                if (sub.Name.StartsWith("_", StringComparison.Ordinal) || sub.Name == "node_modules") return false;
                if (IsConnectorRouteFolder(layout, sub.FullPath)) return false;
                // The name goes to the word pattern only when it holds the connector's slug.
                if (sub.Name.IndexOf(layout.Connector, StringComparison.Ordinal) >= 0 && naming.IsMatch(sub.Name))
                {
                    named.Add(sub.FullPath);
                    return false;
                }
                return depth < 32;
            });
            named.Sort(StringComparer.Ordinal);
            return named;
        }

        /// <summary>
        /// Plan paths of the route files under the <paramref name="named"/> folders (<see cref="FoldersNamingConnector"/>)
        /// that are routable, ordinal order.
        /// </summary>
        private static List<string> RoutesNamingConnector(RepositoryLayout layout, List<string> named, CancellationToken cancel)
        {
            var found = new List<string>();
            foreach (var folder in named)
            {
                cancel.ThrowIfCancellationRequested();
                if (!Routable(layout, folder)) continue;
                List<string> files;
                try { files = Directory.EnumerateFiles(folder, "route.*", SearchOption.AllDirectories).Where(f => IsRouteFile(Path.GetFileName(f))).ToList(); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { continue; }
                foreach (var file in files)
                    if (Routable(layout, Path.GetDirectoryName(file)!) && !layout.LeadsOutside(new FileInfo(file)))
                        found.Add(RouteInventory.PlanPathOf(layout.RoutesRoot, file));
            }
            found.Sort(StringComparer.Ordinal);
            return found;
        }

        /// <summary>Where the last segment of a path starts: what Path.GetFileName returns, as an index.</summary>
        private static int NameStart(string path)
        {
            int k = path.Length - 1;
            while (k >= 0 && path[k] != '/' && path[k] != Path.DirectorySeparatorChar && path[k] != Path.AltDirectorySeparatorChar && path[k] != Path.VolumeSeparatorChar) k--;
            return k + 1;
        }

        private static bool IsNamed(string path, int nameStart, string name)
            => path.Length - nameStart == name.Length && string.CompareOrdinal(path, nameStart, name, 0, name.Length) == 0;

        private static bool IsConnectorRouteFolder(RepositoryLayout layout, string folder)
        {
            foreach (var f in layout.ConnectorRouteFolders)
                if (string.Equals(folder, f, RepositoryLayout.PathComparison)) return true;
            return false;
        }

        /// <summary>
        /// A folder under the routes root that serves routes: outside the connector's own folder (scanned on its own),
        /// no private (<c>_name</c>) or node_modules folder on the way, no link out of the repository, not too deep.
        /// </summary>
        private static bool Routable(RepositoryLayout layout, string folder)
        {
            var relative = folder.Length > layout.RoutesRoot.Length ? folder.Substring(layout.RoutesRoot.Length + 1) : "";
            var segments = relative.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 32) return false;
            if (layout.InConnectorRouteFolder(folder) || layout.ConnectorRouteFolders.Any(f => string.Equals(folder, f, RepositoryLayout.PathComparison))) return false;
            var path = layout.RoutesRoot;
            foreach (var segment in segments)
            {
                if (segment.StartsWith("_", StringComparison.Ordinal) || segment == "node_modules") return false;
                path = Path.Combine(path, segment);
                if (layout.LeadsOutside(new DirectoryInfo(path))) return false;
            }
            return true;
        }

        private static bool IsRouteFile(string name) =>
            name == "route.ts" || name == "route.js" || name == "route.mts" || name == "route.mjs" || name == "route.tsx";

        private static CodeRoute ReadRoute(RouteFile file, Dictionary<int, string>? entities, Func<string, string?> lineAt, MiddlewareGuard? middleware, Func<string?, IReadOnlyList<string>?> primaryKey)
        {
            var viaMiddleware = middleware != null && middleware.Answers && !middleware.BranchesOnPath && middleware.Covers(file.PlanPath, out _)
                ? ChooseGuard(middleware.Guards.Where(g => !g.Conditional && !g.FailOpen).ToList()) : null;
            var handlers = new List<CodeHandler>();
            foreach (var h in file.Handlers)
            {
                var facts = h.Facts;
                if (facts == null)
                {
                    handlers.Add(new CodeHandler(h.Method, h.Line, null, null, null, null, new List<CodeWrite>()));
                    continue;
                }
                var guard = ChooseGuard(facts.Guards) ?? viaMiddleware;
                var writes = new List<CodeWrite>();
                // A unique violation compared with != lets the row be skipped (ignore); compared with == it is answered (reject).
                // One answer per handler (it does not depend on the write): the line is looked up once, not once per write.
                bool skips = facts.Writes.Count > 0 && facts.UniqueViolationAt != null && (lineAt(facts.UniqueViolationAt) ?? "").IndexOf("!=", StringComparison.Ordinal) >= 0;
                foreach (var w in facts.Writes)
                {
                    string? entity = null;
                    if (entities != null && w.File == file.RelativePath) entities.TryGetValue(w.Line, out entity);
                    var op = ParseOp(w.Op);
                    var sources = w.Sources.Count == 0 ? new string?[] { null } : w.Sources.Distinct(StringComparer.Ordinal).Select(x => (string?)x);
                    foreach (var source in sources)
                        writes.Add(new CodeWrite(w.Table, op, source, entity, (w.OnConflict == null || w.OnConflict.Count == 0) && w.Op == "upsert" ? primaryKey(w.Table) ?? w.OnConflict : w.OnConflict, w.IgnoreDuplicates, facts.UniqueViolationAt != null, w.At) { Skips23505 = skips });
                }
                bool validated = facts.Validation == BodyValidation.Schema || facts.Validation == BodyValidation.TypeChecks;
                handlers.Add(new CodeHandler(h.Method, h.Line, guard == null ? null : AuthValue(guard), guard?.At, facts.BodyReadAt,
                    validated || facts.Validation == BodyValidation.PartialTypeChecks ? facts.ValidationAt ?? facts.BodyReadAt : null, writes)
                {
                    GuardConditional = guard?.Conditional ?? false,
                    GuardFailOpen = guard?.FailOpen ?? false,
                    FixedResponse = facts.FixedResponse,
                    PartialValidation = facts.BodyReadAt != null && facts.Validation == BodyValidation.PartialTypeChecks,
                });
            }
            if (file.AcceptsAnyMethod && handlers.Count > 1)
            {
                // A Pages Router handler that never branches on req.method serves every method: draft the one it is
                // written for, GET for a handler that only reads, POST for one that reads a body or writes.
                bool mutates = handlers.Any(h => h.BodyReadAt != null || h.Writes.Count > 0);
                var method = mutates ? RouteMethod.POST : RouteMethod.GET;
                handlers = handlers.Where(h => h.Method == method).Take(1).DefaultIfEmpty(handlers[0]).ToList();
            }
            return new CodeRoute(file.PlanPath, file.RelativePath, file.InConnectorFolder, handlers);
        }

        /// <summary>
        /// The text of <c>file:line</c> in the repository (files read once per draft), or null. A route file the inventory
        /// read (<paramref name="routeTexts"/>) is not read again: its path passed the same text check as any other, and
        /// its real path is inside the repository already (the inventory found it by a walk that checks every link, or by
        /// a located plan path checked the same way), so the real-path walk of <see cref="RepositoryLayout.Resolve"/>
        /// would only repeat that answer. Its lines are split as File.ReadAllLines splits them.
        /// </summary>
        private static string? LineAt(RepositoryLayout layout, Dictionary<string, string[]?> cache, IReadOnlyDictionary<string, string> routeTexts, Dictionary<string, bool> relativeRoutes, string at)
        {
            int colon = at.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(at.Substring(colon + 1), out var line)) return null;
            var file = at.Substring(0, colon);
            // A route file's line is found in its text in place, as Lines would split it (one or two lines are asked for
            // per file: the file is not split into all of them). Whether its path passes the text check is kept per file.
            if (routeTexts.TryGetValue(file, out var read))
            {
                if (!relativeRoutes.TryGetValue(file, out var relative)) relativeRoutes[file] = relative = IsRelative(file);
                if (relative) return LineOf(read, line);
            }
            if (!cache.TryGetValue(file, out var text))
            {
                try
                {
                    text = File.ReadAllLines(layout.Resolve(file));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is Errors.RolloutException) { text = null; }
                cache[file] = text;
            }
            return text != null && line >= 1 && line <= text.Length ? text[line - 1] : null;
        }

        /// <summary>True when the text check of <see cref="RepositoryLayout.Resolve"/> accepts the path (no syscall).</summary>
        private static bool IsRelative(string path)
        {
            try { IO.RepositoryPath.CheckRelative(path, "path"); return true; }
            catch (Errors.RolloutException) { return false; }
        }

        /// <summary>The lines of a text as File.ReadAllLines (StreamReader.ReadLine) gives them (the reference for <see cref="LineOf"/>): split at \r\n, \n or \r, no empty last line after a final break.</summary>
        internal static string[] Lines(string text)
        {
            var lines = new List<string>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\n' && c != '\r') continue;
                lines.Add(text.Substring(start, i - start));
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
            if (start < text.Length) lines.Add(text.Substring(start));
            return lines.ToArray();
        }

        /// <summary>
        /// Line <paramref name="line"/> (1-based) of a text as <see cref="Lines"/> splits it (at \r\n, \n or \r; no empty
        /// last line after a final break), or null when the text has fewer lines.
        /// </summary>
        internal static string? LineOf(string text, int line)
        {
            if (line < 1) return null;
            int start = 0;
            for (int n = 1; n < line; n++)
            {
                int brk = text.IndexOfAny(LineBreaks, start);
                if (brk < 0) return null;
                start = text[brk] == '\r' && brk + 1 < text.Length && text[brk + 1] == '\n' ? brk + 2 : brk + 1;
            }
            if (start >= text.Length) return null;
            int end = text.IndexOfAny(LineBreaks, start);
            return text.Substring(start, (end < 0 ? text.Length : end) - start);
        }

        private static readonly char[] LineBreaks = { '\r', '\n' };

        /// <summary>The guard a draft records: one on every path first, then the strictest kind (a role, a signature, ...).</summary>
        private static GuardFact? ChooseGuard(IReadOnlyList<GuardFact> guards)
        {
            int Rank(string kind)
            {
                switch (kind)
                {
                    case "role": return 0;
                    case "signature": return 1;
                    case "cron": return 2;
                    case "state": return 3;
                    case "session": return 5;
                    default: return 4; // a plan value of repository.guards
                }
            }
            // The first guard of the lowest (conditional, rank): what OrderBy(conditional).ThenBy(rank).FirstOrDefault()
            // gives (a stable sort's first), without sorting.
            GuardFact? best = null;
            int bestKey = int.MaxValue;
            for (int i = 0; i < guards.Count; i++)
            {
                var g = guards[i];
                int key = (g.Conditional ? 8 : 0) + Rank(g.Kind);
                if (key < bestKey) { best = g; bestKey = key; }
            }
            return best;
        }

        /// <summary>The plan's auth value for a guard: the role a role guard asks for (admin when it is not a literal), else its kind.</summary>
        private static string AuthValue(GuardFact guard)
        {
            if (guard.Kind != "role") return guard.Kind;
            var role = guard.Role?.Split('|').FirstOrDefault(r => Regex.IsMatch(r, "^[a-z][a-z0-9_-]*$"));
            return role ?? "admin";
        }

        /// <summary>Line -> the <c>entity_type: 'x'</c> literal of the row written on that line or the lines just below it (route files only).</summary>
        private static Dictionary<int, string> EntityTypes(ScriptSource source)
        {
            var result = new Dictionary<int, string>();
            var code = source.Code;
            if (code.IndexOf("entity_type", StringComparison.Ordinal) < 0) return result;
            for (var m = WriteCall.Match(code); m.Success; m = m.NextMatch())
            {
                if (m.Groups[1].Value == "rpc") continue;
                int open = m.Index + m.Length - 1;
                int close = CodeText.MatchClose(code, open);
                if (close < 0) continue;
                var entity = PropertyLiteral(source, EntityTypeProperty, open, close);
                if (entity == null && (m.Groups[1].Value == "delete" || m.Groups[1].Value == "update"))
                    entity = FilterLiteral(source, "entity_type", close, StatementEnd(code, close, code.Length));
                if (entity != null) result[source.LineOf(m.Index)] = entity;
            }
            return result;
        }

        private static CodeWriteOp ParseOp(string word)
        {
            switch (word)
            {
                case "insert": return CodeWriteOp.Insert;
                case "upsert": return CodeWriteOp.Upsert;
                case "update": return CodeWriteOp.Update;
                case "delete": return CodeWriteOp.Delete;
                default: return CodeWriteOp.Rpc;
            }
        }

        private static Regex Property(string name) =>
            new Regex(@"(?<![\w$.])" + name + @"[ \t\r\n]*:[ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary><c>name: 'x'</c> inside [from, to) of the blanked code: the literal, or null.</summary>
        private static string? PropertyLiteral(ScriptSource source, Regex pattern, int from, int to)
        {
            var m = pattern.Match(source.Code, from, Math.Max(0, to - from));
            return m.Success && source.TryReadLiteral(m.Index + m.Length, out var value, out _) ? value : null;
        }

        /// <summary><c>.eq('name', 'x')</c> / <c>.match('name', 'x')</c> in [from, to): the value literal, or null.</summary>
        private static string? FilterLiteral(ScriptSource source, string column, int from, int to)
        {
            var code = source.Code;
            for (var m = FilterCall.Match(code, from, Math.Max(0, to - from)); m.Success; m = m.NextMatch())
            {
                if (!source.TryReadLiteral(m.Index + m.Length, out var name, out var after) || name != column) continue;
                int k = CodeText.SkipSpace(code, after);
                if (k >= code.Length || code[k] != ',') continue;
                k = CodeText.SkipSpace(code, k + 1);
                if (source.TryReadLiteral(k, out var value, out _)) return value;
            }
            return null;
        }

        /// <summary>The end of the chain after a call: the first ';' at bracket depth 0, or the end of the handler.</summary>
        private static int StatementEnd(string code, int from, int end)
        {
            int depth = 0;
            for (int k = from + 1; k < end; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') { if (--depth < 0) return k; }
                else if (c == ';' && depth == 0) return k;
            }
            return end;
        }

        /// <summary>
        /// The connector's forward migrations: those named after it, those that create or change a table it writes or a
        /// function it calls (the identity table aside), and those that define a remaining unique index over its sources.
        /// </summary>
        private static List<CodeMigration> ConnectorMigrations(RepositoryLayout layout, MigrationState state, List<CodeRoute> routes)
        {
            var writes = routes.SelectMany(r => r.Handlers).SelectMany(h => h.Writes).ToList();
            var tables = new HashSet<string>(writes.Where(w => w.Table != null && w.Table != layout.IdentityTable).Select(w => w.Table!), StringComparer.Ordinal);
            var sources = new HashSet<string>(writes.Where(w => w.Table == layout.IdentityTable && w.Source != null).Select(w => w.Source!), StringComparer.Ordinal);
            var naming = new Regex(@"(?:^|[-_.])" + Regex.Escape(layout.Connector) + @"(?:$|[-_.])", RegexOptions.CultureInvariant);
            var result = new List<CodeMigration>();
            for (int i = 0; i < state.ForwardFiles.Count; i++)
            {
                var relative = state.ForwardFiles[i];
                var name = Path.GetFileNameWithoutExtension(relative);
                var text = state.ForwardText(i);
                CodeMigration? found = null;
                if (text != null && tables.Any(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    // The statements MigrationState split this text into for its index state (not split again).
                    foreach (var statement in state.ForwardStatements(i) ?? SqlScript.Statements(text))
                    {
                        var target = ChangedObject(statement);
                        if (target != null && tables.Contains(target))
                        {
                            found = new CodeMigration(relative, statement[0].Line, "creates or changes " + target);
                            break;
                        }
                    }
                }
                if (found == null)
                {
                    var index = state.OneToOneIndexes.FirstOrDefault(x => x.RelativePath == relative && x.Sources.Any(sources.Contains));
                    if (index != null) found = new CodeMigration(relative, index.Line, "defines " + index.Name + " over " + string.Join(", ", index.Sources.Where(sources.Contains)));
                }
                if (found == null && naming.IsMatch(name)) found = new CodeMigration(relative, 1, "is named after the connector");
                if (found != null) result.Add(found);
            }
            return result;
        }

        /// <summary>The table or function a DDL statement creates or changes (CREATE/ALTER TABLE, CREATE INDEX ON, CREATE FUNCTION), or null.</summary>
        private static string? ChangedObject(List<SqlToken> t)
        {
            if (t.Count < 3) return null;
            int k = 1;
            if (t[0].Is("create"))
            {
                if (t[k].Is("or") && k + 1 < t.Count && t[k + 1].Is("replace")) k += 2;
                while (k < t.Count && (t[k].Is("temporary") || t[k].Is("temp") || t[k].Is("unlogged") || t[k].Is("unique"))) k++;
                if (k >= t.Count) return null;
                if (t[k].Is("table") || t[k].Is("function") || t[k].Is("procedure"))
                {
                    k++;
                    if (k + 2 < t.Count && t[k].Is("if") && t[k + 1].Is("not") && t[k + 2].Is("exists")) k += 3;
                    return Name(t, k);
                }
                if (t[k].Is("index"))
                {
                    for (int j = k; j + 1 < t.Count; j++)
                        if (t[j].Is("on")) { j++; if (j < t.Count && t[j].Is("only")) j++; return Name(t, j); }
                }
                return null;
            }
            if (t[0].Is("alter") && t[1].Is("table"))
            {
                k = 2;
                if (k + 1 < t.Count && t[k].Is("if") && t[k + 1].Is("exists")) k += 2;
                if (k < t.Count && t[k].Is("only")) k++;
                return Name(t, k);
            }
            return null;
        }

        private static string? Name(List<SqlToken> t, int k)
        {
            if (k >= t.Count || !t[k].IsName) return null;
            var name = t[k].Text;
            k++;
            while (k + 1 < t.Count && t[k].IsSymbol('.') && t[k + 1].IsName) { name = t[k + 1].Text; k += 2; }
            return name;
        }
    }
}
