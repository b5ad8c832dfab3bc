using System;
using System.Threading;
using RolloutPlaybook.Core.Database;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Opens the gate's read-only database connection (SPEC §10). On PowerShell 7 through RolloutPlaybook.Database
    /// (Npgsql), loaded into the module's own load context only when -Database is used. Windows PowerShell 5.1 gets
    /// no driver: Npgsql 9 targets .NET 6/8 only, so the database rules skip there with <see cref="Unavailable"/>.
    /// </summary>
    internal static class LiveDatabaseConnector
    {
#if NETFRAMEWORK
        public static readonly string? Unavailable =
            "Not checked: the live-database driver (Npgsql) does not load in Windows PowerShell 5.1 (.NET Framework); run Test-RolloutGate -Database in PowerShell 7.4 or later.";

        public static ILiveDatabase Open(string connectionString, TimeSpan statementTimeout, CancellationToken cancellation)
            => throw new PlatformNotSupportedException(Unavailable);
#else
        public static readonly string? Unavailable = null;

        public static ILiveDatabase Open(string connectionString, TimeSpan statementTimeout, CancellationToken cancellation)
            => OpenWithDriver(connectionString, statementTimeout, cancellation);

        // Kept apart so that RolloutPlaybook.Database (and Npgsql) load only when a database is really opened.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static ILiveDatabase OpenWithDriver(string connectionString, TimeSpan statementTimeout, CancellationToken cancellation)
            => RolloutPlaybook.Database.NpgsqlLiveDatabase.Open(connectionString, statementTimeout, cancellation);
#endif
    }
}
