using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>
    /// templates/RolloutGate.Tests.ps1 run through the real engine. Pester itself is not on this machine, so the
    /// few Pester commands the file uses (BeforeDiscovery, Describe/It with -ForEach, Set-ItResult, Should -Be) are
    /// stood in by small functions that behave like Pester's for these calls and record each test's result.
    /// </summary>
    public class GatePesterTemplateTests
    {
        private static string Template => Path.Combine(Repo.Root, "templates", "RolloutGate.Tests.ps1");

        private const string PesterStandIn = @"
$global:PesterTests = [System.Collections.Generic.List[object]]::new()
function BeforeDiscovery([scriptblock] $ScriptBlock) { . $ScriptBlock; $global:gatePlans = $gatePlans }
function Expand([string] $Name) { [regex]::Replace($Name, '<(\w+)>', { param($m) [string]$ExecutionContext.SessionState.PSVariable.GetValue($m.Groups[1].Value) }) }
function Describe([string] $Name, [scriptblock] $Fixture, [object[]] $ForEach) {
    foreach ($data in $ForEach) { foreach ($key in $data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($key, $data[$key]) }; $block = Expand $Name; & $Fixture }
}
function It([string] $Name, [scriptblock] $Test, [object[]] $ForEach) {
    foreach ($data in $ForEach) {
        foreach ($key in $data.Keys) { $ExecutionContext.SessionState.PSVariable.Set($key, $data[$key]) }
        $global:ItResult = 'Passed'; $global:ItReason = ''
        try { & $Test } catch { $global:ItResult = 'Failed'; $global:ItReason = $_.Exception.Message }
        $global:PesterTests.Add([pscustomobject]@{ Block = $block; Name = (Expand $Name); Result = $global:ItResult; Reason = $global:ItReason })
    }
}
function Set-ItResult([switch] $Skipped, [switch] $Inconclusive, [string] $Because) {
    $global:ItResult = if ($Skipped) { 'Skipped' } else { 'Inconclusive' }; $global:ItReason = $Because
}
function Should { param([Parameter(ValueFromPipeline = $true)] $ActualValue, $Be) process { if ($ActualValue -ne $Be) { throw ""Expected '$Be', but got '$ActualValue'."" } } }
";

        [Fact]
        public void OneTestPerRuleAndTargetFailingWithMessageAndRecommendation()
        {
            using var ps = new PowerShellSession(importModule: false);
            var appRepo = Path.Combine(Repo.Fixtures, "app-repo");
            var run = ps.Run(PesterStandIn + "\n& $args[0] -RepositoryPath $args[1] -ModulePath $args[2]; $global:PesterTests", Template, appRepo, Repo.ModuleManifest);
            run.AssertNoErrors();
            var tests = run.Output.Select(o => new
            {
                Block = (string)o.Properties["Block"].Value,
                Name = (string)o.Properties["Name"].Value,
                Result = (string)o.Properties["Result"].Value,
                Reason = (string)o.Properties["Reason"].Value,
            }).ToList();
            Assert.Equal(new[] { "Rollout gate: hubspot (hubspot)", "Rollout gate: slack (slack)" }, tests.Select(t => t.Block).Distinct().OrderBy(x => x));
            var failed = tests.Where(t => t.Result == "Failed").ToList();
            Assert.Equal(7, failed.Count);
            Assert.All(failed, t => Assert.StartsWith("Rollout gate: hubspot", t.Block));
            var env = Assert.Single(failed, t => t.Name == "RP.Docs.EnvMatch HUBSPOT_PORTAL_ID");
            Assert.Contains("process.env.HUBSPOT_PORTAL_ID", env.Reason);
            Assert.Contains("Where: src/lib/hubspot/client.ts:13", env.Reason);
            Assert.Contains("Recommendation: Add the variable to the handoff", env.Reason);
            Assert.Contains(tests, t => t.Name == "RP.Docs.DocumentCurrent src/docs/SLACK-ROLLOUT-PLAN.md" && t.Result == "Passed");
            Assert.Contains(tests, t => t.Name == "RP.Map.SourceDeclared slack_user" && t.Result == "Passed");
            Assert.Equal(tests.Count, tests.Select(t => t.Block + t.Name).Distinct().Count());
        }
    }
}
