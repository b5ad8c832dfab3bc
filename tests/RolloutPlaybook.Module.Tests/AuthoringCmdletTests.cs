using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Each authoring cmdlet and parameter set, through the real engine: plan in, same plan changed, plan out.</summary>
    public class AuthoringCmdletTests
    {
        private static RolloutPlan Run(PowerShellSession ps, string pipeline)
        {
            ps.NewPlanVariable();
            var result = ps.Run("$plan | " + pipeline);
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Same(AuthoringTestKit.Unwrap(ps.GetVariable("plan")), plan);
            return plan;
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

        [Theory]
        [InlineData("1.2s", 1200)]
        [InlineData("'1.2s'", 1200)]
        [InlineData("0.25", 250)]
        [InlineData("90", 90000)]
        [InlineData("([TimeSpan]::FromMilliseconds(1500))", 1500)]
        public void UnquotedFractionalDurationsKeepTheirFraction(string argument, int milliseconds)
        {
            // Unquoted, PowerShell reads 1.2s as the Int16 1; duration parameters take the literal text instead.
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-SyncStrategy -CallInterval " + argument);
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), plan.Sync.CallInterval!.Value.Value);
        }

        [Fact]
        public void SetSyncStrategySetsOnlyTheKeysGiven()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-SyncStrategy -Trigger cron -Schedule 5m -Lease ([TimeSpan]::FromMinutes(4)) -CallInterval '1.2s' -Overlap 0s " +
                "-WatermarkAdvance after-write -Resume Cursor -PageSize 200 -PageCap 5 -UnitsPerRun 20 -Cursor message_ts -Watermark latest_ts, oldest_ts " +
                "-IdempotencyKey 'channel_id,message_ts' | Set-SyncStrategy -PageCap 3 -Lease 90s");
            var s = plan.Sync;
            Assert.Equal(SyncTrigger.Cron, s.Trigger);
            Assert.Equal(TimeSpan.FromMinutes(5), s.Schedule!.Value.Value);
            Assert.Equal(TimeSpan.FromSeconds(90), s.Lease!.Value.Value);
            Assert.Equal(TimeSpan.FromMilliseconds(1200), s.CallInterval!.Value.Value);
            Assert.Equal(TimeSpan.Zero, s.Overlap!.Value.Value);
            Assert.Equal(WatermarkAdvance.AfterWrite, s.WatermarkAdvance);
            Assert.Equal(ResumeMode.Cursor, s.Resume);
            Assert.Equal(3, s.PageCap);
            Assert.Equal(200, s.PageSize);
            Assert.Equal(20, s.UnitsPerRun);
            Assert.Equal("message_ts", s.Cursor);
            Assert.Equal(new[] { "latest_ts", "oldest_ts" }, s.Watermarks);
            Assert.Equal("channel_id,message_ts", s.IdempotencyKey);
        }

        [Fact]
        public void AddRolloutMetricAddsAndForceReplaces()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-RolloutMetric response_time 'first reply' -Exclude bot, system -Recompute nightly -Version 1 | " +
                "Add-RolloutMetric -Name response_time -Definition 'first staff reply' -Exclude bot -Force");
            var metric = Assert.Single(plan.Analytics.Metrics);
            Assert.Equal("first staff reply", metric.Definition);
            Assert.Equal(new[] { "bot" }, metric.Excludes);
            Assert.Null(metric.Version);
        }

        [Fact]
        public void AddRolloutMetricWithoutExclusionsWarns()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutMetric -Name m -Definition d");
            result.AssertNoErrors();
            Assert.Contains(result.Warnings, w => w.Contains("RP.Analytics.NoiseExcluded"));
        }

        [Fact]
        public void AddAgentTaskAllowsUnknownDependenciesAndForceReplaces()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-AgentTask -Id docs -Agent ui-ops -Title 'Docs' -Phase ops -DependsOn later-task, review, review | " +
                "Add-AgentTask -Id review -Agent review -Title 'Final review' -DependsOn docs -Force");
            var docs = plan.Team.Tasks.Single(t => t.Id == "docs");
            Assert.Equal(new[] { "later-task", "review" }, docs.DependsOn);
            Assert.Equal(PhaseName.Ops, docs.Phase);
            var review = plan.Team.Tasks.Single(t => t.Id == "review");
            Assert.Equal("Final review", review.Title);
            Assert.Equal(4, plan.Team.Tasks.IndexOf(review));
        }

        [Fact]
        public void RemoveAgentTaskRefusesToLeaveDanglingDependenciesUnlessAskedToDropThem()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var refused = ps.Run("$plan | Remove-AgentTask -Id schema-*, analytics");
            var record = refused.AssertFailure("AgentTaskHasDependents", ErrorCategory.InvalidOperation);
            Assert.Contains("'api-integration' depends on 'schema-sync'", record.Exception.Message);
            Assert.Contains("-DropDependencies", record.Exception.Message);
            Assert.Equal(5, ps.Plan().Team.Tasks.Count);

            var result = ps.Run("$plan | Remove-AgentTask -Id schema-*, analytics -DropDependencies");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(new[] { "api-integration", "ui-ops", "review" }, plan.Team.Tasks.Select(t => t.Id));
            Assert.DoesNotContain(plan.Team.Tasks.SelectMany(t => t.DependsOn), d => d == "schema-sync" || d == "analytics");
            ps.Run("$plan | Get-AgentWaves").AssertNoErrors();
            Assert.Empty(Run(ps, "Remove-AgentTask *").Team.Tasks);
        }

        [Fact]
        public void SetAgentTaskChangesOnlyWhatIsGivenAndRefusesMissingTasks()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var before = ps.Plan().Team.Tasks.Single(t => t.Id == "review");
            var agent = before.Agent;
            ps.Run("$plan | Set-AgentTask -Id review -Title 'Strict review' | Out-Null").AssertNoErrors();
            var review = ps.Plan().Team.Tasks.Single(t => t.Id == "review");
            Assert.Equal("Strict review", review.Title);
            Assert.Equal(agent, review.Agent);
            Assert.NotEmpty(review.DependsOn);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn @() | Out-Null").AssertNoErrors();
            Assert.Empty(review.DependsOn);
            var record = ps.Run("$plan | Set-AgentTask -Id reveiw -Title x").AssertFailure("AgentTaskNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("did you mean 'review'?", record.Exception.Message);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn nope").AssertFailure("AgentTaskNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn review").AssertFailure("AgentTaskDependsOnItself", ErrorCategory.InvalidArgument);
            Assert.Empty(review.DependsOn);
        }

        [Fact]
        public void ValidationChecksAndResults()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck -Phase sync -Id sync-lint -Description 'Lint passes' -Kind lint | " +
                "Add-ValidationCheck mapping mapping-remap 'Unmap clears attribution' -Kind remap | " +
                "Set-ValidationResult -Id sync-lint -Status pass -Evidence 'npm run lint, 0 problems' | " +
                "Set-ValidationResult mapping-remap fail 'stale sender after unmap'");
            var lint = Assert.Single(plan.Phases.Sync.Checks);
            Assert.Equal(CheckKind.Lint, lint.Kind);
            Assert.Equal(CheckStatus.Pass, lint.Status);
            Assert.Equal("npm run lint, 0 problems", lint.Evidence);
            Assert.Null(lint.RecordedBy);
            Assert.Null(lint.RecordedAt);
            var remap = Assert.Single(plan.Phases.Mapping.Checks);
            Assert.Equal(CheckStatus.Fail, remap.Status);
            Assert.Equal("stale sender after unmap", remap.Evidence);
        }

        [Fact]
        public void SetValidationResultRecordsWhoAndWhenOnlyWhenAsked()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck sync a 'A' | Add-ValidationCheck sync b 'B' | Add-ValidationCheck sync c 'C' | " +
                "Set-ValidationResult -Id a -Status pass -Evidence e -RecordedBy ana -RecordedAt '2026-11-20T10:00:00Z' | " +
                "Set-ValidationResult -Id b -Status pass -Evidence e -Stamp | Set-ValidationResult -Id c -Status pass -Evidence e");
            var checks = plan.Phases.Sync.Checks;
            Assert.Equal("ana", checks[0].RecordedBy);
            Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), checks[0].RecordedAt);
            Assert.Equal(Environment.UserName, checks[1].RecordedBy);
            Assert.True(checks[1].RecordedAt > DateTime.UtcNow.AddMinutes(-5));
            Assert.Null(checks[2].RecordedBy);
            Assert.Null(checks[2].RecordedAt);
        }

        [Fact]
        public void AddValidationCheckForceMovesACheckToAnotherPhase()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck sync smoke 'Smoke' | Add-ValidationCheck ops smoke 'Smoke test' -Kind smoke -Force");
            Assert.Empty(plan.Phases.Sync.Checks);
            Assert.Equal("Smoke test", Assert.Single(plan.Phases.Ops.Checks).Description);
        }

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

        [Fact]
        public void AddRolloutNoteEveryParameterSet()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-RolloutNote -Assumption 'History older than 90 days is not needed' | " +
                "Add-RolloutNote -OpenQuestion 'Denormalize sender_is_staff?' | " +
                "Add-RolloutNote -Risk 'private channels need a manual invite' -Mitigation 'warn at mapping time' | Add-RolloutNote -Risk 'rate limits'");
            Assert.Equal("History older than 90 days is not needed", plan.Assumptions.Last());
            Assert.Equal("Denormalize sender_is_staff?", plan.OpenQuestions.Last());
            Assert.Equal("warn at mapping time", plan.Risks[0].Mitigation);
            Assert.Null(plan.Risks[1].Mitigation);
        }

        [Fact]
        public void AddGateWaiverKeepsTheDateAndWarnsWhenAlreadyExpired()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-GateWaiver -Rule RP.Sync.RateBudget -Target backfill -Reason 'one-off backfill' -Expires '2026-12-31T15:30' | " +
                "Add-GateWaiver RP.Team.Order 'old waiver' 2001-01-01");
            result.AssertNoErrors();
            var waivers = result.Single<RolloutPlan>().Waivers;
            Assert.Equal(new DateTime(2026, 12, 31), waivers[0].Expires);
            Assert.Equal("backfill", waivers[0].Target);
            Assert.Null(waivers[1].Target);
            Assert.Contains(result.Warnings, w => w.Contains("expired"));
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

        [Fact]
        public void SetRolloutPhaseSetsScopeAndDeliverables()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-RolloutPhase -Phase ops -Scope 'Health and alerts' -Deliverable 'status card', 'alert rules' | Set-RolloutPhase sync 'Incremental sync'");
            Assert.Equal("Health and alerts", plan.Phases.Ops.Scope);
            Assert.Equal(new[] { "status card", "alert rules" }, plan.Phases.Ops.Deliverables);
            Assert.Equal("Incremental sync", plan.Phases.Sync.Scope);
            Assert.Empty(plan.Phases.Sync.Deliverables);
        }

        [Fact]
        public void WhatIfOnAPipelinePlanChangesNothingAndPassesItOn()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-AgentTask -Id docs -Agent ui-ops -Title Docs -WhatIf | Set-SyncStrategy -PageCap 5 -WhatIf | Add-HandoffMigration -Migration a/1.sql -WhatIf");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(5, plan.Team.Tasks.Count);
            Assert.Null(plan.Sync.PageCap);
            Assert.Empty(plan.Handoff.Migrations);
        }

        [Fact]
        public void EveryAuthoringCmdletIsExported()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Module RolloutPlaybook).ExportedCmdlets.Keys");
            var names = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            foreach (var name in new[] { "Add-RolloutRoute", "Set-SyncStrategy", "Add-RolloutMetric", "Add-AgentTask", "Remove-AgentTask", "Add-ValidationCheck",
                "Set-ValidationResult", "Add-HandoffItem", "Add-RolloutNote", "Add-GateWaiver", "Set-RolloutPlan", "Set-RolloutPhase",
            "Remove-LinkingPoint", "Remove-RolloutRoute", "Remove-RouteWrite", "Remove-RolloutMetric", "Remove-ValidationCheck", "Remove-HandoffItem",
            "Remove-RolloutNote", "Remove-GateWaiver", "Set-AgentTask" })
                Assert.Contains(name, names);
        }
    }
}
