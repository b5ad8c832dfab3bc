using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Tests.TestKit;
using Xunit;

namespace RolloutPlaybook.Core.Tests
{
    /// <summary>Issue 18 item 5: a C# namespace is its project's root namespace plus the folder path, in every project under src/.</summary>
    public sealed class SourceLayoutTests
    {
        [Fact]
        public void NamespacesMatchFolders()
        {
            var src = Path.Combine(TestPaths.Root, "src");
            var wrong = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories).SelectMany(project =>
            {
                var folder = Path.GetDirectoryName(project)!;
                var root = Path.GetFileNameWithoutExtension(project);
                return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(p => p == "bin" || p == "obj"))
                    .SelectMany(f =>
                    {
                        var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(f)!);
                        var expected = relative == "." ? root : root + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
                        return Regex.Matches(File.ReadAllText(f), @"^namespace ([\w.]+)", RegexOptions.Multiline)
                            .Select(m => m.Groups[1].Value).Where(ns => ns != expected)
                            .Select(ns => Path.GetRelativePath(src, f) + ": " + ns + " (expected " + expected + ")");
                    });
            }).ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }

        /// <summary>Issue 18 item 2: a rule is declared in its category's file, Gate/Rules/&lt;Category&gt;Rules.cs (RP.Docs.EnvMatch in
        /// DocsRules.cs), whether or not it reads the repository; the engine's own waiver check in Gate/WaiverBook.cs.</summary>
        [Fact]
        public void EveryRuleIsDeclaredInItsCategoryFile()
        {
            var gate = Path.Combine(TestPaths.Root, "src", "RolloutPlaybook.Core", "Gate");
            var declared = Directory.EnumerateFiles(gate, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"new RolloutRule\(""RP\.(\w+)\.\w+""")
                    .Select(m => (Id: m.Value, Category: m.Groups[1].Value, File: Path.GetRelativePath(gate, f).Replace(Path.DirectorySeparatorChar, '/'))))
                .ToList();
            Assert.Equal(RolloutPlaybook.Core.Gate.RuleCatalog.All.Count, declared.Count);
            var misplaced = declared.Where(d => d.File != (d.Category == "Gate" ? "WaiverBook.cs" : "Rules/" + d.Category + "Rules.cs"))
                .Select(d => d.Id + " in " + d.File).ToList();
            Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
        }
    }
}
