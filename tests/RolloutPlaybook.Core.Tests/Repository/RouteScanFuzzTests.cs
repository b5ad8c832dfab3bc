using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// The route scan reads application code nobody checked for it: mutated route files (cut, spliced, with unbalanced
    /// brackets, unterminated strings, comments and template literals, self-referencing handlers) must never throw and
    /// never take long. A stack overflow cannot be caught: it ends the test host, and the run fails.
    /// <c>RP_FUZZ_COUNT=100000 dotnet test tests/RolloutPlaybook.Core.Tests -c Release --filter RouteScanFuzz</c>.
    /// </summary>
    public class RouteScanFuzzTests
    {
        private const int DefaultCount = 3000;
        private static int Count => int.TryParse(Environment.GetEnvironmentVariable("RP_FUZZ_COUNT"), out var n) && n > 0 ? n : DefaultCount;

        private static readonly string[] Seeds = Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "app-repo", "src"), "*.ts", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

        private static readonly string[] Inserts =
        {
            "{", "}", "(", ")", "[", "]", "'", "\"", "`", "${", "/*", "*/", "//", "/", "/re[/]gex/g", "\\", "\n", "\r\n", "\r",
            "export ", "export const GET = handler;\nconst handler = handler;\n", "export { a as POST };\nconst a = b;\nconst b = a;\n",
            "export const PUT = withAuth(withAuth(h));\n", "export async function PATCH(", "=>", "function ", "const ", "<T,>",
            "requireRole(", ".upsert(", ".from('t')", "process.env.", "CRON_SECRET", "23505", "\uFEFF", "é", "🚀", "\u2028",
        };

        [Fact]
        public void MutatedRouteFilesNeverThrowOrHang()
        {
            Assert.NotEmpty(Seeds);
            var slowest = TimeSpan.Zero;
            for (int seed = 0; seed < Count; seed++)
            {
                var code = Mutate(seed);
                var watch = Stopwatch.StartNew();
                try
                {
                    Scan.Handlers(code);
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException("seed " + seed + ": " + ex.GetType().Name + ": " + ex.Message);
                }
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "seed " + seed + " took " + watch.Elapsed);
            }
        }

        internal static string Mutate(int seed)
        {
            var random = new Random(seed);
            var text = new StringBuilder(Seeds[random.Next(Seeds.Length)]);
            int rounds = 1 + random.Next(4);
            for (int r = 0; r < rounds; r++)
            {
                int at = text.Length == 0 ? 0 : random.Next(text.Length);
                switch (random.Next(6))
                {
                    case 0: text.Insert(at, Inserts[random.Next(Inserts.Length)]); break;
                    case 1: text.Length = at; break;
                    case 2: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 60))); break;
                    case 3:
                    {
                        // Splice in a piece of another file.
                        var other = Seeds[random.Next(Seeds.Length)];
                        int from = random.Next(other.Length), length = Math.Min(other.Length - from, random.Next(1, 400));
                        text.Insert(at, other.Substring(from, length));
                        break;
                    }
                    case 4: text.Insert(at, new string("({[`'\""[random.Next(6)], random.Next(1, 300))); break;
                    default: if (text.Length > 0) text[at == text.Length ? at - 1 : at] = (char)random.Next(1, 0x2100); break;
                }
            }
            return text.ToString();
        }
    }
}
