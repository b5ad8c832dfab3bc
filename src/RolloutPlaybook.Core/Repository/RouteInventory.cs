using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// The route files of a connector: every <c>route.ts</c>/<c>route.js</c> under its route folder, plus every
    /// route the plan lists wherever it lives under the routes root (cron routes such as <c>src/app/api/cron/slack-sync</c>).
    /// The routes root stands for the URL path <c>/api</c>; route groups <c>(name)</c> and parallel-route slots
    /// <c>@name</c> are not path segments, private folders <c>_name</c> are not routable and are skipped.
    /// </summary>
    public sealed class RouteInventory
    {
        /// <summary>File names that define a route handler module.</summary>
        private static readonly string[] RouteFileNames = { "route.ts", "route.tsx", "route.js", "route.mts", "route.mjs" };

        /// <summary>Source files bigger than this are not application code; reading them would only cost time.</summary>
        internal const long MaxSourceBytes = 4L * 1024 * 1024;

        /// <summary>
        /// Runs <paramref name="body"/> for 0..count-1 in order, checking <paramref name="cancel"/> before each. Files are
        /// read and analysed one after the other: on a busy 2-core machine the measured scan of a 20,000-file repository
        /// was 1.6x a bare enumerate-and-read sequentially and 2.9x in parallel (the parallel switch, reachable only from
        /// tests and a speed tool, was removed in issue 18).
        /// </summary>
        internal static void ForEachIndex(int count, CancellationToken cancel, Action<int> body)
        {
            for (int i = 0; i < count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                body(i);
            }
        }

        private RouteInventory(IReadOnlyList<RouteFile> routes)
        {
            Routes = routes;
            // First route per plan path wins, as the ordered list would give it.
            byPlanPath = new Dictionary<string, RouteFile>(routes.Count, StringComparer.Ordinal);
            foreach (var route in routes)
                if (!byPlanPath.ContainsKey(route.PlanPath)) byPlanPath.Add(route.PlanPath, route);
        }

        private readonly Dictionary<string, RouteFile> byPlanPath;

        /// <summary>The routes, ordered by plan path (ordinal).</summary>
        public IReadOnlyList<RouteFile> Routes { get; }

        public static RouteInventory Scan(RepositoryLayout layout, IEnumerable<string> planRoutePaths, CancellationToken cancel = default)
            => Scan(layout, planRoutePaths, null, cancel);

        public static RouteInventory Scan(RepositoryLayout layout, IEnumerable<string> planRoutePaths, RouteScanOptions? options, CancellationToken cancel = default)
            => Scan(layout, planRoutePaths, options, null, null, cancel);

        /// <summary>
        /// The scan with the SPEC §8 code analysis: each handler is followed through its wrappers and calls, with files read once
        /// through <paramref name="graph"/> (shared by every route of the run).
        /// </summary>
        public static RouteInventory Scan(RepositoryLayout layout, IEnumerable<string> planRoutePaths, RouteScanOptions? options, ModuleGraph? graph,
            CodeRecognition? recognition, CancellationToken cancel = default)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            options ??= new RouteScanOptions();
            var analyzer = graph != null ? new HandlerAnalyzer(graph, recognition) : null;

            // plan path -> file; the connector folder first, then plan-listed routes found elsewhere.
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            // Route folders elsewhere named for the connector (cron/slack-sync, webhooks/slack): found so that one the
            // plan forgets is reported, not silently ignored.
            var named = new HashSet<string>(StringComparer.Ordinal);
            void List(Action<string, bool> seen, CancellationToken listing)
            {
                foreach (var file in ConnectorRouteFiles(layout, listing, seen))
                {
                    var planPath = layout.PlanPathOf(file);
                    if (!files.ContainsKey(planPath)) files.Add(planPath, file);
                }
                foreach (var (file, planPath) in NamedRouteFiles(layout, listing, seen))
                {
                    if (files.ContainsKey(planPath)) continue;
                    files.Add(planPath, file);
                    named.Add(file);
                }
            }

            // A route file is first read, lexed and indexed (Prepare: from the file alone, nothing of the run shared but
            // the file system), then analysed (Analyse: the graph, the recognisers and their caches, on the scan's
            // thread), then made a RouteFile under its plan path (Build, in plan-path order). Each file's analysis is
            // independent of the others' (the shared graph and caches only remember what was read and found).
            var names = graph?.Names ?? new NameTable();
            PreparedRoute Prepare(string file, bool listedRegular, NameTable table)
            {
                var source = ReadSource(file, listedRegular: listedRegular);
                bool anyMethod = false, branches = false, pages = layout.InPages(file);
                if (source != null && pages)
                {
                    // Pages Router: the default export, under the methods it branches on (SPEC §8).
                    var methods = PagesRouter.Methods(source);
                    anyMethod = methods.Count == 0;
                    branches = !anyMethod;
                    var pagesModule = PagesRouter.AsHandlerModule(source, methods);
                    source = pagesModule == null ? null : ScriptSource.Parse(pagesModule);
                }
                var relative = layout.Relative(file);
                // The analysed module is the file as read (a Pages Router file as its handler module: lines unchanged).
                var module = source != null && analyzer != null ? new ScriptModule(file, relative, source, table) : null;
                var envReads = source == null ? null : EnvUsage.ReadsIn(source, relative);
                return new PreparedRoute(source, module, relative, envReads, anyMethod, branches, pages);
            }

            IReadOnlyList<RouteHandler> Analyse(PreparedRoute prepared)
            {
                var source = prepared.Source;
                if (source == null) return Array.Empty<RouteHandler>();
                var module = prepared.Module != null ? graph!.Adopt(prepared.Module, rewritten: prepared.Pages) : null;
                var reader = new RouteHandlerReader(source, DefaultAuthGuard, DefaultValidation, analyzer, module, graph);
                // A Pages Router handler that branches on req.method is read once per method: its code outside the
                // branches, and that method's branches (SPEC §8 per-method auth and writes).
                if (prepared.Branches) reader.Narrow = (method, spans) => PagesRouter.MethodRanges(source, method, spans);
                var handlers = reader.Read();
                options.FileAnalysed?.Invoke(prepared.Module?.Path ?? prepared.Relative);
                return handlers;
            }

            RouteFile Build(KeyValuePair<string, string> pair, PreparedRoute prepared, IReadOnlyList<RouteHandler> handlers)
            {
                var route = new RouteFile(pair.Key, pair.Value, prepared.Relative, handlers, layout.InConnectorRouteFolder(pair.Value))
                {
                    EnvReads = prepared.EnvReads,
                    AcceptsAnyMethod = prepared.AnyMethod,
                    NamedForConnector = named.Contains(pair.Value),
                };
                if (prepared.Source != null) options.SourceRead?.Invoke(route, prepared.Source);
                return route;
            }

            RouteFile Read(KeyValuePair<string, string> pair, bool listedRegular)
            {
                var prepared = Prepare(pair.Value, listedRegular, names);
                return Build(pair, prepared, Analyse(prepared));
            }

            RouteFile[] firstRoutes;
            List<KeyValuePair<string, string>> first;
            if (analyzer != null && options.ReadAhead && Environment.ProcessorCount > 1)
            {
                // The listing, reading, lexing and indexing run on a second thread, each file handed over as soon as it
                // is read; this thread analyses the files as they come (in the listing's order), and builds the routes in
                // plan-path order once the listing is complete (RouteReadAhead). Only one file per plan path is a route
                // (the first in path order), which is known only then: a second file for a plan path already analysed
                // is kept for later; a file analysed as it came that turns out not to be the route is taken back out of
                // the graph (ModuleGraph.Withdraw). An exception of a file's preparation or analysis is thrown when its
                // route is built, in plan-path order, as on one thread; a file that is no route throws nothing.
                var taken = new Dictionary<string, TakenRoute>(StringComparer.Ordinal);
                var analysedPaths = new HashSet<string>(StringComparer.Ordinal);
                var ahead = new RouteReadAhead(List, (file, listedRegular, own) => Prepare(file, listedRegular, own), names, cancel);
                try
                {
                    for (int index = 0; ahead.Take(index, out var file, out var prepared, out var failure); index++)
                    {
                        cancel.ThrowIfCancellationRequested();
                        if (taken.ContainsKey(file)) continue;
                        var item = new TakenRoute(prepared, failure);
                        taken.Add(file, item);
                        if (failure != null || !analysedPaths.Add(layout.PlanPathOf(file))) continue;
                        item.Analyse(Analyse, keepSource: options.SourceRead != null);
                    }
                    // A cancelled scan throws its own token's exception (the listing's token is linked to it).
                    cancel.ThrowIfCancellationRequested();
                    ahead.ThrowIfListingFailed();
                }
                finally { ahead.Dispose(); }
                options.PreparedAside = ahead.PreparedAside;
                first = files.ToList();
                var routeFiles = new HashSet<string>(first.Select(p => p.Value), StringComparer.Ordinal);
                foreach (var item in taken)
                    if (!routeFiles.Contains(item.Key) && item.Value.Analysed && item.Value.Prepared?.Module != null) graph!.Withdraw(item.Value.Prepared.Module);
                firstRoutes = new RouteFile[first.Count];
                ForEachIndex(first.Count, cancel, i =>
                {
                    var pair = first[i];
                    // Every file of the list was handed over as the listing found it; one that was not (none is) would be read here.
                    if (!taken.TryGetValue(pair.Value, out var item)) { firstRoutes[i] = Read(pair, false); return; }
                    item.Failure?.Throw();
                    if (!item.Analysed) item.Analyse(Analyse, keepSource: true);
                    item.Failure?.Throw();
                    firstRoutes[i] = Build(pair, item.Prepared!, item.Handlers!);
                });
            }
            else
            {
                // The route files the folder listings saw as regular files (read without a stat first).
                var regular = new HashSet<string>(StringComparer.Ordinal);
                List((file, listedRegular) => { if (listedRegular) regular.Add(file); }, cancel);
                first = files.ToList();
                firstRoutes = new RouteFile[first.Count];
                ForEachIndex(first.Count, cancel, i => firstRoutes[i] = Read(first[i], regular.Contains(first[i].Value)));
            }

            // The plan-listed routes found elsewhere are read and analysed after the files listed, so that a caller whose
            // list is still being computed (drafting walks the routes root on another thread meanwhile) is waited for
            // only then; the routes come out in plan-path order either way.
            var located = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in planRoutePaths ?? Enumerable.Empty<string>())
            {
                cancel.ThrowIfCancellationRequested();
                var planPath = Normalize(raw);
                if (planPath == null || files.ContainsKey(planPath) || located.ContainsKey(planPath)) continue;
                var file = Locate(layout, planPath);
                if (file != null) located.Add(planPath, file);
            }
            var later = located.ToList();
            var laterRoutes = new RouteFile[later.Count];
            ForEachIndex(later.Count, cancel, i => laterRoutes[i] = Read(later[i], false));

            // Both lists are in plan-path order and share no path: merged, they are the plan-path order of all.
            var routes = new RouteFile[first.Count + later.Count];
            for (int a = 0, b = 0, k = 0; k < routes.Length; k++)
                routes[k] = b >= later.Count || (a < first.Count && string.CompareOrdinal(first[a].Key, later[b].Key) < 0) ? firstRoutes[a++] : laterRoutes[b++];
            return new RouteInventory(routes);
        }

        /// <summary>A route file as the read-ahead handed it over: prepared, then analysed (or deferred), or what either threw.</summary>
        private sealed class TakenRoute
        {
            public TakenRoute(PreparedRoute? prepared, System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure) { Prepared = prepared; Failure = failure; }

            public PreparedRoute? Prepared { get; }
            public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; private set; }
            public IReadOnlyList<RouteHandler>? Handlers { get; private set; }
            public bool Analysed { get; private set; }

            /// <summary>Analyses the file, keeping an exception for the build (cancellation is thrown at once, as on one thread).</summary>
            public void Analyse(Func<PreparedRoute, IReadOnlyList<RouteHandler>> analyse, bool keepSource)
            {
                Analysed = true;
                try { Handlers = analyse(Prepared!); }
                catch (Exception ex) when (!(ex is OperationCanceledException)) { Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex); }
                // The lexed text is only needed again for the drafter's SourceRead (the module keeps what the graph needs).
                if (!keepSource) Prepared!.ForgetSource();
            }
        }

        /// <summary>The route file for a plan path (exact, ordinal; a trailing '/' is ignored), or null.</summary>
        public RouteFile? Find(string planPath)
        {
            var key = Normalize(planPath);
            return key != null && byPlanPath.TryGetValue(key, out var route) ? route : null;
        }

        /// <summary>The routes under the connector's route folder.</summary>
        public IEnumerable<RouteFile> InConnectorFolder => Routes.Where(r => r.InConnectorFolder);

        // The quick per-handler patterns, compiled once per process.
        private static readonly Regex DefaultAuthGuard = new Regex(RouteScanOptions.DefaultAuthGuardPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex DefaultValidation = new Regex(RouteScanOptions.DefaultValidationPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static string? Normalize(string? planPath)
        {
            if (string.IsNullOrWhiteSpace(planPath)) return null;
            var p = planPath!.Trim();
            while (p.Length > 1 && p.EndsWith("/", StringComparison.Ordinal)) p = p.Substring(0, p.Length - 1);
            return p;
        }

        /// <summary>Reads and lexes a source file, or null when it is too big or unreadable.</summary>
        internal static ScriptSource? ReadSource(string file, string? mustContain = null, bool listedRegular = false)
        {
            try
            {
                var text = listedRegular ? RepositoryPath.ReadListedText(file, MaxSourceBytes) : RepositoryPath.ReadText(file, MaxSourceBytes);
                if (mustContain != null && text.IndexOf(mustContain, StringComparison.Ordinal) < 0) return null;
                return ScriptSource.Parse(text);
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        /// <summary>
        /// Route files under <c>{routes}/*/{name}</c> where the folder name has the connector slug as a word (<c>cron/slack-sync</c>),
        /// with their plan paths; with another route base, also under the default App Router API folder (served as <c>/api/</c>).
        /// </summary>
        private static IEnumerable<(string File, string PlanPath)> NamedRouteFiles(RepositoryLayout layout, CancellationToken cancel, Action<string, bool> seen)
        {
            var found = NamedRouteFiles(layout, layout.RoutesRoot, cancel, seen).Select(f => (f, layout.PlanPathOf(f))).ToList();
            if (layout.RouteBase != "/api")
                foreach (var folder in RepositoryLayout.DefaultRouteFolders)
                {
                    var api = Path.Combine(layout.Root, folder);
                    if (string.Equals(api, layout.RoutesRoot, RepositoryLayout.PathComparison) || !Directory.Exists(api) || layout.LeadsOutside(new DirectoryInfo(api))) continue;
                    found.AddRange(NamedRouteFiles(layout, api, cancel, seen).Select(f => (f, PlanPathOf(api, f))));
                    break;
                }
            return found;
        }

        private static IEnumerable<string> NamedRouteFiles(RepositoryLayout layout, string routesRoot, CancellationToken cancel, Action<string, bool> seen)
        {
            var found = new List<string>();
            var word = new Regex(@"(^|[-_.])" + Regex.Escape(layout.Connector) + @"($|[-_.])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            List<DirectoryInfo> top;
            try { top = new DirectoryInfo(routesRoot).EnumerateDirectories().ToList(); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return found; }
            foreach (var dir in top.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                // Private folders (_name) are not routable (Next.js), so neither is anything below them.
                if (layout.ConnectorRouteFolders.Any(f => string.Equals(dir.FullName, f, RepositoryLayout.PathComparison)) || dir.Name == "node_modules"
                    || dir.Name.StartsWith("_", StringComparison.Ordinal) || layout.LeadsOutside(dir)) continue;
                // The children as listed entries, not DirectoryInfo objects: most of them (every route folder of every
                // other connector) are only named and passed over, unsorted. The few that name the connector are sorted,
                // and are folders (a link: to a folder, as the runtime's EnumerateDirectories follows it) whose link
                // check passes before they are walked.
                cancel.ThrowIfCancellationRequested();
                var children = FolderListing.List(dir.FullName);
                if (children == null) continue;
                var naming = new List<FolderEntry>();
                foreach (var child in children)
                    if (word.IsMatch(child.Name) && FolderListing.IsFolder(child)) naming.Add(child);
                naming.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var child in naming)
                    if (!child.Name.StartsWith("_", StringComparison.Ordinal) && !layout.LeadsOutside(new DirectoryInfo(child.FullPath)))
                        found.AddRange(RouteFilesUnder(layout, child.FullPath, false, cancel, seen));
            }
            return found;
        }

        /// <summary>
        /// The route files under every connector route folder (App Router route files; Pages Router files under the pages
        /// folder). Each file found goes to <paramref name="seen"/> at once, with whether the listing saw a regular file.
        /// </summary>
        private static IEnumerable<string> ConnectorRouteFiles(RepositoryLayout layout, CancellationToken cancel, Action<string, bool> seen)
        {
            var found = new List<string>();
            foreach (var folder in layout.ConnectorRouteFolders)
            {
                bool pages = layout.InPages(folder) || string.Equals(folder, layout.PagesRoot, RepositoryLayout.PathComparison);
                found.AddRange(RouteFilesUnder(layout, folder, pages, cancel, seen));
                // A Pages Router connector file may also sit beside its folder: pages/api/slack.ts is /api/slack.
                if (pages) foreach (var ext in PagesRouter.SourceExtensions)
                {
                    var single = folder + ext;
                    if (File.Exists(single) && !layout.LeadsOutside(new FileInfo(single))) { found.Add(single); seen(single, false); }
                }
            }
            var distinct = found.Distinct(RepositoryLayout.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase).ToList();
            distinct.Sort(StringComparer.Ordinal);
            return distinct;
        }

        /// <summary>Route files below a folder: App Router <c>route.*</c> files, or with <paramref name="pages"/> every Pages Router API file.</summary>
        private static List<string> RouteFilesUnder(RepositoryLayout layout, string folder, bool pages, CancellationToken cancel, Action<string, bool> seen)
        {
            var found = new List<string>();
            var start = new DirectoryInfo(folder);
            if (!start.Exists) return found;
            // Each sub-folder is opened by its name inside its parent, which is kept open meanwhile.
            cancel.ThrowIfCancellationRequested();
            FolderListing.Walk(start.FullName, (entry, depth) =>
            {
                cancel.ThrowIfCancellationRequested();
                // Only folders and route files are looked at closely (a link's target costs a stat call).
                bool routeFile = pages ? PagesRouter.IsPagesFileName(entry.Name) : IsRouteFileName(entry.Name);
                bool link = entry.Kind == EntryKind.SymbolicLink;
                bool isFolder = entry.Kind == EntryKind.Directory || (link && FolderListing.IsFolderLink(entry));
                if (!isFolder && !routeFile) return false;
                if (layout.LeadsOutside(entry)) return false;
                if (isFolder)
                {
                    if (entry.Name.StartsWith("_", StringComparison.Ordinal) || entry.Name == "node_modules") return false;
                    // A folder link inside the repository is followed by its own path (not past 32 levels); a link back
                    // to a folder the walk is already inside is not (FolderListing.Handle.OpenChild).
                    return !(link && Depth(folder, entry.FullPath) > 32);
                }
                found.Add(entry.FullPath);
                // Seen as a regular file by the listing: read without the stat before opening (RepositoryPath.ReadListedText).
                seen(entry.FullPath, entry.Kind == EntryKind.Regular);
                return false;
            });
            found.Sort(StringComparer.Ordinal);
            return found;
        }

        private static int Depth(string root, string path) => path.Length <= root.Length ? 0 : path.Substring(root.Length).Count(c => c == '/' || c == '\\');

        private static bool IsRouteFileName(string name)
        {
            foreach (var candidate in RouteFileNames) if (string.Equals(name, candidate, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>
        /// Finds the route file of a plan path: under the routes root (the path below <see cref="RepositoryLayout.RouteBase"/>,
        /// descending into route groups), else under the Pages Router folder (<c>a/b.ts</c> or <c>a/b/index.ts</c>); null when absent.
        /// </summary>
        private static string? Locate(RepositoryLayout layout, string planPath)
        {
            var prefix = layout.RouteBase + "/";
            string? found = null;
            if (planPath.StartsWith(prefix, StringComparison.Ordinal))
            {
                var segments = Segments(planPath.Substring(prefix.Length));
                if (segments != null) found = Locate(layout, layout.RoutesRoot, segments, 0, 0);
            }
            if (found == null && layout.PagesRoot != null && planPath.StartsWith("/api/", StringComparison.Ordinal))
            {
                var segments = Segments(planPath.Substring(5));
                if (segments != null) found = LocatePages(layout, segments);
            }
            // With another route base (routeBase: /integrations), an /api/ route the plan lists (a cron route) is looked
            // for in the default App Router API folder, where Next.js serves /api/.
            if (found == null && layout.RouteBase != "/api" && planPath.StartsWith("/api/", StringComparison.Ordinal))
            {
                var segments = Segments(planPath.Substring(5));
                if (segments != null)
                    foreach (var folder in RepositoryLayout.DefaultRouteFolders)
                    {
                        var api = Path.Combine(layout.Root, folder);
                        if (found != null || string.Equals(api, layout.RoutesRoot, RepositoryLayout.PathComparison) || !Directory.Exists(api) || layout.LeadsOutside(new DirectoryInfo(api))) continue;
                        found = Locate(layout, api, segments, 0, 0);
                    }
            }
            return found;
        }

        private static string[]? Segments(string path)
        {
            var segments = path.Split('/');
            foreach (var segment in segments)
                if (segment.Length == 0 || segment == "." || segment == ".." || segment.IndexOfAny(new[] { '\\', ':', '\0' }) >= 0) return null;
            return segments;
        }

        private static string? LocatePages(RepositoryLayout layout, string[] segments)
        {
            var path = Path.Combine(new[] { layout.PagesRoot! }.Concat(segments).ToArray());
            foreach (var candidate in PagesRouter.SourceExtensions.Select(e => path + e).Concat(PagesRouter.SourceExtensions.Select(e => Path.Combine(path, "index" + e))))
                if (File.Exists(candidate) && layout.Contains(candidate) && !layout.LeadsOutside(new FileInfo(candidate))) return candidate;
            return null;
        }

        private static string? Locate(RepositoryLayout layout, string dir, string[] segments, int index, int groups)
        {
            if (groups > 8) return null;
            if (index == segments.Length)
            {
                foreach (var name in RouteFileNames)
                {
                    var candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate) && !layout.LeadsOutside(new FileInfo(candidate))) return candidate;
                }
            }
            else
            {
                var next = Path.Combine(dir, segments[index]);
                if (Directory.Exists(next) && !layout.LeadsOutside(new DirectoryInfo(next)))
                {
                    var hit = Locate(layout, next, segments, index + 1, groups);
                    if (hit != null) return hit;
                }
            }
            foreach (var group in Groups(dir))
            {
                if (layout.LeadsOutside(new DirectoryInfo(group))) continue;
                var hit = Locate(layout, group, segments, index, groups + 1);
                if (hit != null) return hit;
            }
            return null;
        }

        private static IEnumerable<string> Groups(string dir)
        {
            List<string> groups;
            try
            {
                groups = Directory.EnumerateDirectories(dir, "(*").Where(d => Path.GetFileName(d).EndsWith(")", StringComparison.Ordinal)).ToList();
            }
            catch (IOException) { return Array.Empty<string>(); }
            catch (UnauthorizedAccessException) { return Array.Empty<string>(); }
            groups.Sort(StringComparer.Ordinal);
            return groups;
        }

        /// <summary>The plan path of a route file: <c>/api/</c> + its folders below the routes root, without groups and slots.</summary>
        internal static string PlanPathOf(string routesRoot, string file)
        {
            var folder = Path.GetDirectoryName(file) ?? routesRoot;
            var relative = RelativeSegments(routesRoot, folder);
            return relative.Length == 0 ? "/api" : "/api/" + relative;
        }

        /// <summary>
        /// The folders of <paramref name="folder"/> below <paramref name="root"/> joined with '/', without route groups
        /// <c>(name)</c> and slots <c>@name</c> (once per route file: one pass, no split arrays).
        /// </summary>
        internal static string RelativeSegments(string root, string folder)
        {
            if (folder.Length <= root.Length) return "";
            var path = new System.Text.StringBuilder(folder.Length - root.Length);
            int i = root.Length;
            while (i < folder.Length)
            {
                if (folder[i] == '/' || folder[i] == '\\') { i++; continue; }
                int start = i;
                while (i < folder.Length && folder[i] != '/' && folder[i] != '\\') i++;
                bool group = folder[start] == '(' && folder[i - 1] == ')' && i - start > 1;
                if (group || folder[start] == '@') continue;
                if (path.Length > 0) path.Append('/');
                path.Append(folder, start, i - start);
            }
            return path.ToString();
        }
    }
}
