using System;
using System.Collections.Generic;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>A route file (<c>route.ts</c> / <c>route.js</c>) and the handlers it exports.</summary>
    public sealed class RouteFile
    {
        public RouteFile(string planPath, string filePath, string relativePath, IReadOnlyList<RouteHandler> handlers, bool inConnectorFolder)
        {
            PlanPath = planPath; FilePath = filePath; RelativePath = relativePath; Handlers = handlers; InConnectorFolder = inConnectorFolder;
        }

        /// <summary>The route as a plan names it: <c>/api/slack/sync/channel/[channelId]</c> (route groups left out).</summary>
        public string PlanPath { get; }
        /// <summary>The absolute path of the file.</summary>
        public string FilePath { get; }
        /// <summary>The path relative to the repository root, '/' separators.</summary>
        public string RelativePath { get; }
        /// <summary>The exported handlers, in method order (GET, POST, PUT, PATCH, DELETE).</summary>
        public IReadOnlyList<RouteHandler> Handlers { get; }
        /// <summary>True when the file lies under the connector's route folder (false for a plan-listed route found elsewhere).</summary>
        public bool InConnectorFolder { get; }
        /// <summary>True for a route file outside the connector folder whose folder is named for the connector (<c>cron/slack-sync</c>).</summary>
        public bool NamedForConnector { get; internal set; }

        public RouteHandler? Handler(RouteMethod method)
        {
            // By index: foreach over the IReadOnlyList would allocate an enumerator on every call (the rules ask per method).
            for (int i = 0; i < Handlers.Count; i++) if (Handlers[i].Method == method) return Handlers[i];
            return null;
        }

        /// <summary><c>relative/path:line</c> evidence.</summary>
        public string At(int line) => RelativePath + ":" + line;

        /// <summary>
        /// The env reads in the file, found when it was read so the env scan does not read it again (and the lexed
        /// text is not kept); null when the file could not be read.
        /// </summary>
        internal IReadOnlyList<EnvRead>? EnvReads { get; set; }

        /// <summary>A Pages Router handler that does not branch on <c>req.method</c>: it serves every method the plan lists.</summary>
        public bool AcceptsAnyMethod { get; internal set; }

        public override string ToString() => PlanPath + " (" + RelativePath + ")";
    }

    /// <summary>One exported HTTP handler and the facts the gate needs about its body.</summary>
    public sealed class RouteHandler
    {
        /// <summary>A handler; each fact is the line it was seen on, null when it was not seen.</summary>
        public RouteHandler(RouteMethod method, int line, int endLine, bool takesRequest, IReadOnlyList<UpsertCall> upserts,
            int? bodyReadLine, int? validationLine, int? authGuardLine, int? cronSecretLine, int? handles23505Line)
        {
            Method = method; Line = line; EndLine = endLine == 0 ? line : endLine; TakesRequest = takesRequest; Upserts = upserts;
            BodyReadLine = bodyReadLine; ValidationLine = validationLine; AuthGuardLine = authGuardLine; CronSecretLine = cronSecretLine;
            Handles23505Line = handles23505Line;
        }

        public RouteMethod Method { get; }
        /// <summary>The line of the export (1-based).</summary>
        public int Line { get; }
        /// <summary>The last line of the handler's body.</summary>
        public int EndLine { get; }
        /// <summary>The handler declares at least one parameter (the request).</summary>
        public bool TakesRequest { get; }
        /// <summary>The handler reads the request body: <c>.json()</c>, <c>.formData()</c> or <c>.text()</c>.</summary>
        public bool ReadsBody => BodyReadLine != null;
        public int? BodyReadLine { get; }
        /// <summary>The handler validates input (default pattern <c>\.parse\(|\.safeParse\(</c>).</summary>
        public bool ValidatesBody => ValidationLine != null;
        public int? ValidationLine { get; }
        /// <summary>The handler calls an auth guard (default pattern <c>requireRole\(|requireAuth\(|getServerSession\(</c>).</summary>
        public bool HasAuthGuard => AuthGuardLine != null;
        public int? AuthGuardLine { get; }
        /// <summary>The handler compares a bearer token with <c>process.env.CRON_SECRET</c>.</summary>
        public bool ChecksCronSecret => CronSecretLine != null;
        public int? CronSecretLine { get; }
        /// <summary>The supabase-js <c>.upsert(</c> calls in the handler.</summary>
        public IReadOnlyList<UpsertCall> Upserts { get; }
        /// <summary>The handler deals with a unique violation (SQLSTATE <c>23505</c>).</summary>
        public bool Handles23505 => Handles23505Line != null;
        public int? Handles23505Line { get; }

        /// <summary>What the code analysis found for this handler, following its wrappers and calls (SPEC §8); null when the file was read without it.</summary>
        public HandlerFacts? Facts { get; internal set; }

        public override string ToString() => Method + " @" + Line;
    }

    /// <summary>A supabase-js <c>.upsert(rows, { onConflict: 'a,b', ignoreDuplicates: true })</c> call.</summary>
    public sealed class UpsertCall
    {
        public UpsertCall(string? table, IReadOnlyList<string>? onConflict, bool ignoreDuplicates, int line)
        {
            Table = table; OnConflict = onConflict; IgnoreDuplicates = ignoreDuplicates; Line = line;
        }

        /// <summary>The table of <c>.from('x')</c> in the same call chain, when it is visible; otherwise null.</summary>
        public string? Table { get; }
        /// <summary>The columns of the <c>onConflict</c> literal (trimmed, in order); null when there is none or it is not a literal.</summary>
        public IReadOnlyList<string>? OnConflict { get; }
        public bool IgnoreDuplicates { get; }
        public int Line { get; }

        public override string ToString() => (Table ?? "?") + ".upsert onConflict=" + (OnConflict == null ? "-" : string.Join(",", OnConflict)) + (IgnoreDuplicates ? " ignoreDuplicates" : "") + " @" + Line;
    }

    /// <summary>A partial unique index on the identity table (<c>entity_external_ids</c>) in the migration state.</summary>
    /// <summary>A table-wide uniqueness guarantee: a UNIQUE constraint, a primary key or a unique index without a predicate.</summary>
    public sealed class UniqueKey
    {
        public UniqueKey(string table, string name, IReadOnlyList<string> columns, string kind, string relativePath, int line)
        {
            Table = table; Name = name; Columns = columns; Kind = kind; RelativePath = relativePath; Line = line;
        }
        /// <summary>The table (last part of its name).</summary>
        public string Table { get; }
        /// <summary>The constraint or index name (PostgreSQL's default name when the migration gives none).</summary>
        public string Name { get; }
        public IReadOnlyList<string> Columns { get; }
        /// <summary><c>UNIQUE constraint</c>, <c>primary key</c> or <c>unique index</c>.</summary>
        public string Kind { get; }
        public string RelativePath { get; }
        public int Line { get; }
        public string At => RelativePath + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>True when the key is on exactly these columns (any order, case-insensitive).</summary>
        public bool IsExactly(IEnumerable<string> columns)
            => new HashSet<string>(Columns, StringComparer.OrdinalIgnoreCase).SetEquals(columns);
    }

    public sealed class IdentityIndex
    {
        public IdentityIndex(string name, IReadOnlyList<string> columns, IReadOnlyList<string> sources, string relativePath, int line)
        {
            Name = name; Columns = columns; Sources = sources; RelativePath = relativePath; Line = line;
        }

        /// <summary>The index name (unquoted identifiers folded to lower case, schema left out).</summary>
        public string Name { get; }
        /// <summary>The indexed columns, in order.</summary>
        public IReadOnlyList<string> Columns { get; }
        /// <summary>The sources of its <c>WHERE source = 'x'</c> / <c>WHERE source IN (...)</c> predicate.</summary>
        public IReadOnlyList<string> Sources { get; }
        /// <summary>The migration that defined it (relative, '/' separators).</summary>
        public string RelativePath { get; }
        /// <summary>The line of its CREATE statement.</summary>
        public int Line { get; }

        public string At => RelativePath + ":" + Line;

        public override string ToString() => Name + " (" + string.Join(", ", Columns) + ") WHERE source IN (" + string.Join(", ", Sources) + ") @" + At;
    }

    /// <summary>One read of an environment variable in the connector's code.</summary>
    public sealed class EnvRead
    {
        public EnvRead(string name, string relativePath, int line) { Name = name; RelativePath = relativePath; Line = line; }

        public string Name { get; }
        public string RelativePath { get; }
        public int Line { get; }
        public string At => RelativePath + ":" + Line;

        public override string ToString() => Name + " @" + At;
    }
}
