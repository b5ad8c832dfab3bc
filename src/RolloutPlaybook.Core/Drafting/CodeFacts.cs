using System;
using System.Collections.Generic;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Drafting
{
    /// <summary>
    /// What the code of one connector shows, as the drafter needs it: its route files with their handlers, the
    /// env vars its code reads, its migrations and the identity indexes in the migration state. The drafter reads
    /// only these facts, never files, so the recognisers behind them can change without touching it.
    /// </summary>
    public sealed class CodeFacts
    {
        public CodeFacts(string connector, IReadOnlyList<CodeRoute> routes, IReadOnlyList<CodeEnvVar> env,
            IReadOnlyList<CodeMigration> migrations, IReadOnlyList<CodeIdentityIndex> identityIndexes, bool hasEnvExample, string identityTable)
        {
            Connector = connector; Routes = routes; Env = env; Migrations = migrations; IdentityIndexes = identityIndexes;
            HasEnvExample = hasEnvExample; IdentityTable = identityTable;
        }

        /// <summary>UNIQUE constraints and unique indexes (primary keys aside) per table in the migration state, as <c>name (columns) at file:line</c>.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> UniqueKeys { get; internal set; } = new Dictionary<string, IReadOnlyList<string>>();

        /// <summary>Migrations a plan's handoff names that are no file of the repository (set when read for a plan).</summary>
        public IReadOnlyList<string> MissingMigrations { get; internal set; } = Array.Empty<string>();
        /// <summary>The plan's configured repository paths that do not exist (SPEC §8): the draft asks about each.</summary>
        public IReadOnlyList<Repository.MissingPath> MissingPaths { get; internal set; } = Array.Empty<Repository.MissingPath>();

        public string Connector { get; }
        /// <summary>Ordered by plan path (ordinal).</summary>
        public IReadOnlyList<CodeRoute> Routes { get; }
        /// <summary>Ordered by name (ordinal); each with every place that reads it.</summary>
        public IReadOnlyList<CodeEnvVar> Env { get; }
        /// <summary>The connector's forward migrations, in apply order.</summary>
        public IReadOnlyList<CodeMigration> Migrations { get; }
        /// <summary>The unique indexes on the identity table that remain after the forward migrations.</summary>
        public IReadOnlyList<CodeIdentityIndex> IdentityIndexes { get; }
        /// <summary>Whether the repository has an env example file (so an undocumented variable is a gate finding).</summary>
        public bool HasEnvExample { get; }
        /// <summary>The identity table (<c>entity_external_ids</c> by default).</summary>
        public string IdentityTable { get; }
    }

    /// <summary>A route file and its handlers.</summary>
    public sealed class CodeRoute
    {
        public CodeRoute(string planPath, string relativePath, bool inConnectorFolder, IReadOnlyList<CodeHandler> handlers)
        {
            PlanPath = planPath; RelativePath = relativePath; InConnectorFolder = inConnectorFolder; Handlers = handlers;
        }

        /// <summary><c>/api/slack/sync/channel/[channelId]</c>.</summary>
        public string PlanPath { get; }
        public string RelativePath { get; }
        /// <summary>False for a route found elsewhere because its folder names the connector (<c>cron/slack-sync</c>).</summary>
        public bool InConnectorFolder { get; }
        /// <summary>In method order (GET, POST, PUT, PATCH, DELETE).</summary>
        public IReadOnlyList<CodeHandler> Handlers { get; }

        public string At(int line) => RelativePath + ":" + line;
    }

    /// <summary>One exported handler.</summary>
    public sealed class CodeHandler
    {
        public CodeHandler(RouteMethod method, int line, string? guard, string? guardAt, string? bodyReadAt, string? validationAt, IReadOnlyList<CodeWrite> writes)
        {
            Method = method; Line = line; Guard = guard; GuardAt = guardAt; BodyReadAt = bodyReadAt; ValidationAt = validationAt; Writes = writes;
        }

        public RouteMethod Method { get; }
        public int Line { get; }
        /// <summary>The plan's <c>auth</c> value for the guard found (<c>admin</c>, <c>session</c>, <c>cron</c>, ...), or null when none was found.</summary>
        public string? Guard { get; }
        /// <summary>Where the guard is (<c>file:line</c>, possibly in a wrapper or helper the handler calls).</summary>
        public string? GuardAt { get; }
        /// <summary>The guard runs on only some paths through the handler.</summary>
        public bool GuardConditional { get; internal set; }
        /// <summary>The guard lets the request through when its secret is missing.</summary>
        public bool GuardFailOpen { get; internal set; }
        /// <summary>The handler only returns a fixed response: it needs no guard.</summary>
        public bool FixedResponse { get; internal set; }
        /// <summary>Where the handler reads the request body; null when it does not.</summary>
        public string? BodyReadAt { get; }
        /// <summary>Where the handler validates its input; null when it does not.</summary>
        public string? ValidationAt { get; }
        /// <summary>It type-checks some of the body fields it reads, not all.</summary>
        public bool PartialValidation { get; internal set; }
        /// <summary>In source order.</summary>
        public IReadOnlyList<CodeWrite> Writes { get; }
    }

    /// <summary>The kind of a supabase-js write.</summary>
    public enum CodeWriteOp { Insert, Upsert, Update, Delete, Rpc }

    /// <summary>One supabase-js write: <c>.from(t).insert|upsert|update|delete(…)</c> or <c>.rpc(fn)</c>.</summary>
    public sealed class CodeWrite
    {
        public CodeWrite(string? table, CodeWriteOp op, string? source, string? entityType, IReadOnlyList<string>? onConflict, bool ignoreDuplicates,
            bool handles23505, string at)
        {
            Table = table; Op = op; Source = source; EntityType = entityType; OnConflict = onConflict; IgnoreDuplicates = ignoreDuplicates;
            Handles23505 = handles23505; At = at;
        }

        /// <summary>The table (the function for an rpc); null when it is not a literal.</summary>
        public string? Table { get; }
        public CodeWriteOp Op { get; }
        /// <summary>The identity-table <c>source</c> when it is a literal in the row or the filter.</summary>
        public string? Source { get; }
        /// <summary>The identity-table <c>entity_type</c> when it is a literal.</summary>
        public string? EntityType { get; }
        /// <summary>The upsert's conflict target; null when it names none.</summary>
        public IReadOnlyList<string>? OnConflict { get; }
        public bool IgnoreDuplicates { get; }
        /// <summary>The handler turns a unique violation (23505) into a response.</summary>
        public bool Handles23505 { get; }
        /// <summary>The unique violation is caught and the row skipped (<c>if (error.code !== '23505') throw</c>), not answered with an error.</summary>
        public bool Skips23505 { get; internal set; }
        /// <summary>Where the call is (<c>file:line</c>, possibly in a helper the handler calls).</summary>
        public string At { get; }
    }

    /// <summary>An env var the connector's code reads, with every place it is read.</summary>
    public sealed class CodeEnvVar
    {
        public CodeEnvVar(string name, IReadOnlyList<string> readAt, bool documented) { Name = name; ReadAt = readAt; Documented = documented; }

        public string Name { get; }
        /// <summary><c>file:line</c> of every read, ordered.</summary>
        public IReadOnlyList<string> ReadAt { get; }
        /// <summary>Whether the env example file assigns it (false when there is no such file).</summary>
        public bool Documented { get; }
    }

    /// <summary>A forward migration of the connector, and why it is the connector's.</summary>
    public sealed class CodeMigration
    {
        public CodeMigration(string relativePath, int line, string reason) { RelativePath = relativePath; Line = line; Reason = reason; }

        public string RelativePath { get; }
        /// <summary>The line of the statement that makes it the connector's (1 for a file named after the connector).</summary>
        public int Line { get; }
        public string Reason { get; }
    }

    /// <summary>A unique index on the identity table, restricted to some sources.</summary>
    public sealed class CodeIdentityIndex
    {
        public CodeIdentityIndex(string name, IReadOnlyList<string> columns, IReadOnlyList<string> sources, string at)
        {
            Name = name; Columns = columns; Sources = sources; At = at;
        }

        public string Name { get; }
        public IReadOnlyList<string> Columns { get; }
        public IReadOnlyList<string> Sources { get; }
        public string At { get; }
    }
}
