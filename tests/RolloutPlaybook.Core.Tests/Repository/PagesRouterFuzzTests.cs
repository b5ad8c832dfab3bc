using System;
using System.Diagnostics;
using System.Text;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Pages Router files are rewritten into handler modules before they are read: mutated files (a default export cut in
    /// half, several default exports, a switch without its end, method literals in comments) must never throw or hang, and
    /// the rewrite must keep every line where it was.
    /// </summary>
    public class PagesRouterFuzzTests
    {
        private static readonly string[] Inserts =
        {
            "export default ", "export default async function handler(req, res) {", "export default function (", "export default withAuth(h);\n",
            "if (req.method === 'POST') {", "'GET' === req.method", "switch (req.method) {", "case 'PATCH':", "['GET', 'DELETE'].includes(req.method)",
            "// req.method === 'PUT'\n", "req.method == `DELETE`", "{", "}", "'", "`", "\n", "/*", "*/",
        };

        [Fact]
        public void MutatedPagesFilesNeverThrowAndKeepTheirLines()
        {
            for (int seed = 0; seed < 1500; seed++)
            {
                var random = new Random(seed);
                var text = new StringBuilder(RouteScanFuzzTests.Mutate(seed));
                for (int i = 0, n = 1 + random.Next(4); i < n; i++)
                    text.Insert(random.Next(text.Length + 1), Inserts[random.Next(Inserts.Length)]);
                var code = text.ToString();
                var watch = Stopwatch.StartNew();
                try
                {
                    var source = ScriptSource.Parse(code);
                    var methods = PagesRouter.Methods(source);
                    var module = PagesRouter.AsHandlerModule(source, methods);
                    if (module != null)
                    {
                        Assert.True(Lines(module) == Lines(code), "seed " + seed + ": the rewrite moved lines");
                        Scan.Handlers(module);
                        // The per-method split: ranges inside the text, in order, never overlapping.
                        var lexed = ScriptSource.Parse(module);
                        foreach (var method in methods)
                        {
                            int last = 0;
                            foreach (var range in PagesRouter.MethodRanges(lexed, method, new[] { new System.Collections.Generic.KeyValuePair<int, int>(0, lexed.Code.Length) }))
                            {
                                Assert.True(range.Key >= last && range.Value >= range.Key && range.Value <= lexed.Code.Length, "seed " + seed + ": range " + range.Key + "-" + range.Value);
                                last = range.Value;
                            }
                        }
                    }
                }
                catch (Exception ex) when (!(ex is Xunit.Sdk.XunitException))
                {
                    throw new Xunit.Sdk.XunitException("seed " + seed + ": " + ex.GetType().Name + ": " + ex.Message);
                }
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "seed " + seed + " took " + watch.Elapsed);
            }
        }

        private static int Lines(string text)
        {
            int n = 1;
            foreach (var c in text) if (c == '\n') n++;
            return n;
        }
    }
}
