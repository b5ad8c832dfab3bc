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
