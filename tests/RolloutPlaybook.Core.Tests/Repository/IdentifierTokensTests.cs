using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// The handler analysis finds what a range calls from one tokenising pass per file (<see cref="IdentifierTokens"/>)
    /// instead of an identifier regex per range. Differential: for fixture code and mutations of it (non-ASCII letters
    /// and digits, words cut by the range's edges), every range gives exactly the matches the regex gives.
    /// </summary>
    public class IdentifierTokensTests
    {
        private static readonly Regex Identifier = new Regex(@"(?<![\w$])[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant);

        private static List<string> ByRegex(string code, int start, int end)
        {
            var list = new List<string>();
            for (var m = Identifier.Match(code, start, end - start); m.Success; m = m.NextMatch()) list.Add(m.Index + ":" + m.Length + ":" + m.Value);
            return list;
        }

        private static List<string> ByTokens(IdentifierTokens tokens, int start, int end)
        {
            var list = new List<string>();
            tokens.ForEach(start, end, ref list, (ref List<string> l, int at, int after, string name) => l.Add(at + ":" + (after - at) + ":" + name));
            return list;
        }

        private static List<string> ByScan(string code, int start, int end, NameTable table)
        {
            var list = new List<string>();
            IdentifierTokens.Scan(code, start, end, table, ref list, (ref List<string> l, int at, int after, string name) => l.Add(at + ":" + (after - at) + ":" + name));
            return list;
        }

        private static List<string> ByFilteredScan(string code, int start, int end, NameTable table, ulong filter)
        {
            var list = new List<string>();
            IdentifierTokens.Scan(code, start, end, table, filter, ref list, (ref List<string> l, int at, int after, string name) => l.Add(at + ":" + (after - at) + ":" + name));
            return list;
        }

        /// <summary>The regex's matches whose filter bit is in the filter (the names a filtered scan must visit, and the only ones it may).</summary>
        private static List<string> ByRegexFiltered(string code, int start, int end, ulong filter)
        {
            var list = new List<string>();
            for (var m = Identifier.Match(code, start, end - start); m.Success; m = m.NextMatch())
                if ((filter & IdentifierTokens.FilterBit(m.Value, 0, m.Length)) != 0) list.Add(m.Index + ":" + m.Length + ":" + m.Value);
            return list;
        }

        [Fact]
        public void EveryRangeGivesTheRegexMatches()
        {
            var seeds = Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "corpus"), "*.ts", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal).Take(40).Select(File.ReadAllText).ToList();
            seeds.Add("é_x $a a$b _9 9abc x\u0301y ab\u00B2c café.naïve µs ǅx \u0660x x\u0660 Ⅻx \u203Fx a\u200Db");
            seeds.Add("");
            seeds.Add("a");
            var random = new Random(1405);
            string[] inserts = { "é", "_", "$", "9", "\u0301", "\u0660", "ǅ", "\u00B2", " ", ".", "x", "\u2028", "🚀" };
            int ranges = 0;
            foreach (var seed in seeds)
                for (int variant = 0; variant < 4; variant++)
                {
                    var sb = new StringBuilder(seed);
                    for (int k = 0; variant > 0 && k < 20 && sb.Length > 0; k++) sb.Insert(random.Next(sb.Length), inserts[random.Next(inserts.Length)]);
                    var code = sb.ToString();
                    var tokens = new IdentifierTokens(code);
                    var table = new NameTable();
                    for (int q = 0; q < 60; q++)
                    {
                        int a = random.Next(code.Length + 1), b = random.Next(code.Length + 1);
                        int start = Math.Min(a, b), end = Math.Max(a, b);
                        Assert.Equal(ByRegex(code, start, end), ByTokens(tokens, start, end));
                        // The range scanned alone (a function's callees) gives the same matches.
                        Assert.Equal(ByRegex(code, start, end), ByScan(code, start, end, table));
                        // Filtered by a set of names (a module's callee filter): exactly the matches of those bits.
                        ulong filter = (ulong)random.NextInt64() & (ulong)random.NextInt64();
                        Assert.Equal(ByRegexFiltered(code, start, end, filter), ByFilteredScan(code, start, end, table, filter));
                        ranges++;
                    }
                    Assert.Equal(ByRegex(code, 0, code.Length), ByTokens(tokens, 0, code.Length));
                    Assert.Equal(ByRegex(code, 0, code.Length), ByScan(code, 0, code.Length, table));
                }
            Assert.True(ranges > 1000, ranges + " ranges compared");
        }
    }
}
