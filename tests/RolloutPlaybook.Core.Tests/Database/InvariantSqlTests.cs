using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Gate.Rules;

namespace RolloutPlaybook.Core.Tests.Database
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
        [InlineData("values (1)", null)]
        [InlineData("table slack_messages", null)]
        [InlineData("select 'copy (select 1) to program ''x''' as c, \"dblink_exec\" from t -- pg_terminate_backend(1)", null)] // strings, names and comments are not calls
        [InlineData("select $q$ select lo_export(1, '/tmp/x') $q$", null)]
        [InlineData("select pg_sleep(0)", null)]
        [InlineData("with gone as (delete from t returning 1) select count(*) from gone", null)] // sent: the read-only transaction refuses the DELETE
        [InlineData("delete from entity_external_ids", LiveQueryFailure.RefusedWrite)]
        [InlineData("copy (select 1) to program 'touch /tmp/pwn'", LiveQueryFailure.RefusedWrite)]
        [InlineData("COPY slack_messages TO STDOUT", LiveQueryFailure.RefusedWrite)]
        [InlineData("(copy t to '/tmp/out.txt')", LiveQueryFailure.RefusedWrite)]
        [InlineData("reindex table slack_messages", LiveQueryFailure.RefusedWrite)]
        [InlineData("cluster slack_messages", LiveQueryFailure.RefusedWrite)]
        [InlineData("analyze", LiveQueryFailure.RefusedWrite)]
        [InlineData("explain analyze delete from t", LiveQueryFailure.RefusedWrite)]
        [InlineData("do $$ begin perform 1; end $$", LiveQueryFailure.RefusedWrite)]
        [InlineData("call p()", LiveQueryFailure.RefusedWrite)]
        [InlineData("create table x (a int)", LiveQueryFailure.RefusedWrite)]
        [InlineData("select 1 from dblink_exec('dbname=x', 'delete from slack_messages') r where r <> 'x'", LiveQueryFailure.RefusedWrite)]
        [InlineData("select public.dblink('x', 'select 1')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_catalog.pg_terminate_backend(pid) from pg_stat_activity", LiveQueryFailure.RefusedWrite)]
        [InlineData("select \"pg_cancel_backend\" (1)", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_reload_conf()", LiveQueryFailure.RefusedWrite)]
        [InlineData("select lo_export(lo_import('/etc/passwd'), '/tmp/x')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_advisory_lock(1)", LiveQueryFailure.RefusedWrite)]
        [InlineData("select set_config('transaction_read_only', 'off', true)", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_notify('c', 'x')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_read_file('/etc/passwd')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select * from pg_ls_dir('.')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select pg_switch_wal()", LiveQueryFailure.RefusedWrite)]
        [InlineData("select query_to_xml('select pg_terminate_backend(1)', true, true, '')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select net.http_post('https://example.com')", LiveQueryFailure.RefusedWrite)]
        [InlineData("select * from slack_messages for update", LiveQueryFailure.RefusedWrite)]
        [InlineData("select * into temp copied from slack_messages", LiveQueryFailure.RefusedWrite)]
        [InlineData("select 'into' as \"into\" from t", null)]
        [InlineData("select * from slack_messages for no key update", LiveQueryFailure.RefusedWrite)]
        [InlineData("commit", LiveQueryFailure.RefusedControl)]
        [InlineData("/* hi */ ROLLBACK", LiveQueryFailure.RefusedControl)]
        [InlineData("set default_transaction_read_only = off", LiveQueryFailure.RefusedControl)]
        [InlineData("reset all", LiveQueryFailure.RefusedControl)]
        [InlineData("commit; delete from entity_external_ids", LiveQueryFailure.MultipleStatements)]
        [InlineData("", LiveQueryFailure.Error)]
        public void SendsOnlyOneQueryWithoutSideEffects(string sql, LiveQueryFailure? expected)
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
