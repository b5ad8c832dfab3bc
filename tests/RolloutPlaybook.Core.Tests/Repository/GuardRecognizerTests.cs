using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Repository;
using Xunit;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// The guard recogniser's hand-written shortcuts give the patterns' answers: a pattern skipped because its
    /// <see cref="GuardWord"/> is missing has no match there, and the one-pass fixed-response read agrees with the
    /// patterns it replaced, on random text made of the pieces that matter and on the route-file fuzzer's inputs.
    /// </summary>
    public class GuardRecognizerTests
    {
        private static readonly string[] Pieces =
        {
            " ", "  ", "\t", "\n", "\r\n", ".", "?.", "?", "(", ")", "()", "[", "]", "{", "}", ":", ",", ";", "=", "==", "===", "!", "!=", "!==",
            "'admin'", "\"owner\"", "'admins'", "'state'", "`t${a}`", "// c\n", "/* c */", "$", "é", "\u0663", "ſ", "x", "a1", "_",
            "auth", "Auth", "oauth", "getUser", "getSession", "supabase", "getServerSession", "currentUser", "requireAuth", "requireUser",
            "requireSession", "getAuth", "requireRole", "requireRoles", "requireAdmin", "requireAdminApi", "withAdminAuth", "isOwner",
            "hasStaff", "checkSuperuser", "ensureSuperAdmin", "assert", "is", "Admin", "role", "Role", "userRole", "roles", "profile",
            "includes", "data", "error", "await", "from", "rpc", "process", "env", "Env", "serverEnv", "CRON_SECRET", "createHmac",
            "subtle", "$subtle", "verify", "sign", "timingSafeEqual", "constructEvent", "constructEventAsync", "jwt", "jwtVerify",
            "webhooks", "new", "Webhook", "Response", "NextResponse", "json", "formData", "text", "fetch", "yield", "console", "log",
            "redirect", "notFound", "errors", "if", "return", "function", "async", "req", "=>", "clientState",
            // Whole guards, so that every pattern matches somewhere in the inputs.
            ".auth.getUser(", "!['admin', 'owner'].includes(profile.role)", "{ data: admin } = await supabase.from('admins')",
            "process.env['CRON_SECRET']", "process.env.CRON_SECRET", "serverEnv.CRON_SECRET", "crypto.subtle.verify(", "subtle.sign(",
            "jwt.verify(", "stripe.webhooks.constructEvent(", "userRole !== 'admin'", "requireRole('admin')", "isAdmin(",
        };

        private static string RandomText(Random random, int pieces)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < pieces; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            return sb.ToString();
        }

        /// <summary>Random texts and the route-file fuzzer's mutated files, each with a random range.</summary>
        private static IEnumerable<KeyValuePair<string, KeyValuePair<int, int>>> Inputs(int seed, int count)
        {
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                var text = i % 4 == 3 ? RouteScanFuzzTests.Mutate(i) : RandomText(random, random.Next(0, 40));
                var code = ScriptSource.Parse(text).Code;
                int start = random.Next(0, code.Length + 1), end = random.Next(start, code.Length + 1);
                if (i % 3 == 0) { start = 0; end = code.Length; }
                yield return new KeyValuePair<string, KeyValuePair<int, int>>(text, new KeyValuePair<int, int>(start, end));
            }
        }

        private static Regex Pattern(string name)
            => (Regex)(typeof(GuardRecognizer).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new InvalidOperationException("no pattern " + name)).GetValue(null)!;

        [Fact]
        public void APatternSkippedForAMissingWordHasNoMatch()
        {
            var needs = new List<KeyValuePair<string, GuardWord>>
            {
                new("SupabaseAuth", GuardWord.Auth), new("AuthCall", GuardWord.Auth), new("SessionCall", GuardWord.SessionName),
                new("RoleCall", GuardWord.RoleCallName), new("NamedRoleHelper", GuardWord.RoleHelper), new("RoleCompare", GuardWord.RoleEnd),
                new("RoleIncludes", GuardWord.RoleEnd), new("RoleIncludes", GuardWord.Includes), new("DataLookup", GuardWord.Await),
                new("EnvDot", GuardWord.EnvEnd), new("EnvBracket", GuardWord.EnvEnd), new("TypedEnvRead", GuardWord.EnvEnd),
                new("Hmac", GuardWord.CreateHmac), new("SubtleVerify", GuardWord.Subtle), new("SubtleSign", GuardWord.Subtle),
                new("TimingSafe", GuardWord.TimingSafeEqual), new("ConstructEvent", GuardWord.ConstructEvent), new("JwtVerify", GuardWord.Jwt),
                new("Verify", GuardWord.Verify),
            };
            var patterns = new Dictionary<string, Regex>();
            foreach (var need in needs) patterns[need.Key] = Pattern(need.Key);
            var dataName = Pattern("DataName");
            var matched = new HashSet<string>();
            foreach (var input in Inputs(7, 30000))
            {
                var code = ScriptSource.Parse(input.Key).Code;
                int start = input.Value.Key, end = input.Value.Value;
                var words = GuardWords.Of(code, start, end);
                foreach (var need in needs)
                {
                    var x = patterns[need.Key].Match(code, start, end - start);
                    if (!x.Success) continue;
                    matched.Add(need.Key);
                    Assert.True((words & need.Value) != 0, need.Key + " matched '" + x.Value + "' in '" + code.Substring(start, end - start) + "' without " + need.Value);
                }
                // Membership adds a guard only for a lookup that destructures data.
                for (var x = patterns["DataLookup"].Match(code, start, end - start); x.Success; x = x.NextMatch())
                    if (dataName.IsMatch(x.Groups[1].Value))
                        Assert.True((words & GuardWord.Data) != 0, "data in '" + code.Substring(start, end - start) + "'");
            }
            // The inputs reach every pattern (a test whose patterns never match proves nothing).
            foreach (var need in needs) Assert.True(matched.Contains(need.Key), need.Key + " never matched");
        }

        [Fact]
        public void DataLookupsFoundFromTheirAwaitsAreThePatternsMatches()
        {
            var pattern = Pattern("DataLookup");
            int found = 0;
            var random = new Random(5);
            var inputs = new List<KeyValuePair<string, KeyValuePair<int, int>>>(Inputs(13, 20000));
            // Lookups with nested and long braces, several in a row, cut by the range.
            var lookup = new[] { "{ data: admin } = await supabase.from('admins')", "{data}=await db.rpc(`is_admin`)", "{ a: { data } } = await x.from('t')",
                "{ data, error }\n=\n await\tsupabase\n.from(\"t\")", "{" + new string('x', 199) + "} = await a.from('t')", "{" + new string('x', 200) + "} = await a.from('t')",
                "} = await a.from('t')", "{ data } = await;", "{ data } =await a.from('t')", "{ data } = awaitx.from('t')", "{ data } = await a.b.rpc ( 'f')" };
            for (int i = 0; i < 3000; i++)
            {
                var sb = new StringBuilder();
                for (int j = random.Next(1, 6); j > 0; j--) sb.Append(random.Next(3) == 0 ? RandomText(random, random.Next(0, 6)) : lookup[random.Next(lookup.Length)]);
                var text = sb.ToString();
                int start = random.Next(0, text.Length / 3 + 1), end = random.Next(start, text.Length + 1);
                inputs.Add(new KeyValuePair<string, KeyValuePair<int, int>>(text, new KeyValuePair<int, int>(start, i % 2 == 0 ? text.Length : end)));
            }
            foreach (var input in inputs)
            {
                var code = input.Key.Length > 0 && input.Key[0] == '{' ? input.Key : ScriptSource.Parse(input.Key).Code;
                int start = Math.Min(input.Value.Key, code.Length), end = Math.Min(input.Value.Value, code.Length);
                var expected = new List<string>();
                for (var x = pattern.Match(code, start, end - start); x.Success; x = x.NextMatch())
                    expected.Add(x.Index + ":" + x.Length + ":" + x.Groups[1].Value + ":" + x.Groups[2].Value);
                var actual = new List<string>();
                for (var x = GuardRecognizer.NextDataLookup(code, start, start, end); x != null; x = GuardRecognizer.NextDataLookup(code, x.Index + x.Length, start, end))
                    actual.Add(x.Index + ":" + x.Length + ":" + x.Groups[1].Value + ":" + x.Groups[2].Value);
                Assert.True(expected.SequenceEqual(actual), "'" + code.Substring(start, end - start) + "': " + string.Join(", ", expected) + " vs " + string.Join(", ", actual));
                found += expected.Count;
            }
            Assert.True(found > 1000, found + " lookups");
        }

        [Fact]
        public void PatternsIgnoringCaseAreNoWiderThanOrdinalIgnoreCase()
        {
            // The regex ignores case one character at a time, as OrdinalIgnoreCase compares: each character the regex takes
            // for a letter must be that letter under OrdinalIgnoreCase, so IndexOf finds every match's clientState (ClientState)
            // and role word (a row's role flag).
            foreach (var letter in "clientState" + string.Concat(GuardRecognizer.RoleFlagWords))
            {
                var one = new Regex("^" + letter + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
                for (int c = 0; c <= char.MaxValue; c++)
                {
                    var text = ((char)c).ToString();
                    if (one.IsMatch(text))
                        Assert.True(string.Equals(text, letter.ToString(), StringComparison.OrdinalIgnoreCase), "U+" + c.ToString("X4") + " for " + letter);
                }
            }
        }

        [Theory]
        [InlineData("auth", (int)(GuardWord.Auth))]
        [InlineData("xauth", (int)(GuardWord.None))]
        [InlineData("requireAdmin", (int)(GuardWord.RoleCallName | GuardWord.RoleHelper))]
        [InlineData("requireAdminApi", (int)(GuardWord.RoleHelper))]
        [InlineData("$subtle", (int)(GuardWord.Subtle))]
        [InlineData("userRole", (int)(GuardWord.RoleEnd))]
        [InlineData("roles", (int)(GuardWord.None))]
        [InlineData("serverEnv", (int)(GuardWord.EnvEnd))]
        [InlineData("constructEventAsync", (int)(GuardWord.ConstructEvent))]
        [InlineData("isé", (int)(GuardWord.None))]
        public void WordsAreWholeRunsOrTheirEnds(string run, int expected)
        {
            Assert.Equal((GuardWord)expected, GuardWords.Of(" " + run + " ", 0, run.Length + 2));
            Assert.Equal((GuardWord)expected, GuardWords.Of("a." + run + "(", 2, run.Length + 2));
        }

        // The patterns the one-pass read replaced, and their use, as they were.
        private static readonly Regex FixedEffect = new(@"(?<![\w$])(await|process|fetch|supabase|yield)(?![\w$])|\.[ \t\r\n]*(from|rpc|json|formData|text)[ \t\r\n]*\(", RegexOptions.CultureInvariant);
        private static readonly Regex DataEffect = new(@"(?<![\w$])(await|process|fetch|supabase|yield)(?![\w$])|\.[ \t\r\n]*(from|rpc)[ \t\r\n]*\(", RegexOptions.CultureInvariant);
        private static readonly Regex BodyCall = new(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\(", RegexOptions.CultureInvariant);
        private static readonly Regex Call = new(@"(?<![\w$.])(new[ \t\r\n]+)?([A-Za-z_$][\w$]*)((?:[ \t\r\n]*\??\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]*\(", RegexOptions.CultureInvariant);
        private static readonly Regex ResponseLike = new(@"(?i)(response|errors?|json|redirect|notfound)$", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> NotCalls = new(StringComparer.Ordinal)
        { "if", "for", "while", "switch", "catch", "function", "return", "typeof", "await", "async", "new", "String", "Number", "Boolean", "Error", "JSON", "Object", "Array" };

        private static bool FixedByPatterns(string code, int start, int length)
        {
            if (FixedEffect.Match(code, start, length).Success)
            {
                if (DataEffect.Match(code, start, length).Success) return false;
                for (var x = BodyCall.Match(code, start, length); x.Success; x = x.NextMatch())
                    if (!ResponseLike.IsMatch(CodeText.Receiver(code, x.Index, start, out _))) return false;
            }
            for (var call = Call.Match(code, start, length); call.Success; call = call.NextMatch())
            {
                var rootName = call.Groups[2].Value;
                if (NotCalls.Contains(rootName) || ResponseLike.IsMatch(rootName) || rootName == "console") continue;
                return false;
            }
            return true;
        }

        [Fact]
        public void TheFixedResponseReadIsItsPatterns()
        {
            int fixedCount = 0, total = 0;
            foreach (var input in Inputs(11, 30000))
            {
                var module = new ScriptModule("/r.ts", "r.ts", ScriptSource.Parse(input.Key));
                int start = input.Value.Key, end = input.Value.Value;
                if (end <= start) continue;
                bool expected = FixedByPatterns(module.Code, start, end - start);
                Assert.True(expected == GuardRecognizer.IsFixedResponseRange(module, start, end), "'" + module.Code.Substring(start, end - start) + "'");
                total++;
                if (expected) fixedCount++;
            }
            // Both answers are common in the inputs.
            Assert.InRange(fixedCount, total / 20, total - total / 20);
        }

        [Theory]
        [InlineData("return Response.json({ ok: true });", true)]
        [InlineData("return new NextResponse(null, { status: 204 });", true)]
        [InlineData("return new Foo . bar (1);", false)]
        [InlineData("return Response. send(1);", true)]
        [InlineData("const b = await req.json(); return Response.json(b);", false)]
        [InlineData("const b = req . json (); return Response.json(b);", false)]
        [InlineData("console.log(x); return Response.json(x);", true)]
        [InlineData("console.log(load()); return Response.json(x);", false)]
        [InlineData("return db.from('t');", false)]
        [InlineData("new (x)", true)]
        [InlineData("a?.b ?. c(", false)]
        [InlineData("x\u0663.y(", false)]
        public void FixedResponsesOnTrickyRanges(string code, bool expected)
        {
            var module = new ScriptModule("/r.ts", "r.ts", ScriptSource.Parse(code));
            Assert.Equal(expected, FixedByPatterns(module.Code, 0, module.Code.Length));
            Assert.Equal(expected, GuardRecognizer.IsFixedResponseRange(module, 0, module.Code.Length));
        }
    }
}
