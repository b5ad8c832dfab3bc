using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Every model type a cmdlet outputs has a table view the module loads, and table views fit a 120-column console.</summary>
    public class FormatViewTests
    {
        private const int ConsoleWidth = 120;

        private static string ModuleFolder => Path.Combine(Repo.Root, "out", "RolloutPlaybook");

        /// <summary>The format files the manifest loads (FormatsToProcess), parsed.</summary>
        private static IReadOnlyList<(string File, XDocument Xml)> FormatFiles()
        {
            var listed = ManifestTests.Manifest()["FormatsToProcess"] is object[] items ? items.Cast<string>().ToList() : new List<string>();
            return listed.Select(f => (f, XDocument.Load(Path.Combine(ModuleFolder, f)))).ToList();
        }

        [Fact]
        public void EveryFormatFileOfTheModuleIsLoaded()
        {
            var listed = FormatFiles().Select(f => f.File).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var present = Directory.GetFiles(ModuleFolder, "*.format.ps1xml").Select(Path.GetFileName).ToList();
            Assert.NotEmpty(present);
            Assert.All(present, f => Assert.True(listed.Contains(f!), f + " is in the module but not in FormatsToProcess"));
        }

        [Fact]
        public void EveryModelOutputTypeHasATableView()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-Command -Module RolloutPlaybook -CommandType Cmdlet | ForEach-Object { $c = $_; $_.OutputType | ForEach-Object { $c.Name + '|' + $_.Type.FullName } }");
            result.AssertNoErrors();
            var outputs = result.Output.Select(o => o.BaseObject.ToString()!.Split('|')).Where(p => p[1].StartsWith("RolloutPlaybook.Model.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(outputs);
            var tableViews = FormatFiles().SelectMany(f => f.Xml.Descendants("View"))
                .Where(v => v.Element("TableControl") != null)
                .SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value.Trim()))
                .ToHashSet(StringComparer.Ordinal);
            var missing = outputs.Where(o => !tableViews.Contains(o[1])).Select(o => o[1] + " (output of " + o[0] + ")").Distinct().ToList();
            Assert.True(missing.Count == 0, "No table view for: " + string.Join(", ", missing));
        }

        /// <summary>Sum of column widths plus one separator between columns; a column without a width needs at least its label.</summary>
        [Fact]
        public void TableViewsFitIn120Columns()
        {
            var problems = new List<string>();
            int views = 0;
            foreach (var (file, xml) in FormatFiles())
            {
                foreach (var view in xml.Descendants("View").Where(v => v.Element("TableControl") != null))
                {
                    views++;
                    var headers = view.Element("TableControl")!.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
                    int width = headers.Sum(h => int.TryParse((string?)h.Element("Width"), out var w) ? w : Math.Max(((string?)h.Element("Label"))?.Length ?? 0, 10)) + Math.Max(0, headers.Count - 1);
                    if (width > ConsoleWidth) problems.Add(file + " view " + (string?)view.Element("Name") + ": " + width + " columns");
                    if (headers.Take(headers.Count - 1).Any(h => h.Element("Width") == null)) problems.Add(file + " view " + (string?)view.Element("Name") + ": only the last column may have no width");
                }
            }
            Assert.True(views > 0);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void PlansShowAsASummaryRowAndLinkingPointsAsTheMappingMatrix()
        {
            using var ps = new PowerShellSession();
            var text = ps.Format("Import-RolloutPlan $args[0]", Repo.ExamplePlan);
            Assert.Contains("Connector", text);
            Assert.Contains("OpenQuestions", text);
            Assert.Matches(@"slack\s+Custom\s+Sync\s+2\s+6\s+8\s+1", text);
            var matrix = ps.Format("(Import-RolloutPlan $args[0]).LinkingPoints", Repo.ExamplePlan);
            Assert.Matches(@"slack_user\s+staff\s+1:1\s+db\s+Slack user ID \(U…\)", matrix);
            Assert.Matches(@"slack_channel\s+partners\s+1:N\s+app\s+Slack channel ID \(C…\)", matrix);
        }

        [Theory]
        [InlineData("RolloutRoute")]
        [InlineData("RouteWrite")]
        [InlineData("SyncStrategy")]
        [InlineData("RolloutMetric")]
        [InlineData("AgentTask")]
        [InlineData("ValidationCheck")]
        [InlineData("RolloutPhase")]
        [InlineData("HandoffEnvVar")]
        [InlineData("HandoffScope")]
        [InlineData("SmokeTest")]
        [InlineData("RiskItem")]
        [InlineData("GateWaiver")]
        public void EveryAuthoredTypeHasATableViewThatFits120Columns(string type)
        {
            var file = Path.Combine(Repo.Root, "out", "RolloutPlaybook", "RolloutPlaybook.Authoring.format.ps1xml");
            var view = XDocument.Load(file).Descendants("View")
                .Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "RolloutPlaybook.Model." + type);
            var headers = view.Descendants("TableColumnHeader").ToList();
            var items = view.Descendants("TableColumnItem").ToList();
            Assert.Equal(headers.Count, items.Count);
            var widths = headers.Select(h => int.Parse(h.Element("Width")!.Value)).ToList();
            Assert.True(widths.Sum() + widths.Count - 1 < 120, type + " is " + (widths.Sum() + widths.Count - 1) + " columns wide");
        }

        [Theory]
        [InlineData("$p.Routes", @"^Path\s+Methods\s+Auth\s+Writes", @"/api/slack/mappings/staff\s+GET,POST,DELETE\s+admin\s+POST reject entity_external_ids/slack_user")]
        [InlineData("$p.Routes[1].Writes", @"^Table\s+Source\s+Method\s+Action\s+OnConflict", @"entity_external_ids\s+slack_channel\s+POST\s+update\s+source,external_id")]
        [InlineData("$p.Sync", @"^Trigger\s+Schedule\s+Cursor\s+Advance\s+Lease", @"cron\s+5m\s+message_ts\s+after-write\s+4m\s+0s\s+200\s+5\s+20\s+1.2s\s+cursor")]
        [InlineData("$p.Analytics.Metrics", @"^Name\s+Version\s+Excludes\s+Recompute\s+Definition", @"response_time\s+1\s+bot, system")]
        [InlineData("$p.Team.Tasks", @"^Id\s+Agent\s+Phase\s+DependsOn\s+Title", @"api-mappings\s+api-integration\s+mapping\s+sync-schema\s+Staff and channel")]
        [InlineData("$p.Phases.Sync.Checks", @"^Id\s+Kind\s+Status\s+Description\s+Evidence", @"sync-lint\s+lint\s+pass\s+Connector lint passes\s+npm run lint")]
        [InlineData("$p.Phases.Mapping", @"^Scope\s+Checks\s+Pending\s+Deliverables", @"Connection, staff and channel mapping\s+2\s+0\s+mapping endpoints, mapping UI")]
        [InlineData("$p.Handoff.Env", @"^Name\s+Secret\s+Local\s+Deploy\s+Value\s+Purpose", @"CRON_SECRET\s+yes\s+\.env\.local\s+Vercel project settings \(Production\)\s+authenticates the cron sync")]
        [InlineData("$p.Handoff.Scopes", @"^Name\s+Reason", @"channels:history\s+read message metadata")]
        [InlineData("$p.Handoff.SmokeTests", @"^Action\s+Expect", @"POST /api/slack/test-connection\s+200 and the workspace name")]
        [InlineData("$p.Risks", @"^Risk\s+Mitigation", @"private channels need a manual invite\s+warn at mapping time")]
        [InlineData("$p.Waivers", @"^Rule\s+Target\s+Expires\s+Reason", @"RP.Sync.RateBudget\s+backfill\s+2026-12-31\s+one-off backfill")]
        public void TablesShowTheExamplePlanAtAGlance(string expression, string header, string row)
        {
            using var ps = new PowerShellSession();
            // Headers carry the console's ANSI styling; the layout is what is under test.
            var text = Regex.Replace(ps.Format("$p = Import-RolloutPlan $args[0]; " + expression, Repo.ExamplePlan), "\x1b\\[[0-9;]*m", "");
            Assert.Matches(new Regex(header, RegexOptions.Multiline), text);
            Assert.True(Regex.IsMatch(text, row), "no row like " + row + " in:\n" + text);
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 120, "too wide: " + line));
        }

        [Fact]
        public void TheAuthoringFormatFileIsLoadedByTheManifest()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Module RolloutPlaybook).ExportedFormatFiles | ForEach-Object { [IO.Path]::GetFileName($_) }");
            result.AssertNoErrors();
            Assert.Contains("RolloutPlaybook.Authoring.format.ps1xml", result.Output.Select(o => o.BaseObject.ToString()));
        }
    }
}
