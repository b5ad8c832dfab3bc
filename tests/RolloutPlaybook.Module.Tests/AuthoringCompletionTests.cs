using System.IO;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Tab completion through the engine's TabExpansion2: plan values from the plan at hand, closed sets always.</summary>
    public class AuthoringCompletionTests
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
        public void AddRolloutRouteUsesPlanPathForThePlanFile()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            ps.SetLocation(temp.Path);
            Assert.Equal(new[] { "/api/slack/mappings/staff", "/api/slack/mappings/channels" },
                ps.Complete("Add-GateWaiver -Path rollout-plan.yaml -Rule RP.Map.OnConflictDocumented -Target /api/slack/m"));
            Assert.Equal(new[] { "GET" }, ps.Complete("Add-RolloutRoute -PlanPath rollout-plan.yaml -Path /api/slack/x -Method g"));
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
        [InlineData("Add-ValidationCheck -Phase ", new[] { "mapping", "sync", "analytics", "ops" })]
        [InlineData("Add-AgentTask -Phase a", new[] { "analytics" })]
        [InlineData("Set-RolloutPhase -Phase m", new[] { "mapping" })]
        [InlineData("Add-ValidationCheck -Kind t", new[] { "typecheck", "test" })]
        [InlineData("Set-ValidationResult -Status p", new[] { "pending", "pass" })]
        [InlineData("Add-RolloutRoute -Method P", new[] { "POST", "PUT", "PATCH" })]
        [InlineData("Set-SyncStrategy -Trigger ", new[] { "cron", "manual", "webhook" })]
        [InlineData("Set-SyncStrategy -WatermarkAdvance ", new[] { "after-write", "before-write" })]
        [InlineData("Set-SyncStrategy -Resume ", new[] { "cursor", "restart" })]
        [InlineData("Set-RolloutPlan -PullMode ", new[] { "incremental", "snapshot", "hybrid" })]
        [InlineData("Set-RolloutPlan -Pattern ", new[] { "tabular", "custom" })]
        [InlineData("Set-RolloutPlan -Auth b", new[] { "'bot token'" })]
        [InlineData("Add-RolloutRoute -Auth c", new[] { "cron" })]
        public void ClosedSetsAlwaysComplete(string input, string[] expected)
        {
            using var ps = new PowerShellSession();
            Assert.Equal(expected, ps.Complete(input));
        }
    }
}
