using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    public class ScriptSourceTests
    {
        private static string Code(string text) => ScriptSource.Parse(text).Code;

        [Fact]
        public void KeepsLengthAndLineBreaks()
        {
            var text = "a // x\r\n/* b\n c */ 'd\\'e' \"f\" `g\n${h}` /i\\/[/]j/g;\n";
            var code = Code(text);
            Assert.Equal(text.Length, code.Length);
            for (int i = 0; i < text.Length; i++)
                if (text[i] == '\n' || text[i] == '\r') Assert.Equal(text[i], code[i]);
        }

        [Fact]
        public void BlanksCommentsAndKeepsCode()
        {
            var code = Code("x = 1; // export async function POST(\n/* export function GET( */ y = 2;");
            Assert.DoesNotContain("POST", code);
            Assert.DoesNotContain("GET", code);
            Assert.Contains("x = 1;", code);
            Assert.Contains("y = 2;", code);
        }

        [Fact]
        public void BlanksStringContentsButKeepsDelimiters()
        {
            var code = Code("a('requireRole(', \"x // not a comment\", 'it\\'s'); b()");
            Assert.Equal("a('            ', \"                  \", '     '); b()", code);
        }

        [Fact]
        public void CommentMarkersInsideStringsAreText()
        {
            var code = Code("const u = 'http://x/*y'; const v = 1; /* real */ const w = 2;");
            Assert.Contains("const v = 1;", code);
            Assert.Contains("const w = 2;", code);
        }

        [Fact]
        public void TemplateExpressionsStayCode()
        {
            var code = Code("const a = `Bearer ${process.env.CRON_SECRET} and ${f({ b: `in ${c} ner` })} tail`; d();");
            Assert.Contains("${process.env.CRON_SECRET}", code);
            Assert.Contains("f({ b: `   ${c}    ` })", code);
            Assert.DoesNotContain("Bearer", code);
            Assert.DoesNotContain("tail", code);
            Assert.EndsWith("; d();", code);
        }

        [Fact]
        public void BracesInsideTemplateTextDoNotCount()
        {
            var code = Code("function f() { return `}{ ${ {a:1}.a } }`; }\nexport function GET() {}");
            Assert.Contains("export function GET() {}", code);
            Assert.Equal(code.Split('{').Length, code.Split('}').Length);
        }

        [Fact]
        public void RegexLiteralsAreBlanked()
        {
            var code = Code("const r = /\\/\\/ not a comment ['\"`]/g; const s = x.replace(/[/*]/, ''); done();");
            Assert.Contains("done();", code);
            Assert.DoesNotContain("not a comment", code);
            Assert.Equal("const r = /" + new string(' ', 24) + "/g; const s = x.replace(/    /, ''); done();", code);
        }

        [Fact]
        public void DivisionIsNotARegex()
        {
            var code = Code("const a = b / c / d; const e = (f) / 2; const g = h[1] / i; // c / d\nz();");
            Assert.Contains("b / c / d", code);
            Assert.Contains("(f) / 2", code);
            Assert.Contains("h[1] / i", code);
            Assert.Contains("z();", code);
        }

        [Fact]
        public void RegexAfterKeywordsAndOperators()
        {
            var code = Code("if (x) return /'/.test(y);\nconst q = a ? /\"/ : /`/;\nnext();");
            Assert.Contains("next();", code);
            Assert.Contains("return / /.test(y);", code);
        }

        [Fact]
        public void UnterminatedStringStopsAtLineEnd()
        {
            var code = Code("const a = 'oops\nexport function GET() {}");
            Assert.Contains("export function GET() {}", code);
        }

        [Fact]
        public void LineOfOffsets()
        {
            var src = ScriptSource.Parse("a\nb\r\nc");
            Assert.Equal(1, src.LineOf(0));
            Assert.Equal(2, src.LineOf(2));
            Assert.Equal(3, src.LineOf(5));
        }

        [Fact]
        public void LinesAndLineBreaksHoldWhateverTheConstructs()
        {
            // Line breaks inside comments, strings (escaped or unterminated), templates, ${ } and regex literals, with
            // LF, CRLF and lone CR, on both the per-thread buffer and the large-text path: a line is 1 + the '\n's before
            // the offset, and the code copy keeps every line break where it is.
            var pieces = new[] { "a", " ", "\n", "\r\n", "\r", "//c", "/*", "*/", "'", "\"", "`", "${", "}", "{", "\\", "/", "/x/g", "return /", "é", "\u2028", "\u00a0", ";" };
            var random = new System.Random(5);
            for (int n = 0; n < 3000; n++)
            {
                var sb = new System.Text.StringBuilder();
                for (int k = random.Next(60); k >= 0; k--) sb.Append(pieces[random.Next(pieces.Length)]);
                if (n % 500 == 0) sb.Append(new string(' ', 40000)).Append("\n'x\n`y\r\n");
                var text = sb.ToString();
                var src = ScriptSource.Parse(text);
                Assert.Equal(text.Length, src.Code.Length);
                int line = 1;
                for (int k = 0; k <= text.Length; k++)
                {
                    if (line != src.LineOf(k)) Assert.Fail("offset " + k + " of '" + text + "': line " + src.LineOf(k) + ", not " + line);
                    if (k == text.Length) break;
                    if (text[k] == '\n' || text[k] == '\r') Assert.Equal(text[k], src.Code[k]);
                    else Assert.True(src.Code[k] == text[k] || src.Code[k] == ' ');
                    if (text[k] == '\n') line++;
                }
            }
        }

        [Fact]
        public void ReadsPlainLiteralsOnly()
        {
            var src = ScriptSource.Parse("f('a,b', \"c\\\"d\", `e`, `x${y}`)");
            Assert.True(src.TryReadLiteral(2, out var a, out _));
            Assert.Equal("a,b", a);
            Assert.True(src.TryReadLiteral(9, out var c, out _));
            Assert.Equal("c\"d", c);
            Assert.True(src.TryReadLiteral(17, out var e, out _));
            Assert.Equal("e", e);
            Assert.False(src.TryReadLiteral(22, out _, out _));
        }

        [Fact]
        public void LongInputIsLinear()
        {
            var text = new string('/', 200000) + "\n" + new string('`', 100001) + "${" + new string('{', 50000);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var code = Code(text);
            Assert.Equal(text.Length, code.Length);
            Assert.True(watch.ElapsedMilliseconds < 2000, "lexing took " + watch.ElapsedMilliseconds + " ms");
        }
    }
}
