using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;

namespace RolloutPlaybook.Isolation.Tests
{
    /// <summary>
    /// Another module (here: this test process) has YamlDotNet 18 in the default load context first; then
    /// RolloutPlaybook (built against YamlDotNet 16) is imported and reads and writes plans. Both versions must
    /// coexist: ours in the module's AssemblyLoadContext, theirs untouched in the default one.
    /// </summary>
    public class YamlDotNetIsolationTests
    {
        private static readonly string Root = FindRoot();
        private static string Manifest => Path.Combine(Root, "out", "RolloutPlaybook", "RolloutPlaybook.psd1");
        private static string ExamplePlan => Path.Combine(Root, "templates", "examples", "slack.rollout-plan.yaml");

        private static Version ModuleYamlMajor
            => new Version(typeof(YamlDotNetIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleYamlDotNetVersion").Value!);

        [Fact]
        public void AnotherYamlDotNetInTheDefaultContextDoesNotBreakTheModuleNorIsReplaced()
        {
            // 1. The other YamlDotNet is loaded and used in the default context before the module exists.
            var theirs = UseOtherYamlDotNet();
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(theirs));
            Assert.True(theirs.GetName().Version!.Major >= 17, "the test needs another major version, got " + theirs.GetName().Version);
            Assert.NotEqual(ModuleYamlMajor.Major, theirs.GetName().Version!.Major);

            // 2. The module is imported and reads, edits and writes plans (YAML, the core, Scriban-free paths).
            Assert.True(File.Exists(Manifest), "Build the module first: " + Manifest);
            var folder = Path.Combine(Path.GetTempPath(), "rp-isolation-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(folder);
            try
            {
                using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
                runspace.Open();
                Run(runspace, "Import-Module $args[0] -ErrorAction Stop", Manifest);
                var copy = Path.Combine(folder, "slack.yaml");
                var output = Run(runspace,
                    "$plan = Import-RolloutPlan -LiteralPath $args[0] -ErrorAction Stop; " +
                    "$null = $plan | Add-LinkingPoint -Source slack_bot -Entity bots -Cardinality 1:N | Export-RolloutPlan -LiteralPath $args[1] -PassThru -ErrorAction Stop; " +
                    "(Import-RolloutPlan -LiteralPath $args[1] -ErrorAction Stop).LinkingPoints.Count",
                    ExamplePlan, copy);
                var exampleCount = Run(runspace, "(Import-RolloutPlan -LiteralPath $args[0]).LinkingPoints.Count", ExamplePlan).Single();
                Assert.Equal((int)exampleCount.BaseObject + 1, (int)output.Single().BaseObject);
                Assert.Contains("slack_bot", File.ReadAllText(copy));

                // 3. Theirs is still what the default context gives out; ours lives in the module's context.
                var yaml = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "YamlDotNet").ToList();
                var mine = yaml.Where(a => AssemblyLoadContext.GetLoadContext(a) != AssemblyLoadContext.Default).ToList();
                Assert.Single(yaml, a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
                var ours = Assert.Single(mine);
                Assert.Equal("RolloutPlaybook", AssemblyLoadContext.GetLoadContext(ours)!.Name);
                Assert.Equal(ModuleYamlMajor.Major, ours.GetName().Version!.Major);
                Assert.Same(theirs, AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("YamlDotNet")));
                Assert.Equal(theirs.GetName().Version, Type.GetType("YamlDotNet.Serialization.SerializerBuilder, YamlDotNet", throwOnError: true)!.Assembly.GetName().Version);

                var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "RolloutPlaybook.Core");
                Assert.Equal("RolloutPlaybook", AssemblyLoadContext.GetLoadContext(core)!.Name);
                Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "RolloutPlaybook.Core" or "Scriban" or "Scriban.Signed");

                // The model is shared (PowerShell sees its types); the core's YamlDotNet reference is bound to our copy.
                var model = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "RolloutPlaybook.Model");
                Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(model));
                Assert.Equal(ModuleYamlMajor.Major, core.GetReferencedAssemblies().Single(r => r.Name == "YamlDotNet").Version!.Major);

                // 4. Theirs still works after the module did its YAML work.
                Assert.Same(theirs, UseOtherYamlDotNet());
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }

        /// <summary>Serializes and deserializes with the YamlDotNet this project references, returning its assembly.</summary>
        private static Assembly UseOtherYamlDotNet()
        {
            var text = new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(new Dictionary<string, int> { ["requests"] = 50 });
            var back = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, int>>(text);
            Assert.Equal(50, back["requests"]);
            return typeof(YamlDotNet.Serialization.SerializerBuilder).Assembly;
        }

        private static Collection<PSObject> Run(Runspace runspace, string script, params object[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            var output = ps.Invoke();
            Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            return output;
        }

        private static string FindRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "RolloutPlaybook.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("RolloutPlaybook.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
