using System;
using System.IO;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>A throwaway application folder that a repository benchmark generates its files into.</summary>
    internal sealed class GeneratedRepository
    {
        public GeneratedRepository(string name)
        {
            Root = Path.Combine(Path.GetTempPath(), "rp-bench-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        }

        public string Root { get; }

        /// <summary>How many files were written (setups check they built the size they claim).</summary>
        public int Files { get; private set; }

        public void Write(string relative, string text)
        {
            var full = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            Files++;
        }

        /// <summary>The text of a file of the fixture application (tests/fixtures/app-repo), used as realistic content.</summary>
        public static string Fixture(string relative) =>
            File.ReadAllText(Path.Combine(Paths.Root, "tests", "fixtures", "app-repo", relative));

        public void Delete()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { }
        }
    }
}
