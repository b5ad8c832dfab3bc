using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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
    }
}
