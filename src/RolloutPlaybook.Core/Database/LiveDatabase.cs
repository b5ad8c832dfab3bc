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
    }

    /// <summary>Why a query did not return rows.</summary>
    public enum LiveQueryFailure
    {
        /// <summary>The query tried to write (DML, DDL) and the read-only transaction refused it (SQLSTATE 25006).</summary>
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

        public LiveQueryResult(LiveQueryError error) : this(new string[0], new IReadOnlyList<string?>[0], 0) { Error = error; }

        public IReadOnlyList<string> Columns { get; }
        public IReadOnlyList<IReadOnlyList<string?>> Rows { get; }
        public long RowCount { get; }
        public LiveQueryError? Error { get; }
        public bool Failed => Error != null;
    }
}
