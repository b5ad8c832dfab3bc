using System;
using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-HandoffItem: every parameter set, -Force, and scopes not in the intake.</summary>
    public class AddHandoffItemTests
    {
        [Fact]
        public void AddHandoffItemEveryParameterSet()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-RolloutPlan -Scope channels:read | " +
                "Add-HandoffEnvVar -EnvVar SLACK_BOT_TOKEN -Secret -Purpose 'Web API calls' -Local .env.local -Deploy 'Vercel (Production)' | " +
                "Add-HandoffEnvVar -EnvVar SLACK_SYNC_PAGE_CAP -Local .env.local -Deploy Vercel -Value 5 | " +
                "Add-HandoffScope -Scope channels:read -Reason 'list channels' | " +
                "Add-HandoffMigration -Migration supabase\\migrations\\20260210_slack_messages.sql | " +
                "Add-HandoffSmokeTest -SmokeTest 'POST /api/slack/test-connection' -Expect '200' | " +
                "Add-HandoffSmokeTest -SmokeTest 'GET /api/cron/slack-sync' -Expect '200 and a run' | " +
                "Add-HandoffAppStep -ExternalAppStep 'Create the Slack app'");
            var h = plan.Handoff;
            Assert.True(h.Env[0].Secret);
            Assert.Null(h.Env[0].Value);
            Assert.Equal("Web API calls", h.Env[0].Purpose);
            Assert.False(h.Env[1].Secret);
            Assert.Equal("5", h.Env[1].Value);
            Assert.Equal("list channels", Assert.Single(h.Scopes).Reason);
            Assert.Equal("supabase/migrations/20260210_slack_messages.sql", Assert.Single(h.Migrations));
            Assert.Equal(new[] { "POST /api/slack/test-connection", "GET /api/cron/slack-sync" }, h.SmokeTests.Select(t => t.Action));
            Assert.Equal("Create the Slack app", h.ExternalApp[0]);
        }

        [Fact]
        public void AddHandoffItemForceReplacesAnEnvVarAndWarnsAboutScopesNotInIntake()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-HandoffEnvVar -EnvVar A_B -Local l -Deploy d | Add-HandoffEnvVar -EnvVar A_B -Secret -Local l2 -Deploy d2 -Force | Add-HandoffScope -Scope admin -Reason r");
            result.AssertNoErrors();
            var env = Assert.Single(result.Single<RolloutPlan>().Handoff.Env);
            Assert.True(env.Secret);
            Assert.Equal("l2", env.Local);
            Assert.Contains(result.Warnings, w => w.Contains("RP.Docs.ScopesMatch"));
        }
    }
}
