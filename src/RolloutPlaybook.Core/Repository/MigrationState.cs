using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What PostgreSQL would hold after applying the forward migrations (<c>*.sql</c> directly in the migrations
    /// folder, in file-name order, <c>_down.sql</c> rollbacks excluded): the partial unique indexes on
    /// <c>entity_external_ids</c> that enforce 1:1 sources. <c>DROP INDEX [IF EXISTS] a, b</c> removes,
    /// <c>CREATE … INDEX IF NOT EXISTS</c> leaves an existing index unchanged, a plain <c>CREATE</c> defines,
    /// <c>ALTER INDEX … RENAME TO</c> renames and <c>DROP TABLE</c> takes the table's indexes with it.
    /// </summary>
    public sealed class MigrationState
    {
        /// <summary>The default identity table (<c>repository.identityTable</c> overrides it).</summary>
        public const string IdentityTable = "entity_external_ids";

        /// <summary>Migration files bigger than this are refused (a repository scan must not read data dumps).</summary>
        internal const long MaxMigrationBytes = 16L * 1024 * 1024;

        private readonly RepositoryLayout layout;

        private readonly IReadOnlyList<string?> forwardTexts;
        // The statements each forward text was split into for the index state (null for a skipped file), kept for the
        // drafter's look at what each migration changes (CodeFactsReader.ConnectorMigrations): split once per load.
        private IReadOnlyList<List<List<SqlToken>>?> forwardStatements = Array.Empty<List<List<SqlToken>>?>();

        private MigrationState(RepositoryLayout layout, IReadOnlyList<string> forward, IReadOnlyList<string?> forwardTexts, IReadOnlyList<IdentityIndex> indexes,
            IReadOnlyList<UniqueKey> uniqueKeys, IReadOnlyList<string> skipped)
        {
            this.layout = layout; ForwardFiles = forward; this.forwardTexts = forwardTexts; OneToOneIndexes = indexes; UniqueKeys = uniqueKeys; SkippedFiles = skipped;
        }

        /// <summary>
        /// Table-wide uniqueness in the final state (SPEC §8): UNIQUE constraints (inline, table constraints,
        /// <c>ALTER TABLE … ADD [CONSTRAINT …] UNIQUE</c>), primary keys and unique indexes without a WHERE predicate,
        /// ordered by table then name.
        /// </summary>
        public IReadOnlyList<UniqueKey> UniqueKeys { get; }

        /// <summary>The unique keys of one table (the last part of a qualified name, case-insensitive).</summary>
        public IEnumerable<UniqueKey> UniqueKeysOf(string table)
        {
            var name = LastPart(table);
            return UniqueKeys.Where(k => string.Equals(k.Table, name, StringComparison.OrdinalIgnoreCase));
        }

        internal static string LastPart(string qualified)
        {
            var t = (qualified ?? "").Trim();
            int dot = t.LastIndexOf('.');
            return dot >= 0 ? t.Substring(dot + 1) : t;
        }

        /// <summary>Forward migrations, relative paths, in the order they apply: the entries of repository.migrations in list order, a folder's files by name.</summary>
        public IReadOnlyList<string> ForwardFiles { get; }
        /// <summary>Partial unique indexes on entity_external_ids in the final state, ordered by name.</summary>
        public IReadOnlyList<IdentityIndex> OneToOneIndexes { get; }
        /// <summary>Forward migrations that could not be read (too big, unreadable, or a link out of the repository).</summary>
        public IReadOnlyList<string> SkippedFiles { get; }

        /// <summary>The text of <c>ForwardFiles[index]</c> as it was read for the index state; null for a skipped file.</summary>
        internal string? ForwardText(int index) => forwardTexts[index];

        /// <summary>
        /// <c>SqlScript.Statements(ForwardText(index))</c> as it was split for the index state (never changed by it); null
        /// for a skipped file. Callers only read the lists.
        /// </summary>
        internal List<List<SqlToken>>? ForwardStatements(int index) => index < forwardStatements.Count ? forwardStatements[index] : null;

        public static MigrationState Load(RepositoryLayout layout)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            var forward = new List<string>();
            var texts = new List<string?>();
            var skipped = new List<string>();
            var state = new IndexState(layout.IdentityTable);
            var files = ForwardFileInfos(layout);
            {
                // Reading and splitting are independent per file (in parallel); applying is in file order.
                var scripts = new List<List<SqlToken>>?[files.Count];
                var read = new string?[files.Count];
                RouteInventory.ForEachIndex(files.Count, default, i =>
                {
                    var text = read[i] = Read(layout, files[i]);
                    scripts[i] = text == null ? null : SqlScript.Statements(text);
                });
                for (int i = 0; i < files.Count; i++)
                {
                    var relative = layout.Relative(files[i].FullName);
                    forward.Add(relative);
                    texts.Add(read[i]);
                    if (scripts[i] == null) { skipped.Add(relative); continue; }
                    state.Apply(scripts[i]!, relative);
                }
                return new MigrationState(layout, forward, texts, state.OneToOne(), state.UniqueKeys(), skipped) { forwardStatements = scripts };
            }
        }

        /// <summary>
        /// A forward migration file: its full path and, when a <see cref="FolderListing"/> found it, the kind the listing
        /// saw (a regular file is read without a stat first; a link is checked as any link); else its FileInfo.
        /// </summary>
        private readonly struct MigrationFile
        {
            public MigrationFile(string fullName, EntryKind kind, FileInfo? info) { FullName = fullName; Kind = kind; Info = info; }
            public string FullName { get; }
            public EntryKind Kind { get; }
            /// <summary>Set when the kind is not from a listing (or the listing could not tell): the file as before.</summary>
            public FileInfo? Info { get; }
        }

        /// <summary>
        /// The forward migration files of every <c>repository.migrations</c> entry in list order: a folder's <c>*.sql</c>
        /// (not <c>_down.sql</c>) in file-name order, or the single .sql file an entry names. A file named twice applies once.
        /// </summary>
        private static List<MigrationFile> ForwardFileInfos(RepositoryLayout layout)
        {
            var result = new List<MigrationFile>();
            var seen = new HashSet<string>(RepositoryLayout.PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            foreach (var entry in layout.MigrationPaths)
            {
                var folder = new DirectoryInfo(entry);
                IEnumerable<MigrationFile> files;
                if (folder.Exists)
                {
                    if (layout.LeadsOutside(folder)) continue;
                    var listed = FolderListing.NativeLinux ? ListedForwardFiles(folder.FullName) : null;
                    if (listed != null) files = listed;
                    else
                    {
                        try
                        {
                            files = folder.EnumerateFiles("*.sql")
                                .Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)
                                            && !f.Name.EndsWith("_down.sql", StringComparison.OrdinalIgnoreCase))
                                .OrderBy(f => f.Name, StringComparer.Ordinal)
                                .Select(f => new MigrationFile(f.FullName, EntryKind.File, f))
                                .ToList();
                        }
                        catch (IOException) { continue; }
                        catch (UnauthorizedAccessException) { continue; }
                    }
                }
                else if (File.Exists(entry) && entry.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)) { var f = new FileInfo(entry); files = new[] { new MigrationFile(f.FullName, EntryKind.File, f) }; }
                else continue;
                foreach (var f in files)
                    if (seen.Add(f.FullName)) result.Add(f);
            }
            return result;
        }

        /// <summary>
        /// On 64-bit Linux, what <c>DirectoryInfo.EnumerateFiles("*.sql")</c> and the filter above give, from one
        /// <see cref="FolderListing"/> (the entry types readdir reports, no lstat per file): on Linux the pattern matches
        /// case-sensitively, so a name ending in ".sql" (then not in "_down.sql", any case); not a folder, nor a link to one
        /// (the enumeration follows a link to tell); full paths as the enumeration joins them. Ordinal name order. Null
        /// when the folder cannot be listed, its path is near PATH_MAX (see below), or a name's
        /// kind needs a second look: the enumeration then answers as before.
        /// </summary>
        private static List<MigrationFile>? ListedForwardFiles(string folderFullName)
        {
            var folder = folderFullName.Length > 1 ? folderFullName.TrimEnd('/') : folderFullName;
            if (folder.Length == 0) folder = "/";
            // Near PATH_MAX the runtime's enumeration behaves unevenly (it throws for a folder holding an entry whose path
            // is exactly 4,096 bytes): a folder whose path leaves no room for a longest name (255 bytes) is enumerated as before.
            if (System.Text.Encoding.UTF8.GetByteCount(folder) + 1 + 255 >= FolderListing.PathMaxBytes) return null;
            var entries = FolderListing.List(folder);
            if (entries == null) return null;
            var files = new List<KeyValuePair<string, MigrationFile>>();
            foreach (var e in entries)
            {
                if (!e.Name.EndsWith(".sql", StringComparison.Ordinal) || e.Name.EndsWith("_down.sql", StringComparison.OrdinalIgnoreCase)) continue;
                switch (e.Kind)
                {
                    case EntryKind.Directory: continue;
                    case EntryKind.SymbolicLink: if (Directory.Exists(e.FullPath)) continue; break;
                    case EntryKind.Regular: case EntryKind.Special: break;
                    default: return null;
                }
                files.Add(new KeyValuePair<string, MigrationFile>(e.Name, new MigrationFile(e.FullPath, e.Kind, null)));
            }
            // By name, ordinal (the names in one folder are distinct, so the sort's instability does not show).
            files.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return files.ConvertAll(f => f.Value);
        }

        /// <summary>Applies one script to a state (for tests and tools): the indexes after it, given the ones before.</summary>
        internal static IReadOnlyList<IdentityIndex> Apply(IEnumerable<KeyValuePair<string, string>> scripts)
        {
            var state = new IndexState(IdentityTable);
            foreach (var script in scripts) state.Apply(script.Value, script.Key);
            return state.OneToOne();
        }

        /// <summary>The table-wide unique keys after the scripts (for tests and tools).</summary>
        internal static IReadOnlyList<UniqueKey> ApplyUniqueKeys(IEnumerable<KeyValuePair<string, string>> scripts)
        {
            var state = new IndexState(IdentityTable);
            foreach (var script in scripts) state.Apply(script.Value, script.Key);
            return state.UniqueKeys();
        }

        private static string? Read(RepositoryLayout layout, MigrationFile file)
        {
            try
            {
                switch (file.Kind)
                {
                    // A regular file (not a link) does not lead outside; the listing saw it regular, so it is opened without a stat.
                    case EntryKind.Regular when file.Info == null: return RepositoryPath.ReadListedText(file.FullName, MaxMigrationBytes);
                    case EntryKind.SymbolicLink when file.Info == null: if (layout.LeadsOutside(new FolderEntry(Path.GetFileName(file.FullName), file.FullName, file.Kind))) return null; break;
                    case EntryKind.Special when file.Info == null: break;
                    default: if (layout.LeadsOutside(file.Info ?? new FileInfo(file.FullName))) return null; break;
                }
                return RepositoryPath.ReadText(file.FullName, MaxMigrationBytes);
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        /// <summary>True when a repository-relative path ('/' separators) names an existing file inside the repository.</summary>
        public bool Exists(string relativePath)
        {
            if (string.IsNullOrWhiteSpace(relativePath)) return false;
            try
            {
                var full = layout.Resolve(relativePath.Trim());
                return File.Exists(full);
            }
            catch (RolloutException) { return false; }
        }

        private sealed class IndexDefinition
        {
            public string Name = "";
            public string Table = "";
            public bool Unique;
            public List<string> Columns = new List<string>();
            public List<string>? Sources;
            public string RelativePath = "";
            public int Line;
            public bool Partial;
            /// <summary>"unique index", "UNIQUE constraint" or "primary key".</summary>
            public string Kind = "index";
        }

        /// <summary>The indexes of the database, by name, as the statements are applied.</summary>
        private sealed class IndexState
        {
            private readonly Dictionary<string, IndexDefinition> indexes = new Dictionary<string, IndexDefinition>(StringComparer.Ordinal);
            private readonly string identityTable;

            public IndexState(string identityTable) { this.identityTable = LastPart(identityTable); }

            public void Apply(string script, string relativePath) => Apply(SqlScript.Statements(script), relativePath);

            public void Apply(List<List<SqlToken>> statements, string relativePath)
            {
                foreach (var statement in statements)
                {
                    if (statement.Count < 2) continue;
                    if (statement[0].Is("create")) { Create(statement, relativePath); CreateTable(statement, relativePath); }
                    else if (statement[0].Is("alter") && statement[1].Is("table")) AlterTable(statement, relativePath);
                    else if (statement[0].Is("drop") && statement[1].Is("index")) DropIndexes(statement);
                    else if (statement[0].Is("drop") && statement[1].Is("table")) DropTables(statement);
                    else if (statement[0].Is("alter") && statement[1].Is("index")) Rename(statement);
                }
            }

            public IReadOnlyList<IdentityIndex> OneToOne() =>
                indexes.Values
                    .Where(d => d.Unique && string.Equals(d.Table, identityTable, StringComparison.OrdinalIgnoreCase) && d.Sources != null && d.Sources.Count > 0)
                    .OrderBy(d => d.Name, StringComparer.Ordinal)
                    .Select(d => new IdentityIndex(d.Name, d.Columns, d.Sources!, d.RelativePath, d.Line))
                    .ToList();

            public IReadOnlyList<UniqueKey> UniqueKeys() =>
                indexes.Values
                    .Where(d => d.Unique && !d.Partial)
                    .OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
                    .Select(d => new UniqueKey(d.Table, d.Name, d.Columns, d.Kind == "index" ? "unique index" : d.Kind, d.RelativePath, d.Line))
                    .ToList();

            private void AddConstraint(string table, string? name, List<string> columns, string kind, string relativePath, int line)
            {
                if (columns.Count == 0) return;
                var key = name ?? (kind == "primary key" ? table + "_pkey" : table + "_" + string.Join("_", columns) + "_key");
                indexes[key] = new IndexDefinition { Name = key, Table = table, Unique = true, Columns = columns, RelativePath = relativePath, Line = line, Kind = kind };
            }

            /// <summary>CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name ( elements ): its UNIQUE and PRIMARY KEY constraints.</summary>
            private void CreateTable(List<SqlToken> t, string relativePath)
            {
                int k = 1;
                while (k < t.Count && (t[k].Is("global") || t[k].Is("local") || t[k].Is("temp") || t[k].Is("temporary") || t[k].Is("unlogged"))) k++;
                if (k >= t.Count || !t[k].Is("table")) return;
                k++;
                bool ifNotExists = false;
                if (k + 2 < t.Count && t[k].Is("if") && t[k + 1].Is("not") && t[k + 2].Is("exists")) { ifNotExists = true; k += 3; }
                var table = QualifiedName(t, ref k);
                if (table == null || k >= t.Count || !t[k].IsSymbol('(')) return;
                if (ifNotExists && indexes.Values.Any(d => d.Table == table && d.Kind != "index")) return;
                int close = Close(t, k);
                foreach (var (from, to) in Elements(t, k + 1, close))
                    Element(t, from, to, table, relativePath, column: null);
            }

            /// <summary>ALTER TABLE [IF EXISTS] [ONLY] name [*] ADD … UNIQUE / PRIMARY KEY, ADD COLUMN … UNIQUE, DROP CONSTRAINT, DROP COLUMN.</summary>
            private void AlterTable(List<SqlToken> t, string relativePath)
            {
                int k = 2;
                if (k + 1 < t.Count && t[k].Is("if") && t[k + 1].Is("exists")) k += 2;
                if (k < t.Count && t[k].Is("only")) k++;
                var table = QualifiedName(t, ref k);
                if (table == null) return;
                if (k < t.Count && t[k].IsSymbol('*')) k++;
                foreach (var (from, to) in Elements(t, k, t.Count))
                {
                    int j = from;
                    if (j >= to) continue;
                    if (t[j].Is("add"))
                    {
                        j++;
                        if (j < to && t[j].Is("column"))
                        {
                            j++;
                            if (j + 2 < to && t[j].Is("if") && t[j + 1].Is("not") && t[j + 2].Is("exists")) j += 3;
                        }
                        Element(t, j, to, table, relativePath, column: null);
                    }
                    else if (t[j].Is("drop") && j + 1 < to && t[j + 1].Is("constraint"))
                    {
                        j += 2;
                        if (j + 1 < to && t[j].Is("if") && t[j + 1].Is("exists")) j += 2;
                        if (j < to && t[j].IsName && indexes.TryGetValue(t[j].Text, out var d) && d.Table == table) indexes.Remove(t[j].Text);
                    }
                    else if (t[j].Is("drop"))
                    {
                        j++;
                        if (j < to && t[j].Is("column")) j++;
                        if (j + 1 < to && t[j].Is("if") && t[j + 1].Is("exists")) j += 2;
                        if (j < to && t[j].IsName)
                        {
                            var column = t[j].Text;
                            foreach (var key in indexes.Where(p => p.Value.Table == table && p.Value.Columns.Contains(column)).Select(p => p.Key).ToList()) indexes.Remove(key);
                        }
                    }
                }
            }

            /// <summary>One table element: [CONSTRAINT n] UNIQUE [NULLS [NOT] DISTINCT] (cols) | PRIMARY KEY (cols) | UNIQUE USING INDEX i | column type … [UNIQUE | PRIMARY KEY].</summary>
            private void Element(List<SqlToken> t, int from, int to, string table, string relativePath, string? column)
            {
                int j = from;
                if (j >= to) return;
                string? name = null;
                if (t[j].Is("constraint") && j + 1 < to && t[j + 1].IsName) { name = t[j + 1].Text; j += 2; }
                if (j >= to) return;
                int line = t[from].Line;
                if (t[j].Is("unique") || (t[j].Is("primary") && j + 1 < to && t[j + 1].Is("key")))
                {
                    var kind = t[j].Is("unique") ? "UNIQUE constraint" : "primary key";
                    j += kind == "primary key" ? 2 : 1;
                    while (j < to && (t[j].Is("nulls") || t[j].Is("not") || t[j].Is("distinct"))) j++;
                    if (j < to && t[j].IsSymbol('('))
                    {
                        AddConstraint(table, name, Columns(t, j + 1, Close(t, j)), kind, relativePath, line);
                    }
                    else if (j + 2 < to && t[j].Is("using") && t[j + 1].Is("index") && t[j + 2].IsName && indexes.TryGetValue(t[j + 2].Text, out var index))
                    {
                        indexes.Remove(t[j + 2].Text);
                        AddConstraint(table, name ?? index.Name, index.Columns, kind, relativePath, line);
                    }
                    return;
                }
                if (t[j].Is("check") || t[j].Is("foreign") || t[j].Is("exclude") || t[j].Is("like") || name != null) return;
                // A column definition: name type [...] with an inline UNIQUE or PRIMARY KEY at its own level.
                if (!t[j].IsName) return;
                var col = t[j].Text;
                int depth = 0;
                for (int m = j + 1; m < to; m++)
                {
                    if (t[m].IsSymbol('(')) depth++;
                    else if (t[m].IsSymbol(')')) depth--;
                    else if (depth == 0 && t[m].Is("references")) break; // what follows is the referenced table's
                    else if (depth == 0 && t[m].Is("unique")) { AddConstraint(table, null, new List<string> { col }, "UNIQUE constraint", relativePath, t[m].Line); }
                    else if (depth == 0 && t[m].Is("primary") && m + 1 < to && t[m + 1].Is("key")) { AddConstraint(table, null, new List<string> { col }, "primary key", relativePath, t[m].Line); }
                }
            }

            /// <summary>The top-level comma-separated ranges [from, to) between <paramref name="from"/> and <paramref name="to"/>.</summary>
            private static IEnumerable<(int From, int To)> Elements(List<SqlToken> t, int from, int to)
            {
                int depth = 0, start = from;
                for (int j = from; j < to && j < t.Count; j++)
                {
                    if (t[j].IsSymbol('(')) depth++;
                    else if (t[j].IsSymbol(')')) depth--;
                    else if (depth == 0 && t[j].IsSymbol(','))
                    {
                        yield return (start, j);
                        start = j + 1;
                    }
                }
                yield return (start, Math.Min(to, t.Count));
            }

            private void Create(List<SqlToken> t, string relativePath)
            {
                // CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING m] (cols) ... [WHERE pred]
                int k = 1;
                bool unique = false;
                if (k < t.Count && t[k].Is("unique")) { unique = true; k++; }
                if (k >= t.Count || !t[k].Is("index")) return;
                k++;
                if (k < t.Count && t[k].Is("concurrently")) k++;
                bool ifNotExists = false;
                if (k + 2 < t.Count && t[k].Is("if") && t[k + 1].Is("not") && t[k + 2].Is("exists")) { ifNotExists = true; k += 3; }
                string? name = null;
                if (k < t.Count && !t[k].Is("on"))
                {
                    name = QualifiedName(t, ref k);
                    if (name == null) return;
                }
                if (k >= t.Count || !t[k].Is("on")) return;
                k++;
                if (k < t.Count && t[k].Is("only")) k++;
                var table = QualifiedName(t, ref k);
                if (table == null) return;
                if (k + 1 < t.Count && t[k].Is("using")) k += 2;
                if (k >= t.Count || !t[k].IsSymbol('(')) return;
                int close = Close(t, k);
                var columns = Columns(t, k + 1, close);
                k = close + 1;
                var definition = new IndexDefinition
                {
                    Name = name ?? table + "_" + string.Join("_", columns) + "_idx",
                    Table = table,
                    Unique = unique,
                    Columns = columns,
                    RelativePath = relativePath,
                    Line = t[0].Line,
                };
                int where = -1;
                int depth = 0;
                for (int j = k; j < t.Count; j++)
                {
                    if (t[j].IsSymbol('(')) depth++;
                    else if (t[j].IsSymbol(')')) depth--;
                    else if (depth == 0 && t[j].Is("where")) { where = j; break; }
                }
                if (where >= 0) { definition.Sources = Sources(t, where + 1); definition.Partial = true; }
                if (ifNotExists && indexes.ContainsKey(definition.Name)) return;
                indexes[definition.Name] = definition;
            }

            private void DropIndexes(List<SqlToken> t)
            {
                // DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]
                int k = 2;
                while (k < t.Count && (t[k].Is("concurrently") || t[k].Is("if") || t[k].Is("exists"))) k++;
                while (k < t.Count)
                {
                    var name = QualifiedName(t, ref k);
                    if (name == null) break;
                    indexes.Remove(name);
                    if (k < t.Count && t[k].IsSymbol(',')) { k++; continue; }
                    break;
                }
            }

            private void DropTables(List<SqlToken> t)
            {
                int k = 2;
                while (k < t.Count && (t[k].Is("if") || t[k].Is("exists"))) k++;
                while (k < t.Count)
                {
                    var name = QualifiedName(t, ref k);
                    if (name == null) break;
                    foreach (var key in indexes.Where(p => p.Value.Table == name).Select(p => p.Key).ToList()) indexes.Remove(key);
                    if (k < t.Count && t[k].IsSymbol(',')) { k++; continue; }
                    break;
                }
            }

            private void Rename(List<SqlToken> t)
            {
                // ALTER INDEX [IF EXISTS] name RENAME TO new_name
                int k = 2;
                if (k + 1 < t.Count && t[k].Is("if") && t[k + 1].Is("exists")) k += 2;
                var name = QualifiedName(t, ref k);
                if (name == null || k + 2 >= t.Count || !t[k].Is("rename") || !t[k + 1].Is("to")) return;
                k += 2;
                var target = QualifiedName(t, ref k);
                if (target == null || !indexes.TryGetValue(name, out var definition)) return;
                indexes.Remove(name);
                definition.Name = target;
                indexes[target] = definition;
            }

            /// <summary><c>[schema.]name</c>; returns the last part (quoted names keep their case, unquoted ones are folded).</summary>
            private static string? QualifiedName(List<SqlToken> t, ref int k)
            {
                if (k >= t.Count || !t[k].IsName) return null;
                var name = t[k].Text;
                k++;
                while (k + 1 < t.Count && t[k].IsSymbol('.') && t[k + 1].IsName)
                {
                    name = t[k + 1].Text;
                    k += 2;
                }
                return name;
            }

            private static int Close(List<SqlToken> t, int open)
            {
                int depth = 0;
                for (int j = open; j < t.Count; j++)
                {
                    if (t[j].IsSymbol('(')) depth++;
                    else if (t[j].IsSymbol(')') && --depth == 0) return j;
                }
                return t.Count;
            }

            /// <summary>The index elements between parentheses: a column name, or the text of an expression.</summary>
            private static List<string> Columns(List<SqlToken> t, int from, int to)
            {
                var columns = new List<string>();
                int depth = 0, start = from;
                for (int j = from; j <= to && j <= t.Count; j++)
                {
                    bool end = j == to || j == t.Count;
                    if (!end && t[j].IsSymbol('(')) depth++;
                    else if (!end && t[j].IsSymbol(')')) depth--;
                    if (end || (depth == 0 && t[j].IsSymbol(',')))
                    {
                        if (j > start)
                            columns.Add(j - start >= 1 && t[start].IsName && (j - start == 1 || IsOrdering(t, start + 1, j))
                                ? t[start].Text
                                : string.Join(" ", t.Skip(start).Take(j - start).Select(x => x.Text)));
                        start = j + 1;
                    }
                    if (end) break;
                }
                return columns;
            }

            /// <summary>Only ordering options (ASC, DESC, NULLS FIRST/LAST, an operator class, COLLATE) follow the column.</summary>
            private static bool IsOrdering(List<SqlToken> t, int from, int to)
            {
                for (int j = from; j < to; j++)
                    if (!t[j].IsName && !t[j].IsSymbol('.')) return false;
                return true;
            }

            /// <summary>
            /// The sources a partial-index predicate names: <c>source = 'x'</c>, <c>source IN ('a', 'b')</c>,
            /// <c>source = ANY (ARRAY['a', 'b'])</c>, with optional casts and parentheses, joined by OR.
            /// </summary>
            private static List<string> Sources(List<SqlToken> t, int from)
            {
                var sources = new List<string>();
                for (int j = from; j < t.Count; j++)
                {
                    if (!(t[j].IsName && t[j].Text == "source")) continue;
                    int k = j + 1;
                    while (k < t.Count && t[k].IsSymbol(')')) k++;       // (source)::text
                    k = SkipCast(t, k);
                    while (k < t.Count && t[k].IsSymbol(')')) k++;
                    if (k >= t.Count) break;
                    if (t[k].IsSymbol('='))
                    {
                        k++;
                        if (k < t.Count && t[k].Is("any"))
                        {
                            for (k++; k < t.Count && !t[k].IsSymbol(']') && !t[k].Is("and") && !t[k].Is("or"); k++)
                                if (t[k].Kind == SqlTokenKind.String) sources.Add(t[k].Text);
                            continue;
                        }
                        while (k < t.Count && t[k].IsSymbol('(')) k++;
                        if (k < t.Count && t[k].Kind == SqlTokenKind.String) sources.Add(t[k].Text);
                    }
                    else if (t[k].Is("in") && k + 1 < t.Count && t[k + 1].IsSymbol('('))
                    {
                        int close = Close(t, k + 1);
                        for (int m = k + 2; m < close && m < t.Count; m++)
                            if (t[m].Kind == SqlTokenKind.String) sources.Add(t[m].Text);
                    }
                }
                return sources.Distinct(StringComparer.Ordinal).ToList();
            }

            private static int SkipCast(List<SqlToken> t, int k)
            {
                while (k + 1 < t.Count && t[k].Kind == SqlTokenKind.Symbol && t[k].Text == "::" && t[k + 1].IsName)
                {
                    k += 2;
                    while (k + 1 < t.Count && t[k].IsSymbol('.') && t[k + 1].IsName) k += 2;
                }
                return k;
            }
        }
    }
}
