using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.PlanFiles.PlanKeyTestKit;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>A route's <c>writes</c>: <c>none</c>, <c>op</c> and the actions it allows (SPEC §8); bad input positioned.</summary>
    public class RouteWriteKeysTests
    {
        [Theory]
        [InlineData("{ table: t, op: upsert, action: update }", "action", "names its conflict target")]
        [InlineData("{ table: t, op: upsert, action: reject, onConflict: a }", "action", "(that is an insert: op: insert)")]
        [InlineData("{ table: t, op: upsert }", "op", "an upsert says what a conflict does")]
        [InlineData("{ table: t, op: insert, action: update }", "action", "op: upsert")]
        [InlineData("{ table: t, op: insert }", "op", "an insert says what a conflict does")]
        [InlineData("{ table: t, op: insert, action: reject, onConflict: a }", "onConflict", "an insert has no conflict target")]
        [InlineData("{ table: t, op: update, action: update }", "action", "an update write takes no action")]
        [InlineData("{ table: t, op: delete, action: delete }", "action", "old spelling of op: delete")]
        [InlineData("{ table: t, op: rpc, onConflict: a }", "onConflict", "a rpc write has no conflict target")]
        [InlineData("{ table: t, action: append, onConflict: a }", "onConflict", "an append insert generates its key")]
        public void WriteEntriesThatContradictTheirOpArePositioned(string entry, string key, string message)
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes:\n      - " + entry + "\n"));
            Assert.Equal("routes[0].writes[0]." + key, p.KeyPath);
            Assert.Equal(File, p.File);
            Assert.Equal(7, p.Line);
            Assert.Contains(message, p.Message);
        }

        [Fact]
        public void UnknownOpListsTheOps()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes:\n      - { table: t, op: merge }\n"));
            Assert.Equal("routes[0].writes[0].op", p.KeyPath);
            Assert.Equal("expected \"insert\", \"upsert\", \"update\", \"delete\" or \"rpc\", got \"merge\"", p.Message);
        }

        [Fact]
        public void WritesAsAnotherWordThanNoneIsRefused()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [POST]\n    writes: nothing\n"));
            Assert.Equal("routes[0].writes", p.KeyPath);
            Assert.Contains("expected a list", p.Message);
        }

        [Fact]
        public void WritesNoneLoadsAsAFlagAndIsWrittenBack()
        {
            var plan = Load("routes:\n  - path: /api/slack/test\n    methods: [POST]\n    writes: None\n");
            Assert.True(plan.Routes[0].NoWrites);
            Assert.Empty(plan.Routes[0].Writes);
            AssertRoundTrips(plan, "    writes: none\n");
        }

        [Fact]
        public void OpAndTheNewActionsLoadAndOldActionsImplyTheirOp()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST, PATCH, DELETE]\n    writes:\n" +
                "      - { table: audit_log, method: GET, op: insert, action: append }\n" +
                "      - { table: slack_alerts, method: POST, op: insert, action: ignore }\n" +
                "      - { table: slack_settings, method: PATCH, op: update }\n" +
                "      - { table: refresh_stats, method: POST, op: rpc }\n" +
                "      - { table: entity_external_ids, source: slack_user, method: DELETE, action: delete }\n" +
                "      - { table: entity_external_ids, method: POST, action: update, onConflict: \"source,external_id\" }\n" +
                "      - { table: entity_external_ids, method: POST, action: reject }\n");
            var w = plan.Routes[0].Writes;
            Assert.Equal(new WriteOp?[] { WriteOp.Insert, WriteOp.Insert, WriteOp.Update, WriteOp.Rpc, WriteOp.Delete, WriteOp.Upsert, WriteOp.Insert }, w.Select(x => x.EffectiveOp).ToArray());
            Assert.Equal(new[] { RouteMethod.GET }, w[0].Method);
            Assert.Equal(WriteAction.Append, w[0].Action);
            Assert.Null(w[4].Op);                          // an old plan's delete stays as written
            Assert.Equal(WriteAction.Delete, w[4].Action);
            AssertRoundTrips(plan, "      - table: audit_log\n        method: GET\n        op: insert\n        action: append\n");
            Assert.Contains("        action: delete\n", PlanWriter.Write(plan));
        }
    }
}
