using System;
using System.IO;
using System.Text;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>
    /// Golden files under tests/fixtures/golden/{documents,prompts,reports} (README.md there), compared byte for byte. To regenerate them after an intended
    /// change of a template, run the tests with RP_UPDATE_GOLDEN=1 and review the diff before committing:
    /// <c>RP_UPDATE_GOLDEN=1 dotnet test tests/RolloutPlaybook.Core.Tests -c Release --filter Golden</c>.
    /// </summary>
    internal static class GoldenFiles
    {
        public static string Root => Path.Combine(TestPaths.Fixtures, "golden");
        /// <summary>The rendered documents and handoffs (the default folder of <see cref="AssertMatches(string, string)"/>).</summary>
        public static string Folder => Path.Combine(Root, "documents");
        /// <summary>The agent prompt variants.</summary>
        public static string Prompts => Path.Combine(Root, "prompts");
        /// <summary>The gate reports, one per format.</summary>
        public static string Reports => Path.Combine(Root, "reports");

        public static void AssertMatches(string name, string actual) => AssertMatches(Folder, name, actual);

        /// <summary>The one golden-file check (documents, prompts, gate reports): byte for byte, RP_UPDATE_GOLDEN=1 rewrites.</summary>
        public static void AssertMatches(string folder, string name, string actual)
        {
            var path = Path.Combine(folder, name);
            var bytes = new UTF8Encoding(false).GetBytes(actual);
            if (Environment.GetEnvironmentVariable("RP_UPDATE_GOLDEN") == "1")
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(path, bytes);
            }
            Assert.True(File.Exists(path), "Golden file missing: " + path + " (run with RP_UPDATE_GOLDEN=1 to create it)");
            var expected = File.ReadAllBytes(path);
            if (!expected.AsSpan().SequenceEqual(bytes))
            {
                var expectedText = Encoding.UTF8.GetString(expected);
                int line = 1, i = 0;
                for (; i < Math.Min(expectedText.Length, actual.Length) && expectedText[i] == actual[i]; i++) if (actual[i] == '\n') line++;
                Assert.Fail(name + " differs from its golden file at line " + line + " (regenerate with RP_UPDATE_GOLDEN=1 if the change is intended).\n"
                    + "expected: " + Excerpt(expectedText, i) + "\nactual:   " + Excerpt(actual, i));
            }
        }

        private static string Excerpt(string text, int at)
        {
            int start = Math.Max(0, text.LastIndexOf('\n', Math.Max(0, Math.Min(at, text.Length) - 1)) + 1);
            int end = text.IndexOf('\n', Math.Min(at, text.Length));
            return text.Substring(start, (end < 0 ? text.Length : end) - start);
        }
    }
}
