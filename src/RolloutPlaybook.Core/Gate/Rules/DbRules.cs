using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Core.Security;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>What the database rules share: running a query with its evidence line, and showing rows safely.</summary>
    internal static class LiveEvidence
    {
        public const int ShownRows = 5;
        private const int MaxCell = 80;

        /// <summary>The identity table: <c>repository.identityTable</c>, else SPEC §2's entity_external_ids.</summary>
        public static string IdentityTable(GateContext context)
            => string.IsNullOrWhiteSpace(context.Plan.Repository.IdentityTable) ? MigrationState.IdentityTable : context.Plan.Repository.IdentityTable!.Trim();

        /// <summary>A linking point kept in the app's own table (<c>table</c> + <c>key</c>, SPEC §8) rather than the identity table.</summary>
        public static bool InOwnTable(LinkingPoint lp) => !string.IsNullOrWhiteSpace(lp.Table) && lp.Key.Count > 0;

        public static string QuoteName(string name)
            => string.Join(".", name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"") + "\""));

        public static LiveQueryResult Run(GateContext context, string sql, int keepRows, params string[] parameters)
            => context.Database!.Query(sql, parameters, keepRows, context.Cancellation);

        /// <summary><c>database NAME: what (N rows)</c> — the query named in words, never the connection string.</summary>
        public static string Line(GateContext context, string what, LiveQueryResult result)
            => "database " + context.Database!.Name + ": " + what +
               (result.Failed ? " (error)" : " (" + result.RowCount.ToString(CultureInfo.InvariantCulture) + (result.RowCount == 1 ? " row)" : " rows)"));

        public static string Rows(long count) => Count(count, "row", "rows");

        public static string Count(long count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

        /// <summary>
        /// Up to five rows as <c>(col=value, ...)</c>; a value (or column name) that looks like a credential, or holds this
        /// connection's password or connection string, is replaced by its kind.
        /// </summary>
        public static string Show(GateContext context, LiveQueryResult result)
        {
            var shown = result.Rows.Take(ShownRows).Select(row =>
                "(" + string.Join(", ", row.Select((value, i) => Cell(context, i < result.Columns.Count ? result.Columns[i] : "?") + "=" + Cell(context, value))) + ")");
            var text = string.Join("; ", shown);
            return result.RowCount > ShownRows ? text + "; ... " + (result.RowCount - ShownRows).ToString(CultureInfo.InvariantCulture) + " more" : text;
        }

        public static string Cell(GateContext context, string? value)
        {
            if (value == null) return "NULL";
            // The connection's own password (or the whole connection string), and password=… / postgresql://user:…@ shapes.
            if (context.Database != null && context.Database.Redact(value) != value) return "<redacted: a password or connection string>";
            if (DatabaseConnectionString.Redact(value, null) != value) return "<redacted: a password or connection string>";
            var secret = SecretDetector.Detect(value);
            if (secret.Found) return "<redacted: " + secret.Description + ">";
            value = value.Replace("\r", " ").Replace("\n", " ");
            return value.Length > MaxCell ? value.Substring(0, MaxCell) + "..." : value;
        }

        public static string Describe(LiveQueryError error) => error.ToString();
    }

    /// <summary>RP.Db.MigrationsApplied: the forward migrations vs supabase_migrations.schema_migrations, both ways.</summary>
    internal sealed class MigrationsAppliedRule : IGateRule
    {
        internal const string AppliedQuery = "select version::text from supabase_migrations.schema_migrations order by version";
        private static readonly Regex LeadingDigits = new Regex(@"^[0-9]+", RegexOptions.CultureInvariant);

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Db.MigrationsApplied", RuleSeverity.Error,
            "The live database has applied exactly the repository's forward migrations.",
            "Reads the applied migrations from supabase_migrations.schema_migrations (as the Supabase CLI records them) and matches them by version, the file name's leading digits, against the repository's forward migrations (_down.sql rollbacks are never expected). A forward migration that is not applied is a Fail; so is an applied version that no migration file has.",
            "Apply the missing migrations (supabase db push, or run them in order), or add the file of a migration that was applied by hand to the repository.",
            true, RulePhases.Ops, needsDatabase: true);

        public RolloutRule Rule => Info;

        /// <summary>The version the Supabase CLI records for a migration file: its name's leading digits (null when it has none).</summary>
        public static string? Version(string relativePath)
        {
            var match = LeadingDigits.Match(Path.GetFileName(relativePath));
            return match.Success ? match.Value : null;
        }

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var forward = context.Repository.Migrations.ForwardFiles;
            var result = LiveEvidence.Run(context, AppliedQuery, int.MaxValue);
            var what = "applied migrations (" + AppliedQuery + ")";
            var evidence = LiveEvidence.Line(context, what, result);
            if (result.Failed)
            {
                yield return context.Result(Rule, GateOutcome.Fail, "supabase_migrations.schema_migrations",
                    "Could not read the applied migrations: " + LiveEvidence.Describe(result.Error!) + ".", "repository", null, new[] { evidence });
                yield break;
            }
            var applied = new HashSet<string>(result.Rows.Select(r => r.Count > 0 ? r[0] ?? "" : ""), StringComparer.Ordinal);
            var versions = new HashSet<string>(StringComparer.Ordinal);
            bool problems = false;
            foreach (var file in forward)
            {
                var version = Version(file);
                if (version == null)
                {
                    problems = true;
                    yield return context.Result(Rule, GateOutcome.Warn, file,
                        "Migration " + file + " has no version (its name does not start with digits), so it cannot be matched with the applied list.",
                        "repository", null, new[] { file, evidence }).At(context, file, 1);
                    continue;
                }
                versions.Add(version);
                if (!applied.Contains(version))
                {
                    problems = true;
                    yield return context.Result(Rule, GateOutcome.Fail, file,
                        "Migration " + file + " (version " + version + ") is not applied to the database: supabase_migrations.schema_migrations has no row for it.",
                        "repository", null, new[] { file, evidence }).At(context, file, 1);
                }
            }
            foreach (var version in applied.Where(v => !versions.Contains(v)).OrderBy(v => v, StringComparer.Ordinal))
            {
                problems = true;
                yield return context.Result(Rule, GateOutcome.Fail, version,
                    "Version " + version + " is applied to the database, but no forward migration in the repository has that version.",
                    "repository", null, new[] { evidence });
            }
            if (!problems)
                yield return context.Result(Rule, GateOutcome.Pass, "supabase_migrations.schema_migrations",
                    "All " + forward.Count.ToString(CultureInfo.InvariantCulture) + " forward migrations are applied, and the database lists no other (" +
                    LiveEvidence.Rows(result.RowCount) + " in supabase_migrations.schema_migrations).", "repository", null, new[] { evidence });
        }
    }

    /// <summary>A live unique index (or constraint) on the identity table, as the catalogue reports it.</summary>
    internal sealed class LiveUniqueIndex
    {
        public LiveUniqueIndex(string name, IReadOnlyList<string> columns, string? predicate, bool valid)
        {
            Name = name; Columns = columns; Predicate = predicate; Valid = valid;
            Sources = LivePredicate.Sources(predicate, out var understood);
            Understood = understood;
        }

        public string Name { get; }
        public IReadOnlyList<string> Columns { get; }
        public string? Predicate { get; }
        public bool Valid { get; }
        /// <summary>The sources its predicate admits; null: every source (no predicate).</summary>
        public IReadOnlyList<string>? Sources { get; }
        /// <summary>False when the predicate is more than a test of source (then it cannot be said to cover a source).</summary>
        public bool Understood { get; }

        public bool PerEntity => Columns.Contains("entity_id", StringComparer.Ordinal) && Columns.Contains("source", StringComparer.Ordinal);

        public bool Covers(string source) => Valid && Understood && PerEntity && (Sources == null || Sources.Contains(source, StringComparer.Ordinal));

        public override string ToString()
            => Name + " (" + string.Join(", ", Columns) + ")" + (Predicate == null ? "" : " WHERE " + Predicate) + (Valid ? "" : " [invalid]");
    }

    /// <summary>Reads PostgreSQL's deparsed index predicate: <c>(source = 'x'::text)</c>, <c>(source = ANY (ARRAY['a'::text, 'b'::text]))</c>, joined by OR.</summary>
    internal static class LivePredicate
    {
        private static readonly Regex Literal = new Regex(@"'((?:[^']|'')*)'(?:::[a-z ]+(?:\[\])?)?", RegexOptions.CultureInvariant);
        private static readonly Regex OnlySourceTests = new Regex(@"^(?:[\s()\[\],=]|\bsource\b|\bany\b|\barray\b|\bor\b|\bin\b|\bLITERAL\b)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static IReadOnlyList<string>? Sources(string? predicate, out bool understood)
        {
            understood = true;
            if (string.IsNullOrWhiteSpace(predicate)) return null;
            var sources = new List<string>();
            var rest = Literal.Replace(predicate!, m => { sources.Add(m.Groups[1].Value.Replace("''", "'")); return " LITERAL "; });
            understood = sources.Count > 0 && OnlySourceTests.IsMatch(rest) && Regex.IsMatch(rest, @"\bsource\b", RegexOptions.IgnoreCase);
            return understood ? sources : Array.Empty<string>();
        }
    }

    /// <summary>RP.Db.OneToOneLive: the live unique indexes on the identity table vs the plan's cardinalities.</summary>
    internal sealed class OneToOneLiveRule : IGateRule
    {
        /// <summary>
        /// The unique indexes of a table with their key columns in order. An expression column (indkey 0) is shown as its
        /// expression in parentheses, so it never matches a plain column; INCLUDE columns are not key columns and are left
        /// out. The columns are joined by U+001F, which neither a name nor a deparsed expression holds.
        /// </summary>
        internal static readonly string IndexQuery =
            "select c.relname::text, " +
            "array_to_string(array(select coalesce(a.attname::text, '(' || pg_get_indexdef(i.indexrelid, k.ord::int, true) || ')') " +
            "from unnest(i.indkey) with ordinality as k(attnum, ord) " +
            "left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum and k.attnum <> 0 " +
            "where k.ord <= i.indnkeyatts order by k.ord), chr(31)), " +
            "pg_get_expr(i.indpred, i.indrelid), i.indisvalid::text " +
            "from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = to_regclass($1) and i.indisunique order by c.relname";

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Db.OneToOneLive", RuleSeverity.Error,
            "The live unique indexes enforce every strict 1:1 source and no 1:N one.",
            "Reads the valid unique indexes and constraints on the identity table (entity_external_ids) from the database catalogue. Every linking point with cardinality 1:1 enforced in db must be covered by one keyed per entity (entity_id and source) whose predicate includes the source; a 1:N source covered by one is a Fail. A migration file proves nothing if it was never applied or the index was dropped by hand.",
            "Re-create the partial unique index on entity_external_ids(entity_type, entity_id, source) WHERE source IN (...) in the database (apply the migration that defines it), after removing duplicate mappings it would reject.",
            false, RulePhases.Mapping, needsDatabase: true);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var table = LiveEvidence.IdentityTable(context);
            var exists = LiveEvidence.Run(context, "select (to_regclass($1) is not null)::text", 1, LiveEvidence.QuoteName(table));
            var what = "unique indexes on " + table + " (pg_index)";
            if (exists.Failed || exists.Rows.Count == 0 || exists.Rows[0][0] != "true")
            {
                var why = exists.Failed ? "could not look it up: " + LiveEvidence.Describe(exists.Error!) : "it does not exist (or this role cannot see it)";
                yield return context.Result(Rule, GateOutcome.Fail, table, "The identity table " + table + " is not in the database: " + why + ".", "linkingPoints",
                    PhaseName.Mapping, new[] { LiveEvidence.Line(context, "to_regclass('" + table + "')", exists) });
                yield break;
            }
            var result = LiveEvidence.Run(context, IndexQuery, int.MaxValue, LiveEvidence.QuoteName(table));
            var evidence = LiveEvidence.Line(context, what, result);
            if (result.Failed)
            {
                yield return context.Result(Rule, GateOutcome.Fail, table, "Could not read the unique indexes of " + table + ": " + LiveEvidence.Describe(result.Error!) + ".",
                    "linkingPoints", PhaseName.Mapping, new[] { evidence });
                yield break;
            }
            var indexes = Indexes(result);
            var points = context.Plan.LinkingPoints;
            bool any = false;
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                if (lp.Cardinality == null || string.IsNullOrEmpty(lp.Source)) continue; // RP.Map.SourceDeclared reports it
                var key = PlanKeys.Index("linkingPoints", i) + ".cardinality";
                if (LiveEvidence.InOwnTable(lp))
                {
                    var own = OwnTableResult(context, lp, key);
                    if (own != null) { any = true; yield return own; }
                    continue;
                }
                var covering = indexes.Where(x => x.Covers(lp.Source)).ToList();
                if (lp.Cardinality == Cardinality.OneToOne && lp.EnforcedIn != EnforcedIn.App)
                {
                    any = true;
                    if (covering.Count > 0)
                        yield return context.Result(Rule, GateOutcome.Pass, lp.Source,
                            "1:1 source '" + lp.Source + "' is enforced in the database by " + covering[0] + ".", key, PhaseName.Mapping, new[] { evidence });
                    else
                    {
                        var live = indexes.Count == 0 ? "it has no unique index at all" : "its unique indexes are " + PlanKeys.List(indexes.Select(x => x.ToString()));
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                            "1:1 source '" + lp.Source + "' is not enforced in the database: no valid unique index on " + table + " keyed per entity (entity_type, entity_id, source) covers it; " + live + ".",
                            key, PhaseName.Mapping, new[] { evidence });
                    }
                }
                else if (lp.Cardinality == Cardinality.OneToMany)
                {
                    any = true;
                    if (covering.Count == 0)
                        yield return context.Result(Rule, GateOutcome.Pass, lp.Source,
                            "1:N source '" + lp.Source + "' is in no unique index keyed per entity in the database (" + indexes.Count.ToString(CultureInfo.InvariantCulture) + " unique indexes read).", key, PhaseName.Mapping, new[] { evidence });
                    else
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                            "1:N source '" + lp.Source + "' is in the database's unique index " + covering[0] + ", which forbids its second mapping.", key, PhaseName.Mapping, new[] { evidence });
                }
            }
            if (!any)
                yield return context.Result(Rule, GateOutcome.Skip, "linkingPoints", "Not checked: no linking point declares a cardinality.", "linkingPoints", PhaseName.Mapping);
        }

        private static List<LiveUniqueIndex> Indexes(LiveQueryResult result)
            => result.Rows.Select(r => new LiveUniqueIndex(r[0] ?? "", (r[1] ?? "").Split(new[] { '\u001f' }, StringSplitOptions.RemoveEmptyEntries), r[2], r[3] == "true")).ToList();

        /// <summary>A link kept in the app's own table: a 1:1 + db one needs a live UNIQUE on exactly its key columns; a 1:N one must not have one.</summary>
        private GateResult? OwnTableResult(GateContext context, LinkingPoint lp, string key)
        {
            var table = lp.Table!.Trim();
            var columns = "(" + string.Join(", ", lp.Key) + ")";
            var result = LiveEvidence.Run(context, IndexQuery, int.MaxValue, LiveEvidence.QuoteName(table));
            var evidence = new[] { LiveEvidence.Line(context, "unique indexes on " + table + " (pg_index)", result) };
            if (result.Failed)
                return context.Result(Rule, GateOutcome.Fail, lp.Source, "Could not read the unique indexes of " + table + ": " + LiveEvidence.Describe(result.Error!) + ".", key, PhaseName.Mapping, evidence);
            if (result.RowCount == 0 && !TableExists(context, table))
                return context.Result(Rule, GateOutcome.Fail, lp.Source, "Table " + table + " of link '" + lp.Source + "' is not in the database (or this role cannot see it).", key, PhaseName.Mapping, evidence);
            var indexes = Indexes(result);
            var exact = indexes.Where(x => x.Valid && x.Predicate == null && x.Columns.Count == lp.Key.Count &&
                                           lp.Key.All(k => x.Columns.Contains(k.Trim(), StringComparer.OrdinalIgnoreCase))).ToList();
            if (lp.Cardinality == Cardinality.OneToOne && lp.EnforcedIn != EnforcedIn.App)
                return exact.Count > 0
                    ? context.Result(Rule, GateOutcome.Pass, lp.Source, "1:1 link '" + lp.Source + "' in " + table + " is enforced in the database by " + exact[0] + ".", key, PhaseName.Mapping, evidence)
                    : context.Result(Rule, GateOutcome.Fail, lp.Source, "1:1 link '" + lp.Source + "' in " + table + " is not enforced in the database: no valid UNIQUE on exactly " + columns + "; " +
                        (indexes.Count == 0 ? "the table has no unique index" : "its unique indexes are " + PlanKeys.List(indexes.Select(x => x.ToString()))) + ".", key, PhaseName.Mapping, evidence);
            if (lp.Cardinality == Cardinality.OneToMany)
                return exact.Count == 0
                    ? context.Result(Rule, GateOutcome.Pass, lp.Source, "1:N link '" + lp.Source + "' in " + table + " has no unique key on exactly " + columns + " in the database.", key, PhaseName.Mapping, evidence)
                    : context.Result(Rule, GateOutcome.Fail, lp.Source, "1:N link '" + lp.Source + "' in " + table + " has the unique index " + exact[0] + " in the database, which forbids its second mapping.", key, PhaseName.Mapping, evidence);
            return null;
        }

        private static bool TableExists(GateContext context, string table)
        {
            var exists = LiveEvidence.Run(context, "select (to_regclass($1) is not null)::text", 1, LiveEvidence.QuoteName(table));
            return !exists.Failed && exists.Rows.Count > 0 && exists.Rows[0][0] == "true";
        }
    }

    /// <summary>RP.Db.NoDuplicateMappings: per linking point, the identity rows that break its cardinality.</summary>
    internal sealed class NoDuplicateMappingsRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Db.NoDuplicateMappings", RuleSeverity.Error,
            "No entity holds two external ids of a 1:1 source, and no external id maps to two entities.",
            "Counts, per linking point, the identity-table rows that break its cardinality in the live data: entities holding more than one external id of a 1:1 source, and external ids of any source mapped to more than one entity. Up to 5 offending rows are shown, secret-checked.",
            "Resolve the duplicate mappings (keep one, remap the rest and reclassify what they attributed), then make sure the unique index that prevents them exists.",
            false, RulePhases.Mapping, needsDatabase: true);

        public RolloutRule Rule => Info;

        internal static string CountQuery(string table) => "select count(*)::text from " + LiveEvidence.QuoteName(table) + " where source = $1";

        internal static string PerEntityQuery(string table) =>
            "select entity_type::text, entity_id::text, count(*)::text as external_ids, string_agg(external_id::text, ', ' order by external_id) as ids from " +
            LiveEvidence.QuoteName(table) + " where source = $1 group by entity_type, entity_id having count(*) > 1 order by count(*) desc, entity_type, entity_id";

        internal static string PerExternalIdQuery(string table) =>
            "select external_id::text, count(distinct (entity_type, entity_id))::text as entities, " +
            "string_agg(distinct entity_type::text || ':' || entity_id::text, ', ') as mapped_to from " +
            LiveEvidence.QuoteName(table) + " where source = $1 group by external_id having count(distinct (entity_type, entity_id)) > 1 order by 2 desc, 1";

        /// <summary>Rows of an app table that share one key (a 1:1 link kept outside the identity table).</summary>
        internal static string PerKeyQuery(string table, IReadOnlyList<string> key)
        {
            var columns = string.Join(", ", key.Select(k => LiveEvidence.QuoteName(k.Trim())));
            // NULLs never collide under a UNIQUE constraint: rows with a NULL key column are not duplicates.
            return "select " + string.Join(", ", key.Select(k => LiveEvidence.QuoteName(k.Trim()) + "::text")) + ", count(*)::text as rows from " + LiveEvidence.QuoteName(table) +
                   " where " + string.Join(" and ", key.Select(k => LiveEvidence.QuoteName(k.Trim()) + " is not null")) +
                   " group by " + columns + " having count(*) > 1 order by count(*) desc";
        }

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var table = LiveEvidence.IdentityTable(context);
            var points = context.Plan.LinkingPoints;
            bool any = false;
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                if (string.IsNullOrEmpty(lp.Source)) continue;
                var key = PlanKeys.Index("linkingPoints", i);
                if (LiveEvidence.InOwnTable(lp))
                {
                    if (lp.Cardinality != Cardinality.OneToOne) continue; // several rows per key are what 1:N means
                    any = true;
                    yield return OwnTableResult(context, lp, key);
                    continue;
                }
                any = true;
                var count = LiveEvidence.Run(context, CountQuery(table), 1, lp.Source);
                if (count.Failed)
                {
                    yield return context.Result(Rule, GateOutcome.Fail, lp.Source, "Could not read the '" + lp.Source + "' mappings in " + table + ": " + LiveEvidence.Describe(count.Error!) + ".",
                        key, PhaseName.Mapping, new[] { LiveEvidence.Line(context, "count of " + table + " where source = '" + lp.Source + "'", count) });
                    continue;
                }
                var mappings = count.Rows.Count > 0 ? count.Rows[0][0] ?? "0" : "0";
                var entity = lp.Entity ?? "entity";
                if (lp.Cardinality == Cardinality.OneToOne)
                {
                    var perEntity = LiveEvidence.Run(context, PerEntityQuery(table), LiveEvidence.ShownRows, lp.Source);
                    var evidence = LiveEvidence.Line(context, "entities with more than one '" + lp.Source + "' external id in " + table, perEntity);
                    if (perEntity.Failed)
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source, "Could not check the '" + lp.Source + "' mappings per entity: " + LiveEvidence.Describe(perEntity.Error!) + ".", key, PhaseName.Mapping, new[] { evidence });
                    else if (perEntity.RowCount == 0)
                        yield return context.Result(Rule, GateOutcome.Pass, lp.Source,
                            "No " + entity + " holds two '" + lp.Source + "' external ids (" + mappings + " mappings read).", key, PhaseName.Mapping, new[] { evidence });
                    else
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                            LiveEvidence.Count(perEntity.RowCount, entity + " entity", entity + " entities") + " of 1:1 source '" + lp.Source + "' " + (perEntity.RowCount == 1 ? "holds" : "hold") + " more than one external id: " + LiveEvidence.Show(context, perEntity) + ".",
                            key, PhaseName.Mapping, new[] { evidence });
                }
                var perId = LiveEvidence.Run(context, PerExternalIdQuery(table), LiveEvidence.ShownRows, lp.Source);
                var idEvidence = LiveEvidence.Line(context, "'" + lp.Source + "' external ids mapped to more than one entity in " + table, perId);
                if (perId.Failed)
                    yield return context.Result(Rule, GateOutcome.Fail, lp.Source, "Could not check the '" + lp.Source + "' external ids: " + LiveEvidence.Describe(perId.Error!) + ".", key, PhaseName.Mapping, new[] { idEvidence });
                else if (perId.RowCount == 0)
                    yield return context.Result(Rule, GateOutcome.Pass, lp.Source,
                        "No '" + lp.Source + "' external id maps to two entities (" + mappings + " mappings read).", key, PhaseName.Mapping, new[] { idEvidence });
                else
                    yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                        perId.RowCount.ToString(CultureInfo.InvariantCulture) + " '" + lp.Source + "' external " + (perId.RowCount == 1 ? "id maps" : "ids map") + " to more than one entity: " + LiveEvidence.Show(context, perId) + ".",
                        key, PhaseName.Mapping, new[] { idEvidence });
            }
            if (!any)
                yield return context.Result(Rule, GateOutcome.Skip, "linkingPoints", "Not checked: the plan has no linking points.", "linkingPoints", PhaseName.Mapping);
        }

        private GateResult OwnTableResult(GateContext context, LinkingPoint lp, string key)
        {
            var table = lp.Table!.Trim();
            var columns = "(" + string.Join(", ", lp.Key) + ")";
            var rows = LiveEvidence.Run(context, PerKeyQuery(table, lp.Key), LiveEvidence.ShownRows);
            var evidence = new[] { LiveEvidence.Line(context, "keys " + columns + " held by more than one row of " + table, rows) };
            if (rows.Failed)
                return context.Result(Rule, GateOutcome.Fail, lp.Source, "Could not check the '" + lp.Source + "' rows of " + table + ": " + LiveEvidence.Describe(rows.Error!) + ".", key, PhaseName.Mapping, evidence);
            return rows.RowCount == 0
                ? context.Result(Rule, GateOutcome.Pass, lp.Source, "No key " + columns + " of 1:1 link '" + lp.Source + "' is held by two rows of " + table + ".", key, PhaseName.Mapping, evidence)
                : context.Result(Rule, GateOutcome.Fail, lp.Source, LiveEvidence.Count(rows.RowCount, "key", "keys") + " " + columns + " of 1:1 link '" + lp.Source + "' " +
                    (rows.RowCount == 1 ? "is" : "are") + " held by more than one row of " + table + ": " + LiveEvidence.Show(context, rows) + ".", key, PhaseName.Mapping, evidence);
        }
    }

    /// <summary>RP.Db.Invariants: each query of <c>invariants:</c> must return no rows.</summary>
    internal sealed class InvariantsRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Db.Invariants", RuleSeverity.Error,
            "Every invariant query of the plan returns no rows.",
            "Runs each query of the plan's invariants: alone, in a READ ONLY transaction under the statement timeout, and expects no rows (each row is a breach, e.g. stale attribution after a remap). Rows are a Fail with the count and up to 5 rows, secret-checked; a query that errors or times out is a Fail naming the error; a query that tries to write or to control the transaction is refused and reported as a Warn.",
            "Fix the data the query returns (and the code path that wrote it), or correct the query (Add-RolloutInvariant -Force); an invariant is one read-only SELECT.",
            false, RulePhases.All, needsDatabase: true);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var invariants = context.Plan.Invariants;
            if (invariants.Count == 0)
            {
                // Nothing to check: this Skip does not keep the gate closed (its target is the plan's key, not "database").
                yield return context.Result(Rule, GateOutcome.Skip, "invariants",
                    "Nothing to check: the plan lists no invariants (invariants: - { id, description, sql }; Add-RolloutInvariant).", "invariants");
                yield break;
            }
            var timeout = context.Database!.StatementTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
            // A role that could act outside the tables (superuser, pg_execute_server_program, ...) is named in every invariant's evidence.
            var role = context.Database.Role;
            var roleNote = role.Powerful
                ? "database role " + role.Name + ": " + (role.Superuser ? "superuser" : string.Join(", ", role.Powers)) + " (connect with a SELECT-only role)"
                : null;
            for (int i = 0; i < invariants.Count; i++)
            {
                var inv = invariants[i];
                var key = PlanKeys.Index("invariants", i) + ".sql";
                var target = string.IsNullOrEmpty(inv.Id) ? PlanKeys.Index("invariants", i) : inv.Id;
                var what = "invariant " + target;
                var refusal = InvariantSql.Refusal(inv.Sql ?? "");
                if (refusal != null)
                {
                    var outcome = refusal.Kind == LiveQueryFailure.RefusedControl || refusal.Kind == LiveQueryFailure.RefusedWrite ? GateOutcome.Warn : GateOutcome.Fail;
                    yield return context.Result(Rule, outcome, target, "Invariant '" + target + "' was not run: " + refusal.Message + ".", key, null,
                        WithRole(new[] { "database " + context.Database.Name + ": " + what + " (not sent)" }, roleNote));
                    continue;
                }
                var result = LiveEvidence.Run(context, inv.Sql!, LiveEvidence.ShownRows);
                var evidence = WithRole(new[] { LiveEvidence.Line(context, what, result) }, roleNote);
                if (result.Failed)
                {
                    var error = result.Error!;
                    switch (error.Kind)
                    {
                        case LiveQueryFailure.RefusedWrite when error.SqlState == null:
                            yield return context.Result(Rule, GateOutcome.Warn, target, "Invariant '" + target + "' was not run: " + error.Message + ".", key, null, evidence);
                            break;
                        case LiveQueryFailure.RefusedWrite:
                            yield return context.Result(Rule, GateOutcome.Warn, target,
                                "Invariant '" + target + "' tries to write; the read-only transaction refused it and nothing changed (" + LiveEvidence.Describe(error) + "). An invariant is a SELECT that returns the rows that break it.", key, null, evidence);
                            break;
                        case LiveQueryFailure.Timeout:
                            yield return context.Result(Rule, GateOutcome.Fail, target,
                                "Invariant '" + target + "' ran longer than the statement timeout (" + timeout + ") and was canceled (" + LiveEvidence.Describe(error) + ").", key, null, evidence);
                            break;
                        case LiveQueryFailure.MultipleStatements:
                            yield return context.Result(Rule, GateOutcome.Fail, target,
                                "Invariant '" + target + "' holds more than one statement; the server ran none of it (" + LiveEvidence.Describe(error) + ").", key, null, evidence);
                            break;
                        default:
                            yield return context.Result(Rule, GateOutcome.Fail, target, "Invariant '" + target + "' failed: " + LiveEvidence.Describe(error) + ".", key, null, evidence);
                            break;
                    }
                }
                else if (result.Columns.Count == 0)
                    yield return context.Result(Rule, GateOutcome.Fail, target,
                        "Invariant '" + target + "' returned no result set: an invariant is a query (SELECT ...) that returns the rows that break it.", key, null, evidence);
                else if (result.RowCount == 0)
                    yield return context.Result(Rule, GateOutcome.Pass, target,
                        "Invariant '" + target + "' holds: its query returned no rows" + (inv.Description == null ? "." : " (" + inv.Description.TrimEnd('.') + ")."), key, null, evidence);
                else
                    yield return context.Result(Rule, GateOutcome.Fail, target,
                        "Invariant '" + target + "' is broken: its query returned " + LiveEvidence.Rows(result.RowCount) + " (it must return none): " + LiveEvidence.Show(context, result) + ".", key, null, evidence);
            }
        }

        private static string[] WithRole(string[] evidence, string? roleNote) => roleNote == null ? evidence : evidence.Concat(new[] { roleNote }).ToArray();
    }
}
