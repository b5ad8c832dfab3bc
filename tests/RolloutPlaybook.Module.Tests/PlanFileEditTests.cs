using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>In-place editing of plan files: -Path/-LiteralPath (or -PlanPath), -WhatIf, changes on disk and the comment rule.</summary>
    public class PlanFileEditTests
    {
        private static string NewPlanFile(PowerShellSession ps, TempFolder temp, string name = "rollout-plan.yaml")
        {
            var file = temp.File(name);
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            return file;
        }

        private static RolloutPlan Reimport(PowerShellSession ps, string file)
        {
            var result = ps.Run("Import-RolloutPlan -LiteralPath $args[0]", file);
            result.AssertNoErrors();
            return result.Single<RolloutPlan>();
        }

        /// <summary>One edit per cmdlet, each given the plan file; the file holds every change afterwards.</summary>
        [Fact]
        public void EveryAuthoringCmdletEditsAFileInPlace()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = NewPlanFile(ps, temp);
            ps.SetLocation(temp.Path);
            var script = string.Join("\n", new[]
            {
                "Set-RolloutPlan -Path rollout-plan.yaml -UrgentPhase sync -Auth 'bot token'",
                "Set-RolloutPhase -LiteralPath ./rollout-plan.yaml -Phase sync -Scope 'Incremental sync'",
                "Add-RolloutRoute -Path rollout-*.yaml -Route /api/cron/slack-sync -Method GET -Auth cron -Writes @{ table = 'slack_messages'; method = 'GET'; action = 'ignore'; onConflict = 'channel_id,message_ts' }",
                "Add-RolloutRoute -LiteralPath rollout-plan.yaml -Route /api/slack/mappings/staff -Method GET",
                "Set-SyncStrategy -Path rollout-plan.yaml -Trigger cron -Schedule 5m",
                "Add-RolloutMetric -Path rollout-plan.yaml -Name response_time -Definition d -Exclude bot",
                "Add-AgentTask -Path rollout-plan.yaml -Id docs -Agent ui-ops -Title Docs -DependsOn review",
                "Remove-AgentTask -Path rollout-plan.yaml -Id analytics -DropDependencies",
                "Add-ValidationCheck -Path rollout-plan.yaml -Phase sync -Id sync-lint -Description Lint -Kind lint",
                "Set-ValidationResult -Path rollout-plan.yaml -Id sync-lint -Status pass -Evidence 'npm run lint'",
                "Add-HandoffEnvVar -Path rollout-plan.yaml -EnvVar SLACK_BOT_TOKEN -Secret -Local .env.local -Deploy Vercel",
                "Add-HandoffScope -LiteralPath rollout-plan.yaml -Scope users:read -Reason 'map users'",
                "Add-HandoffMigration -Path rollout-plan.yaml -Migration supabase/migrations/1.sql",
                "Add-HandoffSmokeTest -Path rollout-plan.yaml -SmokeTest 'GET /api/cron/slack-sync' -Expect 200",
                "Add-HandoffAppStep -Path rollout-plan.yaml -ExternalAppStep 'Create the app'",
                "Add-RolloutNote -Path rollout-plan.yaml -Assumption 'a1'",
                "Add-RolloutNote -LiteralPath rollout-plan.yaml -OpenQuestion 'q1'",
                "Add-RolloutNote -Path rollout-plan.yaml -Risk 'r1' -Mitigation 'm1'",
                "Add-GateWaiver -Path rollout-plan.yaml -Rule RP.Sync.RateBudget -Reason r -Expires 2030-01-01",
            });
            var result = ps.Run(script);
            result.AssertNoErrors();
            Assert.Empty(result.Output);
            var plan = Reimport(ps, file);
            Assert.Equal(PhaseName.Sync, plan.Intake.UrgentPhase);
            Assert.Equal("Incremental sync", plan.Phases.Sync.Scope);
            Assert.Equal(new[] { "/api/cron/slack-sync", "/api/slack/mappings/staff" }, plan.Routes.Select(r => r.Path));
            Assert.Equal(SyncTrigger.Cron, plan.Sync.Trigger);
            Assert.Single(plan.Analytics.Metrics);
            Assert.Contains(plan.Team.Tasks, t => t.Id == "docs");
            Assert.DoesNotContain(plan.Team.Tasks, t => t.Id == "analytics");
            Assert.Equal(CheckStatus.Pass, plan.Phases.Sync.Checks[0].Status);
            Assert.Single(plan.Handoff.Env);
            Assert.Single(plan.Handoff.Scopes);
            Assert.Single(plan.Handoff.Migrations);
            Assert.Single(plan.Handoff.SmokeTests);
            Assert.Single(plan.Handoff.ExternalApp);
            Assert.Contains("a1", plan.Assumptions);
            Assert.Contains("q1", plan.OpenQuestions);
            Assert.Equal("m1", plan.Risks[0].Mitigation);
            Assert.Single(plan.Waivers);
            Assert.DoesNotContain(plan.OpenQuestions, q => q.StartsWith("Intake Q3"));
        }

        [Fact]
        public void PassThruWritesTheEditedPlan()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = NewPlanFile(ps, temp);
            var result = ps.Run("Add-HandoffMigration -Path $args[0] -Migration a/1.sql -PassThru; Add-RolloutRoute -Path $args[0] -Route /api/slack/x -Method GET -PassThru", file);
            result.AssertNoErrors();
            Assert.Equal(2, result.Output.Count);
            Assert.Single(((RolloutPlan)result.Output[1].BaseObject).Routes);
            Assert.Equal(file, ((RolloutPlan)result.Output[1].BaseObject).SourcePath);
        }

        [Fact]
        public void EditingSeveralFilesByWildcard()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var a = NewPlanFile(ps, temp, "a.rollout-plan.yaml");
            var b = NewPlanFile(ps, temp, "b.rollout-plan.yaml");
            var result = ps.Run("Add-RolloutNote -Path ($args[0] + '/*.rollout-plan.yaml') -Assumption shared", temp.Path);
            result.AssertNoErrors();
            Assert.Contains("shared", Reimport(ps, a).Assumptions);
            Assert.Contains("shared", Reimport(ps, b).Assumptions);
        }

        [Fact]
        public void AMissingPlanFileIsRolloutPlanNotFound()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.Run("Add-AgentTask -Path $args[0] -Id a -Agent review -Title t", temp.File("none.yaml"))
                .AssertFailure("RolloutPlanNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("Add-RolloutRoute -LiteralPath $args[0] -Route /api/x/y -Method GET", temp.File("none.yaml"))
                .AssertFailure("RolloutPlanNotFound", ErrorCategory.ObjectNotFound);
        }

        [Theory]
        [InlineData("Add-AgentTask -Path $args[0] -Id docs -Agent ui-ops -Title Docs -WhatIf")]
        [InlineData("Add-RolloutRoute -Path $args[0] -Route /api/slack/x -Method GET -WhatIf")]
        [InlineData("Add-HandoffSmokeTest -Path $args[0] -SmokeTest 'GET /' -Expect 200 -WhatIf")]
        [InlineData("Add-RolloutNote -LiteralPath $args[0] -Risk r -WhatIf")]
        [InlineData("Set-SyncStrategy -Path $args[0] -PageCap 5 -WhatIf")]
        [InlineData("Set-RolloutPlan -Path $args[0] -UrgentPhase ops -WhatIf")]
        [InlineData("Remove-AgentTask -Path $args[0] -Id * -WhatIf")]
        public void WhatIfLeavesTheFileBytesUnchanged(string command)
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = NewPlanFile(ps, temp);
            var before = File.ReadAllBytes(file);
            var result = ps.Run(command, file);
            result.AssertNoErrors();
            Assert.Empty(result.Output);
            Assert.Equal(before, File.ReadAllBytes(file));
            Assert.Equal(new[] { "rollout-plan.yaml" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        }

        [Fact]
        public void AFileWithCommentsKeepsThemAndOnlyTheEditedLinesChange()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.WriteAllText(file, AuthoringTestKit.PlanWithComments, new UTF8Encoding(false));

            ps.Run("Add-AgentTask -Path $args[0] -Id docs -Agent ui-ops -Title Docs", file).AssertNoErrors();
            ps.Run("Add-HandoffMigration -Path $args[0] -Migration a/1.sql", file).AssertNoErrors();
            ps.Run("Add-RolloutRoute -Path $args[0] -Route /api/slack/x -Method GET", file).AssertNoErrors();
            Assert.Equal(
                "# Slack plan, reviewed by the data team\nschemaVersion: 1\nconnector: slack # the slug\n" +
                "routes:\n  - path: /api/slack/x\n    methods: [GET]\n" +
                "team:\n  tasks:\n    - id: docs\n      agent: ui-ops\n      title: Docs\n" +
                "handoff:\n  migrations: [a/1.sql]\n",
                File.ReadAllText(file));

            ps.Run("Remove-AgentTask -Path $args[0] -Id docs", file).AssertNoErrors();
            Assert.Equal(
                "# Slack plan, reviewed by the data team\nschemaVersion: 1\nconnector: slack # the slug\n" +
                "routes:\n  - path: /api/slack/x\n    methods: [GET]\n" +
                "handoff:\n  migrations: [a/1.sql]\n",
                File.ReadAllText(file));
        }

        [Fact]
        public void AnImportedPlanIsNotWrittenOverAFileThatChangedOnDisk()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = NewPlanFile(ps, temp);
            ps.Run("$global:plan = Import-RolloutPlan $args[0] | Add-AgentTask -Id docs -Agent ui-ops -Title Docs", file).AssertNoErrors();
            // Someone else edits the file meanwhile (with Add-RolloutNote -Path, as a teammate would).
            ps.Run("Add-RolloutNote -Path $args[0] -Assumption 'edited elsewhere'", file).AssertNoErrors();
            var changed = File.ReadAllBytes(file);

            var record = ps.Run("$plan | Export-RolloutPlan").AssertFailure("RolloutPlanChangedOnDisk", ErrorCategory.InvalidOperation);
            Assert.Contains("changed on disk", record.Exception.Message);
            Assert.Equal(changed, File.ReadAllBytes(file));

            ps.Run("$plan | Export-RolloutPlan -Force").AssertNoErrors();
            Assert.Contains(Reimport(ps, file).Team.Tasks, t => t.Id == "docs");
        }

        [Fact]
        public void JsonPlanFilesStayJson()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = NewPlanFile(ps, temp, "plan.json");
            ps.Run("Add-RolloutNote -Path $args[0] -Risk 'json risk'", file).AssertNoErrors();
            var text = File.ReadAllText(file);
            Assert.StartsWith("{", text);
            Assert.Contains("\"json risk\"", text);
        }

        [Fact]
        public void AReadOnlyPlanIsRefusedWithoutForceAndWrittenWithIt()
        {
            if (OperatingSystem.IsWindows()) return;
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var before = File.ReadAllText(file);
            var refused = ps.Run("Set-RolloutPlan -Path $args[0] -DisplayName 'Slack 2'", file);
            var error = Assert.Single(refused.AllErrors);
            Assert.Equal("RolloutPlanReadOnly,RolloutPlaybook.Commands.SetRolloutPlanCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Equal(before, File.ReadAllText(file));
            ps.Run("$p = Import-RolloutPlan $args[0]; $p.DisplayName = 'Slack 2'; $p | Export-RolloutPlan -Force", file).AssertNoErrors();
            Assert.Contains("displayName: Slack 2", File.ReadAllText(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        }
    }
}
