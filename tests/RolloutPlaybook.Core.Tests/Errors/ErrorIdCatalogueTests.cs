using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Tests.TestKit;
using Xunit;

namespace RolloutPlaybook.Core.Tests.Errors
{
    /// <summary>
    /// Issue 18 item 3: one catalogue of ErrorIds (Core/Errors/ErrorIds.cs), raised through its constants, each id with
    /// one kind, every one documented in about_RolloutPlaybook_Errors under its category.
    /// </summary>
    public sealed class ErrorIdCatalogueTests
    {
        private static readonly Regex Comment = new Regex(@"^\s*//.*$", RegexOptions.Multiline);

        /// <summary>Every C# file under src/ except the catalogue, comments removed, as (file, text).</summary>
        private static IEnumerable<(string File, string Text)> Sources()
            => Directory.EnumerateFiles(Path.Combine(TestPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)
                         && Path.GetFileName(f) != "ErrorIds.cs")
                .Select(f => (Path.GetRelativePath(TestPaths.Root, f), Comment.Replace(File.ReadAllText(f), "")));

        [Fact]
        public void NoErrorIdIsWrittenAsALiteral()
        {
            var ids = ErrorIds.All.Keys.ToHashSet(StringComparer.Ordinal);
            var literals = new List<string>();
            foreach (var (file, text) in Sources())
            {
                foreach (Match m in Regex.Matches(text, "\"([A-Za-z]+)\""))
                    if (ids.Contains(m.Groups[1].Value)) literals.Add(file + ": \"" + m.Groups[1].Value + "\"");
                foreach (Match m in Regex.Matches(text, @"RolloutException\(\s*""[^""]*"""))
                    literals.Add(file + ": " + m.Value);
            }
            Assert.True(literals.Count == 0, "ErrorIds written as literals instead of ErrorIds.X:\n" + string.Join("\n", literals));
        }

        [Fact]
        public void EveryCatalogueEntryIsRaisedSomewhere()
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, text) in Sources())
                foreach (Match m in Regex.Matches(text, @"\bErrorIds\.([A-Za-z]+)\b")) used.Add(m.Groups[1].Value);
            var unused = ErrorIds.All.Keys.Where(id => !used.Contains(id)).ToList();
            Assert.True(unused.Count == 0, "In the catalogue but raised nowhere: " + string.Join(", ", unused));
        }

        [Fact]
        public void AnIdAlwaysComesWithItsCatalogueKind()
        {
            foreach (var entry in ErrorIds.All)
            {
                var ex = new RolloutException(entry.Key, "message");
                Assert.Equal(entry.Value, ex.Kind);
                Assert.Equal(entry.Key, ex.ErrorId);
            }
            Assert.Equal(RolloutErrorKind.InvalidData, new PlanInvalidException("p.yaml", new[] { new PlanProblem("p.yaml", 1, 1, "", "x") }).Kind);
            Assert.Throws<ArgumentException>(() => new RolloutException("NoSuchErrorId", "message"));
        }

        [Fact]
        public void TheErrorsTopicListsEveryIdUnderItsCategoryAndNothingElse()
        {
            var topic = File.ReadAllLines(Path.Combine(TestPaths.Root, "docs", "help", "about_RolloutPlaybook_Errors.md"));
            var documented = new Dictionary<string, string>(StringComparer.Ordinal);
            string? category = null;
            foreach (var line in topic)
            {
                if (line.StartsWith("## ", StringComparison.Ordinal)) { category = null; continue; }
                if (line.StartsWith("### ", StringComparison.Ordinal)) { category = line.Substring(4).Trim(); continue; }
                var m = Regex.Match(line, @"^([A-Z][A-Za-z]+)\s{2,}\S");
                if (category != null && m.Success)
                {
                    Assert.False(documented.ContainsKey(m.Groups[1].Value), m.Groups[1].Value + " is listed twice");
                    documented[m.Groups[1].Value] = category;
                }
            }
            var expected = ErrorIds.All.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
            var wrong = expected.Where(e => !documented.TryGetValue(e.Key, out var c) || c != e.Value)
                .Select(e => e.Key + " (" + e.Value + "): " + (documented.TryGetValue(e.Key, out var c) ? "listed under " + c : "not listed"))
                .Concat(documented.Keys.Where(k => !expected.ContainsKey(k)).Select(k => k + ": listed but not in the catalogue"))
                .ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }
    }
}
