using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Database;
using RolloutPlaybook.Model;
using RolloutPlaybook.Tests.LiveDatabase;

namespace RolloutPlaybook.Core.Tests.Database
{
    /// <summary>
    /// The defects a cold review found in the live-database gate, each against the real server: read-only must hold
    /// also for a superuser (COPY TO PROGRAM, dblink_exec, pg_terminate_backend, REINDEX, ANALYZE), void columns, a
    /// lost connection, the connection's password in rows, expression indexes and mixed-case table names.
    /// </summary>
    [Collection(LiveDatabaseCollection.Name)]
    public class LiveSafetyTests
    {
        private static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");
        private readonly PostgresCluster cluster;

        public LiveSafetyTests(PostgresCluster cluster) { this.cluster = cluster; }

        private static RolloutPlan Plan(params (string Id, string Sql)[] invariants)
        {
            var plan = PlanFileStore.Load(Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml"));
            plan.Invariants.Clear();
            foreach (var (id, sql) in invariants) plan.Invariants.Add(new PlanInvariant { Id = id, Sql = sql });
            return plan;
        }

        private string Connection(string database, bool superuser)
            => superuser ? cluster.SuperUserKeyValue(database) : cluster.ReaderKeyValue(database);

        private List<GateResult> Gate(RolloutPlan plan, string database, bool superuser, params string[] rules)
        {
            using var db = NpgsqlLiveDatabase.Open(Connection(database, superuser), TimeSpan.FromSeconds(10));
            return new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = AppRepo, Rules = rules, Database = db }).ToList();
        }

        /// <summary>A database of its own for one test (dropped at the end), set up by the superuser.</summary>
        private sealed class Scratch : IDisposable
        {
            private readonly PostgresCluster cluster;
            public Scratch(PostgresCluster cluster, string setup)
            {
                this.cluster = cluster;
                Name = "gate_scratch_" + Guid.NewGuid().ToString("N").Substring(0, 10);
                cluster.Psql("postgres", "create database " + Name);
                cluster.Psql(Name, setup);
            }
            public string Name { get; }
            public void Dispose()
            {
                try { cluster.Psql("postgres", "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + Name + "'"); cluster.Psql("postgres", "drop database if exists " + Name); }
                catch (InvalidOperationException) { /* best effort */ }
            }
        }

        /// <summary>The identity table RP.Db.OneToOneLive looks up first.</summary>
        private const string Identity = "create table entity_external_ids (entity_type text, entity_id uuid, source text, external_id text); ";

        // ---- 1: read-only holds, also for a superuser ----

        [SkippableFact]
        public void NothingRunsOutsideTheReadOnlyTransactionEvenForASuperuser()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            using var scratch = new Scratch(cluster, "create extension dblink; create table victims (id int primary key, v text); " +
                "insert into victims select n, 'v' || n from generate_series(1, 5) n; create table slack_messages (x int)");
            var marker = Path.Combine(Path.GetTempPath(), "rp-pwn-" + Guid.NewGuid().ToString("N"));
            var written = Path.Combine(Path.GetTempPath(), "rp-out-" + Guid.NewGuid().ToString("N") + ".txt");
            var self = "host=" + cluster.Host + " port=" + cluster.Port + " dbname=" + scratch.Name + " user=" + cluster.SuperUser + " password=" + cluster.SuperPassword;
            var attacks = new (string Id, string Sql, string Why)[]
            {
                ("program", "copy (select 1) to program 'touch " + marker + "'", "'COPY' is not a query"),
                ("file", "copy (select 'x') to '" + written + "'", "'COPY' is not a query"),
                ("stdout", "copy victims to stdout", "'COPY' is not a query"),
                ("dblink", "select 1 from dblink_exec('" + self + "', 'delete from victims') r where r <> 'x'", "it calls dblink_exec()"),
                ("terminate", "select pg_terminate_backend(pg_backend_pid())", "it calls pg_terminate_backend()"),
                ("reindex", "reindex table victims", "'REINDEX' is not a query"),
                ("cluster", "cluster victims using victims_pkey", "'CLUSTER' is not a query"),
                ("analyze", "analyze victims", "'ANALYZE' is not a query"),
                ("lock", "select * from victims for update", "it locks rows"),
            };
            var plan = Plan(attacks.Select(a => (a.Id, a.Sql)).Concat(new[] { ("after", "select id from victims where id > 100") }).ToArray());
            var results = Gate(plan, scratch.Name, superuser: true, "RP.Db.Invariants").ToDictionary(r => r.Target);
            foreach (var attack in attacks)
            {
                var result = results[attack.Id];
                Assert.True(result.Outcome == GateOutcome.Warn, attack.Id + ": " + result);
                Assert.Contains("Invariant '" + attack.Id + "' was not run: " + attack.Why, result.Message);
                Assert.Contains("(not sent)", string.Join(" ", result.Evidence));
                Assert.Contains("database role postgres: superuser (connect with a SELECT-only role)", result.Evidence);
            }
            // Nothing happened, and the connection survived to run the last invariant.
            Assert.Equal(GateOutcome.Pass, results["after"].Outcome);
            Thread.Sleep(200);
            Assert.False(File.Exists(marker), "COPY TO PROGRAM ran");
            Assert.False(File.Exists(written), "COPY TO a file ran");
            Assert.Equal("5", cluster.Psql(scratch.Name, "select count(*) from victims"));
            Assert.Equal("", cluster.Psql(scratch.Name, "select coalesce(last_analyze::text, '') from pg_stat_user_tables where relname = 'victims'"));
        }

        [SkippableFact]
        public void TheConnectedRoleIsReadOnceAndAPowerfulOneIsNamed()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            using (var super = NpgsqlLiveDatabase.Open(cluster.SuperUserKeyValue("gate_clean"), TimeSpan.FromSeconds(10)))
            {
                Assert.Equal("postgres", super.Role.Name);
                Assert.True(super.Role.Superuser);
                Assert.Contains("'postgres', a superuser", super.Role.Warning());
            }
            using (var reader = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean"), TimeSpan.FromSeconds(10)))
            {
                Assert.Equal(cluster.Reader, reader.Role.Name);
                Assert.False(reader.Role.Powerful);
                Assert.Null(reader.Role.Warning());
            }
            var name = "gate_files_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            cluster.Psql("postgres", "create role " + name + " login password 'files-test-only'; grant pg_write_server_files to " + name);
            try
            {
                using var files = NpgsqlLiveDatabase.Open("Host=" + cluster.Host + ";Port=" + cluster.Port + ";Database=gate_clean;Username=" + name + ";Password=files-test-only", TimeSpan.FromSeconds(10));
                Assert.False(files.Role.Superuser);
                Assert.Equal(new[] { "pg_write_server_files" }, files.Role.Powers);
                Assert.Contains("a member of pg_write_server_files", files.Role.Warning());
            }
            finally { cluster.Psql("postgres", "drop role " + name); }
        }

        [SkippableFact]
        public void AWriteInsideAQueryIsStillRefusedByTheServer()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var before = cluster.Psql("gate_clean", "select count(*) from slack_messages");
            var results = Gate(Plan(("cte", "with gone as (delete from slack_messages returning 1) select count(*) from gone")), "gate_clean", superuser: true, "RP.Db.Invariants");
            var cte = Assert.Single(results);
            Assert.Equal(GateOutcome.Warn, cte.Outcome);
            Assert.True(cte.Message.Contains("the read-only transaction refused it and nothing changed (25006: cannot execute "), cte.Message);
            Assert.Equal(before, cluster.Psql("gate_clean", "select count(*) from slack_messages"));
        }

        // ---- 6, 7: odd results are results, not crashes ----

        [SkippableFact]
        public void AVoidColumnAndACopyToStdoutAreResultsNotCrashes()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var results = Gate(Plan(("void", "select pg_sleep(0)"), ("copy", "copy slack_messages to stdout"), ("last", "select 1 where false")),
                "gate_clean", superuser: false, "RP.Db.Invariants").ToDictionary(r => r.Target);
            Assert.Equal(GateOutcome.Fail, results["void"].Outcome);
            Assert.Contains("returned 1 row (it must return none): (pg_sleep=", results["void"].Message);
            Assert.Equal(GateOutcome.Warn, results["copy"].Outcome);
            Assert.Contains("'COPY' is not a query", results["copy"].Message);
            Assert.Equal(GateOutcome.Pass, results["last"].Outcome);
        }

        // ---- 8: a lost connection is one clear error ----

        [SkippableFact]
        public void ALostConnectionIsOneClearErrorNotARawException()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var application = "rp-lost-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean") + ";Application Name=" + application, TimeSpan.FromSeconds(10));
            Assert.Equal("1", db.Query("select 1", Array.Empty<string>(), 1, default).Rows[0][0]);
            Assert.Equal("t", cluster.Psql("postgres", "select pg_terminate_backend(pid) from pg_stat_activity where application_name = '" + application + "'"));
            var plan = Plan(("one", "select 1 where false"), ("two", "select 2 where false"));
            var ex = Assert.Throws<RolloutException>(() => new GateEngine().Evaluate(plan, new GateOptions { Rules = new[] { "RP.Db.Invariants" }, Database = db }).ToList());
            Assert.Equal("DatabaseConnectionLost", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.ConnectionError, ex.Kind);
            Assert.Contains("The connection to the database server at 127.0.0.1:" + cluster.Port + " was lost during the gate", ex.Message);
            Assert.DoesNotContain(cluster.ReaderPassword, ex.Message);
            // And again on the next query: never a raw "Connection is not open".
            var again = Assert.Throws<RolloutException>(() => db.Query("select 1", Array.Empty<string>(), 1, default));
            Assert.Equal("DatabaseConnectionLost", again.ErrorId);
        }

        [SkippableFact]
        public void AConnectionKilledDuringAQueryIsOneClearError()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var application = "rp-killed-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue("gate_clean") + ";Application Name=" + application, TimeSpan.FromSeconds(10));
            var killer = Task.Run(() =>
            {
                for (int i = 0; i < 100; i++)
                {
                    if (cluster.Psql("postgres", "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '" + application + "' and query like '%pg_sleep%' and state = 'active'") == "1") return true;
                    Thread.Sleep(50);
                }
                return false;
            });
            var ex = Assert.Throws<RolloutException>(() => db.Query("select pg_sleep(8)", Array.Empty<string>(), 1, default));
            Assert.True(killer.Result);
            Assert.Equal("DatabaseConnectionLost", ex.ErrorId);
            Assert.Contains("terminating connection due to administrator command (57P01)", ex.Message);
        }

        // ---- 13: the connection's password never shows in rows ----

        [SkippableFact]
        public void RowsNeverShowTheConnectionsPasswordOrPasswordShapes()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var results = Gate(Plan(
                    ("own", "select 'gate-superuser-' || 'test-only' as pw"),
                    ("column", "select 1 as \"gate-superuser-test-only\""),
                    ("url", "select 'postgresql://postgres:' || 'secret@h/x' as u"),
                    ("kv", "select 'pass' || 'word=hunter2hunter2' as k")),
                "gate_clean", superuser: true, "RP.Db.Invariants").ToDictionary(r => r.Target);
            foreach (var id in new[] { "own", "column", "url", "kv" })
            {
                Assert.Equal(GateOutcome.Fail, results[id].Outcome);
                Assert.Contains("<redacted: a password or connection string>", results[id].Message);
            }
            var all = string.Join("\n", results.Values.Select(r => r.Message + string.Join(" ", r.Evidence)));
            Assert.DoesNotContain(cluster.SuperPassword, all);
            Assert.DoesNotContain("secret@h", all);
            Assert.DoesNotContain("hunter2hunter2", all);
        }

        // ---- 5, 15: expression indexes and mixed-case tables ----

        [SkippableFact]
        public void AnExpressionOrIncludeColumnNeverCountsAsAKeyColumn()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            using var scratch = new Scratch(cluster,
                Identity + "create table t_expr (a text, b text, c text); create unique index t_expr_ab on t_expr (lower(a), b); " +
                "create table t_incl (a text, b text); create unique index t_incl_b on t_incl (b) include (a); " +
                "create table t_comma (a text, b text); create unique index t_comma_ab on t_comma (coalesce(a, b), b)");
            var plan = Plan();
            plan.LinkingPoints.Clear();
            plan.LinkingPoints.Add(new LinkingPoint { Source = "expr", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "t_expr", Key = { "b" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "incl", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "t_incl", Key = { "b" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "comma", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "t_comma", Key = { "a", "b" } });
            var results = Gate(plan, scratch.Name, superuser: true, "RP.Db.OneToOneLive").ToDictionary(r => r.Target);
            Assert.Equal(GateOutcome.Fail, results["expr"].Outcome);
            Assert.Contains("no valid UNIQUE on exactly (b); its unique indexes are t_expr_ab ((lower(a)), b)", results["expr"].Message);
            Assert.Equal(GateOutcome.Pass, results["incl"].Outcome); // UNIQUE (b) INCLUDE (a) is unique on b alone
            Assert.Contains("enforced in the database by t_incl_b (b)", results["incl"].Message);
            Assert.Equal(GateOutcome.Fail, results["comma"].Outcome);
            Assert.Contains("t_comma_ab ((COALESCE(a, b)), b)", results["comma"].Message);
        }

        [SkippableFact]
        public void AMixedCaseAppTableIsFoundAsNamed()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            using var scratch = new Scratch(cluster, Identity + "create table \"T_Quoted\" (a text, b text); create unique index t_quoted_a on \"T_Quoted\" (a); " +
                "insert into \"T_Quoted\" values ('x', '1'), ('y', '1')");
            var plan = Plan();
            plan.LinkingPoints.Clear();
            plan.LinkingPoints.Add(new LinkingPoint { Source = "quoted", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "T_Quoted", Key = { "a" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "missing", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "t_quoted", Key = { "a" } });
            var results = Gate(plan, scratch.Name, superuser: true, "RP.Db.OneToOneLive", "RP.Db.NoDuplicateMappings");
            var live = results.Where(r => r.RuleId == "RP.Db.OneToOneLive").ToDictionary(r => r.Target);
            Assert.Equal(GateOutcome.Pass, live["quoted"].Outcome);
            Assert.Contains("enforced in the database by t_quoted_a (a)", live["quoted"].Message);
            Assert.Equal(GateOutcome.Fail, live["missing"].Outcome); // the lower-case name is another table, as in NoDuplicateMappings
            Assert.Contains("Table t_quoted of link 'missing' is not in the database", live["missing"].Message);
            Assert.Equal(GateOutcome.Pass, results.Single(r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "quoted").Outcome);
        }
    }
}
