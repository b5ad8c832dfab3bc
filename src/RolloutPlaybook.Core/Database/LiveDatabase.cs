using System;
using System.Collections.Generic;
using System.Threading;

namespace RolloutPlaybook.Core.Database
{
    /// <summary>
    /// A read-only view of a live PostgreSQL database (SPEC §10). Every query runs alone in a READ ONLY transaction
    /// with a statement timeout, as one statement, and is rolled back. Implemented outside the core (the driver is
    /// not netstandard2.0): the cmdlets open it and hand it to the gate through <c>GateOptions.Database</c>.
    /// </summary>
    public interface ILiveDatabase : IDisposable
    {
        /// <summary>How evidence names the database (its name, never the connection string).</summary>
        string Name { get; }
        /// <summary>The statement timeout every query runs under.</summary>
        TimeSpan StatementTimeout { get; }
        /// <summary>Runs one read-only statement with positional parameters ($1, $2, ...); keeps the first <paramref name="keepRows"/> rows and counts all.</summary>
        LiveQueryResult Query(string sql, IReadOnlyList<string> parameters, int keepRows, CancellationToken cancellation);
        /// <summary>The connected role and what the server says it may do beyond reading (superuser, pg_execute_server_program, ...), read once per connection.</summary>
        LiveRole Role { get; }
        /// <summary>Takes this connection's secrets (password, connection string) and password-shaped text out of a text.</summary>
        string Redact(string text);
    }

    /// <summary>The role the gate is connected as, and its powers that reach past a read-only transaction.</summary>
    public sealed class LiveRole
    {
        public LiveRole(string name, bool superuser, IReadOnlyList<string> powers) { Name = name; Superuser = superuser; Powers = powers; }
        public string Name { get; }
        public bool Superuser { get; }
        /// <summary>Predefined roles it is a member of: pg_execute_server_program, pg_write_server_files, pg_read_server_files, pg_signal_backend.</summary>
        public IReadOnlyList<string> Powers { get; }
        /// <summary>True when a query that slipped past the gate's checks could act outside the database's tables.</summary>
        public bool Powerful => Superuser || Powers.Count > 0;

        /// <summary>One sentence for a warning, or null for a plain role.</summary>
        public string? Warning()
        {
            if (!Powerful) return null;
            var what = Superuser ? "a superuser" : "a member of " + string.Join(", ", Powers);
            return "The gate is connected as '" + Name + "', " + what + ": the server would let this role run programs, write files or stop sessions. " +
                   "The gate sends only single read-only queries and refuses functions with side effects, but it cannot see inside functions and views; " +
                   "connect with a role that has only SELECT (README: the read-only role).";
        }
    }

    /// <summary>Why a query did not return rows.</summary>
    public enum LiveQueryFailure
    {
        /// <summary>The query would write or act outside the read-only transaction: refused before it was sent (not a single query; COPY, DDL,
        /// a function with side effects, FOR UPDATE), or refused by the read-only transaction (SQLSTATE 25006, no SQLSTATE when not sent).</summary>
        RefusedWrite,
        /// <summary>The text holds more than one statement; the server refused to run any of it.</summary>
        MultipleStatements,
        /// <summary>Transaction or session control (COMMIT, SET, ...): refused before it was sent.</summary>
        RefusedControl,
        /// <summary>The statement timeout canceled it (SQLSTATE 57014).</summary>
        Timeout,
        /// <summary>Any other error (syntax, a missing table, no privilege, ...).</summary>
        Error,
    }

    /// <summary>What a failed query reported: the kind, the SQLSTATE and the server's message (passwords redacted).</summary>
    public sealed class LiveQueryError
    {
        public LiveQueryError(LiveQueryFailure kind, string? sqlState, string message) { Kind = kind; SqlState = sqlState; Message = message; }
        public LiveQueryFailure Kind { get; }
        public string? SqlState { get; }
        public string Message { get; }
        public override string ToString() => SqlState == null ? Message : SqlState + ": " + Message;
    }

    /// <summary>The outcome of one query: its columns, the first rows (as text, null for SQL NULL), how many rows there were, or the error.</summary>
    public sealed class LiveQueryResult
    {
        public LiveQueryResult(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, long rowCount)
        {
            Columns = columns; Rows = rows; RowCount = rowCount;
        }

        public LiveQueryResult(LiveQueryError error) : this(Array.Empty<string>(), Array.Empty<IReadOnlyList<string>>(), 0) { Error = error; }

        public IReadOnlyList<string> Columns { get; }
        public IReadOnlyList<IReadOnlyList<string?>> Rows { get; }
        public long RowCount { get; }
        public LiveQueryError? Error { get; }
        public bool Failed => Error != null;
    }
}
