using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Issue 16's small surprises, each as a new user met it; every test here failed before the fix.</summary>
    public class SmallSurpriseTests
    {
        [Fact]
        public void ExportRolloutPlanCreatesTheFoldersOfTheReadmeTourButNotWithWhatIf()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.SetLocation(temp.Path);
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path src/docs/connectors/slack/rollout-plan.yaml -WhatIf").AssertNoErrors();
            Assert.False(Directory.Exists(Path.Combine(temp.Path, "src")));
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path src/docs/connectors/slack/rollout-plan.yaml").AssertNoErrors();
            Assert.True(File.Exists(Path.Combine(temp.Path, "src", "docs", "connectors", "slack", "rollout-plan.yaml")));
        }

        [Fact]
        public void PassThruReturnsTheProvidersItemAndItPipesIntoTheGate()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            var result = ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -PassThru", file);
            result.AssertNoErrors();
            var item = Assert.Single(result.Output);
            Assert.Equal(file, ((FileInfo)item.BaseObject).FullName);
            Assert.EndsWith("FileSystem::" + file, (string)item.Properties["PSPath"].Value);
            var gate = ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -Force -PassThru | Test-RolloutGate -Rule RP.Team.Acyclic", file);
            gate.AssertNoErrors();
            Assert.NotEmpty(gate.Output);
            var doc = ps.Run("New-RolloutPlan slack | Export-RolloutDocument -Path $args[0] -PassThru", temp.File("d/doc.md"));
            doc.AssertNoErrors();
            Assert.NotNull(Assert.Single(doc.Output).Properties["PSPath"]);
        }

        [Fact]
        public void AWaiverOfARuleTheGateDoesNotHaveIsRefusedWithTheNearestRule()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var record = ps.Run("$plan | Add-GateWaiver -Rule RP.Sync.RateBudgt -Reason r -Expires 2030-01-01").AssertFailure("GateRuleNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("did you mean 'RP.Sync.RateBudget'?", record.Exception.Message);
            ps.Run("$plan | Add-GateWaiver -Rule RP.Nope.Foo -Reason r -Expires 2030-01-01").AssertFailure("GateRuleNotFound", ErrorCategory.ObjectNotFound);
            Assert.Empty(ps.Plan().Waivers);
        }

        [Fact]
        public void TheGateWarnsAboutAWaiverOfARuleItDoesNotHave()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nwaivers:\n  - rule: RP.Sync.RateBudgt\n    reason: later\n    expires: 2030-01-01\n");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Sync.RateBudget | Out-Null", file);
            Assert.Contains(result.Warnings, w => w.Contains("'RP.Sync.RateBudgt' names no rule of the gate") && w.Contains("did you mean 'RP.Sync.RateBudget'?"));
        }

        [Fact]
        public void RuleIdsAndWaveNumbersCompleteInsteadOfFileNames()
        {
            using var ps = new PowerShellSession();
            ps.Run("$global:plan = Import-RolloutPlan -LiteralPath $args[0]", Repo.ExamplePlan).AssertNoErrors();
            Assert.Equal(new[] { "RP.Sync.RestartSafe", "RP.Sync.OverlapSafe", "RP.Sync.PageCapSafe", "RP.Sync.RateBudget" }, ps.Complete("$plan | Add-GateWaiver -Rule RP.Sync."));
            Assert.Equal(new[] { "1", "2", "3", "4" }, ps.Complete("$plan | Export-AgentPrompt -Wave "));
        }

        [Theory]
        [InlineData("Add-LinkingPoint -Source 'Slack User' -Entity staff -Cardinality 1:1", "'Slack User' is not a source name: lower-case letters")]
        [InlineData("Add-HandoffEnvVar -EnvVar slack_token -Local .env.local -Deploy vercel", "'slack_token' is not an environment variable name")]
        [InlineData("Add-RolloutRoute -Route slack/x -Method GET", "'slack/x' is not a route path: / then")]
        [InlineData("Add-GateWaiver -Rule nope -Reason r -Expires 2030-01-01", "'nope' is not a gate rule id")]
        public void ParameterErrorsSayWhatIsExpectedInWordsNotAsARegex(string command, string words)
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var record = ps.Run("$plan | " + command).AllErrors.Single();
            Assert.StartsWith("ParameterArgumentValidationError,", record.FullyQualifiedErrorId);
            Assert.Contains(words, record.Exception.Message);
            Assert.DoesNotContain("^", record.Exception.Message);
        }

        [Fact]
        public void AddRolloutRouteTakesTheRoutePathAsRouteLikeTheRemovers()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            ps.Run("$plan | Add-RolloutRoute -Route /api/slack/x -Method GET | Remove-RolloutRoute -Route /api/slack/x | Add-RolloutRoute -Route /api/slack/y -Method GET | Out-Null").AssertNoErrors();
            Assert.Equal(new[] { "/api/slack/y" }, ps.Plan().Routes.Select(r => r.Path));
        }
    }
}
