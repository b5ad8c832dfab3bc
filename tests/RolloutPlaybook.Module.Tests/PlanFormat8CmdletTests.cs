using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The SPEC §8 plan keys through the authoring cmdlets, as a user types them.</summary>
    public class PlanFormat8CmdletTests
    {
        private static ScriptResult OnNewPlan(PowerShellSession ps, string command)
        {
            ps.NewPlanVariable();
            return ps.Run("$plan | " + command);
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

        [Fact]
        public void ThePlanFileSaysWhatTheCmdletsSet()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            var result = ps.Run("New-RolloutPlan -Connector slack | " +
                "Add-RolloutRoute -Route /api/slack/events -Method GET, POST -Auth @{ GET = 'none'; POST = 'signature' } -Writes none | " +
                "Add-LinkingPoint -Source slack_alert -Entity alert -Cardinality 1:1 -Table slack_alert_channels -Key slack_connection_id, alert_type | " +
                "Set-RolloutPlan -RepositoryMigrations supabase/migrations, db/extra.sql -RepositoryRouteBase /api -RepositoryConnectorRoutes src/app/api/integrations/slack " +
                "-RepositoryPages pages/api -RepositoryEnvExample env.example -RepositoryIdentityTable external_links -RepositoryDocumentName SLACK.md " +
                "-RepositoryGuards @{ session = 'authenticate', 'withRLSContext'; signature = 'verifySlackRequest' } -RepositoryValidators validateBody -RepositoryCronSecrets CRON_SECRET_TOKEN | " +
                "Export-RolloutPlan -Path $args[0]", file);
            result.AssertNoErrors();
            var text = File.ReadAllText(file);
            Assert.Contains("    auth: { GET: none, POST: signature }\n    writes: none\n", text);
            Assert.Contains("    table: slack_alert_channels\n    key: [slack_connection_id, alert_type]\n", text);
            Assert.Contains("  migrations: [supabase/migrations, db/extra.sql]\n", text);
            Assert.Contains("  guards:\n    session: [authenticate, withRLSContext]\n    signature: [verifySlackRequest]\n", text);
            Assert.Contains("  cronSecrets: [CRON_SECRET_TOKEN]\n", text);
            var again = ps.Run("(Import-RolloutPlan $args[0]).Repository", file);
            again.AssertNoErrors();
            var repo = again.Single<RepositorySettings>();
            Assert.Equal("/api", repo.RouteBase);
            Assert.Equal(new[] { "src/app/api/integrations/slack" }, repo.ConnectorRoutes);
            Assert.Equal("pages/api", repo.Pages);
            Assert.Equal(new[] { "env.example" }, repo.EnvExample);
            Assert.Equal("external_links", repo.IdentityTable);
            Assert.Equal("SLACK.md", repo.DocumentName);
            Assert.Equal(new[] { "validateBody" }, repo.Validators);
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

        [Theory]
        [InlineData("Add-LinkingPoint -Source a -Entity e -Cardinality 1:1 -Table t", "InvalidLinkingPoint", ErrorCategory.InvalidArgument)]
        [InlineData("Set-RolloutPlan -RepositoryGuards @{ session = '(unclosed' }", "InvalidRepositorySetting", ErrorCategory.InvalidArgument)]
        [InlineData("Set-RolloutPlan -RepositoryMigrations ../outside", "PathOutsideRepository", ErrorCategory.SecurityError)]
        [InlineData("Set-RolloutPlan -RepositoryIdentityTable 'drop table'", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [InlineData("Set-RolloutPlan -RepositoryDocumentName docs/X.md", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [InlineData("Set-RolloutPlan -RepositoryCronSecrets cron_secret", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        public void BadSettingsAreRefusedAndChangeNothing(string command, string errorId, ErrorCategory category)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, command).AssertFailure(errorId, category);
            var plan = ps.Plan();
            Assert.Empty(plan.LinkingPoints);
            Assert.Empty(plan.Repository.Guards);
            Assert.Empty(plan.Repository.Migrations);
        }

        [Fact]
        public void ExportRolloutDocumentWritesTheDocumentName()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("New-RolloutPlan -Connector slack | Set-RolloutPlan -RepositoryDocumentName slack-rollout.md -RepositoryDocs docs | " +
                "Export-RolloutDocument -RepositoryPath $args[0] -PassThru", temp.Path);
            result.AssertNoErrors();
            var file = Path.Combine(temp.Path, "docs", "slack-rollout.md");
            Assert.True(File.Exists(file));
            Assert.Equal(file, ((FileInfo)Assert.Single(result.Output).BaseObject).FullName);
        }

        [Fact]
        public void AuthValuesComplete()
        {
            using var ps = new PowerShellSession();
            Assert.Equal(new[] { "session", "signature", "state" }, ps.Complete("Add-RolloutRoute -Route /api/slack/x -Method GET -Auth s"));
        }
    }
}
