using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>Import-Module of the built module in a fresh runspace vs importing an empty binary module. Goal ≤ 1.3×.</summary>
    [MemoryDiagnoser]
    public class ModuleImportBenchmarks
    {
        private Runspace runspace = null!;

        [IterationSetup]
        public void OpenRunspace()
        {
            runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
        }

        [IterationCleanup]
        public void CloseRunspace() => runspace.Dispose();

        [Benchmark(Baseline = true, Description = "Import-Module empty binary module")]
        public void ImportEmpty() => Import(Paths.EmptyModule);

        [Benchmark(Description = "Import-Module RolloutPlaybook")]
        public void ImportRolloutPlaybook() => Import(Paths.Manifest);

        private void Import(string path)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Import-Module").AddParameter("Name", path).AddParameter("ErrorAction", "Stop").Invoke();
        }
    }

    internal static class Paths
    {
        public static string Root { get; } = FindRoot();
        public static string Manifest => Path.Combine(Root, "out", "RolloutPlaybook", "RolloutPlaybook.psd1");
        public static string EmptyModule => Path.Combine(Root, "bench", "EmptyModule", "bin", "Release", "netstandard2.0", "EmptyModule.dll");

        private static string FindRoot()
        {
            var dir = Environment.GetEnvironmentVariable("ROLLOUTPLAYBOOK_ROOT") ?? AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "RolloutPlaybook.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("Run from inside the repository (or set ROLLOUTPLAYBOOK_ROOT).");
        }
    }
}
