using System.Linq;
using static RolloutPlaybook.Core.Tests.PlanFiles.PlanKeyTestKit;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>A linking point kept in the app's own table: <c>table</c> and <c>key</c> go together and round-trip (SPEC §8).</summary>
    public class LinkingPointKeysTests
    {
        [Fact]
        public void LinkingPointTableAndKeyGoTogether()
        {
            var problems = Problems("linkingPoints:\n  - source: a\n    table: slack_alert_channels\n  - source: b\n    key: [x]\n  - source: c\n    table: t\n    key: [ok, \"bad col\"]\n");
            Assert.Equal(new[] { "linkingPoints[0].table", "linkingPoints[1].key", "linkingPoints[2].key[1]" }, problems.Select(p => p.KeyPath).ToArray());
            Assert.Equal(5, problems[0].Line);
            Assert.Contains("also names its key columns", problems[0].Message);
            Assert.Contains("add table:", problems[1].Message);
            Assert.Contains("expected a column name", problems[2].Message);
        }

        [Fact]
        public void LinkingPointTableAndKeyRoundTrip()
        {
            var plan = Load("linkingPoints:\n  - source: slack_alert\n    cardinality: \"1:1\"\n    table: slack_alert_channels\n    key: [slack_connection_id, alert_type]\n");
            Assert.Equal("slack_alert_channels", plan.LinkingPoints[0].Table);
            Assert.Equal(new[] { "slack_connection_id", "alert_type" }, plan.LinkingPoints[0].Key);
            AssertRoundTrips(plan, "    table: slack_alert_channels\n    key: [slack_connection_id, alert_type]\n");
        }
    }
}
