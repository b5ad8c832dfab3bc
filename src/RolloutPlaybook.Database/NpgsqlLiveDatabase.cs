using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using Npgsql;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;

namespace RolloutPlaybook.Database
{
    /// <summary>
    /// The gate's read-only connection to a PostgreSQL (Supabase) database, over Npgsql. One connection, no pool.
    /// Every query: its own transaction, <c>SET TRANSACTION READ ONLY</c> and <c>SET LOCAL statement_timeout</c>
    /// first, the text sent as one extended-protocol statement (the server refuses a second one), then ROLLBACK —
    /// never COMMIT. Errors come back as results (for the rules to judge) or, for the connection itself, as one
    /// <see cref="RolloutException"/> whose message names the host and the problem, never the password.
    /// </summary>
    public sealed class NpgsqlLiveDatabase : ILiveDatabase
    {
        private readonly NpgsqlConnection connection;
        private readonly DatabaseConnectionString connectionString;
        private readonly string where;

        private NpgsqlLiveDatabase(NpgsqlConnection connection, DatabaseConnectionString connectionString, string name, string where, TimeSpan statementTimeout)
        {
            this.connection = connection; this.connectionString = connectionString; this.where = where;
            Name = name; StatementTimeout = statementTimeout;
        }

        public string Name { get; }
        public TimeSpan StatementTimeout { get; }
        public LiveRole Role { get; private set; } = new LiveRole("", false, Array.Empty<string>());

        public string Redact(string text) => connectionString.Redact(text);

        /// <summary>What the server says about the connected role: superuser, and the predefined roles that reach past the database's tables.</summary>
        internal const string RoleQuery =
            "select current_user::text, r.rolsuper::text, array_to_string(array(select g.rolname::text from pg_roles g " +
            "where g.rolname in ('pg_execute_server_program', 'pg_write_server_files', 'pg_read_server_files', 'pg_signal_backend') " +
            "and pg_has_role(current_user, g.oid, 'member') order by 1), ',') from pg_roles r where r.rolname = current_user";

        /// <summary>Opens the connection; throws a RolloutException (DatabaseAuthenticationFailed, DatabaseUnreachable, DatabaseTimeout, ...) when it cannot.</summary>
        public static NpgsqlLiveDatabase Open(string connectionText, TimeSpan statementTimeout, CancellationToken cancellation = default)
        {
            if (statementTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(statementTimeout));
            var parsed = DatabaseConnectionString.Parse(connectionText);
            NpgsqlConnectionStringBuilder builder;
            try { builder = new NpgsqlConnectionStringBuilder(parsed.KeyValue); }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is InvalidCastException || ex is OverflowException || ex is KeyNotFoundException)
            {
                throw new RolloutException(ErrorIds.DatabaseConnectionStringInvalid,
                    "The database connection string is not valid: " + parsed.Redact(ex.Message) + ".");
            }
            builder.Pooling = false;
            builder.IncludeErrorDetail = false; // details can quote row values
            builder.PersistSecurityInfo = false;
            builder.Enlist = false;
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "RolloutPlaybook gate";
            // The server's statement_timeout cancels first; the client's command timeout is the backstop.
            builder.CommandTimeout = (int)Math.Ceiling(statementTimeout.TotalSeconds) + 5;
            var where = (builder.Host ?? "localhost") + (builder.Host != null && builder.Host.Contains(',') ? "" : ":" + builder.Port.ToString(CultureInfo.InvariantCulture));
            var user = builder.Username;
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                connection.OpenAsync(cancellation).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) || !cancellation.IsCancellationRequested)
            {
                connection.Dispose();
                throw OpenFailure(ex, parsed, where, user, builder.Timeout);
            }
            var database = new NpgsqlLiveDatabase(connection, parsed, builder.Database ?? connection.Database ?? "postgres", where, statementTimeout);
            try
            {
                var role = database.Query(RoleQuery, Array.Empty<string>(), 1, cancellation);
                if (!role.Failed && role.Rows.Count == 1)
                    database.Role = new LiveRole(role.Rows[0][0] ?? user ?? "", role.Rows[0][1] == "true",
                        (role.Rows[0][2] ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries));
                else
                    database.Role = new LiveRole(user ?? "", false, Array.Empty<string>());
            }
            catch
            {
                database.Dispose();
                throw;
            }
            return database;
        }

        private static RolloutException OpenFailure(Exception ex, DatabaseConnectionString parsed, string where, string? user, int timeoutSeconds)
        {
            string Clean(string text) => parsed.Redact(text).Trim().TrimEnd('.');
            var who = user == null ? "" : " as '" + user + "'";
            if (ex is PostgresException pg)
            {
                var text = Clean(pg.MessageText) + " (" + pg.SqlState + ")";
                if (pg.SqlState == "28P01" || pg.SqlState == "28000")
                    return new RolloutException(ErrorIds.DatabaseAuthenticationFailed,
                        "The database server at " + where + " refused the login" + who + ": " + text + ". Check the user and password of the connection string.", where);
                if (pg.SqlState == "3D000")
                    return new RolloutException(ErrorIds.DatabaseNotFound,
                        "The database server at " + where + " has no such database: " + text + ".", where);
                return new RolloutException(ErrorIds.DatabaseConnectionFailed,
                    "Could not connect to the database server at " + where + who + ": " + text + ".", where);
            }
            if (ex is TimeoutException || ex.InnerException is TimeoutException)
                return new RolloutException(ErrorIds.DatabaseTimeout,
                    "The database server at " + where + " did not answer within " + timeoutSeconds.ToString(CultureInfo.InvariantCulture) +
                    " s (the connection string's Timeout). Check the host, the port and the network between here and the database.", where);
            var socket = Find<SocketException>(ex);
            if (socket != null || Find<IOException>(ex) != null)
                return new RolloutException(ErrorIds.DatabaseUnreachable,
                    "Cannot reach the database server at " + where + ": " + Clean(socket?.Message ?? Find<IOException>(ex)!.Message) +
                    ". Check the host and port of the connection string and that the server accepts connections from here.", where);
            if (ex is NpgsqlException && ex.Message.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0)
                return new RolloutException(ErrorIds.DatabaseAuthenticationFailed,
                    "The database server at " + where + " asks for a password" + who + " that the connection string does not give: " + Clean(ex.Message) + ".", where);
            if (ex is ArgumentException || ex is NotSupportedException || ex is InvalidOperationException)
                return new RolloutException(ErrorIds.DatabaseConnectionStringInvalid,
                    "The database connection string is not valid: " + Clean(ex.Message) + ".", where);
            return new RolloutException(ErrorIds.DatabaseConnectionFailed,
                "Could not connect to the database server at " + where + who + ": " + Clean(ex.Message) + ".", where);
        }

        private static T? Find<T>(Exception? ex) where T : Exception
        {
            for (; ex != null; ex = ex.InnerException) if (ex is T found) return found;
            return null;
        }

        public LiveQueryResult Query(string sql, IReadOnlyList<string> parameters, int keepRows, CancellationToken cancellation)
        {
            if (sql == null) throw new ArgumentNullException(nameof(sql));
            var refusal = InvariantSql.Refusal(sql);
            if (refusal != null) return new LiveQueryResult(refusal);
            cancellation.ThrowIfCancellationRequested();
            if (connection.State != ConnectionState.Open)
                throw Lost("the connection is " + connection.FullState.ToString().ToLowerInvariant());
            NpgsqlTransaction? transaction = null;
            try
            {
                transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
                using (var setup = new NpgsqlCommand(
                    "SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = " + ((long)Math.Ceiling(StatementTimeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
                    connection, transaction))
                    setup.ExecuteNonQuery();
                // A batch command is sent as it is, in one Parse message: PostgreSQL runs exactly one statement or none.
                using var batch = new NpgsqlBatch(connection, transaction);
                var command = new NpgsqlBatchCommand(sql);
                foreach (var value in parameters ?? Array.Empty<string>()) command.Parameters.Add(new NpgsqlParameter { Value = value });
                batch.BatchCommands.Add(command);
                using var cancel = cancellation.Register(() => { try { batch.Cancel(); } catch (Exception) { /* already done */ } });
                using var reader = batch.ExecuteReader();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                var rows = new List<IReadOnlyList<string?>>();
                long count = 0;
                while (reader.Read())
                {
                    count++;
                    if (rows.Count >= keepRows) continue;
                    var row = new string?[reader.FieldCount];
                    for (int i = 0; i < row.Length; i++) row[i] = Text(reader, i);
                    rows.Add(row);
                }
                return new LiveQueryResult(columns, rows, count);
            }
            catch (PostgresException pg)
            {
                cancellation.ThrowIfCancellationRequested();
                // FATAL/PANIC (an administrator ended the session, the server shuts down): the connection is gone.
                if (ConnectionGone() || pg.Severity == "FATAL" || pg.Severity == "PANIC" || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal))
                    throw Lost(connectionString.Redact(pg.MessageText) + " (" + pg.SqlState + ")");
                return new LiveQueryResult(Classify(pg));
            }
            catch (NotSupportedException ex) when (ex.Message.IndexOf("multiple SQL statements", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // The driver's own parser found a second statement and sent nothing.
                return new LiveQueryResult(new LiveQueryError(LiveQueryFailure.MultipleStatements, null, "the driver refused to send more than one statement"));
            }
            catch (NotSupportedException ex) when (!ConnectionGone())
            {
                // Something the driver cannot do with this statement (a COPY that slipped through, a type it cannot read): a result, not a crash.
                return new LiveQueryResult(new LiveQueryError(LiveQueryFailure.Error, null, "the driver cannot run it: " + connectionString.Redact(ex.Message).TrimEnd('.')));
            }
            catch (NpgsqlException ex) when (ex.InnerException is TimeoutException && !ConnectionGone())
            {
                return new LiveQueryResult(new LiveQueryError(LiveQueryFailure.Timeout, null, "no answer within the command timeout"));
            }
            catch (NpgsqlException ex)
            {
                cancellation.ThrowIfCancellationRequested();
                throw Lost(connectionString.Redact(ex.Message).TrimEnd('.'));
            }
            catch (InvalidOperationException ex) when (ConnectionGone())
            {
                cancellation.ThrowIfCancellationRequested();
                throw Lost(connectionString.Redact(ex.Message).TrimEnd('.'));
            }
            finally
            {
                // Never COMMIT: whatever happened, the transaction is rolled back.
                if (transaction != null)
                {
                    try { if (transaction.Connection != null && !ConnectionGone()) transaction.Rollback(); } catch (Exception) { /* the connection is gone: nothing to undo */ }
                    try { transaction.Dispose(); } catch (Exception) { /* idem */ }
                }
            }
        }

        private bool ConnectionGone() => connection.State != ConnectionState.Open || (connection.FullState & ConnectionState.Broken) != 0;

        private RolloutException Lost(string why)
            => new RolloutException(ErrorIds.DatabaseConnectionLost,
                "The connection to the database server at " + where + " was lost during the gate: " + why.TrimEnd('.') +
                ". The database rules after it were not checked; run the gate again when the server is back.", where);

        private LiveQueryError Classify(PostgresException pg)
        {
            var message = connectionString.Redact(pg.MessageText);
            switch (pg.SqlState)
            {
                case PostgresErrorCodes.ReadOnlySqlTransaction: return new LiveQueryError(LiveQueryFailure.RefusedWrite, pg.SqlState, message);
                case PostgresErrorCodes.QueryCanceled: return new LiveQueryError(LiveQueryFailure.Timeout, pg.SqlState, message);
                case PostgresErrorCodes.SyntaxError when message.IndexOf("multiple commands", StringComparison.OrdinalIgnoreCase) >= 0:
                    return new LiveQueryError(LiveQueryFailure.MultipleStatements, pg.SqlState, message);
                default: return new LiveQueryError(LiveQueryFailure.Error, pg.SqlState, message);
            }
        }

        /// <summary>A value as text: invariant culture, ISO dates, arrays joined; a type the driver cannot read shows its name.</summary>
        private static string? Text(NpgsqlDataReader reader, int i)
        {
            object value;
            try
            {
                if (reader.IsDBNull(i)) return null;
                value = reader.GetValue(i);
                return value == null ? null : Format(value);
            }
            catch (Exception ex) when (!(ex is NpgsqlException) && !(ex is OperationCanceledException))
            {
                // void (select pg_sleep(0)), or a type the driver cannot read: show the type, never crash.
                string type;
                try { type = reader.GetDataTypeName(i); } catch (Exception) { type = "unreadable value"; }
                return "<" + type + ">";
            }
        }

        private static string Format(object value)
        {
            switch (value)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTime d: return d.ToString(d.TimeOfDay == TimeSpan.Zero && d.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
                case DateTimeOffset o: return o.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                case byte[] bytes: return "\\x" + string.Concat(bytes.Take(32).Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                case IEnumerable items: return "{" + string.Join(",", items.Cast<object?>().Select(x => x == null || x is DBNull ? "NULL" : Format(x))) + "}";
                default: return value.ToString() ?? "";
            }
        }

        public void Dispose() => connection.Dispose();
    }
}
