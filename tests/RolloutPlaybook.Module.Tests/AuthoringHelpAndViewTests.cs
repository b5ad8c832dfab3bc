using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The authoring cmdlets' help sources match their parameters, and every authored type has a table view that fits 120 columns.</summary>
    public class AuthoringHelpAndViewTests
    {
        public static readonly string[] AuthoringCmdlets =
        {
            "Add-RolloutRoute", "Set-SyncStrategy", "Add-RolloutMetric", "Add-AgentTask", "Remove-AgentTask", "Add-ValidationCheck",
            "Set-ValidationResult", "Add-HandoffItem", "Add-RolloutNote", "Add-GateWaiver", "Set-RolloutPlan", "Set-RolloutPhase",
            "Remove-LinkingPoint", "Remove-RolloutRoute", "Remove-RouteWrite", "Remove-RolloutMetric", "Remove-ValidationCheck", "Remove-HandoffItem",
            "Remove-RolloutNote", "Remove-GateWaiver", "Set-AgentTask",
        };

        private static readonly string[] NotDocumented =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        [Fact]
        public void EveryAuthoringCmdletsHelpDocumentsExactlyItsParameters()
        {
            using var ps = new PowerShellSession();
            foreach (var cmdlet in AuthoringCmdlets)
            {
                var file = Path.Combine(Repo.Root, "docs", "help", cmdlet + ".md");
                Assert.True(File.Exists(file), "missing help source " + file);
                var text = File.ReadAllText(file);
                var documented = Regex.Matches(text, @"^### -(\w+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(n => n).ToList();
                var result = ps.Run("(Get-Command $args[0]).Parameters.Keys", cmdlet);
                result.AssertNoErrors();
                var actual = result.Output.Select(o => o.BaseObject.ToString()!).Where(n => !NotDocumented.Contains(n)).OrderBy(n => n).ToList();
                Assert.True(actual.SequenceEqual(documented), cmdlet + ": code has [" + string.Join(", ", actual) + "], help has [" + string.Join(", ", documented) + "]");
                Assert.Matches(@"## SYNOPSIS\n\S", text);
                Assert.Matches(@"## DESCRIPTION\n\S", text);
                Assert.True(Regex.Matches(text, @"^### Example \d+: .+\n```powershell\n", RegexOptions.Multiline).Count >= 2, cmdlet + " needs two examples");
            }
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
