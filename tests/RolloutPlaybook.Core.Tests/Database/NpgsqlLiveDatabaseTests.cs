using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Database;
using RolloutPlaybook.Tests.LiveDatabase;

namespace RolloutPlaybook.Core.Tests.Database
{
    /// <summary>The read-only executor against a real PostgreSQL: nothing it runs can write, and connection failures are one clear error.</summary>
    [Collection(LiveDatabaseCollection.Name)]
    public class NpgsqlLiveDatabaseTests
    {
        private readonly PostgresCluster cluster;
        private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

        public NpgsqlLiveDatabaseTests(PostgresCluster cluster) { this.cluster = cluster; }

        private void NeedServer() => Skip.IfNot(cluster.Available, cluster.SkipReason);

        private string Count(string db) => cluster.Psql(db, "select count(*) from entity_external_ids");

        [SkippableFact]
        public void ReadsRowsCountsAllAndKeepsTheFirstOnes()
        {
            NeedServer();
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean"), Ten);
            Assert.Equal("gate_clean", db.Name);
            var result = db.Query("select source, external_id from entity_external_ids where source = $1 order by external_id", new[] { "slack_channel" }, 2, default);
            Assert.Null(result.Error);
            Assert.Equal(new[] { "source", "external_id" }, result.Columns);
            Assert.Equal(3, result.RowCount);
            Assert.Equal(2, result.Rows.Count);
            Assert.Equal("C-ACME-1", result.Rows[0][1]);
        }

        [SkippableFact]
        public void TheUrlFormConnectsToo()
        {
            NeedServer();
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderUrl("gate_clean"), Ten);
            Assert.Equal("1", db.Query("select 1", Array.Empty<string>(), 5, default).Rows[0][0]);
        }

        [SkippableFact]
        public void EveryQueryRunsInAReadOnlyTransactionWithTheTimeout()
        {
            NeedServer();
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean"), TimeSpan.FromMilliseconds(2500));
            var result = db.Query("select current_setting('transaction_read_only'), current_setting('statement_timeout')", Array.Empty<string>(), 5, default);
            Assert.Equal(new string?[] { "on", "2500ms" }, result.Rows[0]);
        }

        [SkippableFact]
        public void AWriteIsRefusedByTheServerEvenForASuperuser()
        {
            NeedServer();
            var before = Count("gate_clean");
            using var db = NpgsqlLiveDatabase.Open(cluster.SuperUserKeyValue("gate_clean"), Ten);
            foreach (var sql in new[] { "delete from entity_external_ids", "with gone as (delete from entity_external_ids returning 1) select count(*) from gone",
                                        "create table planted_by_test (x int)", "select set_config('transaction_read_only', 'off', true), 1" })
            {
                var result = db.Query(sql, Array.Empty<string>(), 5, default);
                Assert.NotNull(result.Error);
                Assert.True(result.Error!.Kind == LiveQueryFailure.RefusedWrite || result.Error.Kind == LiveQueryFailure.Error, sql + ": " + result.Error);
            }
            Assert.Equal(LiveQueryFailure.RefusedWrite, db.Query("delete from entity_external_ids", Array.Empty<string>(), 5, default).Error!.Kind);
            Assert.Equal(before, Count("gate_clean"));
            Assert.Equal("", cluster.Psql("gate_clean", "select to_regclass('planted_by_test')"));
        }

        [SkippableFact]
        public void CommitThenDeleteNeverRuns()
        {
            NeedServer();
            var before = Count("gate_clean");
            using var db = NpgsqlLiveDatabase.Open(cluster.SuperUserKeyValue("gate_clean"), Ten);
            Assert.Equal(LiveQueryFailure.MultipleStatements, db.Query("commit; delete from entity_external_ids", Array.Empty<string>(), 5, default).Error!.Kind);
            Assert.Equal(LiveQueryFailure.RefusedControl, db.Query("commit", Array.Empty<string>(), 5, default).Error!.Kind);
            Assert.Equal(before, Count("gate_clean"));
            // The next query still runs read-only.
            Assert.Equal("on", db.Query("select current_setting('transaction_read_only')", Array.Empty<string>(), 5, default).Rows[0][0]);
        }

        [SkippableFact]
        public void TheServerItselfRefusesASecondStatement()
        {
            NeedServer();
            // What if the gate's splitter and the server ever disagreed: a batch command with positional parameters is
            // sent as it is, in one Parse message, and PostgreSQL refuses a second statement in it (42601). (Without
            // parameters the driver's own parser refuses it before sending.)
            using var connection = new Npgsql.NpgsqlConnection(cluster.SuperUserKeyValue("gate_clean"));
            connection.Open();
            var command = new Npgsql.NpgsqlBatchCommand("select $1; delete from entity_external_ids") { Parameters = { new Npgsql.NpgsqlParameter { Value = "x" } } };
            using var batch = new Npgsql.NpgsqlBatch(connection) { BatchCommands = { command } };
            var ex = Assert.Throws<Npgsql.PostgresException>(() => batch.ExecuteNonQuery());
            Assert.Equal("42601", ex.SqlState);
            Assert.Contains("multiple commands", ex.MessageText);
            Assert.Equal("5", Count("gate_clean"));
        }

        [SkippableFact]
        public void ASlowQueryIsCanceledByTheStatementTimeout()
        {
            NeedServer();
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean"), TimeSpan.FromMilliseconds(300));
            var started = DateTime.UtcNow;
            var result = db.Query("select pg_sleep(5)", Array.Empty<string>(), 5, default);
            Assert.Equal(LiveQueryFailure.Timeout, result.Error!.Kind);
            Assert.Equal("57014", result.Error.SqlState);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
            Assert.Equal("1", db.Query("select 1", Array.Empty<string>(), 5, default).Rows[0][0]); // the connection is still good
        }

        [SkippableFact]
        public void WrongPasswordIsOneAuthenticationErrorWithoutThePassword()
        {
            NeedServer();
            var text = cluster.ReaderKeyValue("gate_clean").Replace(cluster.ReaderPassword, "wrong-password-4711");
            var ex = Assert.Throws<RolloutException>(() => NpgsqlLiveDatabase.Open(text, Ten));
            Assert.Equal("DatabaseAuthenticationFailed", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.AuthenticationError, ex.Kind);
            Assert.Contains("password authentication failed for user \"gate_reader\"", ex.Message);
            Assert.Contains("127.0.0.1:" + cluster.Port, ex.Message);
            Assert.DoesNotContain("wrong-password-4711", ex.Message);
            Assert.Null(ex.InnerException);
        }

        [SkippableFact]
        public void UnreachableServerIsOneConnectionError()
        {
            NeedServer();
            int port = FreePort();
            var ex = Assert.Throws<RolloutException>(() => NpgsqlLiveDatabase.Open("postgresql://gate_reader:s3cret-pw@127.0.0.1:" + port + "/gate_clean", Ten));
            Assert.Equal("DatabaseUnreachable", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.ConnectionError, ex.Kind);
            Assert.Contains("127.0.0.1:" + port, ex.Message);
            Assert.DoesNotContain("s3cret-pw", ex.Message);
        }

        [Fact]
        public void AServerThatNeverAnswersIsOneTimeoutError()
        {
            // A listener that accepts and says nothing: the connection's Timeout (1 s here) ends the wait.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var ex = Assert.Throws<RolloutException>(() => NpgsqlLiveDatabase.Open("Host=127.0.0.1;Port=" + port + ";Username=u;Password=s3cret-pw;Timeout=1", Ten));
                Assert.Equal("DatabaseTimeout", ex.ErrorId);
                Assert.Equal(RolloutErrorKind.OperationTimeout, ex.Kind);
                Assert.Contains("did not answer within 1 s", ex.Message);
                Assert.DoesNotContain("s3cret-pw", ex.Message);
            }
            finally { listener.Stop(); }
        }

        [SkippableFact]
        public void UnknownDatabaseIsNotFound()
        {
            NeedServer();
            var ex = Assert.Throws<RolloutException>(() => NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("no_such_db"), Ten));
            Assert.Equal("DatabaseNotFound", ex.ErrorId);
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }
    }
}
