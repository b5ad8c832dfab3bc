using System.IO;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Tab completion through the engine's TabExpansion2: plan values from the plan at hand, closed sets always.</summary>
    public class CompletionTests
    {
        [Fact]
        public void DependsOnCompletesTaskIdsFromThePipelinesPlanVariable()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            Assert.Equal(new[] { "schema-sync", "analytics", "api-integration", "ui-ops", "review" }, ps.Complete("$plan | Add-AgentTask -Id x -Agent review -Title t -DependsOn "));
            Assert.Equal(new[] { "analytics", "api-integration" }, ps.Complete("$plan | Add-AgentTask -Id x -Agent review -Title t -DependsOn a"));
            Assert.Equal(new[] { "ui-ops" }, ps.Complete("$plan | Add-AgentTask -Id x -Agent review -Title t -DependsOn schema-sync, u"));
            Assert.Equal(new[] { "review" }, ps.Complete("$plan | Remove-AgentTask -Id r"));
        }

        [Fact]
        public void ThePlanComesFromAPlanArgumentOrTheHeadOfALongerPipeline()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            Assert.Equal(new[] { "ui-ops" }, ps.Complete("Add-AgentTask -Plan $plan -DependsOn u"));
            Assert.Equal(new[] { "review" }, ps.Complete("$x = 1; $plan | Set-RolloutPhase -Phase sync | Add-AgentTask -DependsOn r"));
        }

        [Fact]
        public void TaskIdsComeFromTheVariablesCurrentValue()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            ps.Run("$plan | Remove-AgentTask -Id * | Add-AgentTask -Id sync-schema -Agent schema-sync -Title s").AssertNoErrors();
            Assert.Equal(new[] { "sync-schema" }, ps.Complete("$plan | Add-AgentTask -Id y -Agent review -Title t -DependsOn "));
        }

        [Fact]
        public void NoPlanMeansNoPlanValuesAndNoError()
        {
            using var ps = new PowerShellSession();
            Assert.Empty(ps.Complete("Add-AgentTask -Id x -Agent review -Title t -DependsOn "));
            Assert.Empty(ps.Complete("$nothing | Set-ValidationResult -Id "));
            Assert.Empty(ps.Complete("Set-ValidationResult -Path ./no-such-plan.yaml -Id "));
        }

        [Fact]
        public void CheckIdsAndSourcesComeFromThePlanFileGivenByPath()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            ps.SetLocation(temp.Path);
            Assert.Equal(new[] { "sync-restart", "sync-lint", "sync-typecheck", "sync-build" }, ps.Complete("Set-ValidationResult -Path ./rollout-plan.yaml -Id sync"));
            Assert.Equal(new[] { "mapping-remap", "mapping-unique" }, ps.Complete("Set-ValidationResult -LiteralPath " + file + " -Id map"));
            Assert.Equal(new[] { "slack_user" }, ps.Complete("Add-LinkingPoint -Path rollout-plan.yaml -Source slack_u"));
            Assert.Equal(new[] { "api-mappings", "api-sync" }, ps.Complete("Add-AgentTask -Path rollout-plan.yaml -DependsOn api"));
            Assert.Equal(new[] { "slack_user", "slack_channel", "sync-schema", "sync-restart", "sync-lint", "sync-typecheck", "sync-build" },
                ps.Complete("Add-GateWaiver -Path rollout-plan.yaml -Rule RP.Sync.RateBudget -Target s"));
        }

        [Fact]
        public void AddRolloutRouteUsesPathForThePlanFile()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            ps.SetLocation(temp.Path);
            Assert.Equal(new[] { "/api/slack/mappings/staff", "/api/slack/mappings/channels" },
                ps.Complete("Add-GateWaiver -Path rollout-plan.yaml -Rule RP.Map.OnConflictDocumented -Target /api/slack/m"));
            Assert.Equal(new[] { "GET" }, ps.Complete("Add-RolloutRoute -Path rollout-plan.yaml -Route /api/slack/x -Method g"));
        }

        [Fact]
        public void ThePlanOfAnImportRolloutPlanAtTheHeadOfThePipelineIsRead()
        {
            using var ps = new PowerShellSession();
            ps.SetLocation(Path.GetDirectoryName(Repo.ExamplePlan)!);
            Assert.Equal(new[] { "ops-smoke" }, ps.Complete("Import-RolloutPlan slack.rollout-plan.yaml | Set-ValidationResult -Id o"));
            Assert.Equal(new[] { "metrics", "mapping-ui" }, ps.Complete("Import-RolloutPlan -Path ./slack.rollout-plan.yaml | Add-AgentTask -DependsOn m"));
        }

        [Fact]
        public void AgentsAreThePlaybooksAgentsAndThePlansOwn()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable("-Small");
            Assert.Equal(new[] { "schema-sync", "api-integration", "analytics", "ui-ops", "review", "generalist" }, ps.Complete("$plan | Add-AgentTask -Id x -Title t -Agent "));
            Assert.Equal(new[] { "ui-ops" }, ps.Complete("Add-AgentTask -Agent u"));
        }

        [Theory]
        [InlineData("Add-ValidationCheck -Phase ", new[] { "Analytics", "Mapping", "Ops", "Sync" })]
        [InlineData("Add-AgentTask -Phase a", new[] { "Analytics" })]
        [InlineData("Set-RolloutPhase -Phase m", new[] { "Mapping" })]
        [InlineData("Add-ValidationCheck -Kind t", new[] { "Test", "Typecheck" })]
        [InlineData("Set-ValidationResult -Status p", new[] { "Pass", "Pending" })]
        [InlineData("Add-RolloutRoute -Method P", new[] { "PATCH", "POST", "PUT" })]
        [InlineData("Set-SyncStrategy -Trigger ", new[] { "Cron", "Manual", "Webhook" })]
        [InlineData("Set-SyncStrategy -WatermarkAdvance ", new[] { "AfterWrite", "BeforeWrite" })]
        [InlineData("Set-SyncStrategy -Resume ", new[] { "Cursor", "Restart" })]
        [InlineData("Set-RolloutPlan -PullMode ", new[] { "Hybrid", "Incremental", "Snapshot" })]
        [InlineData("Set-RolloutPlan -Pattern ", new[] { "Custom", "Tabular" })]
        [InlineData("Set-RolloutPlan -Auth b", new[] { "'bot token'" })]
        [InlineData("Add-RolloutRoute -Auth c", new[] { "cron" })]
        public void ClosedSetsAlwaysComplete(string input, string[] expected)
        {
            // The engine completes enum-typed parameters with the member names (it ignores argument completers
            // there); the cmdlets accept those names as well as the plan file's spellings.
            using var ps = new PowerShellSession();
            var completed = ps.Complete(input);
            Assert.Equal(expected, completed);
        }

        [Fact]
        public void CompletedEnumNamesAreAccepted()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            ps.Run("$plan | Set-SyncStrategy -Trigger Cron -WatermarkAdvance AfterWrite -Resume Cursor | Add-ValidationCheck -Phase Ops -Id o -Description d -Kind Typecheck | Set-ValidationResult -Id o -Status Pending | Set-RolloutPlan -PullMode Hybrid -Pattern Custom | Add-RolloutRoute -Route /api/a -Method PATCH -Writes @{ table = 't'; action = 'Reject' }").AssertNoErrors();
            var plan = ps.Plan();
            Assert.Equal(RolloutPlaybook.Model.WatermarkAdvance.AfterWrite, plan.Sync.WatermarkAdvance);
            Assert.Equal(RolloutPlaybook.Model.CheckKind.Typecheck, plan.Phases.Ops.Checks[0].Kind);
        }

        [Fact]
        public void RuleIdsAndWaveNumbersCompleteInsteadOfFileNames()
        {
            using var ps = new PowerShellSession();
            ps.Run("$global:plan = Import-RolloutPlan -LiteralPath $args[0]", Repo.ExamplePlan).AssertNoErrors();
            Assert.Equal(new[] { "RP.Sync.RestartSafe", "RP.Sync.OverlapSafe", "RP.Sync.PageCapSafe", "RP.Sync.RateBudget" }, ps.Complete("$plan | Add-GateWaiver -Rule RP.Sync."));
            Assert.Equal(new[] { "1", "2", "3", "4" }, ps.Complete("$plan | Export-AgentPrompt -Wave "));
        }

        [Fact]
        public void AuthValuesComplete()
        {
            using var ps = new PowerShellSession();
            Assert.Equal(new[] { "session", "signature", "state" }, ps.Complete("Add-RolloutRoute -Route /api/slack/x -Method GET -Auth s"));
        }
    }
}
