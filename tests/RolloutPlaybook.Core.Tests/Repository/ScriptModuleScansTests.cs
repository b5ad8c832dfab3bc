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
    /// ScriptModule reads declarations with hand scans (<see cref="ScriptModuleScans"/>) instead of the regexes below.
    /// Differential: on every fixture file, the route-file fuzzer's mutations and hand-made tricky texts (comments,
    /// strings, template literals, <c>$</c> and unicode letters in names, the zero-width joiners \b counts as word
    /// characters, CRLF, words that merely contain a keyword, the 200/2000-character bounds), raw and blanked, each scan
    /// finds exactly the regex's matches and groups, and a whole module reads exactly what the regex-based module read
    /// (<see cref="ReferenceScriptModule"/>).
    /// </summary>
    public class ScriptModuleScansTests
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant;
        private static readonly Regex ImportFrom = new Regex(@"\bimport[ \t\r\n]+(?:type[ \t\r\n]+)?([^;'""`]{0,2000}?)[ \t\r\n]*\bfrom[ \t\r\n]*(?=['""])", Options);
        private static readonly Regex FunctionDecl = new Regex(@"\bfunction[ \t\r\n]*\*?[ \t\r\n]*([A-Za-z_$][\w$]*)[ \t\r\n]*(?=[(<])", Options);
        private static readonly Regex VarDecl = new Regex(@"\b(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;\n]{0,200})?=(?![=>])", Options);
        private static readonly Regex ExportFrom = new Regex(@"\bexport[ \t\r\n]*(\*|\{[^}]{0,2000}\})[ \t\r\n]*(?:as[ \t\r\n]+[\w$]+[ \t\r\n]*)?from[ \t\r\n]*(?=['""])", Options);
        private static readonly Regex ExportList = new Regex(@"\bexport[ \t\r\n]*\{([^}]{0,2000})\}(?![ \t\r\n]*from)", Options);
        private static readonly Regex ExportDefault = new Regex(@"\bexport[ \t\r\n]+default[ \t\r\n]+(?:async[ \t\r\n]+)?(?:function[ \t\r\n]*\*?[ \t\r\n]*)?([A-Za-z_$][\w$]*)", Options);

        private static readonly string[] Tricky =
        {
            "import type { A } from 'a'", "import typeX from 'a'", "import type from 'a'", "import type\tfrom\n'a'", "import  {a as b, type c, d as e,} from\"x\"",
            "import * as ns from './n'", "import *as ns from './n'", "import * as  ns2, { q } from './n'", "import def, { a } from 'x'", "import x\r\nfrom 'y'",
            "import xfrom 'y'", "import x from`y`", "import { a; } from 'x'", "import a from 'x'; import b from 'y'", "import é from 'x'", "éimport a from 'x'",
            "\u200Dimport a from 'x'", "\u200Cimport a from 'x'", "$import a from 'x'", "import a\u200Dfrom 'x'", "import a \u200Dfrom 'x'", "import 'side-effect'",
            "import('dyn')", "import { a } from 'x' /* from 'y' */", "import { a, } from 'x'", "import {} from 'x'", "import , from 'x'", "import a, , b from 'x'",
            "import { type } from 'x'", "import { type as } from 'x'", "import { type a as b } from 'x'", "import { a as } from 'x'", "import {a as b as c} from 'x'",
            "import { a } from 'x' import { b } from 'y'", "import\nimport a from 'x'", "import a from from 'x'", "import { from } from 'x'", "import fromx from 'x'",
            "import {" + new string('a', 1998) + "} from 'x'", "import {" + new string('a', 1997) + "} from 'x'", "import {" + new string('a', 1999) + "} from 'x'",
            "import {" + new string('a', 1998) + "}from 'x'", "import type {" + new string('a', 1998) + "} from 'x'", "import " + new string(' ', 3000) + "a from 'x'",
            "import a  from  \"x\"", "import a from 'x\\'y'", "import a from \"unterminated", "import a from", "import", "import ", "import a fro", "import {a}from'x'",
            "function foo(", "function*gen(", "function * gen <T>(", "functionfoo(", "async function $x (", "function é(", "function aé(", "xfunction f(", "function f\r\n(",
            "function f ()", "function f", "function (", "function f<T>(a: T) { return a }", "function f\u200D(", "$function f(", "function f(a, { b, c }, [d], ...e) {}",
            "const a = 1", "let $b: string = 'x'", "var c:Foo<A = B> = 1", "const d => 1", "const e == 1", "const f: X\n= 1", "const g: " + new string('x', 200) + "= 1",
            "const g: " + new string('x', 199) + "= 1", "const g: " + new string('x', 201) + "= 1", "constx = 1", "const\u200Dx = 1", "let\tx=>", "const x=", "const x = y",
            "letter = 1", "delete x = 1", "var\r\nv = process.env.V", "const P = process . env ?. P_X", "const Q = process.env", "const é = 1", "const aé = 'é'",
            "const a = 1, b = 2", "const { a } = b", "const [a] = b", "const a: = 1", "const a:;= 1", "let let = 1", "const a = 'x'; const a = 'y'", "const h = (req) => 1",
            "const w = withAuth(h)", "const f2 = async function (a, b) {}", "const t = `x${y}`", "const u = `plain`",
            "export * from 'a'", "export * as ns from 'b'", "export * as xfrom 'c'", "export * as from from 'd'", "export * as fromfrom 'e'", "export * as from 'e2'",
            "export * as fromx 'e3'", "export {a, b as c} from 'f'", "export { a as b }", "export {a} from 'x'", "export {a}from'x'", "export {a}\nfrom 'x'",
            "export {a} fromage", "export{a}", "export { a as default }", "export {}", "export { a as b, c as d }; export { e }", "export {" + new string(' ', 2000) + "}",
            "export {" + new string(' ', 1999) + "}", "export {" + new string(' ', 2001) + "}", "export * as \u00E9from 'x'", "export *\tas\ny from 'z'", "xexport * from 'a'",
            "export default foo", "export default async function bar", "export default async (req) => 1", "export default function (req)", "export default functional",
            "export default function*gen", "export default asyncFoo", "export default async\nfoo", "export  default\tclass X", "export default 42; export default x",
            "export default async function", "export default async function*", "export default function async", "export default async async", "export default",
            "export default $", "export default é", "export defaultx", "exportdefault x", "export\ndefault\nfunction\nf() {}",
            "const a = 'import x from \"y\"'; // import z from 'w'\n/* function g( */ `${ function h() {} }`",
            "{ const inner = 1; function inner2() {} }\nconst outer = () => { const deeper = 1 }\n}}} const after = 1 {",
        };

        private static List<string> Inputs()
        {
            var list = new List<string>(Tricky);
            list.Add(string.Join("\n", Tricky));
            list.Add(string.Join("\r\n", Tricky));
            list.AddRange(Directory.EnumerateFiles(TestPaths.Fixtures, "*.*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".ts", StringComparison.Ordinal) || p.EndsWith(".tsx", StringComparison.Ordinal) || p.EndsWith(".js", StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText));
            for (int seed = 0; seed < 1000; seed++) list.Add(RouteScanFuzzTests.Mutate(seed));
            // Tricky pieces spliced into tricky pieces and fixture code.
            var random = new Random(1505);
            string[] inserts = { "import ", "from ", " from", "type ", "{", "}", ";", "'", "\"", "`", "\n", "\r\n", "\u200D", "é", "$", "*", " as ", "export ", "default ",
                                 "async ", "function", "const ", "let ", "var ", ":", "=", ">", "=>", "==", "xfrom", new string(' ', 150), "\t", "process.env.X" };
            int fixtures = list.Count;
            for (int n = 0; n < 1000; n++)
            {
                var sb = new StringBuilder(list[random.Next(fixtures)]);
                for (int k = 0; k < 12; k++) sb.Insert(random.Next(sb.Length + 1), inserts[random.Next(inserts.Length)]);
                list.Add(sb.ToString());
            }
            return list;
        }

        private static string Group(Match m) => m.Index + ":" + m.Groups[1].Index + "-" + (m.Groups[1].Index + m.Groups[1].Length) + ":" + (m.Index + m.Length);
        private static string Scanned(int index, int start, int end, int after) => index + ":" + start + "-" + end + ":" + after;

        private delegate bool Next(string code, int from, out int index, out int start, out int end, out int after);

        private static List<string> ByRegex(Regex regex, string text)
        {
            var list = new List<string>();
            for (var m = regex.Match(text); m.Success; m = m.NextMatch()) list.Add(Group(m));
            return list;
        }

        private static List<string> ByScan(Next next, string text)
        {
            var list = new List<string>();
            for (int at = 0; next(text, at, out int index, out int start, out int end, out int after); at = after) list.Add(Scanned(index, start, end, after));
            return list;
        }

        private static List<string> VarDeclsByScan(string text)
        {
            var list = new List<string>();
            var decls = new ScriptModuleScans.VarDecls(text);
            while (decls.Next(out int index, out int start, out int end, out int after)) list.Add(Scanned(index, start, end, after));
            return list;
        }

        [Fact]
        public void ScansFindExactlyTheRegexMatches()
        {
            int texts = 0, matches = 0;
            foreach (var raw in Inputs())
                foreach (var text in new[] { raw, ScriptSource.Parse(raw).Code })
                {
                    var expected = ByRegex(ImportFrom, text);
                    Assert.Equal(expected, ByScan(ScriptModuleScans.NextImportFrom, text));
                    matches += expected.Count;
                    expected = ByRegex(FunctionDecl, text);
                    Assert.Equal(expected, ByScan(ScriptModuleScans.NextFunctionDecl, text));
                    matches += expected.Count;
                    expected = ByRegex(VarDecl, text);
                    Assert.Equal(expected, VarDeclsByScan(text));
                    matches += expected.Count;
                    expected = ByRegex(ExportFrom, text);
                    Assert.Equal(expected, ByScan(ScriptModuleScans.NextExportFrom, text));
                    matches += expected.Count;
                    expected = ByRegex(ExportList, text);
                    Assert.Equal(expected, ByScan(ScriptModuleScans.NextExportList, text));
                    matches += expected.Count;
                    var d = ExportDefault.Match(text);
                    bool found = ScriptModuleScans.FirstExportDefault(text, out int nameStart, out int nameEnd);
                    Assert.Equal(d.Success, found);
                    if (found) Assert.Equal(d.Groups[1].Index + "-" + (d.Groups[1].Index + d.Groups[1].Length), nameStart + "-" + nameEnd);
                    texts++;
                }
            Assert.True(texts > 4000 && matches > 15000, texts + " texts, " + matches + " matches");
        }

        /// <summary>
        /// The row-variable patterns WriteRecognizer built per name: the last declaration before a use, and every push into it.
        /// For names taken from each text (and some of its own), at random uses, the scans find what the regexes find.
        /// </summary>
        [Fact]
        public void RowVariableScansFindTheRegexMatches()
        {
            var random = new Random(2311);
            var word = new Regex(@"(?<![\w$.])[A-Za-z_$][\w$]*", Options);
            var extra = new[] { "rows", "batch", "$r", "a", "x$", "rowsé", "records" };
            var inputs = Inputs();
            inputs.AddRange(new[]
            {
                "const rows = [{ source: 'a' }]; rows.push({ source: 'b' }); rows . unshift ( x ); rows.pushx(1); xrows.push(2); $rows.push(3); rows\n.push(4)",
                "let rows: Row[] = []; const rows: Array<{ a: 1 }>\n = x; var rows == y; const rows => z; const rowsx = 1; constrows = 2; éconst rows = 3",
                "const rows: " + new string('x', 200) + "= 1; const rows: " + new string('x', 199) + "= 2; const rows: " + new string('x', 201) + "= 3; const rows:;= 4",
                "let batch = records.slice(0, 10); batch.push(...more); const batch\u200D = 1; \u200Dconst batch = 2; const\tbatch\r\n=3",
            });
            int compared = 0;
            foreach (var text in inputs.Take(2500))
            {
                var names = word.Matches(text).Select(m => m.Value).Distinct().Take(4).Concat(extra).ToList();
                foreach (var name in names)
                {
                    var decl = new Regex(@"\b(?:const|let|var)[ \t\r\n]+" + Regex.Escape(name) + @"[ \t\r\n]*(?::[^=;]{0,200})?=(?![=>])", Options);
                    var push = new Regex(@"(?<![\w$])" + Regex.Escape(name) + @"[ \t\r\n]*\.[ \t\r\n]*(?:push|unshift)[ \t\r\n]*\(", Options);
                    foreach (int before in new[] { text.Length, random.Next(text.Length + 1), random.Next(text.Length + 1) })
                    {
                        Match? best = null;
                        for (var d = decl.Match(text); d.Success && d.Index < before; d = d.NextMatch()) best = d;
                        Assert.Equal(best == null ? -1 : best.Index + best.Length, ScriptModuleScans.LastDeclarationBefore(text, name, before));
                    }
                    var expected = new List<int>();
                    for (var p = push.Match(text); p.Success; p = p.NextMatch()) expected.Add(p.Index + p.Length);
                    var found = new List<int>();
                    for (int at = ScriptModuleScans.NextPush(text, name, 0); at >= 0; at = ScriptModuleScans.NextPush(text, name, at)) found.Add(at);
                    Assert.Equal(expected, found);
                    compared++;
                }
            }
            Assert.True(compared > 10000, compared + " names compared");
        }

        [Fact]
        public void ModulesReadWhatTheRegexesRead()
        {
            int compared = 0;
            foreach (var raw in Inputs())
            {
                var source = ScriptSource.Parse(raw);
                var expected = new ReferenceScriptModule(source).Describe();
                Assert.Equal(expected, new ScriptModule("/repo/a.ts", "a.ts", source).Describe());
                // With the run's name table (the names the graph shares between files).
                Assert.Equal(expected, new ScriptModule("/repo/a.ts", "a.ts", source, new NameTable()).Describe());
                compared++;
            }
            Assert.True(compared > 2000, compared + " modules");
        }

        [Fact]
        public void BoundaryWordCharactersAreTheRegexOnes()
        {
            // \B between c and 'a' (a word character) exactly when c is one too.
            var notBoundary = new Regex(@"^[\s\S]\Ba", RegexOptions.CultureInvariant);
            for (int c = 0; c < 65536; c++)
                Assert.True(notBoundary.IsMatch((char)c + "a") == RecognizerText.IsBoundaryWordChar((char)c), "U+" + c.ToString("X4"));
            Assert.True(RecognizerText.IsBoundaryWordChar('\u200D'));
            Assert.False(RecognizerText.IsBoundaryWordChar('$'));
        }
    }
}
