using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-RolloutRoute: writes as hashtables, per-method auth, -Force, and the writes and auth it refuses.</summary>
    public class AddRolloutRouteTests
    {
        [Fact]
        public void AddRolloutRouteTakesTheRoutePathAsRouteLikeTheRemovers()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            ps.Run("$plan | Add-RolloutRoute -Route /api/slack/x -Method GET | Remove-RolloutRoute -Route /api/slack/x | Add-RolloutRoute -Route /api/slack/y -Method GET | Out-Null").AssertNoErrors();
            Assert.Equal(new[] { "/api/slack/y" }, ps.Plan().Routes.Select(r => r.Path));
        }

        [Fact]
        public void AddRolloutRouteTakesAPerMethodAuthOpsAndWritesNone()
        {
            using var ps = new PowerShellSession();
            var result = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/events -Method GET, POST -Auth @{ get = 'none'; POST = 'signature' } " +
                "-Writes @{ table = 'slack_events'; method = 'GET'; op = 'insert'; action = 'append' }, @{ table = 'refresh_stats'; method = 'POST'; op = 'rpc' } | " +
                "Add-RolloutRoute -Route /api/slack/test -Method POST -Auth admin -Writes none");
            result.AssertNoErrors();
            Assert.Empty(result.Warnings);
            var plan = result.Single<RolloutPlan>();
            var events = plan.Routes[0];
            Assert.True(events.Auth!.IsPerMethod);
            Assert.Equal("none", events.Auth.For(RouteMethod.GET));
            Assert.Equal("signature", events.Auth.For(RouteMethod.POST));
            Assert.Equal(WriteOp.Insert, events.Writes[0].Op);
            Assert.Equal(WriteAction.Append, events.Writes[0].Action);
            Assert.Equal(new[] { RouteMethod.GET }, events.Writes[0].Method);
            Assert.Equal(WriteOp.Rpc, events.Writes[1].Op);
            Assert.True(plan.Routes[1].NoWrites);
            Assert.Empty(plan.Routes[1].Writes);
        }

        [Theory]
        [InlineData("@{ table = 't'; op = 'update'; action = 'update' }", "an update write takes no action")]
        [InlineData("@{ table = 't'; op = 'insert'; action = 'update' }", "op: upsert")]
        [InlineData("@{ table = 't'; op = 'upsert'; action = 'update' }", "names its conflict target")]
        [InlineData("@{ table = 't'; op = 'merge' }", "op 'merge' is not valid")]
        public void WritesThatContradictTheirOpAreInvalidRouteWrite(string write, string message)
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method POST -Writes " + write)
                .AssertFailure("InvalidRouteWrite", ErrorCategory.InvalidArgument);
            Assert.Contains(message, record.Exception.Message);
            Assert.Empty(ps.Plan().Routes);
        }

        [Theory]
        [InlineData("-Auth @{ FETCH = 'admin' }", "'FETCH' is not an HTTP method")]
        [InlineData("-Auth @{ GET = '' }", "The auth of GET is empty")]
        [InlineData("-Auth ''", "cannot be empty")]
        public void BadAuthIsRefusedAtBinding(string auth, string message)
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method GET " + auth)
                .AssertFailure("ParameterArgumentTransformationError", ErrorCategory.InvalidData);
            Assert.Contains(message, record.Exception.Message);
        }

        [Fact]
        public void AddRolloutRouteTakesHashtableWritesAndChains()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-RolloutRoute -Route /api/slack/mappings/staff -Method get, POST, DELETE, POST -Auth admin -Writes @(" +
                "@{ Table = 'entity_external_ids'; Source = 'slack_user'; Method = 'post'; Action = 'Reject' }, " +
                "[pscustomobject]@{ table = 'entity_external_ids'; source = 'slack_user'; method = 'DELETE'; action = 'delete' }) | " +
                "Add-RolloutRoute '/api/slack/sync/channel/[channelId]' POST -Writes @{ table = 'slack_messages'; action = 'ignore'; onConflict = 'channel_id,message_ts' }");
            Assert.Equal(2, plan.Routes.Count);
            var staff = plan.Routes[0];
            Assert.Equal(new[] { RouteMethod.GET, RouteMethod.POST, RouteMethod.DELETE }, staff.Methods);
            Assert.Equal("admin", staff.Auth);
            Assert.Equal(WriteAction.Reject, staff.Writes[0].Action);
            Assert.Equal(new[] { RouteMethod.POST }, staff.Writes[0].Method);
            Assert.Equal(WriteAction.Delete, staff.Writes[1].Action);
            var sync = plan.Routes[1];
            Assert.Equal("/api/slack/sync/channel/[channelId]", sync.Path);
            Assert.Equal("channel_id,message_ts", sync.Writes[0].OnConflict);
            Assert.Empty(sync.Writes[0].Method);
        }

        [Fact]
        public void AddRolloutRouteForceReplacesAndWarnsAboutUndocumentedMutations()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutRoute -Route /api/slack/m -Method GET | Add-RolloutRoute -Route /api/slack/m -Method GET, POST -Force");
            result.AssertNoErrors();
            var route = Assert.Single(result.Single<RolloutPlan>().Routes);
            Assert.Equal(2, route.Methods.Count);
            Assert.Contains(result.Warnings, w => w.Contains("RP.Map.OnConflictDocumented"));
        }
    }
}
