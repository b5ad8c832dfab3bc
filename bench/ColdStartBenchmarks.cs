using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>The first call in a fresh process and runspace: import, create a plan and render it. Reported, no baseline.</summary>
    [SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
    public class ColdStartBenchmarks
    {
        [Benchmark(Description = "fresh process: Import-Module; New-RolloutPlan | Export-RolloutPlan (text)")]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
        public object FirstCall()
        {
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module $args[0]; $f = [IO.Path]::GetTempFileName(); New-RolloutPlan -Connector slack | Add-LinkingPoint slack_user staff 1:1 | Export-RolloutPlan -Path $f -Force; [IO.File]::Delete($f)").AddArgument(Paths.Manifest);
            return ps.Invoke();
        }
    }
}
