using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Database
{
    /// <summary>
    /// What the gate refuses to send (SPEC §10: no DDL, no writes, ever — also for a role that could write). A READ ONLY
    /// transaction alone does not hold that: COPY ... TO PROGRAM / TO a file, REINDEX, CLUSTER, ANALYZE, and functions
    /// such as dblink_exec, pg_terminate_backend or lo_export act outside it. So the text is lexed (strings, quoted
    /// identifiers, dollar quotes and comments are single tokens or dropped) and only one plain query is sent:
    /// <list type="bullet">
    /// <item>exactly one statement;</item>
    /// <item>it starts with SELECT, WITH, VALUES or TABLE (after opening parentheses) — anything else (COPY, DO, CALL,
    /// EXPLAIN, SET, COMMIT, VACUUM, ...) is refused;</item>
    /// <item>no row-locking clause (FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE), no INTO (SELECT INTO makes a table);</item>
    /// <item>no call of a function on <see cref="DeniedFunctions"/> or starting with one of <see cref="DeniedPrefixes"/>
    /// (side effects on the server, its files, other sessions, or other databases), with or without a schema.</item>
    /// </list>
    /// What is sent then still runs in a READ ONLY transaction with a statement timeout and is rolled back, so the
    /// server refuses INSERT/UPDATE/DELETE (also in a WITH), SELECT INTO and nextval. The limit: a function the plan's
    /// author (or anyone with CREATE) defined can do what its body does; a SECURITY DEFINER function or a view calling a
    /// denied function is not seen here. Connect with a role that holds only SELECT (README).
    /// </summary>
    public static class InvariantSql
    {
        private static readonly HashSet<string> ControlWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "prepare",
            "set", "reset", "discard", "listen", "unlisten", "notify", "load", "lock", "checkpoint", "vacuum",
        };

        /// <summary>The statements an invariant (or a rule's query) may start with.</summary>
        private static readonly HashSet<string> QueryWords = new HashSet<string>(StringComparer.Ordinal) { "select", "with", "values", "table" };

        /// <summary>Functions with side effects outside the read-only transaction (or that run SQL text the gate never saw).</summary>
        public static readonly IReadOnlyCollection<string> DeniedFunctions = new HashSet<string>(StringComparer.Ordinal)
        {
            // other sessions and the server
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal", "pg_switch_xlog",
            "pg_create_restore_point", "pg_start_backup", "pg_stop_backup", "pg_backup_start", "pg_backup_stop", "pg_promote",
            "pg_wal_replay_pause", "pg_wal_replay_resume", "pg_log_backend_memory_contexts", "pg_import_system_collations",
            "pg_create_physical_replication_slot", "pg_create_logical_replication_slot", "pg_drop_replication_slot",
            "pg_copy_physical_replication_slot", "pg_copy_logical_replication_slot", "pg_replication_slot_advance",
            "pg_logical_slot_get_changes", "pg_logical_slot_get_binary_changes", "pg_logical_emit_message",
            "pg_replication_origin_create", "pg_replication_origin_drop", "pg_replication_origin_advance",
            "pg_replication_origin_session_setup", "pg_replication_origin_session_reset", "pg_replication_origin_xact_setup",
            "pg_notify", "set_config", "nextval", "setval", "pg_stat_reset", "pg_stat_reset_shared", "pg_stat_reset_single_table_counters",
            "pg_stat_reset_single_function_counters", "pg_stat_reset_slru", "pg_stat_reset_replication_slot", "pg_stat_reset_subscription_stats",
            "pg_stat_statements_reset", "pg_prewarm",
            // the server's files
            "pg_read_file", "pg_read_binary_file", "pg_stat_file", "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync",
            "pg_logdir_ls", "lowrite", "loread",
            // SQL text run out of the gate's sight
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
            // network calls (Supabase's http / pg_net extensions)
            "http", "http_get", "http_post", "http_put", "http_patch", "http_delete", "http_head", "http_request",
        };

        /// <summary>Function name prefixes denied as a family: dblink*, large objects (lo_*), advisory locks, pg_ls_* directory listings.</summary>
        public static readonly IReadOnlyList<string> DeniedPrefixes = new[] { "dblink", "lo_", "pg_advisory", "pg_try_advisory", "pg_ls_", "pg_file_" };

        /// <summary>Schemas whose functions are all denied (Supabase: pg_net's net.*, pg_cron's cron.*, vault.*).</summary>
        public static readonly IReadOnlyList<string> DeniedSchemas = new[] { "net", "cron", "vault", "dblink" };

        /// <summary>The number of statements in the text (comments and quoted text do not split).</summary>
        public static int StatementCount(string sql) => SqlScript.Statements(sql ?? "").Count;

        /// <summary>The first keyword of the text (after comments and opening parentheses), lower case; "" when there is none.</summary>
        public static string FirstKeyword(string sql)
        {
            foreach (var statement in SqlScript.Statements(sql ?? ""))
                foreach (var token in statement)
                {
                    if (token.IsSymbol('(')) continue;
                    return token.Kind == SqlTokenKind.Word ? token.Text.ToLowerInvariant() : "";
                }
            return "";
        }

        /// <summary>True for a denied function name (lower case for a plain name, as written for a quoted one).</summary>
        public static bool IsDeniedFunction(string name, string? schema = null)
        {
            if (schema != null && DeniedSchemas.Contains(schema, StringComparer.Ordinal)) return true;
            return DeniedFunctions.Contains(name) || DeniedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        }

        /// <summary>Why the text must not be sent (a sentence), or null when it may be.</summary>
        public static LiveQueryError? Refusal(string sql)
        {
            var statements = SqlScript.Statements(sql ?? "");
            int count = statements.Count;
            if (count == 0)
                return new LiveQueryError(LiveQueryFailure.Error, null, "the query is empty");
            if (count > 1)
                return new LiveQueryError(LiveQueryFailure.MultipleStatements, null,
                    "it holds " + count + " statements; an invariant is one query, and nothing of it was run");
            var tokens = statements[0];
            var first = FirstKeyword(sql!);
            if (ControlWords.Contains(first))
                return new LiveQueryError(LiveQueryFailure.RefusedControl, null,
                    "'" + first.ToUpperInvariant() + "' is transaction or session control: it would leave or change the read-only transaction, so it was not sent");
            if (!QueryWords.Contains(first))
                return new LiveQueryError(LiveQueryFailure.RefusedWrite, null,
                    (first.Length == 0 ? "it does not start with a keyword" : "'" + first.ToUpperInvariant() + "' is not a query") +
                    ": the gate sends only one SELECT, WITH, VALUES or TABLE statement (no COPY, DDL, maintenance or procedure calls), so it was not sent");
            for (int i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (token.Is("for") && i + 1 < tokens.Count && (tokens[i + 1].Is("update") || tokens[i + 1].Is("share") ||
                    (tokens[i + 1].Is("no") || tokens[i + 1].Is("key")) && i + 2 < tokens.Count && (tokens[i + 2].Is("key") || tokens[i + 2].Is("share") || tokens[i + 2].Is("update"))))
                    return new LiveQueryError(LiveQueryFailure.RefusedWrite, null,
                        "it locks rows (FOR " + tokens[i + 1].Text.ToUpperInvariant() + " ...); an invariant only reads, so it was not sent");
                if (token.Is("into")) // INTO is reserved: in a query it is SELECT INTO (or an INSERT in a WITH)
                    return new LiveQueryError(LiveQueryFailure.RefusedWrite, null,
                        "it writes rows INTO a table (SELECT INTO creates one); an invariant only reads, so it was not sent");
                if (!token.IsName || i + 1 >= tokens.Count || !tokens[i + 1].IsSymbol('(')) continue;
                var name = token.Text;
                string? schema = i >= 2 && tokens[i - 1].IsSymbol('.') && tokens[i - 2].IsName ? tokens[i - 2].Text : null;
                if (IsDeniedFunction(name, schema))
                    return new LiveQueryError(LiveQueryFailure.RefusedWrite, null,
                        "it calls " + (schema == null ? "" : schema + ".") + name + "(), a function with effects outside the read-only transaction " +
                        "(the gate refuses dblink*, lo_*, pg_advisory*, pg_terminate_backend, pg_cancel_backend, pg_reload_conf, set_config, pg_notify, " +
                        "pg_read_*file, pg_ls_*, pg_switch_wal, query_to_xml and the like), so it was not sent");
            }
            return null;
        }
    }
}
