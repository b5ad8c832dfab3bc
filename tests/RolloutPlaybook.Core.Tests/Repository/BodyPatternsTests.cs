using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;
using Xunit;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// <see cref="BodyPatterns"/>' hand scans find what the regexes they replaced found, match for match, on random text
    /// made of the pieces that matter (keywords, names with '$' and non-ASCII letters, U+200D, braces, ':' '=' '==' '=>'
    /// ';', CRLF, long runs for the 200/500-character limits) and on the route-file fuzzer's mutated files, over random
    /// ranges taken as the whole input.
    /// </summary>
    public class BodyPatternsTests
    {
        private const RegexOptions Options = RegexOptions.CultureInvariant;
        private static readonly Regex BodyRead = new Regex(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)|\.[ \t\r\n]*(body)\b(?![ \t\r\n]*[(=])", Options);
        private static readonly Regex Declaration = new Regex(@"\b(?:const|let|var)[ \t\r\n]+(\{[^{}]{0,500}\}|[A-Za-z_$][\w$]*)[ \t\r\n]*(?::[^=;]{0,200})?=(?![=>])", Options);
        private static readonly Regex SchemaCall = new Regex(@"\.[ \t\r\n]*(parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|validateAsync|validateAt|cast|assert)[ \t\r\n]*\(", Options);
        private static readonly string[] SchemaCalls = { "parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync", "validateAt", "cast", "assert" };
        private static readonly Regex SignedEvent = new Regex(@"\.[ \t\r\n]*(constructEvent|constructEventAsync|verify)[ \t\r\n]*\(", Options);
        private static readonly string[] SignedEvents = { "constructEvent", "constructEventAsync", "verify" };
        private static readonly Regex Assignment = new Regex(@"(?<![\w$.])([A-Za-z_$][\w$]*)[ \t\r\n]*=(?![=>])", Options);

        private static readonly string[] Pieces =
        {
            "a", "b", "ab", "_", "$", "1", "é", "\u0663", "\u200D", "\u200C", " ", "\t", "\n", "\r\n", ".", "(", ")", "*", "x1",
            "const", "let", "var", "lets", "constant", "xconst", "$let", "é1", "$a", "a$", "=", "==", "=>", ";", ":", "{", "}",
            "{ a, b }", ": T", ": Foo<Bar>", ".json()", ". json ( )", ".formData()", ".text()", ".body", "body", ".body(", ".body =",
            " = ", "req", ".parse(", ". parseAsync (", "parse", "Async", "safe", "validate", "At", "Sync", ".cast", ".assert", ".verify(",
            ".constructEvent", "constructEventAsync", "Event", "?", "!", ",", "[", "]", "'", "`", "${", "/*", "*/", "//",
        };

        // Runs of a length around the regexes' limits: a type of up to 200 characters, a pattern of up to 500.
        private static string Filler(Random random)
        {
            int length = random.Next(2) == 0 ? random.Next(195, 206) : random.Next(495, 506);
            return new string(random.Next(2) == 0 ? 'x' : ' ', length);
        }

        private static string RandomText(Random random, int pieces)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < pieces; i++) sb.Append(random.Next(20) == 0 ? Filler(random) : Pieces[random.Next(Pieces.Length)]);
            return sb.ToString();
        }

        private static IEnumerable<string> Inputs()
        {
            var random = new Random(20261130);
            for (int i = 0; i < 30000; i++) yield return RandomText(random, random.Next(0, 24));
            // The limits head on: "const a: <type> = 1", "let { <pattern> } = x" around 200 and 500 characters.
            for (int i = 0; i < 2000; i++)
                yield return RandomText(random, 2) + (i % 2 == 0 ? "const a:" : "let {") + Filler(random) + RandomText(random, 1) + (i % 2 == 0 ? "= 1" : "} = x") + RandomText(random, 2);
            for (int seed = 0; seed < 400; seed++) yield return RouteScanFuzzTests.Mutate(seed);
        }

        [Fact]
        public void IsBoundaryWordCharIsWhatWordBoundariesSee()
        {
            var boundary = new Regex(@"^.\b", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            for (int c = 0; c <= char.MaxValue; c++)
            {
                // A boundary between c and a space exactly when c is a word character.
                var expected = boundary.IsMatch(((char)c).ToString() + " ");
                Assert.True(expected == RecognizerText.IsBoundaryWordChar((char)c), "char U+" + c.ToString("X4"));
            }
        }

        [Fact]
        public void ScansFindTheRegexesMatches()
        {
            var random = new Random(7);
            foreach (var code in Inputs())
            {
                for (int t = 0; t < 3; t++)
                {
                    int start = t == 0 ? 0 : random.Next(0, code.Length + 1);
                    int end = t == 0 ? code.Length : random.Next(start, code.Length + 1);
                    Assert.Equal(Matches(BodyRead, code, start, end, groups: false), BodyReads(code, start, end));
                    Assert.Equal(Matches(Declaration, code, start, end, groups: true), Found(code, start, end, BodyPatterns.NextDeclaration));
                    Assert.Equal(Matches(Assignment, code, start, end, groups: true), Found(code, start, end, BodyPatterns.NextAssignment));
                    Assert.Equal(Calls(SchemaCall, code, start, end), MemberCalls(code, start, end, SchemaCalls));
                    Assert.Equal(Calls(SignedEvent, code, start, end), MemberCalls(code, start, end, SignedEvents));
                }
            }
        }

        private delegate bool Next(string code, int start, int from, int end, out BodyPatterns.Found found);

        private static List<string> Matches(Regex regex, string code, int start, int end, bool groups)
        {
            var list = new List<string>();
            for (var m = regex.Match(code, start, end - start); m.Success; m = m.NextMatch())
                list.Add(groups ? m.Index + "-" + (m.Index + m.Length) + ":" + m.Groups[1].Value : m.Index.ToString());
            return list;
        }

        private static List<string> Calls(Regex regex, string code, int start, int end)
        {
            var list = new List<string>();
            for (var m = regex.Match(code, start, end - start); m.Success; m = m.NextMatch()) list.Add(m.Index + ":" + m.Groups[1].Value);
            return list;
        }

        private static List<string> MemberCalls(string code, int start, int end, string[] names)
        {
            var list = new List<string>();
            for (int p = BodyPatterns.NextMemberCall(code, start, end, names, out var name); p >= 0; p = BodyPatterns.NextMemberCall(code, p + 1, end, names, out name))
                list.Add(p + ":" + name);
            return list;
        }

        private static List<string> BodyReads(string code, int start, int end)
        {
            var list = new List<string>();
            for (int p = BodyPatterns.NextBodyRead(code, start, end); p >= 0; p = BodyPatterns.NextBodyRead(code, p + 1, end)) list.Add(p.ToString());
            return list;
        }

        private static List<string> Found(string code, int start, int end, Next next)
        {
            var list = new List<string>();
            for (int from = start; next(code, start, from, end, out var f); from = f.End)
                list.Add(f.Index + "-" + f.End + ":" + code.Substring(f.NameStart, f.NameEnd - f.NameStart));
            return list;
        }
    }
}
