using System.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RolloutPlaybook.Core.Rendering;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    /// <summary>The document as a Markdown renderer reads it (Markdig with GitHub-like extensions).</summary>
    public class MarkdigRenderingTests
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

        private static string HeadingText(HeadingBlock h) => string.Concat(h.Inline!.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

        [Fact]
        public void DocumentParsesIntoOneTitleAndTenSectionsAtoJ()
        {
            foreach (var plan in new[] { DocumentPlans.Example(), DocumentPlans.Empty(), DocumentPlans.WithCycle() })
            {
                var doc = Markdown.Parse(RolloutDocument.Render(plan), Pipeline);
                var headings = doc.Descendants<HeadingBlock>().ToList();
                Assert.Single(headings, h => h.Level == 1);
                var h2 = headings.Where(h => h.Level == 2).Select(HeadingText).ToArray();
                Assert.Equal(10, h2.Length);
                Assert.Equal("ABCDEFGHIJ".Select(c => c + ")"), h2.Select(t => t.Substring(0, 2)));
            }
        }

        [Fact]
        public void TablesParseWithTheirHeaderColumnCount()
        {
            var plan = DocumentPlans.Example();
            plan.LinkingPoints[0].Metadata.Add("name|alias");
            plan.Risks.Add(new RolloutPlaybook.Model.RiskItem { Risk = "a | b", Mitigation = "c" });
            var doc = Markdown.Parse(RolloutDocument.Render(plan), Pipeline);
            var tables = doc.Descendants<Markdig.Extensions.Tables.Table>().ToList();
            Assert.True(tables.Count >= 10, "tables: " + tables.Count);
            foreach (var table in tables)
            {
                var rows = table.OfType<Markdig.Extensions.Tables.TableRow>().ToList();
                Assert.All(rows, r => Assert.Equal(((Markdig.Extensions.Tables.TableRow)rows[0]).Count, r.Count));
            }
            // An escaped pipe stays inside its cell (Markdig pads or cuts rows, so check the cell text too).
            var html = Markdown.ToHtml(RolloutDocument.Render(plan), Pipeline);
            // (GitHub shows the escaped pipe in a code span as "|", Markdig keeps the backslash; either way one cell.)
            Assert.Matches("<td><code>slack_name</code>, <code>slack_email</code>, <code>name\\\\?\\|alias</code></td>", html);
            Assert.Contains("<td>a | b</td>", html);
            var mermaid = doc.Descendants<FencedCodeBlock>().Single();
            Assert.Equal("mermaid", mermaid.Info);
        }

        /// <summary>A rendered sample kept in the tests (tests/fixtures/golden/documents/slack.ROLLOUT-PLAN.html) to look at by eye.</summary>
        [Fact]
        public void GoldenHtmlSample()
        {
            var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SLACK-ROLLOUT-PLAN.md</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;}table{border-collapse:collapse;}td,th{border:1px solid #bbb;padding:4px 8px;}code{background:#f2f2f2;}</style>\n"
                + "</head><body>\n" + Markdown.ToHtml(RolloutDocument.Render(DocumentPlans.Example()), Pipeline) + "</body></html>\n";
            GoldenFiles.AssertMatches("slack.ROLLOUT-PLAN.html", html);
        }
    }
}
