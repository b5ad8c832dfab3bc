using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// Import-Module of the built module in a fresh runspace vs importing an empty binary module. Goal ≤ 1.3×.
    /// Two more reference rows show where PowerShell's own fixed costs lie: the same empty module behind a
    /// manifest, and behind a manifest with a one-view format file (PowerShell rebuilds its whole format
    /// database, built-in views included, when a module brings any format data).
    /// </summary>
    [MemoryDiagnoser]
    public class ModuleImportBenchmarks
    {
        private Runspace runspace = null!;
        private string folder = null!;

        [GlobalSetup]
        public void WriteReferenceModules()
        {
            folder = Path.Combine(Path.GetTempPath(), "rp-bench-import-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            foreach (var name in new[] { "WithManifest", "WithFormat" })
            {
                var dir = Path.Combine(folder, name);
                Directory.CreateDirectory(dir);
                File.Copy(Paths.EmptyModule, Path.Combine(dir, "EmptyModule.dll"));
                var formats = name == "WithFormat" ? "FormatsToProcess = @('EmptyModule.format.ps1xml'); " : "";
                File.WriteAllText(Path.Combine(dir, name + ".psd1"),
                    "@{ RootModule = 'EmptyModule.dll'; ModuleVersion = '1.0.0'; GUID = '" + (name == "WithFormat" ? "2d5c6a3e-1f0b-4c8e-9a7d-3b6e5f4c2a11" : "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") + "'; "
                    + formats + "CmdletsToExport = @('Get-Empty'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }\n");
            }
            File.WriteAllText(Path.Combine(folder, "WithFormat", "EmptyModule.format.ps1xml"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Configuration><ViewDefinitions><View><Name>Empty</Name><ViewSelectedBy><TypeName>EmptyModule.Nothing</TypeName></ViewSelectedBy>"
                + "<TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>\n");
        }

        [GlobalCleanup]
        public void DeleteReferenceModules() { try { Directory.Delete(folder, true); } catch (IOException) { } }

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

        [Benchmark(Description = "reference: the empty module behind a manifest")]
        public void ImportEmptyWithManifest() => Import(Path.Combine(folder, "WithManifest", "WithManifest.psd1"));

        [Benchmark(Description = "reference: ... and a one-view format file")]
        public void ImportEmptyWithFormat() => Import(Path.Combine(folder, "WithFormat", "WithFormat.psd1"));

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
