using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;
using Xunit;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// The hand-written scans that replaced per-call regexes in the recognisers give the regexes' answers: checked
    /// against the regexes themselves on every character and on random text made of the characters that matter
    /// (identifier parts, '$', digits, non-ASCII letters and digits, white space, dots and brackets).
    /// </summary>
    public class RecognizerTextTests
    {
        private static readonly string[] Pieces =
        {
            "a", "b", "ab", "_", "$", "1", "é", "\u0663", "\u200D", " ", "\t", "\n", ".", "(", "*", "x1", "function", "const", "let", "var",
            "lets", "constant", "afunction", "function*", "é1", "$a", "a$", "=", ";",
        };

        private static string RandomText(Random random, int pieces)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < pieces; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            return sb.ToString();
        }

        [Fact]
        public void IsRegexWordCharIsTheRegexClass()
        {
            var word = new Regex(@"^\w$", RegexOptions.CultureInvariant);
            for (int c = 0; c <= char.MaxValue; c++)
            {
                var expected = word.IsMatch(((char)c).ToString());
                Assert.True(expected == RecognizerText.IsRegexWordChar((char)c), "char U+" + c.ToString("X4"));
            }
        }

        [Fact]
        public void HasWordIsAMatchOfTheWordPattern()
        {
            var pattern = new Regex(@"[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant);
            var random = new Random(1234);
            var names = new[] { "a", "b", "ab", "_", "$", "$a", "a$", "x1", "function", "lets" };
            for (int i = 0; i < 20000; i++)
            {
                var code = RandomText(random, random.Next(0, 12));
                int start = random.Next(0, code.Length + 1), end = random.Next(start, code.Length + 1);
                var words = pattern.Matches(code.Substring(start, end - start)).Cast<Match>().Select(m => m.Value).ToList();
                foreach (var name in names)
                    Assert.True(words.Contains(name) == RecognizerText.HasWord(code, start, end, name),
                        "'" + name + "' in '" + code.Substring(start, end - start) + "'");
            }
        }

        [Fact]
        public void MembersOfAndAssignedFromAreTheirRegexes()
        {
            var random = new Random(99);
            var names = new[] { "a", "ab", "x1", "$a", "é1", "body" };
            var extra = new[] { "?", "?.", " ?. ", ".", "body", "= ", "=", "{ a }", ";" };
            for (int i = 0; i < 20000; i++)
            {
                var sb = new StringBuilder();
                int n = random.Next(0, 12);
                for (int j = 0; j < n; j++) sb.Append(random.Next(3) == 0 ? extra[random.Next(extra.Length)] : Pieces[random.Next(Pieces.Length)]);
                var code = sb.ToString();
                int start = random.Next(0, code.Length + 1), end = random.Next(start, code.Length + 1);
                foreach (var name in names)
                {
                    var access = new Regex(@"(?<![\w$.])" + Regex.Escape(name) + @"[ \t\r\n]*\??\.[ \t\r\n]*([A-Za-z_$][\w$]*)", RegexOptions.CultureInvariant);
                    var expected = new List<string>();
                    for (var m = access.Match(code, start, end - start); m.Success; m = m.NextMatch()) expected.Add(m.Groups[1].Value);
                    var actual = new List<string>();
                    RecognizerText.MembersOf(code, start, end, name, actual);
                    Assert.Equal(expected, actual);
                    var assigned = new Regex(@"=[ \t\r\n]*" + Regex.Escape(name), RegexOptions.CultureInvariant);
                    Assert.Equal(assigned.Match(code, start, end - start).Success, RecognizerText.AssignedFrom(code, start, end, name));
                }
            }
        }

        [Fact]
        public void FirstDefinitionIsTheFirstRegexMatchThatStartsAWord()
        {
            var random = new Random(4321);
            var names = new[] { "a", "ab", "x1", "$a", "function", "lets", "é1" };
            for (int i = 0; i < 20000; i++)
            {
                var code = RandomText(random, random.Next(0, 14));
                foreach (var name in names)
                {
                    var escaped = Regex.Escape(name);
                    Assert.Equal(Expected(code, @"function[ \t\r\n]*\*?[ \t\r\n]*" + escaped + @"(?![\w$])"),
                        RouteHandlerReader.FirstDefinition(code, name, RouteHandlerReader.FunctionKeyword));
                    Assert.Equal(Expected(code, @"(?:const|let|var)[ \t\r\n]+" + escaped + @"(?![\w$])"),
                        RouteHandlerReader.FirstDefinition(code, name, RouteHandlerReader.DeclarationKeywords));
                }
            }
        }

        /// <summary>What ResolveLocal did before: the end of the first match (in NextMatch order) that starts a word, or -1.</summary>
        private static int Expected(string code, string pattern)
        {
            var m = Regex.Match(code, pattern);
            while (m.Success && !CodeText.WordStart(code, m.Index)) m = m.NextMatch();
            return m.Success ? m.Index + m.Length : -1;
        }
    }
}
