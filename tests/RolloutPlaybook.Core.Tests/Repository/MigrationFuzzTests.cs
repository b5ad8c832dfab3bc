using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>Migrations nobody checked for the gate: cut and spliced table and constraint statements never throw or hang.</summary>
    public class MigrationFuzzTests
    {
        private const string Seed =
            "CREATE TABLE IF NOT EXISTS public.a (id uuid PRIMARY KEY, x int UNIQUE, y text CHECK (y IN ('u','v')), z int REFERENCES b(id), UNIQUE (x, y), CONSTRAINT a_z UNIQUE NULLS NOT DISTINCT (z));\n" +
            "ALTER TABLE ONLY a ADD CONSTRAINT a_xy UNIQUE (x, y), ADD COLUMN IF NOT EXISTS w text UNIQUE, DROP CONSTRAINT IF EXISTS a_z;\n" +
            "CREATE UNIQUE INDEX i ON entity_external_ids (entity_type, entity_id, source) WHERE source IN ('s1', 's2');\n" +
            "ALTER TABLE a ADD CONSTRAINT a_u UNIQUE USING INDEX i; ALTER TABLE a DROP COLUMN x; DROP TABLE IF EXISTS a, b CASCADE;\n";

        private static readonly string[] Inserts =
        {
            "(", ")", ",", ";", "'", "\"", "--", "/*", "*/", "$$", "UNIQUE", "PRIMARY KEY", "CONSTRAINT", "ADD", "DROP", "TABLE", "ALTER TABLE t",
            "CREATE TABLE t (", "USING INDEX", "COLUMN", "IF NOT EXISTS", "NULLS", "\n", " ",
        };

        [Fact]
        public void MutatedMigrationsNeverThrowOrHang()
        {
            for (int seed = 0; seed < 3000; seed++)
            {
                var random = new Random(seed);
                var text = new StringBuilder(Seed);
                for (int i = 0, n = 1 + random.Next(6); i < n; i++)
                {
                    int at = random.Next(text.Length + 1);
                    if (random.Next(3) == 0 && at < text.Length) text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(12)));
                    else text.Insert(at, Inserts[random.Next(Inserts.Length)]);
                }
                var watch = Stopwatch.StartNew();
                try
                {
                    var scripts = new[] { new KeyValuePair<string, string>("m.sql", text.ToString()) };
                    MigrationState.ApplyUniqueKeys(scripts);
                    MigrationState.Apply(scripts);
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException("seed " + seed + ": " + ex.GetType().Name + ": " + ex.Message + "\n" + text);
                }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "seed " + seed + " took " + watch.Elapsed);
            }
        }
    }
}
