using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>
    /// Windows PowerShell 5.1 cannot run here, so the desktop/ half of the module is checked by its metadata:
    /// what it targets, and that everything it references exists on .NET Framework 4.7.2 or ships beside it.
    /// </summary>
    public class EditionTests
    {
        private static string ModuleFolder => Path.Combine(Repo.Root, "out", "RolloutPlaybook");

        /// <summary>The .NET Framework 4.7.2 reference assemblies (Microsoft.NETFramework.ReferenceAssemblies.net472), found by the build.</summary>
        private static string Net472Folder
            => typeof(EditionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Net472ReferenceAssemblies").Value!;

        [Theory]
        [InlineData("desktop", "RolloutPlaybook.dll", ".NETFramework,Version=v4.7.2")]
        [InlineData("desktop", "RolloutPlaybook.Model.dll", ".NETStandard,Version=v2.0")]
        [InlineData("desktop/dependencies", "RolloutPlaybook.Core.dll", ".NETStandard,Version=v2.0")]
        [InlineData("core", "RolloutPlaybook.dll", ".NETCoreApp,Version=v8.0")]
        [InlineData("core", "RolloutPlaybook.Model.dll", ".NETStandard,Version=v2.0")]
        [InlineData("core/dependencies", "RolloutPlaybook.Core.dll", ".NETStandard,Version=v2.0")]
        public void EachEditionFolderHoldsTheRightBuild(string folder, string file, string targetFramework)
            => Assert.Equal(targetFramework, Metadata.Read(Path.Combine(ModuleFolder, folder, file)).TargetFramework);

        /// <summary>Every third-party assembly on the desktop side targets something .NET Framework 4.7.2 runs.</summary>
        [Fact]
        public void DesktopDependenciesRunOnNetFramework472()
        {
            var problems = new List<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(ModuleFolder, "desktop"), "*.dll", SearchOption.AllDirectories))
            {
                var tfm = Metadata.Read(file).TargetFramework;
                if (tfm == null) continue; // older polyfill packages carry no attribute; their references are checked below
                bool runs = tfm == ".NETStandard,Version=v2.0" || tfm.StartsWith(".NETStandard,Version=v1.", StringComparison.Ordinal)
                    || (tfm.StartsWith(".NETFramework,Version=v", StringComparison.Ordinal) && new Version(tfm.Substring(".NETFramework,Version=v".Length)) <= new Version(4, 7, 2));
                if (!runs) problems.Add(Path.GetFileName(file) + " targets " + tfm);
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>
        /// The reference closure of desktop/RolloutPlaybook.dll: each reference is shipped in desktop/ or
        /// desktop/dependencies at that version or later, is part of .NET Framework 4.7.2 (including its facades, such
        /// as netstandard.dll), or is System.Management.Automation 3.0 (Windows PowerShell itself).
        /// </summary>
        [Fact]
        public void EveryDesktopReferenceIsInNetFramework472OrShipped()
        {
            var framework = FrameworkAssemblies(new[] { Net472Folder, Path.Combine(Net472Folder, "Facades") });
            Assert.Contains("netstandard", framework.Keys);
            var seen = CheckClosure("desktop", framework, new Version(3, 0, 0, 0), ".NET Framework 4.7.2", out var problems);
            Assert.Contains("RolloutPlaybook.Core", seen);
            Assert.Contains("YamlDotNet", seen);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>
        /// PowerShell 7.4 runs on .NET 8: the core/ closure may not need a framework assembly newer than .NET 8's
        /// (a dependency built for a later .NET would load here, on .NET 10, and fail on 7.4).
        /// </summary>
        [Fact]
        public void EveryCoreReferenceIsInNet8OrShipped()
        {
            var packs = Path.Combine(NuGetPackageRoot, "microsoft.netcore.app.ref");
            var net8 = Directory.Exists(packs)
                ? Directory.GetDirectories(packs, "8.*").Select(d => Path.Combine(d, "ref", "net8.0")).Where(Directory.Exists).OrderBy(d => d).LastOrDefault()
                : null;
            Assert.True(net8 != null, "The .NET 8 reference pack (microsoft.netcore.app.ref 8.x) is not under " + NuGetPackageRoot + "; building the net8.0 cmdlets restores it.");
            var framework = FrameworkAssemblies(new[] { net8! });
            var seen = CheckClosure("core", framework, new Version(7, 4, 0, 0), ".NET 8", out var problems);
            Assert.Contains("YamlDotNet", seen);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        private static string NuGetPackageRoot
            => typeof(EditionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

        private static Dictionary<string, Version> FrameworkAssemblies(IEnumerable<string> folders)
            => folders.SelectMany(f => Directory.GetFiles(f, "*.dll")).Where(Metadata.IsAssembly).Select(Metadata.Read)
                .GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Max(m => m.Version)!, StringComparer.OrdinalIgnoreCase);

        /// <summary>Walks the references from the edition's RolloutPlaybook.dll; returns the shipped assemblies reached.</summary>
        private static HashSet<string> CheckClosure(string edition, Dictionary<string, Version> framework, Version maxEngine, string frameworkName, out List<string> problems)
        {
            var shipped = Directory.GetFiles(Path.Combine(ModuleFolder, edition), "*.dll", SearchOption.AllDirectories)
                .ToDictionary(f => Metadata.Read(f).Name, StringComparer.OrdinalIgnoreCase);
            problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<string>(new[] { "RolloutPlaybook" });
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (!seen.Add(name)) continue;
                foreach (var reference in Metadata.Read(shipped[name]).References)
                {
                    if (shipped.TryGetValue(reference.Name!, out var file))
                    {
                        var version = Metadata.Read(file).Version;
                        if (version < reference.Version) problems.Add(name + " needs " + reference.FullName + "; " + edition + "/ ships " + version);
                        queue.Enqueue(reference.Name!);
                    }
                    else if (framework.TryGetValue(reference.Name!, out var frameworkVersion))
                    {
                        if (frameworkVersion < reference.Version) problems.Add(name + " needs " + reference.FullName + "; " + frameworkName + " has " + frameworkVersion);
                    }
                    else if (reference.Name == "System.Management.Automation")
                    {
                        if (reference.Version > maxEngine) problems.Add(name + " needs " + reference.FullName + "; the oldest supported PowerShell has " + maxEngine);
                    }
                    else problems.Add(name + " needs " + reference.FullName + ", which is neither in " + frameworkName + " nor in " + edition + "/");
                }
            }
            return seen;
        }

        /// <summary>Nothing PowerShell must not load is beside the cmdlet assembly, and nothing of the engine is shipped.</summary>
        [Theory]
        [InlineData("core")]
        [InlineData("desktop")]
        public void EditionFolderHoldsOnlyTheCmdletAndModelAssemblies(string edition)
        {
            var top = Directory.GetFiles(Path.Combine(ModuleFolder, edition), "*.dll").Select(Path.GetFileName).OrderBy(n => n).ToList();
            Assert.Equal(new[] { "RolloutPlaybook.dll", "RolloutPlaybook.Model.dll" }, top);
            var all = Directory.GetFiles(Path.Combine(ModuleFolder, edition), "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            Assert.DoesNotContain("System.Management.Automation.dll", all);
            Assert.Contains("RolloutPlaybook.Core.dll", Directory.GetFiles(Path.Combine(ModuleFolder, edition, "dependencies")).Select(Path.GetFileName));
        }

        /// <summary>The core and the model never reference the engine: they are PowerShell-free by design.</summary>
        [Theory]
        [InlineData("core/dependencies/RolloutPlaybook.Core.dll")]
        [InlineData("desktop/dependencies/RolloutPlaybook.Core.dll")]
        [InlineData("core/RolloutPlaybook.Model.dll")]
        public void CoreAndModelDoNotReferenceSystemManagementAutomation(string file)
        {
            var references = Metadata.Read(Path.Combine(ModuleFolder, file)).References.Select(r => r.Name).ToList();
            Assert.NotEmpty(references);
            Assert.DoesNotContain("System.Management.Automation", references);
            Assert.DoesNotContain("Microsoft.PowerShell.Commands.Utility", references);
        }

        [Fact]
        public void TheModelHasNoDependencies()
        {
            // It loads in the default context beside PowerShell: anything it referenced could conflict.
            var references = Metadata.Read(Path.Combine(ModuleFolder, "core", "RolloutPlaybook.Model.dll")).References.Select(r => r.Name).ToList();
            Assert.Equal(new[] { "netstandard" }, references);
        }

        /// <summary>An assembly's identity, target framework and references, read without loading it.</summary>
        private sealed record Metadata(string Name, Version Version, string? TargetFramework, IReadOnlyList<AssemblyName> References)
        {
            public static bool IsAssembly(string path)
            {
                using var stream = File.OpenRead(path);
                using var pe = new PEReader(stream);
                return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
            }

            public static Metadata Read(string path)
            {
                using var stream = File.OpenRead(path);
                using var pe = new PEReader(stream);
                var reader = pe.GetMetadataReader();
                var definition = reader.GetAssemblyDefinition();
                string? tfm = null;
                foreach (var handle in definition.GetCustomAttributes())
                {
                    var attribute = reader.GetCustomAttribute(handle);
                    if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                    var ctor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                    if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
                    var type = reader.GetTypeReference((TypeReferenceHandle)ctor.Parent);
                    if (reader.GetString(type.Name) != "TargetFrameworkAttribute") continue;
                    var blob = reader.GetBlobReader(attribute.Value);
                    blob.ReadUInt16(); // prolog
                    tfm = blob.ReadSerializedString();
                }
                var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h).GetAssemblyName()).ToList();
                return new Metadata(reader.GetString(definition.Name), definition.Version, tfm, references);
            }
        }
    }
}
