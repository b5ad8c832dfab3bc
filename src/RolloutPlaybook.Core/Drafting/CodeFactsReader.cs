using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
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
        private static readonly Regex FromCall = new Regex(@"\.[ \t\r\n]*from[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex FilterCall = new Regex(@"\.[ \t\r\n]*(?:eq|match)[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex RoleGuard = new Regex(@"\brequireRole[ \t\r\n]*\([ \t\r\n]*(?=['""`])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex SourceProperty = Property("source");
        private static readonly Regex EntityTypeProperty = Property("entity_type");
        private static readonly Regex AdminGuard = new Regex(@"\brequireAdmin[ \t\r\n]*\(", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>Reads the facts of <paramref name="plan"/>'s connector (its <c>repository:</c> settings give the layout).</summary>
        public static CodeFacts Read(RolloutPlan plan, string repositoryRoot, CancellationToken cancel = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var layout = RepositoryLayout.For(plan, repositoryRoot);
            var facts = Read(layout, plan.Routes.Select(r => r.Path), cancel);
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
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            var elsewhere = RoutesNamingConnector(layout, cancel);
            if (listedRoutes != null) elsewhere.AddRange(listedRoutes);
            // Each route file is read once: its handlers' guards and writes are taken while the inventory has its text.
            var read = new System.Collections.Concurrent.ConcurrentDictionary<string, CodeRoute>(StringComparer.Ordinal);
            var options = new RouteScanOptions { SourceRead = (file, source) => read[file.FilePath] = ReadRoute(file, source) };
            var inventory = RouteInventory.Scan(layout, elsewhere, options, cancel);
            var routes = inventory.Routes.Select(file => read.TryGetValue(file.FilePath, out var route) ? route : ReadRoute(file, null)).ToList();

            var usage = EnvUsage.Scan(layout, inventory);
            var env = usage.Reads
                .GroupBy(r => r.Name, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeEnvVar(g.Key, g.Select(r => r.At).Distinct(StringComparer.Ordinal).ToList(), usage.EnvExample != null && usage.EnvExample.ContainsKey(g.Key)))
                .ToList();

            var state = MigrationState.Load(layout);
            var indexes = state.OneToOneIndexes.Select(x => new CodeIdentityIndex(x.Name, x.Columns, x.Sources, x.At)).ToList();
            var migrations = ConnectorMigrations(layout, state, routes);
            var unique = state.UniqueKeys
                .Where(k => !k.Kind.StartsWith("primary", StringComparison.OrdinalIgnoreCase))
                .GroupBy(k => k.Table, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(k => k.Name + " (" + string.Join(", ", k.Columns) + ") at " + k.At).ToList(), StringComparer.OrdinalIgnoreCase);
            return new CodeFacts(layout.Connector, routes, env, migrations, indexes, usage.EnvExample != null, layout.IdentityTable) { UniqueKeys = unique };
        }

        /// <summary>
        /// Plan paths of the route files outside the connector's folder whose own folders name the connector as a word
        /// of a folder name (<c>cron/slack-sync</c>, <c>webhooks/slack</c>), ordinal order.
        /// </summary>
        private static List<string> RoutesNamingConnector(RepositoryLayout layout, CancellationToken cancel)
        {
            var found = new List<string>();
            if (!Directory.Exists(layout.RoutesRoot)) return found;
            var naming = new Regex(@"(?:^|[-_.])" + Regex.Escape(layout.Connector) + @"(?:$|[-_.])", RegexOptions.CultureInvariant);
            // Folder names only (no file listings, no stat per folder) down to a folder naming the connector; the
            // connector's own folder is the inventory's and is not walked here.
            var pending = new Stack<KeyValuePair<string, int>>();
            pending.Push(new KeyValuePair<string, int>(layout.RoutesRoot, 0));
            var named = new List<string>();
            while (pending.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                var item = pending.Pop();
                IEnumerable<string> subs;
                try { subs = Directory.EnumerateDirectories(item.Key).ToList(); }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { continue; }
                foreach (var sub in subs)
                {
                    var name = Path.GetFileName(sub);
                    if (name.StartsWith("_", StringComparison.Ordinal) || name == "node_modules") continue;
                    if (string.Equals(sub, layout.ConnectorRouteFolder, RepositoryLayout.PathComparison)) continue;
                    if (name.IndexOf(layout.Connector, StringComparison.Ordinal) >= 0 && naming.IsMatch(name)) named.Add(sub);
                    else if (item.Value < 32) pending.Push(new KeyValuePair<string, int>(sub, item.Value + 1));
                }
            }
            named.Sort(StringComparer.Ordinal);
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

        /// <summary>
        /// A folder under the routes root that serves routes: outside the connector's own folder (scanned on its own),
        /// no private (<c>_name</c>) or node_modules folder on the way, no link out of the repository, not too deep.
        /// </summary>
        private static bool Routable(RepositoryLayout layout, string folder)
        {
            var relative = folder.Length > layout.RoutesRoot.Length ? folder.Substring(layout.RoutesRoot.Length + 1) : "";
            var segments = relative.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 32) return false;
            var connectorFolder = layout.ConnectorRouteFolder;
            if (string.Equals(folder, connectorFolder, RepositoryLayout.PathComparison)
                || folder.StartsWith(connectorFolder + Path.DirectorySeparatorChar, RepositoryLayout.PathComparison)) return false;
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

        private static CodeRoute ReadRoute(RouteFile file, ScriptSource? source)
        {
            var handlers = new List<CodeHandler>();
            foreach (var h in file.Handlers)
            {
                string? guard = null;
                int? guardLine = null;
                if (h.ChecksCronSecret) { guard = "cron"; guardLine = h.CronSecretLine; }
                else if (h.HasAuthGuard) { guard = source == null ? "session" : GuardKind(source, h); guardLine = h.AuthGuardLine; }
                var writes = source == null ? new List<CodeWrite>() : Writes(source, h);
                handlers.Add(new CodeHandler(h.Method, h.Line, guard, guardLine, h.ReadsBody ? h.BodyReadLine : null, h.ValidatesBody ? h.ValidationLine : null, writes));
            }
            return new CodeRoute(file.PlanPath, file.RelativePath, file.InConnectorFolder, handlers);
        }

        /// <summary>The plan's auth value for the guard a handler calls: the role of <c>requireRole('x')</c>, admin, or session.</summary>
        private static string GuardKind(ScriptSource source, RouteHandler h)
        {
            Span(source, h, out int start, out int end);
            var role = RoleGuard.Match(source.Code, start, end - start);
            if (role.Success && source.TryReadLiteral(role.Index + role.Length, out var name, out _) && Regex.IsMatch(name, "^[a-z][a-z0-9_-]*$"))
                return name;
            if (role.Success || AdminGuard.Match(source.Code, start, end - start).Success) return "admin";
            return "session";
        }

        /// <summary>The offsets of the handler's lines, export line to end line.</summary>
        private static void Span(ScriptSource source, RouteHandler h, out int start, out int end)
        {
            start = OffsetOfLine(source.Raw, h.Line, 1, 0);
            end = OffsetOfLine(source.Raw, Math.Max(h.EndLine, h.Line) + 1, h.Line, start);
        }

        /// <summary>The offset of a 1-based line, counting on from a known line's offset.</summary>
        private static int OffsetOfLine(string text, int line, int fromLine, int fromOffset)
        {
            int offset = fromOffset;
            for (int l = fromLine; l < line; l++)
            {
                int next = text.IndexOf('\n', offset);
                if (next < 0) return text.Length;
                offset = next + 1;
            }
            return offset;
        }

        /// <summary>The supabase-js writes in a handler's lines, in source order.</summary>
        private static List<CodeWrite> Writes(ScriptSource source, RouteHandler h)
        {
            var writes = new List<CodeWrite>();
            Span(source, h, out int start, out int end);
            var code = source.Code;
            for (var m = WriteCall.Match(code, start, end - start); m.Success; m = m.NextMatch())
            {
                var op = ParseOp(m.Groups[1].Value);
                int open = m.Index + m.Length - 1;
                int close = MatchClose(code, open);
                if (close < 0) close = end;
                int line = source.LineOf(m.Index);
                if (op == CodeWriteOp.Rpc)
                {
                    int q = SkipSpace(code, open + 1);
                    writes.Add(new CodeWrite(source.TryReadLiteral(q, out var fn, out _) ? fn : null, op, null, null, null, false, false, line));
                    continue;
                }
                // A write is a supabase-js call only when its chain starts with .from('table').
                int statement = StatementStart(code, m.Index, start);
                var froms = FromCall.Matches(code.Substring(statement, m.Index - statement));
                if (froms.Count == 0) continue;
                var from = froms[froms.Count - 1];
                if (!source.TryReadLiteral(statement + from.Index + from.Length, out var table, out _)) continue;
                string? sourceValue, entityType;
                if (op == CodeWriteOp.Insert || op == CodeWriteOp.Upsert)
                {
                    sourceValue = PropertyLiteral(source, SourceProperty, open, close);
                    entityType = PropertyLiteral(source, EntityTypeProperty, open, close);
                    // Rows built into a variable first: the last such literal before the call, in the handler.
                    int first = SkipSpace(code, open + 1);
                    if (sourceValue == null && first < close && (char.IsLetter(code[first]) || code[first] == '_' || code[first] == '$'))
                    {
                        sourceValue = LastPropertyLiteral(source, SourceProperty, start, m.Index);
                        entityType ??= LastPropertyLiteral(source, EntityTypeProperty, start, m.Index);
                    }
                }
                else
                {
                    int stop = StatementEnd(code, close, end);
                    sourceValue = FilterLiteral(source, "source", close, stop);
                    entityType = FilterLiteral(source, "entity_type", close, stop);
                }
                IReadOnlyList<string>? onConflict = null;
                bool ignore = false;
                if (op == CodeWriteOp.Upsert)
                {
                    var upsert = h.Upserts.FirstOrDefault(u => u.Line == line);
                    if (upsert != null) { onConflict = upsert.OnConflict; ignore = upsert.IgnoreDuplicates; }
                }
                writes.Add(new CodeWrite(table, op, sourceValue, entityType, onConflict, ignore, h.Handles23505, line));
            }
            return writes;
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

        private static string? LastPropertyLiteral(ScriptSource source, Regex pattern, int from, int to)
        {
            string? last = null;
            for (var m = pattern.Match(source.Code, from, Math.Max(0, to - from)); m.Success; m = m.NextMatch())
                if (source.TryReadLiteral(m.Index + m.Length, out var value, out _)) last = value;
            return last;
        }

        /// <summary><c>.eq('name', 'x')</c> / <c>.match('name', 'x')</c> in [from, to): the value literal, or null.</summary>
        private static string? FilterLiteral(ScriptSource source, string column, int from, int to)
        {
            var code = source.Code;
            for (var m = FilterCall.Match(code, from, Math.Max(0, to - from)); m.Success; m = m.NextMatch())
            {
                if (!source.TryReadLiteral(m.Index + m.Length, out var name, out var after) || name != column) continue;
                int k = SkipSpace(code, after);
                if (k >= code.Length || code[k] != ',') continue;
                k = SkipSpace(code, k + 1);
                if (source.TryReadLiteral(k, out var value, out _)) return value;
            }
            return null;
        }

        /// <summary>Where the statement holding <paramref name="at"/> starts: after the last ';', '{' or '}' before it.</summary>
        private static int StatementStart(string code, int at, int floor)
        {
            for (int k = at - 1; k >= floor; k--)
                if (code[k] == ';' || code[k] == '{' || code[k] == '}') return k + 1;
            return floor;
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

        private static int MatchClose(string code, int open)
        {
            int depth = 0;
            for (int k = open; k < code.Length; k++)
            {
                char c = code[k];
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') { if (--depth == 0) return k; if (depth < 0) return -1; }
            }
            return -1;
        }

        private static int SkipSpace(string code, int k)
        {
            while (k < code.Length && char.IsWhiteSpace(code[k])) k++;
            return k;
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
                    foreach (var statement in SqlScript.Statements(text))
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
