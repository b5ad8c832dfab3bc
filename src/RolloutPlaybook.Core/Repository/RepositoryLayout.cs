using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Where a connector's routes, migrations, docs and code live in an application repository: the SPEC §2
    /// defaults, overridden by the plan's <c>repository:</c> block. Every path is checked to stay inside the
    /// repository root (no <c>..</c>, no absolute paths, no symbolic links leading out).
    /// </summary>
    public sealed class RepositoryLayout
    {
        public const string DefaultRoutes = "src/app/api";
        /// <summary>The App Router folders looked for when the plan names none, in order.</summary>
        public static readonly IReadOnlyList<string> DefaultRouteFolders = new[] { "src/app/api", "app/api" };
        /// <summary>The Pages Router API folders looked for when the plan names none, in order.</summary>
        public static readonly IReadOnlyList<string> DefaultPagesFolders = new[] { "src/pages/api", "pages/api" };
        public const string DefaultMigrations = "supabase/migrations";
        public const string DefaultDocs = "src/docs";

        private static readonly Regex ConnectorSlug = new Regex(PlanPatterns.Connector, RegexOptions.CultureInvariant);

        /// <summary>While <see cref="For"/> builds the layout: the plan (for positions) and the problems found so far.</summary>
        private RolloutPlan? building;
        private List<(string Id, string Message, string? Text)>? problems;
        private readonly List<MissingPath> missing = new List<MissingPath>();

        private RepositoryLayout(RepositoryPath paths, string connector)
        {
            Paths = paths;
            Root = paths.Root;
            Connector = connector;
        }

        /// <summary>The repository's containment rules (real paths, links, special files): every path here passed them.</summary>
        public RepositoryPath Paths { get; }

        /// <summary>The repository root (absolute, without a trailing separator).</summary>
        public string Root { get; }
        /// <summary>The connector slug the layout is for.</summary>
        public string Connector { get; }
        /// <summary>The App Router API routes root (default <c>src/app/api</c>, else <c>app/api</c> when only that exists).</summary>
        public string RoutesRoot { get; private set; } = "";
        /// <summary>The URL <see cref="RoutesRoot"/> stands for (<c>repository.routeBase</c>, default <c>/api</c>; no trailing '/').</summary>
        public string RouteBase { get; private set; } = "/api";
        /// <summary>The Pages Router API folder (<c>repository.pages</c>, default <c>src/pages/api</c> else <c>pages/api</c>); null when there is none.</summary>
        public string? PagesRoot { get; private set; }
        /// <summary>The first of <see cref="ConnectorRouteFolders"/> (<c>RoutesRoot/{connector}</c> by default).</summary>
        public string ConnectorRouteFolder { get; private set; } = "";
        /// <summary>
        /// The connector's own route folders (<c>repository.connectorRoutes</c>, default <c>RoutesRoot/{connector}</c> and, when a
        /// Pages Router API folder exists, <c>PagesRoot/{connector}</c>): every route file under them must be in the plan.
        /// </summary>
        public IReadOnlyList<string> ConnectorRouteFolders { get; private set; } = Array.Empty<string>();
        /// <summary>The first entry of <see cref="MigrationPaths"/> (the default <c>supabase/migrations</c> when the plan names none).</summary>
        public string MigrationsRoot { get; private set; } = "";
        /// <summary>The migration entries in the order they apply: folders (their *.sql by file name) or single .sql files.</summary>
        public IReadOnlyList<string> MigrationPaths { get; private set; } = Array.Empty<string>();
        public string DocsRoot { get; private set; } = "";
        /// <summary>The identity table (<c>repository.identityTable</c>, default <c>entity_external_ids</c>).</summary>
        public string IdentityTable { get; private set; } = MigrationState.IdentityTable;
        /// <summary><c>DocsRoot/{documentName}</c>, default <c>DocsRoot/{CONNECTOR}-ROLLOUT-PLAN.md</c> (upper-cased, '-' kept).</summary>
        public string RolloutDocumentPath { get; private set; } = "";
        /// <summary>The first of <see cref="EnvExamplePaths"/> (<c>Root/.env.example</c> when none exists).</summary>
        public string EnvExamplePath { get; private set; } = "";
        /// <summary>
        /// The files that document env vars: <c>repository.envExample</c>, else whichever of <see cref="DefaultEnvExamples"/>
        /// exist at the root (absolute paths).
        /// </summary>
        public IReadOnlyList<string> EnvExamplePaths { get; private set; } = Array.Empty<string>();

        /// <summary>The env example files looked for at the root when the plan names none (SPEC §8).</summary>
        public static readonly IReadOnlyList<string> DefaultEnvExamples = new[] { ".env.example", ".env.sample", ".env.local.example", "env.example" };
        /// <summary>
        /// The connector's code outside its routes, as absolute paths. An entry ending in <c>*</c> is a name prefix
        /// (default <c>src/lib/connectors/{connector}*</c> matches <c>slack.ts</c> and <c>slack-client.ts</c>);
        /// a folder means everything below it; a file means that file.
        /// </summary>
        public IReadOnlyList<string> CodePaths { get; private set; } = Array.Empty<string>();

        /// <summary>
        /// The configured paths that name nothing usable: a <c>repository.migrations</c> entry that is neither a folder nor a
        /// .sql file, a <c>repository.envExample</c> entry that is not a file. Not an error of the layout (the rules that do
        /// not read them still run): the gate turns each into a <c>Fail</c> of the rules that read it, at its plan key.
        /// </summary>
        public IReadOnlyList<MissingPath> MissingPaths { get; private set; } = Array.Empty<MissingPath>();

        /// <summary>
        /// Builds the layout for a plan. A path that would escape the root is a <c>PathOutsideRepository</c> error naming the
        /// plan file:line:column and key it comes from; every such problem of the plan is reported at once, in one exception.
        /// Configured paths that do not exist are listed in <see cref="MissingPaths"/>.
        /// </summary>
        public static RepositoryLayout For(RolloutPlan plan, string repositoryRoot)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var paths = RepositoryPath.Open(repositoryRoot);
            var root = paths.Root;

            var connector = plan.Connector ?? "";
            if (!ConnectorSlug.IsMatch(connector))
                throw new RolloutException(ErrorIds.InvalidConnectorName,
                    At(plan, "connector") + "Connector '" + connector + "' is not a valid slug (lower-case letters, digits and '-', starting with a letter); it cannot name a folder in the repository.", connector);

            var layout = new RepositoryLayout(paths, connector) { building = plan, problems = new List<(string, string, string?)>() };
            var settings = plan.Repository ?? new RepositorySettings();
            var routesDefault = DefaultRouteFolders.FirstOrDefault(f => Directory.Exists(Path.Combine(root, f))) ?? DefaultRoutes;
            layout.RoutesRoot = layout.Inside(settings.Routes, routesDefault, "repository.routes") ?? root;
            if (!string.IsNullOrWhiteSpace(settings.Routes)) layout.CheckFolder(layout.RoutesRoot, "repository.routes", settings.Routes, "the App Router API routes folder (default " + DefaultRoutes + ")");
            if (!string.IsNullOrWhiteSpace(settings.RouteBase))
            {
                var routeBase = settings.RouteBase!.Trim();
                layout.RouteBase = routeBase.Length > 1 ? routeBase.TrimEnd('/') : "";
            }
            if (!string.IsNullOrWhiteSpace(settings.Pages))
            {
                layout.PagesRoot = layout.Inside(settings.Pages, null, "repository.pages");
                if (layout.PagesRoot != null) layout.CheckFolder(layout.PagesRoot, "repository.pages", settings.Pages, "the Pages Router API folder (default " + DefaultPagesFolders[0] + " or " + DefaultPagesFolders[1] + ")");
            }
            else
            {
                var pages = DefaultPagesFolders.FirstOrDefault(f => Directory.Exists(Path.Combine(root, f)));
                if (pages != null) layout.PagesRoot = layout.Inside(pages, null, "repository.pages");
            }
            if (settings.ConnectorRoutes != null && settings.ConnectorRoutes.Count > 0)
                layout.ConnectorRouteFolders = settings.ConnectorRoutes.Select((c, i) =>
                {
                    var key = EntryKey(plan, "repository.connectorRoutes", i, settings.ConnectorRoutes.Count);
                    var full = layout.Inside(c, null, key);
                    if (full != null) layout.CheckFolder(full, key, c, "a folder of the connector's route files");
                    return full ?? root;
                }).ToList();
            else
            {
                var folders = new List<string> { layout.Inside(connector, null, "connector", layout.RoutesRoot) ?? root };
                if (layout.PagesRoot != null) folders.Add(layout.Inside(connector, null, "connector", layout.PagesRoot) ?? root);
                layout.ConnectorRouteFolders = folders;
            }
            layout.ConnectorRouteFolder = layout.ConnectorRouteFolders[0];
            bool migrationsConfigured = settings.Migrations != null && settings.Migrations.Count > 0;
            var migrations = migrationsConfigured ? settings.Migrations! : new List<string> { DefaultMigrations };
            layout.MigrationPaths = migrations.Select((m, i) =>
            {
                var key = migrationsConfigured ? EntryKey(plan, "repository.migrations", i, migrations.Count) : "repository.migrations";
                var full = layout.Inside(m, null, key);
                if (migrationsConfigured && full != null) layout.CheckMigrationEntry(full, key, m);
                return full ?? root;
            }).ToList();
            layout.MigrationsRoot = layout.MigrationPaths[0];
            layout.DocsRoot = layout.Inside(settings.Docs, DefaultDocs, "repository.docs") ?? root;
            if (!string.IsNullOrWhiteSpace(settings.Docs)) layout.CheckFolder(layout.DocsRoot, "repository.docs", settings.Docs, "the folder of the rollout document (default " + DefaultDocs + ")");
            if (!string.IsNullOrWhiteSpace(settings.IdentityTable)) layout.IdentityTable = settings.IdentityTable!.Trim();
            layout.RolloutDocumentPath = string.IsNullOrWhiteSpace(settings.DocumentName)
                ? layout.Inside(connector.ToUpperInvariant() + "-ROLLOUT-PLAN.md", null, "connector", layout.DocsRoot) ?? root
                : layout.Inside(Rendering.RolloutDocument.FileName(plan), null, "repository.documentName", layout.DocsRoot) ?? root;
            if (settings.EnvExample != null && settings.EnvExample.Count > 0)
                layout.EnvExamplePaths = settings.EnvExample.Select((e, i) =>
                {
                    var key = EntryKey(plan, "repository.envExample", i, settings.EnvExample.Count);
                    var full = layout.Inside(e, null, key);
                    if (full != null) layout.CheckEnvExampleEntry(full, key, e);
                    return full ?? root;
                }).ToList();
            else
                layout.EnvExamplePaths = DefaultEnvExamples.Select(n => Path.Combine(root, n)).Where(File.Exists).ToList();
            layout.EnvExamplePath = layout.EnvExamplePaths.Count > 0 ? layout.EnvExamplePaths[0] : Path.Combine(root, ".env.example");

            var code = new List<string>();
            var configured = settings.Code != null && settings.Code.Count > 0
                ? settings.Code
                : new List<string> { "src/lib/" + connector, "src/lib/connectors/" + connector + "*" };
            for (int i = 0; i < configured.Count; i++)
            {
                var entry = configured[i];
                bool prefix = entry != null && entry.EndsWith("*", StringComparison.Ordinal);
                var bare = prefix ? entry!.Substring(0, entry.Length - 1) : entry;
                if (prefix && (bare!.IndexOf('*') >= 0 || bare.IndexOf('?') >= 0))
                {
                    layout.Problem(RepositoryPath.OutsideErrorId, EntryKey(plan, "repository.code", i, configured.Count),
                        "'" + entry + "' may only end with '*' (a name prefix); other wildcards are not supported.", entry);
                    continue;
                }
                bool codeConfigured = settings.Code != null && settings.Code.Count > 0;
                var codeKey = codeConfigured ? EntryKey(plan, "repository.code", i, configured.Count) : "connector";
                var full = layout.Inside(bare, null, codeKey);
                if (full != null) code.Add(prefix ? full + "*" : full);
                if (full != null && codeConfigured) layout.CheckCodeEntry(full, prefix, codeKey, entry);
            }
            layout.CodePaths = code;
            layout.ThrowProblems();
            layout.MissingPaths = layout.missing.ToList();
            layout.building = null;
            layout.problems = null;
            return layout;
        }

        /// <summary>A configured migrations entry must be a folder or a .sql file that exists (else nothing would be read from it).</summary>
        private void CheckMigrationEntry(string full, string key, string? text)
        {
            if (Directory.Exists(full)) return;
            if (File.Exists(full))
            {
                if (!full.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                    missing.Add(new MissingPath(key, text!.Trim(), "'" + text.Trim() + "' is a file but not a .sql migration; name a folder of .sql migrations or a single .sql file."));
                return;
            }
            missing.Add(new MissingPath(key, text!.Trim(), "'" + text.Trim() + "' does not exist in the repository; name a folder of .sql migrations or a single .sql file (default " + DefaultMigrations + ")."));
        }

        /// <summary>A configured folder (routes, pages, docs, a connectorRoutes entry) must be a folder that exists.</summary>
        private void CheckFolder(string full, string key, string? text, string what)
        {
            if (Directory.Exists(full)) return;
            var shown = text!.Trim();
            missing.Add(new MissingPath(key, shown, File.Exists(full)
                ? "'" + shown + "' is a file; name " + what + "."
                : "'" + shown + "' does not exist in the repository; name " + what + "."));
        }

        /// <summary>A configured code entry must name a folder, a file, or (ending in '*') a name prefix that something in its folder has.</summary>
        private void CheckCodeEntry(string full, bool prefix, string key, string? text)
        {
            var shown = text!.Trim();
            if (!prefix)
            {
                if (Directory.Exists(full) || File.Exists(full)) return;
                missing.Add(new MissingPath(key, shown, "'" + shown + "' does not exist in the repository; name a folder or file of the connector's code."));
                return;
            }
            var parent = Path.GetDirectoryName(full);
            var name = Path.GetFileName(full);
            bool any = false;
            try { any = parent != null && Directory.Exists(parent) && Directory.EnumerateFileSystemEntries(parent, name + "*").Any(); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            if (!any) missing.Add(new MissingPath(key, shown, "nothing in the repository matches '" + shown + "'; name a folder, a file or a name prefix of the connector's code."));
        }

        /// <summary>A configured env example entry must be a file that exists (else no handoff env var would be checked against it).</summary>
        private void CheckEnvExampleEntry(string full, string key, string? text)
        {
            if (File.Exists(full)) return;
            if (Directory.Exists(full))
                missing.Add(new MissingPath(key, text!.Trim(), "'" + text.Trim() + "' is a folder; name the file that documents the env vars (such as " + DefaultEnvExamples[0] + ")."));
            else
                missing.Add(new MissingPath(key, text!.Trim(), "'" + text.Trim() + "' does not exist in the repository; name a file that documents the env vars (default: whichever of " +
                    string.Join(", ", DefaultEnvExamples) + " exist at the root)."));
        }

        /// <summary>Records a problem of the plan's repository paths (while building), or throws it at once (afterwards).</summary>
        private void Problem(string errorId, string key, string why, string? text)
        {
            var message = At(building, key) + key + ": " + why;
            if (problems == null) throw new RolloutException(errorId, message, text);
            problems.Add((errorId, message, text));
        }

        /// <summary>Throws the problems found while building, all in one exception, each line positioned in the plan file.</summary>
        private void ThrowProblems()
        {
            if (problems == null || problems.Count == 0) return;
            var ordered = problems;
            var first = ordered[0];
            if (ordered.Count == 1) throw new RolloutException(first.Id, first.Message, first.Text);
            var plan = building?.SourcePath ?? "The plan";
            throw new RolloutException(first.Id,
                plan + " has " + ordered.Count + " problems with its repository paths:" + string.Concat(ordered.Select(p => Environment.NewLine + "  " + p.Message)), first.Text);
        }

        /// <summary>
        /// The key of entry <paramref name="index"/> of a list that may be written as one scalar: <c>repository.migrations[1]</c>,
        /// or <c>repository.migrations</c> for a single entry written as a scalar (<c>migrations: db/migrations</c>).
        /// </summary>
        private static string EntryKey(RolloutPlan plan, string list, int index, int count)
        {
            var indexed = list + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            if (count > 1) return indexed;
            var item = plan.GetLocation(indexed);
            var whole = plan.GetLocation(list);
            return item != null && whole != null && (item.Line != whole.Line || item.Column != whole.Column) ? indexed : list;
        }

        /// <summary>"file:line:column: " of a plan key (or of its nearest enclosing key written in the file); empty for a plan without a file.</summary>
        private static string At(RolloutPlan? plan, string key)
        {
            var location = plan?.GetLocation(key);
            if (location == null) return plan?.SourcePath != null ? plan.SourcePath + ": " : "";
            return (location.File ?? plan!.SourcePath ?? "<plan>") + ":" + location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" +
                   location.Column.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": ";
        }

        /// <summary>True when an absolute path lies below one of <see cref="ConnectorRouteFolders"/>.</summary>
        public bool InConnectorRouteFolder(string absolutePath)
            => ConnectorRouteFolders.Any(f => IsBelow(f, absolutePath));

        /// <summary>True when an absolute path lies below the Pages Router API folder.</summary>
        public bool InPages(string absolutePath) => PagesRoot != null && IsBelow(PagesRoot, absolutePath);

        internal static bool IsBelow(string folder, string path)
            => path.Length > folder.Length && path.StartsWith(folder, PathComparison) && IsSeparator(path[folder.Length]);

        /// <summary>
        /// The route a file serves, as a plan names it: an App Router <c>route.ts</c> is <see cref="RouteBase"/> + its folders
        /// below <see cref="RoutesRoot"/> (route groups and slots left out); a Pages Router file is <c>/api/</c> + its path
        /// below <see cref="PagesRoot"/> without the extension (<c>index</c> names its folder).
        /// </summary>
        public string PlanPathOf(string file)
        {
            if (InPages(file)) return PagesRouter.UrlOf(file.Substring(PagesRoot!.Length + 1));
            var app = RouteInventory.PlanPathOf(RoutesRoot, file);
            return RouteBase == "/api" ? app : (RouteBase + app.Substring(4)).Length == 0 ? "/" : RouteBase + app.Substring(4);
        }

        /// <summary>The path relative to the root with '/' separators (for evidence such as <c>src/app/api/x/route.ts:12</c>).</summary>
        public string Relative(string absolutePath)
        {
            if (absolutePath == null) throw new ArgumentNullException(nameof(absolutePath));
            return Paths.Relative(absolutePath);
        }

        /// <summary>Resolves a repository-relative path ('/' separators) to an absolute path inside the root, or throws.</summary>
        public string Resolve(string relativePath) => Resolved(relativePath, null, "path");

        /// <summary>True when an absolute path is the root or below it (textually; symbolic links are checked by <see cref="Resolve"/>).</summary>
        public bool Contains(string absolutePath) => Paths.Contains(absolutePath);

        /// <summary>
        /// <see cref="Resolved"/>, except that while <see cref="For"/> builds the layout a refused path is recorded (positioned
        /// at its plan key) and null returned, so that every problem of the plan is reported at once.
        /// </summary>
        private string? Inside(string? configured, string? fallback, string key, string? baseFolder = null)
        {
            try { return Resolved(configured, fallback, key, baseFolder); }
            catch (RolloutException ex) when (problems != null)
            {
                problems.Add((ex.ErrorId, At(building, key) + ex.Message, ex.Target as string));
                return null;
            }
        }

        private string Resolved(string? configured, string? fallback, string key, string? baseFolder = null)
        {
            var value = string.IsNullOrWhiteSpace(configured) ? fallback : configured;
            return Paths.Resolve(value, key, baseFolder);
        }

        /// <summary>True when an entry found while enumerating is a link that leads outside the root (and must not be read).</summary>
        internal bool LeadsOutside(FileSystemInfo info) => Paths.LeadsOutside(info);

        /// <summary><see cref="LeadsOutside(FileSystemInfo)"/> for an entry of a <see cref="FolderListing"/>.</summary>
        internal bool LeadsOutside(FolderEntry entry) => Paths.LeadsOutside(entry);

        private static bool IsSeparator(char c) => c == '/' || c == '\\';

        internal static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>A configured repository path that names nothing the gate can read (SPEC §8): its plan key, the entry, and why.</summary>
    public sealed class MissingPath
    {
        public MissingPath(string key, string entry, string message) { Key = key; Entry = entry; Message = message; }
        /// <summary>The plan key, e.g. <c>repository.migrations[1]</c>.</summary>
        public string Key { get; }
        /// <summary>The entry as the plan gives it (trimmed).</summary>
        public string Entry { get; }
        /// <summary>What is wrong with it, without the key (e.g. "'db/x' does not exist in the repository; ...").</summary>
        public string Message { get; }
        public override string ToString() => Key + ": " + Message;
    }
}
