using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>SPEC §8: migrations as a list, the identity table setting, and 1:1 links enforced by a UNIQUE on the app's own table.</summary>
    public class AppTableUniquenessTests
    {
        private static IReadOnlyList<UniqueKey> Keys(params string[] scripts)
            => MigrationState.ApplyUniqueKeys(scripts.Select((s, i) => new KeyValuePair<string, string>("m" + i + ".sql", s)));

        private static string Shapes(IEnumerable<UniqueKey> keys)
            => string.Join("; ", keys.Select(k => k.Table + "(" + string.Join(",", k.Columns) + ") " + k.Kind + " " + k.Name));

        [Fact]
        public void EveryWayToDeclareUniquenessIsSeen()
        {
            var keys = Keys(
                "CREATE TABLE IF NOT EXISTS public.slack_alert_channels (\n  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n  slack_connection_id uuid NOT NULL REFERENCES slack_connections(id),\n" +
                "  alert_type text NOT NULL CHECK (alert_type IN ('a','b')),\n  channel_id text UNIQUE,\n  UNIQUE(slack_connection_id, alert_type)\n);",
                "CREATE TABLE t2 (a int, b int, CONSTRAINT t2_ab UNIQUE NULLS NOT DISTINCT (a, b), PRIMARY KEY (a));",
                "ALTER TABLE ONLY t3 ADD CONSTRAINT t3_x_y UNIQUE (x, y), ADD COLUMN IF NOT EXISTS z text UNIQUE;",
                "CREATE UNIQUE INDEX t4_ab ON t4 (a, b); CREATE UNIQUE INDEX t4_partial ON t4 (a) WHERE b IS NOT NULL; CREATE INDEX t4_plain ON t4 (b);");
            Assert.Equal(
                "slack_alert_channels(channel_id) UNIQUE constraint slack_alert_channels_channel_id_key; " +
                "slack_alert_channels(id) primary key slack_alert_channels_pkey; " +
                "slack_alert_channels(slack_connection_id,alert_type) UNIQUE constraint slack_alert_channels_slack_connection_id_alert_type_key; " +
                "t2(a,b) UNIQUE constraint t2_ab; t2(a) primary key t2_pkey; " +
                "t3(x,y) UNIQUE constraint t3_x_y; t3(z) UNIQUE constraint t3_z_key; " +
                "t4(a,b) unique index t4_ab",
                Shapes(keys));
        }

        [Fact]
        public void DroppedConstraintsColumnsAndTablesAreGone()
        {
            var keys = Keys(
                "CREATE TABLE a (x int, y int, z int, UNIQUE (x, y), CONSTRAINT a_z UNIQUE (z));",
                "ALTER TABLE a DROP CONSTRAINT IF EXISTS a_x_y_key; ALTER TABLE a DROP COLUMN z;",
                "CREATE TABLE b (k int UNIQUE); DROP TABLE b;",
                "-- ALTER TABLE a ADD CONSTRAINT in_a_comment UNIQUE (x)\nSELECT 'ALTER TABLE a ADD UNIQUE (y)';");
            Assert.Empty(keys);
        }

        [Fact]
        public void MigrationEntriesApplyInListOrderAndASingleFileCounts()
        {
            using var repo = new TempRepo()
                .File("supabase/migrations/001_a.sql", "CREATE TABLE links (a int, b int);")
                .File("supabase/migrations/002_b_down.sql", "ALTER TABLE links ADD CONSTRAINT never UNIQUE (a);")
                .File("db/late/001_drop.sql", "ALTER TABLE links DROP CONSTRAINT links_ab;")
                .File("db/extra.sql", "ALTER TABLE links ADD CONSTRAINT links_ab UNIQUE (a, b);");
            var layout = repo.Layout("slack", s => s.Migrations = new List<string> { "supabase/migrations", "db/extra.sql" });
            var state = MigrationState.Load(layout);
            Assert.Equal(new[] { "supabase/migrations/001_a.sql", "db/extra.sql" }, state.ForwardFiles);
            Assert.Equal("links_ab", Assert.Single(state.UniqueKeysOf("public.links")).Name);

            // The same files in the other order: the drop comes after the add.
            var reversed = MigrationState.Load(repo.Layout("slack", s => s.Migrations = new List<string> { "supabase/migrations", "db/extra.sql", "db/late" }));
            Assert.Equal(new[] { "supabase/migrations/001_a.sql", "db/extra.sql", "db/late/001_drop.sql" }, reversed.ForwardFiles);
            Assert.Empty(reversed.UniqueKeysOf("links"));
        }

        /// <summary>
        /// The migrations folder is listed with the entry types readdir gives (no stat per file); the forward files and the
        /// skipped ones are what DirectoryInfo.EnumerateFiles("*.sql") and the _down filter gave: case as the platform
        /// matches it, no folder or link to one, a link to a file inside read, a dangling link, a link out and a FIFO skipped.
        /// </summary>
        [Fact]
        public void TheMigrationsFolderListsAsTheEnumerationDid()
        {
            using var repo = new TempRepo()
                .File("supabase/migrations/001_a.sql", "CREATE TABLE a (x int UNIQUE);")
                .File("supabase/migrations/002_B.SQL", "CREATE TABLE b (x int UNIQUE);")
                .File("supabase/migrations/003_c_down.sql", "DROP TABLE a;")
                .File("supabase/migrations/004_d_DOWN.sql", "DROP TABLE a;")
                .File("supabase/migrations/.sql", "CREATE TABLE hidden (x int UNIQUE);")
                .File("supabase/migrations/005_e.sql/inside.sql", "CREATE TABLE e (x int UNIQUE);")
                .File("supabase/migrations/006_f.sqlx", "CREATE TABLE f (x int UNIQUE);")
                .File("db/target.sql", "CREATE TABLE linked (x int UNIQUE);")
                .File("db/folder/x.sql", "CREATE TABLE never (x int UNIQUE);");
            var outside = Path.Combine(Path.GetTempPath(), "rp-outside-" + Guid.NewGuid().ToString("N") + ".sql");
            File.WriteAllText(outside, "CREATE TABLE outside (x int UNIQUE);");
            try
            {
                var folder = Path.Combine(repo.Root, "supabase", "migrations");
                bool links = TryLink(Path.Combine(folder, "007_link.sql"), Path.Combine(repo.Root, "db", "target.sql"))
                             && TryLink(Path.Combine(folder, "008_dir.sql"), Path.Combine(repo.Root, "db", "folder"))
                             && TryLink(Path.Combine(folder, "009_dangling.sql"), Path.Combine(repo.Root, "db", "missing.sql"))
                             && TryLink(Path.Combine(folder, "010_out.sql"), outside);
                if (!OperatingSystem.IsWindows()) RunMkfifo(Path.Combine(folder, "011_fifo.sql"));
                var state = MigrationState.Load(repo.Layout());
                var expected = new DirectoryInfo(folder).EnumerateFiles("*.sql")
                    .Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && !f.Name.EndsWith("_down.sql", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => "supabase/migrations/" + f.Name).ToList();
                Assert.Equal(expected, state.ForwardFiles);
                Assert.Contains("supabase/migrations/001_a.sql", state.ForwardFiles);
                Assert.DoesNotContain("supabase/migrations/005_e.sql", state.ForwardFiles);
                if (links)
                {
                    Assert.Contains("supabase/migrations/007_link.sql", state.ForwardFiles);
                    Assert.DoesNotContain("supabase/migrations/008_dir.sql", state.ForwardFiles);
                    Assert.Contains("supabase/migrations/009_dangling.sql", state.SkippedFiles);
                    Assert.Contains("supabase/migrations/010_out.sql", state.SkippedFiles);
                    Assert.Contains(state.UniqueKeys, k => k.Table == "linked");
                    Assert.DoesNotContain(state.UniqueKeys, k => k.Table == "outside" || k.Table == "never" || k.Table == "e");
                }
                if (!OperatingSystem.IsWindows() && File.Exists(Path.Combine(folder, "011_fifo.sql")))
                    Assert.Contains("supabase/migrations/011_fifo.sql", state.SkippedFiles);
            }
            finally { File.Delete(outside); }
        }

        private static bool TryLink(string link, string target)
        {
            try
            {
                if (Directory.Exists(target)) Directory.CreateSymbolicLink(link, target);
                else File.CreateSymbolicLink(link, target);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is PlatformNotSupportedException) { return false; }
        }

        private static void RunMkfifo(string path)
        {
            try
            {
                using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", "\"" + path + "\"") { UseShellExecute = false });
                p?.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception) { }
        }

        [Fact]
        public void TheIdentityTableSettingNamesTheTableOfTheOneToOneIndex()
        {
            using var repo = new TempRepo()
                .File("supabase/migrations/001.sql", "CREATE UNIQUE INDEX one ON external_links (entity_type, entity_id, source) WHERE source = 'slack_user';\n" +
                                                     "CREATE UNIQUE INDEX other ON entity_external_ids (entity_type, entity_id, source) WHERE source = 'hubspot_owner';");
            Assert.Equal("other", Assert.Single(MigrationState.Load(repo.Layout()).OneToOneIndexes).Name);
            Assert.Equal("one", Assert.Single(MigrationState.Load(repo.Layout("slack", s => s.IdentityTable = "public.external_links")).OneToOneIndexes).Name);
        }

        [Fact]
        public void OneToOneEnforcedChecksALinkKeptInTheAppsOwnTable()
        {
            using var repo = new TempRepo()
                .File("supabase/migrations/001.sql", "CREATE TABLE slack_alert_channels (\n  id uuid primary key,\n  slack_connection_id uuid not null,\n  alert_type text not null,\n  UNIQUE(slack_connection_id, alert_type)\n);\n" +
                                                     "CREATE TABLE slack_dm_links (id uuid primary key, staff_id uuid, slack_user text);");
            var plan = new RolloutPlan { Connector = "slack" };
            plan.LinkingPoints.Add(new LinkingPoint { Source = "slack_alert", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "slack_alert_channels", Key = { "alert_type", "slack_connection_id" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "slack_dm", Cardinality = Cardinality.OneToOne, EnforcedIn = EnforcedIn.Db, Table = "slack_dm_links", Key = { "staff_id" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "slack_alert_many", Cardinality = Cardinality.OneToMany, Table = "slack_alert_channels", Key = { "slack_connection_id", "alert_type" } });
            plan.LinkingPoints.Add(new LinkingPoint { Source = "slack_dm_many", Cardinality = Cardinality.OneToMany, Table = "slack_dm_links", Key = { "staff_id" } });
            var results = Run(plan, "RP.Map.OneToOneEnforced", repo.Root);

            var alert = results.Only("slack_alert");
            Assert.Equal(GateOutcome.Pass, alert.Outcome);
            Assert.Contains("enforced by UNIQUE constraint slack_alert_channels_slack_connection_id_alert_type_key", alert.Message);
            Assert.Contains("supabase/migrations/001.sql:5", alert.Evidence);

            var dm = results.Only("slack_dm");
            Assert.Equal(GateOutcome.Fail, dm.Outcome);
            Assert.Contains("needs a UNIQUE constraint or unique index on exactly (staff_id)", dm.Message);
            Assert.Contains("slack_dm_links is unique only on (id)", dm.Message);
            Assert.Equal("supabase/migrations/001.sql", dm.CodeFile);

            var many = results.Only("slack_alert_many");
            Assert.Equal(GateOutcome.Fail, many.Outcome);
            Assert.Contains("forbids its second mapping", many.Message);
            Assert.Equal(GateOutcome.Pass, results.Only("slack_dm_many").Outcome);
        }
    }
}
