using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    public class GetAgentWavesTests
    {
        /// <summary>Defines $cyclic: the example plan with sync-schema waiting for api-mappings (which waits for sync-schema).</summary>
        private const string CyclicPlan = "$cyclic = Import-RolloutPlan $args[0]; $cyclic.Team.Tasks[0].DependsOn.Add('api-mappings'); ";

        // ---- bad input first ----

        [Fact]
        public void CycleIsAnInvalidDataErrorForThatPlanAndTheOtherPlansGoOn()
        {
            using var ps = new PowerShellSession();
            // One error per bad plan: the good plan after the cyclic one is still scheduled.
            var result = ps.Run(CyclicPlan + "$good = Import-RolloutPlan $args[0]; $cyclic, $good | Get-AgentWaves", Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("AgentTaskCycle,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("sync-schema → api-mappings → sync-schema", error.Exception.Message);
            Assert.Null(result.Terminating);
            Assert.Equal(4, result.Output.Count);
        }

        [Fact]
        public void CycleStopsAScriptUnderErrorActionStopAndCanBeCaught()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run(CyclicPlan + "try { $cyclic | Get-AgentWaves -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }", Repo.ExamplePlan);
            Assert.StartsWith("AgentTaskCycle,", Assert.Single(result.Output).ToString());
        }

        [Fact]
        public void UnknownDependencyNamesBothIds()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Team.Tasks[2].DependsOn.Add('sync-schma'); $p | Get-AgentWaves", Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("AgentTaskUnknownDependency", error.FullyQualifiedErrorId);
            Assert.Contains("'api-mappings'", error.Exception.Message);
            Assert.Contains("'sync-schma'", error.Exception.Message);
        }

        [Fact]
        public void MissingPlanFileIsANonTerminatingError()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Get-AgentWaves -Path $args[0], $args[1]", temp.File("nope.yaml"), Repo.ExamplePlan);
            Assert.Equal("RolloutPlanNotFound", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(4, result.Output.Count);
        }

        [Fact]
        public void UnknownAgentIsReportedAndKnownOnesStillListed()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-AgentWaves -Path $args[0] -Agent ux, ui-ops", Repo.ExamplePlan);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("AgentRoleNotFound", error.FullyQualifiedErrorId);
            Assert.Contains("'ui-ops'", error.Exception.Message);
            Assert.Equal(3, Assert.Single(result.Output.Select(o => (AgentWave)o.BaseObject)).Number);
        }

        [Fact]
        public void SummaryAndMermaidTogetherAreRejected()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-AgentWaves -Path $args[0] -Summary -Mermaid", Repo.ExamplePlan);
            Assert.StartsWith("AgentWavesOutputConflict", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        // ---- behaviour ----

        [Fact]
        public void PipelineGivesOneObjectPerWave()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Get-AgentWaves", Repo.ExamplePlan);
            result.AssertNoErrors();
            var waves = result.Output.Select(o => (AgentWave)o.BaseObject).ToArray();
            Assert.Equal(new[] { 1, 2, 3, 4 }, waves.Select(w => w.Number));
            Assert.Equal(new[] { "sync-schema", "metrics" }, waves[0].Tasks.Select(t => t.Id));
            Assert.Equal(new[] { "schema-sync", "analytics" }, waves[0].Agents);
            Assert.Equal(new[] { "api-mappings", "api-sync", "review" }, waves[0].Unblocks);
            Assert.Equal(new[] { "mapping-ui", "review" }, waves[1].Tasks[0].Blocks);
            Assert.Equal("api-mappings", waves[1].CriticalTask);
        }

        [Fact]
        public void PropertiesAreUsableFromPowerShell()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$w = Get-AgentWaves -Path $args[0]; $w[1].Tasks.Id -join ','; ($w | Where-Object { $_.Agents -contains 'ui-ops' }).Number", Repo.ExamplePlan);
            result.AssertNoErrors();
            Assert.Equal(new object[] { "api-mappings,api-sync", 3 }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void DefaultAndSmallTeams()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(New-RolloutPlan -Connector a | Get-AgentWaves | ForEach-Object { $_.Agents -join '+' }) -join ' | '; (New-RolloutPlan -Connector b -Small | Get-AgentWaves | ForEach-Object { $_.Agents -join '+' }) -join ' | '");
            result.AssertNoErrors();
            Assert.Equal(new object[] { "schema-sync+analytics | api-integration | ui-ops | review", "generalist | review" }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void PathAndLiteralPathReadPlanFiles()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            File.Copy(Repo.ExamplePlan, temp.File("a[1].yaml"));
            var literal = ps.Run("Get-AgentWaves -LiteralPath $args[0]", temp.File("a[1].yaml"));
            literal.AssertNoErrors();
            Assert.Equal(4, literal.Output.Count);
            var wildcard = ps.Run("Get-AgentWaves -Path $args[0]", Path.Combine(Path.GetDirectoryName(Repo.ExamplePlan)!, "slack.*.yaml"));
            wildcard.AssertNoErrors();
            Assert.Equal(4, wildcard.Output.Count);
        }

        [Fact]
        public void AgentFilterNarrowsWavesToTheAgentsTasks()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-AgentWaves -Path $args[0] -Agent API-Integration, analytics", Repo.ExamplePlan);
            result.AssertNoErrors();
            var waves = result.Output.Select(o => (AgentWave)o.BaseObject).ToArray();
            Assert.Equal(new[] { 1, 2 }, waves.Select(w => w.Number));
            Assert.Equal(new[] { "metrics" }, waves[0].Tasks.Select(t => t.Id));
            Assert.Equal(new[] { "analytics" }, waves[0].Agents);
            Assert.Equal(new[] { "review" }, waves[0].Unblocks);
            Assert.Equal(new[] { "api-mappings", "api-sync" }, waves[1].Tasks.Select(t => t.Id));
        }

        [Fact]
        public void SummaryGivesThePlanLevelFacts()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Get-AgentWaves -Summary", Repo.ExamplePlan);
            result.AssertNoErrors();
            var plan = result.Single<WavePlan>();
            Assert.Equal(new[] { "sync-schema", "api-mappings", "mapping-ui", "review" }, plan.CriticalPath);
            Assert.Equal(new[] { 2 }, plan.AgentWaves["api-integration"]);
            Assert.Equal(4, plan.Waves.Count);
            Assert.StartsWith("flowchart LR\n", plan.Mermaid);
        }

        [Fact]
        public void MermaidSwitchWritesTheFlowchart()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-AgentWaves -Path $args[0] -Mermaid", Repo.ExamplePlan);
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.Equal(4, text.Split('\n').Count(l => l.StartsWith("  subgraph wave")));
            Assert.Contains("t1 --> t3", text);
        }

        [Fact]
        public void AgentCompletesFromTheBoundPlanFileAndTheDefaults()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("p.yaml");
            ps.Run("$p = New-RolloutPlan -Connector x; $p.Team.Tasks[0].Agent = 'data-wrangler'; $p | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var script = "Get-AgentWaves -LiteralPath '" + file + "' -Agent d";
            var result = ps.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", script);
            result.AssertNoErrors();
            Assert.Contains("data-wrangler", result.Output.Select(o => o.ToString()));
            var defaults = ps.Run("(TabExpansion2 -inputScript 'Get-AgentWaves -Agent ui' -cursorColumn 24).CompletionMatches.CompletionText");
            Assert.Equal(new[] { "ui-ops" }, defaults.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void WaveFormatViewIsLoaded()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Module RolloutPlaybook).ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) }");
            Assert.Contains("RolloutPlaybook.Waves.format.ps1xml", result.Output.Select(o => o.ToString()));
        }
    }
}
