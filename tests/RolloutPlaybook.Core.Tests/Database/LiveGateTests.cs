using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Database;
using RolloutPlaybook.Model;
using RolloutPlaybook.Tests.LiveDatabase;

namespace RolloutPlaybook.Core.Tests.Database
{
    /// <summary>
    /// The four database rules against the fixture app's migrations in a real PostgreSQL: the clean database passes
    /// every one of them, and each problem planted in gate_planted is caught exactly once.
    /// </summary>
    [Collection(LiveDatabaseCollection.Name)]
    public class LiveGateTests
    {
        private static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");
        private readonly PostgresCluster cluster;

        public LiveGateTests(PostgresCluster cluster) { this.cluster = cluster; }

        internal const string StaleAttribution =
            "select m.channel_id, m.message_ts, m.slack_user_id, m.sender_staff_id from slack_messages m " +
            "where m.sender_staff_id is not null and not exists (select 1 from entity_external_ids e where e.source = 'slack_user' " +
            "and e.entity_type = 'staff' and e.entity_id = m.sender_staff_id and e.external_id = m.slack_user_id) order by m.message_ts";

        private static RolloutPlan Plan(bool withDelete = false)
        {
            var plan = PlanFileStore.Load(Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml"));
            plan.Invariants.Add(new PlanInvariant { Id = "no-stale-attribution", Description = "every attributed message has its mapping", Sql = StaleAttribution });
            if (withDelete) plan.Invariants.Add(new PlanInvariant { Id = "tidy-up", Sql = "delete from slack_messages where sender_staff_id is null" });
            return plan;
        }

        private List<GateResult> Gate(RolloutPlan plan, string database, TimeSpan? timeout = null)
        {
            using var db = NpgsqlLiveDatabase.Open(cluster.ReaderKeyValue(database), timeout ?? TimeSpan.FromSeconds(10));
            return new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = AppRepo, Categories = new[] { "Db" }, Database = db }).ToList();
        }

        [SkippableFact]
        public void CleanDatabasePassesEveryDatabaseRule()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var results = Gate(Plan(), "gate_clean");
            Assert.All(results, r => Assert.True(r.Outcome == GateOutcome.Pass, r.ToString()));
            Assert.Equal(new[] { "RP.Db.MigrationsApplied", "RP.Db.OneToOneLive", "RP.Db.NoDuplicateMappings", "RP.Db.Invariants" }, results.Select(r => r.RuleId).Distinct());
            var migrations = results.Single(r => r.RuleId == "RP.Db.MigrationsApplied");
            Assert.Contains("All 6 forward migrations are applied", migrations.Message);
            Assert.Contains("database gate_clean: applied migrations (select version::text from supabase_migrations.schema_migrations order by version) (6 rows)", migrations.Evidence);
            Assert.Contains("enforced in the database by idx_entity_external_ids_one_to_one_sources", results.Single(r => r.RuleId == "RP.Db.OneToOneLive" && r.Target == "slack_user").Message);
            Assert.Contains("2 mappings read", results.First(r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "slack_user").Message);
            var invariant = results.Single(r => r.RuleId == "RP.Db.Invariants");
            Assert.Equal("no-stale-attribution", invariant.Target);
            Assert.Contains("database gate_clean: invariant no-stale-attribution (0 rows)", invariant.Evidence);
            Assert.All(results, r => Assert.DoesNotContain(cluster.ReaderPassword, string.Join(" ", r.Evidence) + r.Message));
        }

        [SkippableFact]
        public void EachPlantedProblemIsCaughtExactlyOnce()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var before = cluster.Psql("gate_planted", "select count(*) from slack_messages");
            var results = Gate(Plan(withDelete: true), "gate_planted");
            var problems = results.Where(r => r.Outcome != GateOutcome.Pass).ToList();
            Assert.Equal(6, problems.Count);

            var missing = Assert.Single(problems, r => r.RuleId == "RP.Db.MigrationsApplied");
            Assert.Equal(GateOutcome.Fail, missing.Outcome);
            Assert.Equal("supabase/migrations/20260212_slack_backfill_guard.sql", missing.Target);
            Assert.Contains("(version 20260212) is not applied", missing.Message);
            Assert.Equal("supabase/migrations/20260212_slack_backfill_guard.sql", missing.CodeFile);

            var dropped = Assert.Single(problems, r => r.RuleId == "RP.Db.OneToOneLive");
            Assert.Equal(("slack_user", GateOutcome.Fail), (dropped.Target, dropped.Outcome));
            Assert.Contains("1:1 source 'slack_user' is not enforced in the database", dropped.Message);
            Assert.Contains("idx_entity_external_ids_hubspot_company", dropped.Message); // the live indexes that remain are named

            var twoIds = Assert.Single(problems, r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "slack_user");
            Assert.Contains("1 staff entity of 1:1 source 'slack_user' holds more than one external id", twoIds.Message);
            Assert.Contains("entity_id=00000000-0000-0000-0000-00000000a001, external_ids=2, ids=U-ALICE, U-ALICE-2", twoIds.Message);

            var twoEntities = Assert.Single(problems, r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "slack_channel");
            Assert.Contains("1 'slack_channel' external id maps to more than one entity: (external_id=C-ACME-1, entities=2", twoEntities.Message);

            var stale = Assert.Single(problems, r => r.Target == "no-stale-attribution");
            Assert.Equal(GateOutcome.Fail, stale.Outcome);
            Assert.Contains("returned 1 row (it must return none): (channel_id=C-GLOBEX, message_ts=1700000000.000400, slack_user_id=U-CAROL", stale.Message);
            Assert.Contains("database gate_planted: invariant no-stale-attribution (1 row)", stale.Evidence);
            Assert.Equal("invariants[0].sql", stale.PlanKey);

            var delete = Assert.Single(problems, r => r.Target == "tidy-up");
            Assert.Equal(GateOutcome.Warn, delete.Outcome);
            Assert.Contains("Invariant 'tidy-up' was not run: 'DELETE' is not a query: the gate sends only one SELECT, WITH, VALUES or TABLE statement", delete.Message);
            Assert.Equal(before, cluster.Psql("gate_planted", "select count(*) from slack_messages"));
        }

        [SkippableFact]
        public void InvariantErrorsTimeoutsAndSecretsInRows()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var plan = Plan();
            plan.Invariants.Clear();
            plan.Invariants.Add(new PlanInvariant { Id = "typo", Sql = "select * from slack_mesages" });
            plan.Invariants.Add(new PlanInvariant { Id = "slow", Sql = "select pg_sleep(3)" });
            plan.Invariants.Add(new PlanInvariant { Id = "escape", Sql = "commit; delete from slack_messages" });
            plan.Invariants.Add(new PlanInvariant { Id = "session", Sql = "set default_transaction_read_only = off" });
            plan.Invariants.Add(new PlanInvariant { Id = "leaky", Sql = "select 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx' as token, n from generate_series(1, 7) n" });
            var results = Gate(plan, "gate_clean", TimeSpan.FromMilliseconds(500)).Where(r => r.RuleId == "RP.Db.Invariants").ToDictionary(r => r.Target);
            Assert.Equal(GateOutcome.Fail, results["typo"].Outcome);
            Assert.Contains("42P01: relation \"slack_mesages\" does not exist", results["typo"].Message);
            Assert.Equal(GateOutcome.Fail, results["slow"].Outcome);
            Assert.Contains("ran longer than the statement timeout (0.5 s) and was canceled (57014", results["slow"].Message);
            Assert.Equal(GateOutcome.Fail, results["escape"].Outcome);
            Assert.Contains("holds 2 statements", results["escape"].Message);
            Assert.Equal(GateOutcome.Warn, results["session"].Outcome);
            Assert.Contains("'SET' is transaction or session control", results["session"].Message);
            var leaky = results["leaky"];
            Assert.Equal(GateOutcome.Fail, leaky.Outcome);
            Assert.Contains("returned 7 rows", leaky.Message);
            Assert.Contains("token=<redacted: ", leaky.Message);
            Assert.DoesNotContain("xoxb-1234567890", leaky.Message);
            Assert.Contains("n=5); ... 2 more", leaky.Message);
        }

        [SkippableFact]
        public void LinksKeptInAppTablesAreCheckedAgainstTheirLiveUniqueKeys()
        {
            Skip.IfNot(cluster.Available, cluster.SkipReason);
            var plan = Plan();
            plan.LinkingPoints.Clear();
            plan.LinkingPoints.Add(new LinkingPoint { Source = "channel_state", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "slack_sync_state", Key = { "channel_id" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "message_link", Cardinality = Cardinality.OneToMany, Table = "slack_messages", Key = { "message_ts", "channel_id" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "sender", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "slack_messages", Key = { "sender_staff_id" } });
            var results = Gate(plan, "gate_clean").Where(r => r.RuleId == "RP.Db.OneToOneLive" || r.RuleId == "RP.Db.NoDuplicateMappings").ToList();
            var live = results.Where(r => r.RuleId == "RP.Db.OneToOneLive").ToDictionary(r => r.Target);
            Assert.Equal(GateOutcome.Pass, live["channel_state"].Outcome);
            Assert.Contains("enforced in the database by slack_sync_state_pkey (channel_id)", live["channel_state"].Message);
            Assert.Equal(GateOutcome.Fail, live["message_link"].Outcome);
            Assert.Contains("slack_messages_channel_ts_key (channel_id, message_ts)", live["message_link"].Message);
            Assert.Equal(GateOutcome.Fail, live["sender"].Outcome);
            Assert.Contains("no valid UNIQUE on exactly (sender_staff_id)", live["sender"].Message);
            var duplicates = results.Where(r => r.RuleId == "RP.Db.NoDuplicateMappings").ToDictionary(r => r.Target);
            Assert.Equal(new[] { "channel_state", "sender" }, duplicates.Keys.OrderBy(k => k));
            Assert.Equal(GateOutcome.Pass, duplicates["channel_state"].Outcome);
            Assert.Equal(GateOutcome.Pass, duplicates["sender"].Outcome); // two messages, two senders, one NULL
            var planted = Gate(plan, "gate_planted").Single(r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "sender");
            Assert.Equal(GateOutcome.Pass, planted.Outcome);
            plan.LinkingPoints[2].Key[0] = "channel_id";
            var shared = Gate(plan, "gate_clean").Single(r => r.RuleId == "RP.Db.NoDuplicateMappings" && r.Target == "sender");
            Assert.Equal(GateOutcome.Fail, shared.Outcome);
            Assert.Contains("1 key (channel_id) of 1:1 link 'sender' is held by more than one row of slack_messages: (channel_id=C-ACME-1, rows=2)", shared.Message);
        }

        [Fact]
        public void WithoutADatabaseTheRulesSkipWithTheReason()
        {
            var results = new GateEngine().Evaluate(Plan(), new GateOptions { RepositoryRoot = AppRepo, Categories = new[] { "Db" } }).ToList();
            Assert.Equal(4, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(GateOutcome.Skip, r.Outcome);
                Assert.Contains("give -Database with -ConnectionString or -ConnectionStringVariable", r.Message);
            });
            var unavailable = new GateEngine().Evaluate(Plan(), new GateOptions { Categories = new[] { "Db" }, DatabaseUnavailable = "the driver cannot load here" }).ToList();
            Assert.Contains("-RepositoryPath", unavailable.Single(r => r.RuleId == "RP.Db.MigrationsApplied").Message);
            Assert.All(unavailable.Where(r => r.RuleId != "RP.Db.MigrationsApplied"), r => Assert.Equal("the driver cannot load here", r.Message));
        }
    }
}
