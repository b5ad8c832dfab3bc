using System;
using System.IO;
using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Set-RolloutPlan: plan-level and repository keys, intake questions resolved, what the plan file then says.</summary>
    public class SetRolloutPlanTests
    {
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

        [Fact]
        public void SetRolloutPlanSetsEveryPlanLevelKeyAndResolvesIntakeQuestions()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            Assert.Equal(5, ps.Plan().OpenQuestions.Count);
            var plan = Run(ps, "Set-RolloutPlan -DisplayName Slack -ExternalSystem 'Slack Web API' -Pattern custom -Why 'measure' " +
                "-Unlock dash, score -SuccessCriteria '100 channels' -UrgentPhase sync -RateLimit 50/1m -Retention '90 days' -Scope a, b " +
                "-Auth 'bot token' -PullMode hybrid -Health h -Alert x, y -Small -RepositoryRoutes src/app/api/ -RepositoryMigrations supabase/migrations " +
                "-RepositoryDocs src/docs -RepositoryCode src/lib/slack");
            Assert.Equal("Slack", plan.DisplayName);
            Assert.Equal("Slack Web API", plan.ExternalSystem);
            Assert.Equal(ConnectorPattern.Custom, plan.Pattern);
            Assert.Equal("measure", plan.Goal.Why);
            Assert.Equal(new[] { "dash", "score" }, plan.Goal.Unlocks);
            Assert.Equal(PhaseName.Sync, plan.Intake.UrgentPhase);
            Assert.Equal(50, plan.Intake.SourceLimits.RateLimit!.Requests);
            Assert.Equal("90 days", plan.Intake.SourceLimits.Retention);
            Assert.Equal(new[] { "a", "b" }, plan.Intake.SourceLimits.Scopes);
            Assert.Equal("bot token", plan.Source.Auth);
            Assert.Equal(PullMode.Hybrid, plan.Source.PullMode);
            Assert.Equal(new[] { "x", "y" }, plan.Ops.Alerts);
            Assert.True(plan.Team.Small);
            Assert.Equal("src/app/api", plan.Repository.Routes);
            Assert.Equal(new[] { "src/lib/slack" }, plan.Repository.Code);
            // Q3, Q4 and Q5 are answered now; Q1 and Q2 (linking points) are still open.
            Assert.Equal(new[] { 1, 2 }, plan.OpenQuestions.Select(q => int.Parse(q.Substring("Intake Q".Length, 1))));
            Assert.Equal(2, plan.Assumptions.Count);
            Assert.False(Run(ps, "Set-RolloutPlan -Small:$false -Connector slack-eu").Team.Small);
            Assert.Equal("slack-eu", ps.Plan().Connector);
        }

        [Theory]
        [InlineData("Set-RolloutPlan -UrgentPhase ops", 3)]
        [InlineData("Set-RolloutPlan -SuccessCriteria 'dashboard used weekly'", 5)]
        [InlineData("Set-RolloutPlan -Retention '90 days'", 4)]
        [InlineData("Set-RolloutPlan -RateLimit @{ Requests = 50; Per = '1m' }", 4)]
        [InlineData("Set-RolloutPlan -Scope users:read", 4)]
        [InlineData("Add-LinkingPoint -Source slack_user -Entity staff -Cardinality 1:1", 1)]
        public void SettingAnIntakeItemResolvesItsOpenQuestion(string command, int item)
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, command);
            Assert.DoesNotContain(plan.OpenQuestions, q => q.StartsWith("Intake Q" + item + " ", StringComparison.Ordinal));
            Assert.DoesNotContain(plan.Assumptions, a => a.StartsWith("Intake Q" + item + " ", StringComparison.Ordinal));
            Assert.True(plan.OpenQuestions.Count < 5);
        }
    }
}
