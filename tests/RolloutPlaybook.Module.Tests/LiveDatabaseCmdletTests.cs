using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;
using RolloutPlaybook.Tests.LiveDatabase;

namespace RolloutPlaybook.Module.Tests
{
    [CollectionDefinition(Name)]
    public sealed class LiveDatabaseCollection : ICollectionFixture<PostgresCluster>
    {
        public const string Name = "LiveDatabase";
    }

    /// <summary>
    /// Test-RolloutGate -Database through the real engine against a throwaway PostgreSQL (tests/fixtures/livedb):
    /// the connection parameters, the errors users see, the clean and the planted database, and the invariant cmdlets.
    /// </summary>
    [Collection(LiveDatabaseCollection.Name)]
    public class LiveDatabaseCmdletTests
    {
        private const string Gate = "RolloutPlaybook.Commands.TestRolloutGateCommand";
        private static string AppRepo => Path.Combine(Repo.Fixtures, "app-repo");
        private static string SlackPlan => Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml");
        private const string StaleAttribution =
            "select m.channel_id, m.message_ts, m.slack_user_id from slack_messages m where m.sender_staff_id is not null and not exists " +
            "(select 1 from entity_external_ids e where e.source = 'slack_user' and e.entity_id = m.sender_staff_id and e.external_id = m.slack_user_id)";

        private readonly PostgresCluster cluster;

        public LiveDatabaseCmdletTests(PostgresCluster cluster) { this.cluster = cluster; }

        private void NeedServer() => Skip.IfNot(cluster.Available, cluster.SkipReason);

        // ---- bad input first ----

        /// <summary>What ConvertTo-SecureString -AsPlainText gives a user (the hosted engine has no Microsoft.PowerShell.Security).</summary>
        internal static System.Security.SecureString Secure(string text)
        {
            var secure = new System.Security.SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        [Theory]
        [InlineData("-Database", "", "DatabaseConnectionStringRequired", ErrorCategory.InvalidArgument, "-ConnectionStringVariable NAME")]
        [InlineData("-ConnectionStringVariable RP_TEST_UNSET_DB_URL", "", "DatabaseConnectionStringVariableNotSet", ErrorCategory.ObjectNotFound, "'RP_TEST_UNSET_DB_URL' is not set")]
        [InlineData("-ConnectionStringVariable RP_TEST_DB_URL -ConnectionString $secure", "Host=x", "DatabaseConnectionAmbiguous", ErrorCategory.InvalidArgument, "not both")]
        [InlineData("-ConnectionString $secure", "mysql://u:hunter2222@h/db", "DatabaseConnectionStringInvalid", ErrorCategory.InvalidArgument, "postgresql://")]
        [InlineData("-ConnectionString $secure", "Host=h;Pasword=hunter2222", "DatabaseConnectionStringInvalid", ErrorCategory.InvalidArgument, "not valid")]
        public void ConnectionProblemsAreOneTerminatingErrorWithoutThePassword(string parameters, string connection, string errorId, ErrorCategory category, string expected)
        {
            using var ps = new PowerShellSession();
            ps.SetVariable("secure", Secure(connection));
            var result = ps.Run("$env:RP_TEST_DB_URL = 'Host=x'; $env:RP_TEST_UNSET_DB_URL = $null; Test-RolloutGate -Path $args[0] " + parameters, Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal(errorId + "," + Gate, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Contains(expected, error.Exception.Message);
            Assert.DoesNotContain("hunter2222", error.Exception.Message + error.CategoryInfo + error.TargetObject);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void StatementTimeoutIsValidatedAtTheBoundary()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Database -StatementTimeout 0", Repo.ExamplePlan);
            Assert.Equal("ParameterArgumentValidationError," + Gate, Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        }

        [Fact]
        public void WithoutDatabaseTheDbRulesSkipWithTheReason()
        {
            using var ps = new PowerShellSession();
            var results = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Category Db", SlackPlan, AppRepo).Output.Select(o => (GateResult)o.BaseObject).ToList();
            Assert.Equal(new[] { "RP.Db.MigrationsApplied", "RP.Db.OneToOneLive", "RP.Db.NoDuplicateMappings", "RP.Db.Invariants" }, results.Select(r => r.RuleId));
            Assert.All(results, r => Assert.Equal(GateOutcome.Skip, r.Outcome));
            Assert.All(results, r => Assert.Contains("give -Database with -ConnectionString or -ConnectionStringVariable", r.Message));
            Assert.Equal(4, ps.Run("Get-RolloutRule -Id RP.Db.*").Output.Count);
        }

        // ---- the real server ----

        [SkippableFact]
        public void WrongPasswordIsOneAuthenticationErrorWithoutPasswordOrStackTrace()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            ps.SetVariable("secure", Secure(cluster.ReaderUrl("gate_clean").Replace(Uri.EscapeDataString(cluster.ReaderPassword), "not-the-password-42")));
            var result = ps.Run("Test-RolloutGate -Path $args[0] -ConnectionString $secure", SlackPlan);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("DatabaseAuthenticationFailed," + Gate, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("password authentication failed for user \"gate_reader\"", error.Exception.Message);
            Assert.DoesNotContain("not-the-password-42", error.Exception.ToString());
            Assert.DoesNotContain("   at ", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [SkippableFact]
        public void UnreachableServerIsOneConnectionError()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var result = ps.Run("$env:RP_TEST_DB_URL = $args[1]; Test-RolloutGate -Path $args[0] -ConnectionStringVariable RP_TEST_DB_URL",
                SlackPlan, "postgresql://gate_reader:hunter2222@127.0.0.1:" + port + "/gate_clean");
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("DatabaseUnreachable," + Gate, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("127.0.0.1:" + port, error.Exception.Message);
            Assert.DoesNotContain("hunter2222", error.Exception.ToString());
        }

        [Fact]
        public void AServerThatNeverAnswersIsOneTimeoutError()
        {
            using var ps = new PowerShellSession();
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start(); // accepts, never speaks
            try
            {
                int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
                ps.SetVariable("secure", Secure("Host=127.0.0.1;Port=" + port + ";Username=u;Password=hunter2222;Timeout=1"));
                var result = ps.Run("Test-RolloutGate -Path $args[0] -ConnectionString $secure", SlackPlan);
                var error = Assert.Single(result.AllErrors);
                Assert.Equal("DatabaseTimeout," + Gate, error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
                Assert.Contains("did not answer within 1 s", error.Exception.Message);
                Assert.DoesNotContain("hunter2222", error.Exception.ToString());
                Assert.Empty(result.Output);
            }
            finally { listener.Stop(); }
        }

        [SkippableFact]
        public void CleanDatabasePassesAndQuietIsTrue()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            ps.SetVariable("secure", Secure(cluster.ReaderKeyValue("gate_clean")));
            var run = ps.Run(
                "$plan = Import-RolloutPlan $args[0] | Add-RolloutInvariant -Id no-stale-attribution -Description 'attributed messages keep their mapping' -Sql $args[2]; " +
                "$plan | Test-RolloutGate -RepositoryPath $args[1] -ConnectionString $secure -Category Db", SlackPlan, AppRepo, StaleAttribution);
            run.AssertNoErrors();
            var results = run.Output.Select(o => (GateResult)o.BaseObject).ToList();
            Assert.Equal(7, results.Count); // migrations; one-to-one for slack_user and slack_channel; two duplicate checks for the 1:1 source, one for the 1:N; the invariant
            Assert.All(results, r => Assert.True(r.Outcome == GateOutcome.Pass, r.ToString()));
            Assert.True((bool)ps.Run("$plan | Test-RolloutGate -RepositoryPath $args[0] -ConnectionString $secure -Category Db -Quiet", AppRepo).Output.Single().BaseObject);
        }

        [SkippableFact]
        public void PlantedProblemsAreEachCaughtOnceAndTheReportHoldsNoPassword()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var plan = temp.File("rollout-plan.yaml");
            File.Copy(SlackPlan, plan);
            // The plan file has comments: -Force rewrites it (the invariants must survive a save and a load).
            ps.Run("Add-RolloutInvariant -Path $args[0] -Id no-stale-attribution -Sql $args[1] -Force; " +
                   "Add-RolloutInvariant -Path $args[0] -Id tidy-up -Sql 'delete from slack_messages where sender_staff_id is null' -Force", plan, StaleAttribution).AssertNoErrors();
            Assert.Contains("invariants:", File.ReadAllText(plan));
            var report = temp.File("gate.junit.xml");
            var run = ps.Run("$env:RP_TEST_DB_URL = $args[2]; Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -ConnectionStringVariable RP_TEST_DB_URL -Category Db -OutputPath $args[3]",
                plan, AppRepo, cluster.ReaderUrl("gate_planted"), report);
            run.AssertNoErrors();
            var problems = run.Output.Select(o => (GateResult)o.BaseObject).Where(r => r.Outcome != GateOutcome.Pass)
                .Select(r => r.RuleId + " " + r.Outcome + " " + r.Target).OrderBy(x => x, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[]
            {
                "RP.Db.Invariants Fail no-stale-attribution",
                "RP.Db.Invariants Warn tidy-up",
                "RP.Db.MigrationsApplied Fail supabase/migrations/20260212_slack_backfill_guard.sql",
                "RP.Db.NoDuplicateMappings Fail slack_channel",
                "RP.Db.NoDuplicateMappings Fail slack_user",
                "RP.Db.OneToOneLive Fail slack_user",
            }, problems);
            Assert.Equal("1", cluster.Psql("gate_planted", "select count(*) from slack_messages where sender_staff_id is null")); // the DELETE deleted nothing
            var xml = File.ReadAllText(report);
            Assert.Contains("RP.Db.OneToOneLive", xml);
            Assert.DoesNotContain(cluster.ReaderPassword, xml);
            Assert.DoesNotContain("postgresql://", xml);
        }

        [SkippableFact]
        public void ASlowInvariantIsAFailNamingTheTimeout()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            ps.SetVariable("secure", Secure(cluster.ReaderKeyValue("gate_clean")));
            var run = ps.Run("Import-RolloutPlan $args[0] | Add-RolloutInvariant -Id slow -Sql 'select pg_sleep(3)' | " +
                "Test-RolloutGate -Rule RP.Db.Invariants -ConnectionString $secure -StatementTimeout 1", SlackPlan);
            run.AssertNoErrors();
            var result = (GateResult)Assert.Single(run.Output).BaseObject;
            Assert.Equal(GateOutcome.Fail, result.Outcome);
            Assert.Contains("ran longer than the statement timeout (1 s) and was canceled (57014: canceling statement due to statement timeout)", result.Message);
        }

        [SkippableFact]
        public void APlanWithoutInvariantsDoesNotKeepTheGateClosed()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            ps.SetVariable("secure", Secure(cluster.ReaderKeyValue("gate_clean")));
            var results = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -ConnectionString $secure -Category Db", SlackPlan, AppRepo);
            results.AssertNoErrors();
            var invariants = Assert.Single(results.Output.Select(o => (GateResult)o.BaseObject), r => r.RuleId == "RP.Db.Invariants");
            Assert.Equal(GateOutcome.Skip, invariants.Outcome);
            Assert.Contains("Nothing to check: the plan lists no invariants", invariants.Message);
            var quiet = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -ConnectionString $secure -Category Db -Quiet", SlackPlan, AppRepo);
            quiet.AssertNoErrors();
            Assert.True((bool)quiet.Output.Single().BaseObject);
            Assert.Empty(quiet.Warnings);
            // A rule that could not run still keeps it closed, with advice that fits the cause.
            var noRepo = ps.Run("New-RolloutPlan -Connector acme | Test-RolloutGate -ConnectionString $secure -Category Db -Quiet");
            Assert.False((bool)noRepo.Output.Single().BaseObject);
            var warning = Assert.Single(noRepo.Warnings);
            Assert.Contains("1 repository rule result(s) were skipped (acme RP.Db.MigrationsApplied). Give -RepositoryPath", warning);
        }

        [SkippableFact]
        public void ALostConnectionIsOneClearErrorNotARawException()
        {
            NeedServer();
            using var ps = new PowerShellSession();
            var application = "rp-cmdlet-lost-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            ps.SetVariable("secure", Secure(cluster.ReaderKeyValue("gate_clean") + ";Application Name=" + application));
            var killer = System.Threading.Tasks.Task.Run(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    if (cluster.Psql("postgres", "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '" + application + "' and query like '%pg_sleep%' and state = 'active'") == "1") return true;
                    System.Threading.Thread.Sleep(50);
                }
                return false;
            });
            var run = ps.Run("Import-RolloutPlan $args[0] | Add-RolloutInvariant -Id slow -Sql 'select pg_sleep(8)' | Add-RolloutInvariant -Id next -Sql 'select 1 where false' | " +
                "Test-RolloutGate -Rule RP.Db.Invariants -ConnectionString $secure", SlackPlan);
            Assert.True(killer.Result);
            var error = Assert.Single(run.AllErrors);
            Assert.Equal("DatabaseConnectionLost," + Gate, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("was lost during the gate: terminating connection due to administrator command (57P01)", error.Exception.Message);
            Assert.DoesNotContain(cluster.ReaderPassword, error.Exception.ToString());
            Assert.Empty(run.Output);
        }

        // ---- authoring ----

        [Fact]
        public void InvariantCmdletsAddReplaceRemoveAndComplete()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            ps.Run("$plan | Add-RolloutInvariant -Id no-stale -Sql 'select 1 where false' -Description 'nothing stale' | Out-Null").AssertNoErrors();
            var exists = ps.Run("$plan | Add-RolloutInvariant -Id no-stale -Sql 'select 2'");
            Assert.Equal("RolloutInvariantExists,RolloutPlaybook.Commands.AddRolloutInvariantCommand", Assert.Single(exists.AllErrors).FullyQualifiedErrorId);
            ps.Run("$plan | Add-RolloutInvariant -Id no-stale -Sql 'select 2' -Force | Out-Null").AssertNoErrors();
            Assert.Equal("select 2", ps.Run("$plan.Invariants[0].Sql").Output.Single().BaseObject);
            Assert.Equal(new[] { "no-stale" }, ps.Complete("$plan | Remove-RolloutInvariant -Id n"));
            var missing = ps.Run("$plan | Remove-RolloutInvariant -Id nope");
            var error = Assert.Single(missing.AllErrors);
            Assert.Equal("RolloutInvariantNotFound,RolloutPlaybook.Commands.RemoveRolloutInvariantCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            ps.Run("$plan | Remove-RolloutInvariant -Id no-* | Out-Null").AssertNoErrors();
            Assert.Equal(0, ps.Run("$plan.Invariants.Count").Output.Single().BaseObject);
        }

        [Fact]
        public void ConnectionStringVariableCompletesEnvironmentVariableNamesNeverValues()
        {
            using var ps = new PowerShellSession();
            ps.Run("$env:RP_TEST_COMPLETE_DB_URL = 'postgresql://u:hunter2222@h/db'").AssertNoErrors();
            var completions = ps.Complete("Test-RolloutGate -ConnectionStringVariable RP_TEST_COMPLETE_");
            Assert.Equal(new[] { "RP_TEST_COMPLETE_DB_URL" }, completions);
            ps.Run("$env:RP_TEST_COMPLETE_DB_URL = $null");
        }

        [Theory]
        [InlineData("commit; delete from t", "holds 2 statements")]
        [InlineData("rollback", "'ROLLBACK' is transaction or session control")]
        public void InvariantThatCannotBeRunIsRefusedWhenAdded(string sql, string expected)
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutInvariant -Id x -Sql $args[0]", sql);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("InvariantNotAQuery,RolloutPlaybook.Commands.AddRolloutInvariantCommand", error.FullyQualifiedErrorId);
            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(0, ps.Run("$plan.Invariants.Count").Output.Single().BaseObject);
        }

        [Theory]
        [InlineData("select pg_terminate_backend(pid) from pg_stat_activity", "it calls pg_terminate_backend()")]
        [InlineData("copy (select 1) to program 'touch /tmp/x'", "starts with 'COPY', not SELECT: the gate does not send it")]
        [InlineData("select * from slack_messages for update", "it locks rows (FOR UPDATE ...)")]
        public void AnInvariantTheGateWillNotSendIsAddedWithAWarningSayingWhy(string sql, string expected)
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutInvariant -Id risky -Sql $args[0] | Out-Null", sql);
            result.AssertNoErrors();
            Assert.Contains(result.Warnings, w => w.Contains(expected));
        }

        [Fact]
        public void AWritingInvariantIsAddedWithAWarningAndABadIdIsRefused()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutInvariant -Id tidy -Sql 'delete from t' | Out-Null");
            Assert.Contains(result.Warnings, w => w.Contains("starts with 'DELETE', not SELECT"));
            Assert.Equal("ParameterArgumentValidationError,RolloutPlaybook.Commands.AddRolloutInvariantCommand",
                Assert.Single(ps.Run("$plan | Add-RolloutInvariant -Id 'a b' -Sql 'select 1'").AllErrors).FullyQualifiedErrorId);
        }
    }
}
