using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>
    /// A deterministic mutation fuzzer for the plan loader. Each input is derived from a seed, so a failure
    /// names the seed that reproduces it. CI runs <see cref="DefaultCount"/> inputs; the full run is
    /// <c>RP_FUZZ_COUNT=100000 dotnet test tests/RolloutPlaybook.Core.Tests -c Release --filter LoaderFuzz</c>.
    /// Inputs that ever failed are kept in tests/fixtures/fuzz-regressions and replayed on every run.
    /// </summary>
    public class LoaderFuzzTests
    {
        private const int DefaultCount = 4000;

        private static int Count => int.TryParse(Environment.GetEnvironmentVariable("RP_FUZZ_COUNT"), out var n) && n > 0 ? n : DefaultCount;

        private static readonly byte[][] Seeds = LoadSeeds();

        private static byte[][] LoadSeeds()
        {
            var seeds = new List<byte[]> { File.ReadAllBytes(TestPaths.ExamplePlan) };
            for (int i = 0; i < 8; i++) seeds.Add(PlanWriter.WriteBytes(new PlanGenerator(1000 + i).Next()));
            seeds.Add(PlanWriter.WriteBytes(new PlanGenerator(7).Next(), PlanFormat.Json));
            return seeds.ToArray();
        }

        [Fact]
        public void MutatedPlansOnlyEverFailWithPositionedProblems()
        {
            WarmUp();
            var slowest = TimeSpan.Zero;
            int slowestSeed = -1, invalid = 0;
            for (int seed = 0; seed < Count; seed++)
            {
                var input = Mutate(seed);
                var elapsed = Check(input, "seed " + seed, ref invalid);
                if (elapsed > slowest) { slowest = elapsed; slowestSeed = seed; }
            }
            // A hang guard, not a speed test: a single plan never takes a second.
            Assert.True(slowest < TimeSpan.FromSeconds(1), "seed " + slowestSeed + " took " + slowest.TotalMilliseconds + " ms");
            Assert.InRange(invalid, Count / 10, Count); // the mutations really do produce broken files
        }

        /// <summary>Seeds that were once slow or escaped, replayed one by one.</summary>
        [Theory]
        [InlineData(56016)]
        public void KnownHardSeeds(int seed)
        {
            int invalid = 0;
            WarmUp();
            var elapsed = Check(Mutate(seed), "seed " + seed, ref invalid);
            Assert.True(elapsed < TimeSpan.FromSeconds(1), "seed " + seed + " took " + elapsed.TotalMilliseconds + " ms");
        }

        [Fact]
        public void KeptRegressionInputsStayHandled()
        {
            int invalid = 0;
            var dir = Path.Combine(TestPaths.Fixtures, "fuzz-regressions");
            var files = Directory.GetFiles(dir, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.NotEmpty(files);
            WarmUp();
            foreach (var file in files)
            {
                var elapsed = Check(File.ReadAllBytes(file), Path.GetFileName(file), ref invalid);
                Assert.True(elapsed < TimeSpan.FromSeconds(1), Path.GetFileName(file) + " took " + elapsed.TotalMilliseconds + " ms");
            }
        }

        /// <summary>Loads the seeds once so the hang guard never counts first-call JIT.</summary>
        private static void WarmUp()
        {
            foreach (var seed in Seeds) PlanFileStore.Parse(seed, "warm-up.yaml");
            try { PlanFileStore.Parse(Encoding.UTF8.GetBytes("a: [b\nc: {"), "warm-up.yaml"); } catch (PlanInvalidException) { }
        }

        private static TimeSpan Check(byte[] input, string name, ref int invalid)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var plan = PlanFileStore.Parse(input, "fuzz.yaml");
                // Whatever loads must write and load back.
                PlanFileStore.Parse(PlanWriter.WriteBytes(plan), "again.yaml");
            }
            catch (PlanInvalidException ex)
            {
                invalid++;
                Assert.NotEmpty(ex.Problems);
                foreach (var p in ex.Problems)
                {
                    Assert.True(p.Line >= 1 && p.Column >= 1, name + ": problem without a position: " + p);
                    Assert.False(string.IsNullOrWhiteSpace(p.Message), name + ": empty message");
                    Assert.DoesNotContain("   at ", p.Message);
                }
            }
            catch (Exception ex)
            {
                var keep = Path.Combine(Path.GetTempPath(), "rp-fuzz-" + name.Replace(' ', '-') + ".yaml");
                File.WriteAllBytes(keep, input);
                throw new Xunit.Sdk.XunitException(name + " escaped as " + ex.GetType().FullName + ": " + ex.Message + " (input kept at " + keep + "; copy it to tests/fixtures/fuzz-regressions)");
            }
            return watch.Elapsed;
        }

        /// <summary>One to three mutations of one seed file, all chosen by <paramref name="seed"/>.</summary>
        internal static byte[] Mutate(int seed)
        {
            var random = new Random(seed);
            var data = new List<byte>(Seeds[random.Next(Seeds.Length)]);
            int rounds = 1 + random.Next(3);
            for (int r = 0; r < rounds; r++)
            {
                int at = data.Count == 0 ? 0 : random.Next(data.Count);
                switch (random.Next(13))
                {
                    case 0: // flip bits
                        for (int i = 0; i < 1 + random.Next(4) && data.Count > 0; i++) data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1: // truncate
                        data.RemoveRange(at, data.Count - at);
                        break;
                    case 2: // deep nesting
                        var depth = random.Next(20, 400);
                        data.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2)));
                        break;
                    case 3: // long scalar
                        data.InsertRange(at, Encoding.UTF8.GetBytes("x: " + new string('a', random.Next(1000, 200_000)) + "\n"));
                        break;
                    case 4: // anchors and aliases
                        data.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? " &a [1, 2, *a]" : "\nz: &b { k: *b }\ny: *b\nw: *zz\n"));
                        break;
                    case 5: // wrong types
                        var wrong = new[] { ": [a, b]", ": {x: 1}", ": 99999999999999999999", ": -5", ": ~", ": \"\"", ": true", ": 1:1" }[random.Next(8)];
                        int colon = data.IndexOf((byte)':', at);
                        if (colon > 0) { int eol = data.IndexOf((byte)'\n', colon); if (eol < 0) eol = data.Count; data.RemoveRange(colon, eol - colon); data.InsertRange(colon, Encoding.UTF8.GetBytes(wrong)); }
                        break;
                    case 6: // unicode, including surrogates, RTL marks, nulls in escapes
                        data.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "é", "🚀", "\u202E", "\u2028", "\"\\u0000\"", "\uFEFF", "\"\\uD800\"", "ｃｏｎｎｅｃｔｏｒ" }[random.Next(8)]));
                        break;
                    case 7: // byte order marks
                        data.InsertRange(random.Next(2) == 0 ? 0 : at, new byte[] { 0xEF, 0xBB, 0xBF });
                        break;
                    case 8: // CRLF and lone CR
                        for (int i = data.Count - 1; i >= 0; i--) if (data[i] == (byte)'\n' && random.Next(3) == 0) data.Insert(i, (byte)'\r');
                        if (random.Next(2) == 0 && data.Count > 0) data[at == data.Count ? at - 1 : at] = (byte)'\r';
                        break;
                    case 9: // duplicate a line (duplicate keys)
                    {
                        int start = data.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
                        int end = data.IndexOf((byte)'\n', at);
                        if (end > start) data.InsertRange(start, data.GetRange(start, end - start + 1));
                        break;
                    }
                    case 10: // indentation damage: tabs or shifted spaces
                        data.Insert(at, random.Next(2) == 0 ? (byte)'\t' : (byte)' ');
                        break;
                    case 11: // YAML syntax characters
                        data.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "{", "}", "[", "]", "- ", "? ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n", "|\n", ">-\n", "'", "\"", "#", "&", "*", "!" }[random.Next(18)]));
                        break;
                    default: // delete a span
                        data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 40)));
                        break;
                }
            }
            return data.ToArray();
        }
    }
}
