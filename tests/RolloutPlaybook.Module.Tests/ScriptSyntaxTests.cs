using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Every PowerShell file of the repository parses: a syntax error anywhere fails with file, line and message.</summary>
    public class ScriptSyntaxTests
    {
        private static readonly string[] Skipped = { "bin", "obj", "out", ".git", "TestResults" };

        internal static IEnumerable<string> PowerShellFiles(string folder)
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                var extension = Path.GetExtension(file).ToLowerInvariant();
                if (extension == ".ps1" || extension == ".psm1" || extension == ".psd1") yield return file;
            }
            foreach (var sub in Directory.GetDirectories(folder).Where(d => !Skipped.Contains(Path.GetFileName(d), StringComparer.OrdinalIgnoreCase)))
                foreach (var file in PowerShellFiles(sub)) yield return file;
        }

        [Fact]
        public void EveryScriptInTheRepositoryParses()
        {
            var files = PowerShellFiles(Repo.Root).ToList();
            Assert.Contains(files, f => f.EndsWith("RolloutPlaybook.psd1", StringComparison.Ordinal));
            var problems = new List<string>();
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                problems.AddRange(errors.Select(e => Path.GetRelativePath(Repo.Root, file) + ":" + e.Extent.StartLineNumber + ":" + e.Extent.StartColumnNumber + ": " + e.Message));
            }
            Assert.True(problems.Count == 0, problems.Count + " syntax error(s):\n" + string.Join("\n", problems));
        }
    }
}
