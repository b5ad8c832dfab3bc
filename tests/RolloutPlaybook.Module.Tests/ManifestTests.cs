using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Xml.Linq;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The manifest users and the gallery read: valid, versioned from one place, honest about what it exports.</summary>
    public class ManifestTests
    {
        /// <summary>The laid-out manifest's data, read with the PowerShell parser (no code runs).</summary>
        internal static Hashtable Manifest(string? path = null)
        {
            var ast = Parser.ParseFile(path ?? Repo.ModuleManifest, out _, out var errors);
            Assert.Empty(errors);
            var table = (HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
            return (Hashtable)table.SafeGetValue();
        }

        internal static IReadOnlyList<string> ManifestCmdlets()
            => ((object[])Manifest()["CmdletsToExport"]!).Cast<string>().ToList();

        private static string ProductVersion()
            => XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props")).Descendants("RolloutPlaybookVersion").Single().Value;

        [Fact]
        public void TestModuleManifestIsClean()
        {
            using var ps = new PowerShellSession(importModule: false);
            var result = ps.Run("Test-ModuleManifest -Path $args[0]", Repo.ModuleManifest);
            result.AssertNoErrors();
            var info = result.Single<PSModuleInfo>();
            Assert.Equal("RolloutPlaybook", info.Name);
            Assert.Equal(new Version(ProductVersion()), info.Version);
            Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
            Assert.Equal(new Version(5, 1), info.PowerShellVersion);
        }

        [Fact]
        public void TheVersionComesFromDirectoryBuildProps()
        {
            var version = ProductVersion();
            Assert.Equal(version, (string)Manifest()["ModuleVersion"]!);
            foreach (var edition in new[] { "core", "desktop" })
                foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "out", "RolloutPlaybook", edition), "RolloutPlaybook*.dll", SearchOption.AllDirectories))
                    Assert.True(AssemblyName.GetAssemblyName(file).Version == new Version(version + ".0"), file + " has version " + AssemblyName.GetAssemblyName(file).Version + ", not " + version + ".0");
            var source = Manifest(Path.Combine(Repo.Root, "module", "RolloutPlaybook", "RolloutPlaybook.psd1"));
            Assert.Equal("0.0.0", (string)source["ModuleVersion"]!); // the layout writes the real one: no second place to update
        }

        [Fact]
        public void GalleryMetadataIsFilledIn()
        {
            var psData = (Hashtable)((Hashtable)Manifest()["PrivateData"]!)["PSData"]!;
            var tags = ((object[])psData["Tags"]!).Cast<string>().ToList();
            Assert.Contains("PSEdition_Desktop", tags);
            Assert.Contains("PSEdition_Core", tags);
            Assert.All(tags, t => Assert.DoesNotContain(" ", t));
            foreach (var key in new[] { "ProjectUri", "LicenseUri", "ReleaseNotes" })
                Assert.False(string.IsNullOrWhiteSpace(psData[key] as string), "PSData." + key + " is empty");
            Assert.True(Uri.TryCreate((string)psData["ProjectUri"]!, UriKind.Absolute, out _));
            Assert.EndsWith("/LICENSE", (string)psData["LicenseUri"]!);
            Assert.True(File.Exists(Path.Combine(Repo.Root, "LICENSE")), "LicenseUri points at LICENSE, which is missing");
            Assert.Contains("MIT License", File.ReadAllText(Path.Combine(Repo.Root, "LICENSE")));
            var changelog = File.ReadAllText(Path.Combine(Repo.Root, "CHANGELOG.md"));
            Assert.Contains("## [" + ProductVersion() + "]", changelog);
        }

        /// <summary>Find-PSResource -CommandName finds the package by its PSCommand_ tags: one per exported cmdlet, no stale ones.</summary>
        [Fact]
        public void EveryExportedCmdletHasItsPSCommandTag()
        {
            var manifest = Manifest();
            var cmdlets = ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(c => c, StringComparer.Ordinal).ToList();
            var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
            var commandTags = ((object[])psData["Tags"]!).Cast<string>().Where(t => t.StartsWith("PSCommand_", StringComparison.Ordinal))
                .Select(t => t.Substring("PSCommand_".Length)).OrderBy(c => c, StringComparer.Ordinal).ToList();
            Assert.True(cmdlets.SequenceEqual(commandTags),
                "PrivateData.PSData.Tags needs exactly one 'PSCommand_<name>' per CmdletsToExport entry. Missing: "
                + string.Join(", ", cmdlets.Except(commandTags)) + "; stale: " + string.Join(", ", commandTags.Except(cmdlets)));
        }

        /// <summary>The package a gallery user installs carries the license and the third-party notices of what it ships.</summary>
        [Fact]
        public void TheModuleFolderCarriesLicenseNoticesAndThePlanSchema()
        {
            var folder = Path.Combine(Repo.Root, "out", "RolloutPlaybook");
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "LICENSE")), File.ReadAllBytes(Path.Combine(folder, "LICENSE")));
            var notices = File.ReadAllText(Path.Combine(folder, "THIRD-PARTY-NOTICES.txt"));
            foreach (var edition in new[] { "core", "desktop" })
                foreach (var dll in Directory.GetFiles(Path.Combine(folder, edition, "dependencies"), "*.dll").Select(Path.GetFileNameWithoutExtension))
                {
                    if (dll!.StartsWith("RolloutPlaybook", StringComparison.Ordinal)) continue;
                    Assert.True(notices.Contains(dll.Replace(".Signed", "")), edition + "/dependencies/" + dll + ".dll is not named in THIRD-PARTY-NOTICES.txt");
                }
            Assert.Contains("MIT License", notices);
            Assert.Contains("BSD 2-Clause License", notices);
            Assert.Contains("YamlDotNet                          16.3.0", notices);
            Assert.Contains("Scriban (Scriban.Signed)            7.2.1", notices);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "schemas", "rollout-plan.schema.json")), File.ReadAllBytes(Path.Combine(folder, "schemas", "rollout-plan.schema.json")));
        }

        /// <summary>Nothing isolated is listed in the manifest: listing it would load it into the default context.</summary>
        [Fact]
        public void TheManifestListsNoIsolatedDependency()
        {
            var manifest = Manifest();
            foreach (var key in new[] { "NestedModules", "RequiredAssemblies" })
            {
                var listed = manifest[key] is object[] items ? items.Cast<object>().Select(i => i.ToString()!).ToList() : new List<string>();
                Assert.DoesNotContain(listed, i => i.Contains("YamlDotNet", StringComparison.OrdinalIgnoreCase) || i.Contains("Scriban", StringComparison.OrdinalIgnoreCase) || i.Contains("RolloutPlaybook.Core", StringComparison.OrdinalIgnoreCase));
            }
        }

        /// <summary>
        /// CmdletsToExport = the cmdlets the assembly really has. Fails, naming them, while the manifest promises
        /// SPEC §4 cmdlets that are not merged yet (or the assembly has a cmdlet the manifest hides).
        /// </summary>
        [Fact]
        public void CmdletsToExportIsTheCmdletSetOfTheAssembly()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Module RolloutPlaybook).NestedModules | Where-Object ModuleType -eq Binary | ForEach-Object { $_.ExportedCmdlets.Keys }");
            result.AssertNoErrors();
            var inAssembly = result.Output.Select(o => o.BaseObject.ToString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.NotEmpty(inAssembly);
            var listed = ManifestCmdlets().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = listed.Where(c => !inAssembly.Contains(c)).OrderBy(c => c).ToList();
            var hidden = inAssembly.Where(c => !listed.Contains(c)).OrderBy(c => c).ToList();
            Assert.True(missing.Count == 0 && hidden.Count == 0,
                (missing.Count > 0 ? "CmdletsToExport lists cmdlets the assembly does not have: " + string.Join(", ", missing) + ". " : "")
                + (hidden.Count > 0 ? "The assembly has cmdlets CmdletsToExport does not list: " + string.Join(", ", hidden) + "." : ""));
        }

        [Fact]
        public void ImportingExportsOnlyCmdletsAndTheyAreTheAssemblys()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$m = Get-Module RolloutPlaybook; $m.ExportedFunctions.Count; $m.ExportedAliases.Count; $m.ExportedVariables.Count; $m.ExportedCmdlets.Count");
            result.AssertNoErrors();
            var counts = result.Output.Select(o => (int)o.BaseObject).ToList();
            Assert.Equal(new[] { 0, 0, 0 }, counts.Take(3));
            Assert.True(counts[3] > 0);
        }

        [Fact]
        public void EveryAuthoringCmdletIsExported()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Module RolloutPlaybook).ExportedCmdlets.Keys");
            var names = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            foreach (var name in new[] { "Add-RolloutRoute", "Set-SyncStrategy", "Add-RolloutMetric", "Add-AgentTask", "Remove-AgentTask", "Add-ValidationCheck",
                "Set-ValidationResult", "Add-HandoffItem", "Add-RolloutNote", "Add-GateWaiver", "Set-RolloutPlan", "Set-RolloutPhase",
            "Remove-LinkingPoint", "Remove-RolloutRoute", "Remove-RouteWrite", "Remove-RolloutMetric", "Remove-ValidationCheck", "Remove-HandoffItem",
            "Remove-RolloutNote", "Remove-GateWaiver", "Set-AgentTask" })
                Assert.Contains(name, names);
        }
    }
}
