using System;
using System.IO;
using System.Linq;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The built module folder holds what users need and nothing stale; re-importing it keeps working.</summary>
    public class LayoutTests
    {
        private static string ModuleFolder => Path.Combine(Repo.Root, "out", "RolloutPlaybook");

        [Fact]
        public void TheModuleFolderHoldsOnlyTheLayout()
        {
            var entries = Directory.GetFileSystemEntries(ModuleFolder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var unexpected = entries.Where(n => !(n == "RolloutPlaybook.psd1" || n == "RolloutPlaybook.psm1" || n!.EndsWith(".format.ps1xml", StringComparison.Ordinal) || n == "RolloutPlaybook.types.ps1xml"
                || n == "core" || n == "desktop" || n == "en-US" || n == "templates"
                || n == "LICENSE" || n == "THIRD-PARTY-NOTICES.txt" || n == "schemas")).ToList();
            Assert.True(unexpected.Count == 0, "Unexpected in out/RolloutPlaybook: " + string.Join(", ", unexpected));
        }

        /// <summary>Every help file comes from a source of docs/help: a deleted topic does not linger.</summary>
        [Fact]
        public void HelpFilesMatchTheirSources()
        {
            var docs = Path.Combine(Repo.Root, "docs", "help");
            var topics = Directory.GetFiles(Path.Combine(ModuleFolder, "en-US")).Select(f => Path.GetFileName(f)!).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var expected = Directory.GetFiles(docs, "about_*.md").Select(f => Path.GetFileNameWithoutExtension(f) + ".help.txt").OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, topics);
            foreach (var edition in new[] { "core", "desktop" })
                Assert.Equal(new[] { "RolloutPlaybook.dll-Help.xml" }, Directory.GetFiles(Path.Combine(ModuleFolder, edition, "en-US")).Select(Path.GetFileName));
        }

        /// <summary>Import-Module -Force runs the module initializer again; plans still load and save (one resolver, not two).</summary>
        [Fact]
        public void ReimportingTheModuleKeepsItWorking()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.Run("Import-Module $args[0] -Force -ErrorAction Stop", Repo.ModuleManifest).AssertNoErrors();
            ps.Run("Remove-Module RolloutPlaybook -ErrorAction Stop; Import-Module $args[0] -ErrorAction Stop", Repo.ModuleManifest).AssertNoErrors();
            var file = temp.File("plan.yaml");
            ps.Run("Import-RolloutPlan -LiteralPath $args[0] | Export-RolloutPlan -LiteralPath $args[1]", Repo.ExamplePlan, file).AssertNoErrors();
            var result = ps.Run("(Import-RolloutPlan -LiteralPath $args[0]).Connector", file);
            result.AssertNoErrors();
            Assert.Equal("slack", result.Single<string>());
        }
    }
}
