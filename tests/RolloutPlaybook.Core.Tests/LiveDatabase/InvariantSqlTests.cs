using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Gate.Rules;

namespace RolloutPlaybook.Core.Tests.LiveDatabase
{
    /// <summary>What the gate refuses to send, and how the live index predicates are read.</summary>
    public class InvariantSqlTests
    {
        [Theory]
        [InlineData("select 1", 1)]
        [InlineData("select 1;", 1)]
        [InlineData("select ';' as x -- ; comment\n", 1)]
        [InlineData("select $$a;b$$", 1)]
        [InlineData("commit; delete from entity_external_ids", 2)]
        [InlineData("select 1; select 2;", 2)]
        [InlineData("  -- nothing\n", 0)]
        public void CountsStatementsLikePostgreSql(string sql, int count) => Assert.Equal(count, InvariantSql.StatementCount(sql));

        [Theory]
        [InlineData("select * from t", null)]
        [InlineData("(select 1) union (select 2)", null)]
        [InlineData("with x as (select 1) select * from x", null)]
        [InlineData("delete from entity_external_ids", null)] // sent: the read-only transaction refuses it
        [InlineData("commit", LiveQueryFailure.RefusedControl)]
        [InlineData("/* hi */ ROLLBACK", LiveQueryFailure.RefusedControl)]
        [InlineData("set default_transaction_read_only = off", LiveQueryFailure.RefusedControl)]
        [InlineData("reset all", LiveQueryFailure.RefusedControl)]
        [InlineData("commit; delete from entity_external_ids", LiveQueryFailure.MultipleStatements)]
        [InlineData("", LiveQueryFailure.Error)]
        public void RefusesTransactionControlAndMoreThanOneStatement(string sql, LiveQueryFailure? expected)
            => Assert.Equal(expected, InvariantSql.Refusal(sql)?.Kind);

        [Theory]
        [InlineData("(source = ANY (ARRAY['bigquery'::text, 'slack_user'::text]))", "bigquery,slack_user", true)]
        [InlineData("(source = 'hubspot_company'::text)", "hubspot_company", true)]
        [InlineData("((source = 'a'::text) OR (source = 'b''s'::text))", "a,b's", true)]
        [InlineData("((source = 'a'::text) AND (deleted_at IS NULL))", "", false)]
        [InlineData("(entity_type = 'staff'::text)", "", false)]
        public void ReadsDeparsedPredicates(string predicate, string sources, bool understood)
        {
            var found = LivePredicate.Sources(predicate, out var ok);
            Assert.Equal(understood, ok);
            Assert.Equal(sources, string.Join(",", found!));
        }

        [Fact]
        public void NoPredicateMeansEverySource()
        {
            Assert.Null(LivePredicate.Sources(null, out var ok));
            Assert.True(ok);
            var index = new LiveUniqueIndex("u", new[] { "entity_type", "entity_id", "source" }, null, valid: true);
            Assert.True(index.Covers("anything"));
            Assert.False(new LiveUniqueIndex("u", new[] { "source", "external_id" }, null, valid: true).Covers("anything"));
            Assert.False(new LiveUniqueIndex("u", new[] { "entity_type", "entity_id", "source" }, null, valid: false).Covers("anything"));
        }
    }
}
