using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class SqlScriptTests
    {
        private static List<string> Heads(string sql) =>
            SqlScript.Statements(sql).Select(s => string.Join(" ", s.Take(3).Select(t => t.Text))).ToList();

        [Fact]
        public void SplitsOnSemicolonsOutsideQuotesAndComments()
        {
            var sql = "create table a (x text default 'a;b''c;'); -- drop table a;\n/* ; /* nested ; */ still ; comment */ select \"we;ird\" from b;";
            var statements = SqlScript.Statements(sql);
            Assert.Equal(2, statements.Count);
            Assert.Contains(statements[0], t => t.Kind == SqlTokenKind.String && t.Text == "a;b'c;");
            Assert.Contains(statements[1], t => t.Kind == SqlTokenKind.QuotedIdentifier && t.Text == "we;ird");
        }

        [Fact]
        public void DollarQuotedBodiesAreOneToken()
        {
            var sql = "DO $$ BEGIN CREATE UNIQUE INDEX x ON t(a); END $$;\ncreate function f() returns int as $fn$ select 1; $$ not the end $$; $fn$ language sql;\nselect $1, a$b$c from t;";
            var statements = SqlScript.Statements(sql);
            Assert.Equal(3, statements.Count);
            Assert.Equal(SqlTokenKind.String, statements[0][1].Kind);
            Assert.Contains("CREATE UNIQUE INDEX", statements[0][1].Text);
            Assert.Contains(statements[1], t => t.Kind == SqlTokenKind.String && t.Text.Contains("not the end"));
            Assert.Equal("select", statements[2][0].Text);
        }

        [Fact]
        public void KeywordsFoldQuotedNamesKeepCase()
        {
            var t = SqlScript.Statements("CREATE Unique INDEX \"MyIdx\" ON Public.T (A)")[0];
            Assert.Equal(new[] { "create", "unique", "index" }, t.Take(3).Select(x => x.Text));
            Assert.Equal("MyIdx", t[3].Text);
            Assert.Equal(SqlTokenKind.QuotedIdentifier, t[3].Kind);
            Assert.Equal("public", t[5].Text);
        }

        [Fact]
        public void EscapeStringsAndLineNumbers()
        {
            var statements = SqlScript.Statements("select E'a\\'b;c';\n\n/* x\n y */\ncreate index i on t (a);");
            Assert.Equal(2, statements.Count);
            Assert.Equal("a'b;c", statements[0][1].Text);
            Assert.Equal(5, statements[1][0].Line);
        }

        [Fact]
        public void UnterminatedInputDoesNotThrow()
        {
            foreach (var sql in new[] { "select 'abc", "select \"abc", "do $$ begin", "/* open", "$tag", "--", "$" })
                SqlScript.Statements(sql);
        }
    }

    public class MigrationStateTests
    {
        private static IReadOnlyList<IdentityIndex> State(params string[] scripts) =>
            MigrationState.Apply(scripts.Select((s, i) => new KeyValuePair<string, string>("m" + i + ".sql", s)));

        private const string Create = "CREATE UNIQUE INDEX idx_one ON entity_external_ids (entity_type, entity_id, source) WHERE source IN ('bigquery', 'slack_user');";

        [Fact]
        public void PartialUniqueIndexForms()
        {
            var state = State(
                Create,
                "create unique index concurrently if not exists \"idx_two\" on public.\"entity_external_ids\" using btree (entity_type, entity_id, source) where (source = 'hubspot_owner'::text);",
                "CREATE UNIQUE INDEX idx_three ON public.entity_external_ids (entity_type, entity_id, source) WHERE ((source = ANY (ARRAY['a'::text, 'b'::text])));",
                "CREATE UNIQUE INDEX IDX_Four ON entity_external_ids (entity_id, source) WHERE source = 'c' OR source = 'd';");
            Assert.Equal(new[] { "idx_four", "idx_one", "idx_three", "idx_two" }, state.Select(i => i.Name));
            Assert.Equal(new[] { "bigquery", "slack_user" }, state.Single(i => i.Name == "idx_one").Sources);
            Assert.Equal(new[] { "entity_type", "entity_id", "source" }, state.Single(i => i.Name == "idx_one").Columns);
            Assert.Equal(new[] { "hubspot_owner" }, state.Single(i => i.Name == "idx_two").Sources);
            Assert.Equal(new[] { "a", "b" }, state.Single(i => i.Name == "idx_three").Sources);
            Assert.Equal(new[] { "c", "d" }, state.Single(i => i.Name == "idx_four").Sources);
        }

        [Fact]
        public void OnlyPartialUniqueIndexesOnTheIdentityTable()
        {
            var state = State(
                "CREATE INDEX idx_not_unique ON entity_external_ids (entity_id) WHERE source = 'a';",
                "CREATE UNIQUE INDEX idx_not_partial ON entity_external_ids (source, external_id);",
                "CREATE UNIQUE INDEX idx_other_table ON other_ids (entity_id) WHERE source = 'a';",
                "CREATE UNIQUE INDEX idx_other_predicate ON entity_external_ids (entity_id) WHERE deleted_at IS NULL;");
            Assert.Empty(state);
        }

        [Fact]
        public void DropAndRecreateReplacesTheList()
        {
            var state = State(Create, "DROP INDEX IF EXISTS public.idx_one; CREATE UNIQUE INDEX idx_one ON entity_external_ids (entity_type, entity_id, source) WHERE source IN ('bigquery');");
            Assert.Equal(new[] { "bigquery" }, state.Single().Sources);
            Assert.Equal("m1.sql", state.Single().RelativePath);
        }

        [Fact]
        public void IfNotExistsKeepsTheExistingIndex()
        {
            var state = State(Create, "CREATE UNIQUE INDEX IF NOT EXISTS idx_one ON entity_external_ids (entity_type, entity_id, source) WHERE source IN ('bigquery', 'slack_user', 'hubspot_owner');");
            Assert.Equal(new[] { "bigquery", "slack_user" }, state.Single().Sources);
            Assert.Equal("m0.sql", state.Single().RelativePath);
        }

        [Fact]
        public void PlainCreateDefines()
        {
            var state = State(Create, "CREATE UNIQUE INDEX idx_one ON entity_external_ids (entity_type, entity_id, source) WHERE source = 'x';");
            Assert.Equal(new[] { "x" }, state.Single().Sources);
        }

        [Fact]
        public void DropForms()
        {
            var two = Create + " CREATE UNIQUE INDEX idx_b ON entity_external_ids (entity_id) WHERE source = 'b';";
            Assert.Empty(State(two, "drop index concurrently if exists idx_one, public.idx_b cascade;"));
            Assert.Empty(State(two, "DROP INDEX IF EXISTS \"idx_one\", idx_b;"));
            Assert.Equal(2, State(two, "DROP INDEX \"IDX_ONE\";").Count); // quoted: case matters, not the same index
            Assert.Empty(State(two, "DROP TABLE public.entity_external_ids;"));
            Assert.Equal("idx_renamed", State(Create, "ALTER INDEX idx_one RENAME TO idx_renamed;").Single().Name);
        }

        [Fact]
        public void TextInBodiesCommentsAndStringsDefinesNothing()
        {
            var state = State(
                "DO $$ BEGIN CREATE UNIQUE INDEX idx_decoy ON entity_external_ids (entity_id) WHERE source = 'x'; END $$;",
                "-- CREATE UNIQUE INDEX idx_c ON entity_external_ids (entity_id) WHERE source = 'x';\n/* CREATE UNIQUE INDEX idx_d ON entity_external_ids (entity_id) WHERE source = 'x'; */",
                "SELECT 'CREATE UNIQUE INDEX idx_e ON entity_external_ids (entity_id) WHERE source = ''x''';",
                "create function f() returns void as $body$ DROP INDEX idx_one; $body$ language sql;",
                Create);
            Assert.Equal("idx_one", state.Single().Name);
        }

        [Fact]
        public void LinesAreTheCreateStatement()
        {
            var state = State("-- header\n\nCREATE UNIQUE INDEX idx_one\n  ON entity_external_ids (entity_id, source)\n  WHERE source = 'a';");
            Assert.Equal(3, state.Single().Line);
        }

        [Fact]
        public void LoadsForwardFilesInNameOrderWithoutDownFiles()
        {
            using var repo = new TempRepo()
                .File("supabase/migrations/002_b.sql", "DROP INDEX idx_one; CREATE UNIQUE INDEX idx_one ON entity_external_ids (entity_id, source) WHERE source IN ('a', 'b');")
                .File("supabase/migrations/001_a.sql", "CREATE UNIQUE INDEX idx_one ON entity_external_ids (entity_id, source) WHERE source = 'a';")
                .File("supabase/migrations/002_b_down.sql", "DROP INDEX idx_one;")
                .File("supabase/migrations/003_c_DOWN.SQL", "DROP INDEX idx_one;")
                .File("supabase/migrations/notes.txt", "DROP INDEX idx_one;")
                .File("supabase/migrations/nested/004.sql", "DROP INDEX idx_one;");
            var state = MigrationState.Load(repo.Layout());
            Assert.Equal(new[] { "supabase/migrations/001_a.sql", "supabase/migrations/002_b.sql" }, state.ForwardFiles);
            Assert.Equal(new[] { "a", "b" }, state.OneToOneIndexes.Single().Sources);
            Assert.Equal("supabase/migrations/002_b.sql", state.OneToOneIndexes.Single().RelativePath);
            Assert.True(state.Exists("supabase/migrations/002_b_down.sql"));
            Assert.True(state.Exists("supabase/migrations/notes.txt"));
            Assert.False(state.Exists("supabase/migrations/999.sql"));
            Assert.False(state.Exists("../" + Path.GetFileName(repo.Root) + "/supabase/migrations/001_a.sql"));
            Assert.False(state.Exists("/etc/passwd"));
            Assert.False(state.Exists("supabase/migrations"));
        }

        [Fact]
        public void MissingMigrationsFolderIsAnEmptyState()
        {
            using var repo = new TempRepo();
            var state = MigrationState.Load(repo.Layout());
            Assert.Empty(state.ForwardFiles);
            Assert.Empty(state.OneToOneIndexes);
        }
    }
}
