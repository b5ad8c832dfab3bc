using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Export-RolloutDocument and Export-SetupHandoff as users run them, through the real engine.</summary>
    public class DocumentCmdletTests
    {
        private static string Golden(string name) => File.ReadAllText(Path.Combine(Repo.Fixtures, "golden", "documents", name));

        private static void AssertError(ScriptResult result, string errorId, ErrorCategory category, string command)
        {
            var error = Assert.Single(result.AllErrors);
            Assert.Equal(errorId + ",RolloutPlaybook.Commands." + command, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.DoesNotContain("   at ", error.Exception.Message);
        }

        [Fact]
        public void DocsOverrideOutsideTheRepositoryIsRefusedAndWritesNothing()
        {
            using var ps = new PowerShellSession();
            using var repo = new TempFolder();
            foreach (var docs in new[] { "../escape", "docs/../../escape", "/tmp/escape" })
            {
                var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Repository.Docs = $args[1]; $p | Export-RolloutDocument -RepositoryPath $args[2]", Repo.ExamplePlan, docs, repo.Path);
                AssertError(result, "PathOutsideRepository", ErrorCategory.SecurityError, "ExportRolloutDocumentCommand");
                Assert.Contains(docs, result.Errors[0].Exception.Message);
            }
            Assert.Empty(Directory.EnumerateFileSystemEntries(repo.Path));
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(repo.Path)!, "escape", "SLACK-ROLLOUT-PLAN.md")));
        }

        [Fact]
        public void MissingRepositoryIsNotFound()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1]", Repo.ExamplePlan, temp.File("no-such-repo"));
            AssertError(result, "RepositoryNotFound", ErrorCategory.ObjectNotFound, "ExportRolloutDocumentCommand");
            Assert.False(Directory.Exists(temp.File("no-such-repo")));
        }

        [Fact]
        public void ExistingDifferentFileNeedsForce()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("plan.md");
            File.WriteAllText(file, "# hand-written\n");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Path $args[1]", Repo.ExamplePlan, file);
            AssertError(result, "DocumentExists", ErrorCategory.ResourceExists, "ExportRolloutDocumentCommand");
            Assert.Equal("# hand-written\n", File.ReadAllText(file));

            ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Path $args[1] -Force", Repo.ExamplePlan, file).AssertNoErrors();
            Assert.Equal(Golden("slack.ROLLOUT-PLAN.md"), File.ReadAllText(file));
        }

        [Fact]
        public void BrokenTemplateIsReportedWithFileLineAndColumn()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var template = temp.File("broken.scriban");
            File.WriteAllText(template, "# title\n{{ for x in }}\n");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Repo.ExamplePlan, template);
            AssertError(result, "TemplateInvalid", ErrorCategory.InvalidData, "ExportRolloutDocumentCommand");
            Assert.Contains(template + ":2:", result.Errors[0].Exception.Message);

            File.WriteAllText(template, "# title\n\n{{ plan.GetType }}\n");
            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Repo.ExamplePlan, template);
            AssertError(result, "TemplateFailed", ErrorCategory.InvalidData, "ExportRolloutDocumentCommand");
            Assert.Contains(template + ":3:", result.Errors[0].Exception.Message);

            File.WriteAllText(template, "{{ while true }}{{ end }}");
            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Repo.ExamplePlan, template);
            AssertError(result, "TemplateLimitExceeded", ErrorCategory.LimitsExceeded, "ExportRolloutDocumentCommand");

            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Repo.ExamplePlan, temp.File("absent.scriban"));
            AssertError(result, "TemplateNotFound", ErrorCategory.ObjectNotFound, "ExportRolloutDocumentCommand");
        }

        [Fact]
        public void WhatIfWritesNothing()
        {
            using var ps = new PowerShellSession();
            using var repo = new TempFolder();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1] -WhatIf -PassThru; Import-RolloutPlan $args[0] | Export-SetupHandoff -Path $args[2] -WhatIf",
                Repo.ExamplePlan, repo.Path, Path.Combine(repo.Path, "handoff.md"));
            result.AssertNoErrors();
            Assert.Empty(result.Output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(repo.Path));
        }

        [Fact]
        public void NoPathWritesTheTextToThePipeline()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument", Repo.ExamplePlan);
            result.AssertNoErrors();
            Assert.Equal(Golden("slack.ROLLOUT-PLAN.md"), result.Single<string>());

            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Timestamp", Repo.ExamplePlan);
            result.AssertNoErrors();
            Assert.Matches(@"\n_Rendered \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\._\n", result.Single<string>());
            result = ps.Run("Import-RolloutPlan $args[0] | Export-SetupHandoff -Format Json -Timestamp", Repo.ExamplePlan);
            Assert.Contains("\"renderedAt\": \"", result.Single<string>());
        }

        [Fact]
        public void RepositoryPathWritesTheDocumentAndASecondRunChangesNoByte()
        {
            using var ps = new PowerShellSession();
            using var repo = new TempFolder();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1]", Repo.ExamplePlan, repo.Path);
            result.AssertNoErrors();
            Assert.Empty(result.Output); // no -PassThru, no output
            var file = Path.Combine(repo.Path, "src", "docs", "SLACK-ROLLOUT-PLAN.md");
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(Golden("slack.ROLLOUT-PLAN.md"), File.ReadAllText(file));
            Assert.False(bytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
            var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(file, written);

            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1] -PassThru", Repo.ExamplePlan, repo.Path);
            result.AssertNoErrors();
            Assert.Equal(file, result.Single<FileInfo>().FullName);
            Assert.Equal(bytes, File.ReadAllBytes(file));
            Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // not rewritten at all
            Assert.Single(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(file)!)); // no temp files left
        }

        [Fact]
        public void RepositoryDocsOverrideIsHonoured()
        {
            using var ps = new PowerShellSession();
            using var repo = new TempFolder();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Repository.Docs = 'documentation/rollouts'; $p | Export-RolloutDocument -RepositoryPath $args[1] -PassThru", Repo.ExamplePlan, repo.Path);
            result.AssertNoErrors();
            var expected = Path.Combine(repo.Path, "documentation", "rollouts", "SLACK-ROLLOUT-PLAN.md");
            Assert.Equal(expected, result.Single<FileInfo>().FullName);
            Assert.Contains("`documentation/rollouts/SLACK-ROLLOUT-PLAN.md`", File.ReadAllText(expected));
            Assert.False(Directory.Exists(Path.Combine(repo.Path, "src")));
        }

        [Fact]
        public void RelativeRepositoryPathResolvesFromTheCurrentLocation()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            Directory.CreateDirectory(temp.File("app"));
            ps.SetLocation(temp.Path);
            ps.Run("New-RolloutPlan -Connector google-workspace | Export-RolloutDocument -RepositoryPath app").AssertNoErrors();
            Assert.True(File.Exists(Path.Combine(temp.Path, "app", "src", "docs", "GOOGLE-WORKSPACE-ROLLOUT-PLAN.md")));
        }

        [Fact]
        public void CycleInTheTaskGraphStillWritesTheDocument()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Team.Tasks[0].DependsOn.Add('review'); $p | Export-RolloutDocument", Repo.ExamplePlan);
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.Contains("The task graph cannot be scheduled into waves.", text);
            Assert.Contains("## J) Open Questions and Assumptions", text);
        }

        [Fact]
        public void SeveralPlansFromThePipelineEachGetTheirDocument()
        {
            using var ps = new PowerShellSession();
            using var repo = new TempFolder();
            var result = ps.Run("@((New-RolloutPlan -Connector hubspot), (New-RolloutPlan -Connector close)) | Export-RolloutDocument -RepositoryPath $args[0] -PassThru", repo.Path);
            result.AssertNoErrors();
            Assert.Equal(new[] { "HUBSPOT-ROLLOUT-PLAN.md", "CLOSE-ROLLOUT-PLAN.md" }, result.Output.Select(o => ((FileInfo)o.BaseObject).Name));
        }

        [Fact]
        public void DotEnvListsEveryVariableAndNoSecretValue()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Handoff.Env[0].Value = 'xoxb-do-not-print'; $p | Export-SetupHandoff -Format DotEnv", Repo.ExamplePlan);
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.DoesNotContain("xoxb-do-not-print", text);
            var assignments = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("#")).ToArray();
            Assert.Equal(new[] { "SLACK_BOT_TOKEN=", "CRON_SECRET=", "SLACK_SYNC_PAGE_CAP=5" }, assignments);
            Assert.Equal(Golden("slack.env.example"), text.Replace("xoxb-do-not-print", ""));
        }

        [Fact]
        public void HandoffFormatFollowsTheFileExtensionUnlessGiven()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.Run("$p = Import-RolloutPlan $args[0]; $p | Export-SetupHandoff -Path $args[1]; $p | Export-SetupHandoff -Path $args[2]; $p | Export-SetupHandoff -Path $args[3]; $p | Export-SetupHandoff -Path $args[4] -Format Json",
                Repo.ExamplePlan, temp.File("handoff.json"), temp.File(".env.example"), temp.File("HANDOFF.md"), temp.File("handoff.txt")).AssertNoErrors();
            Assert.Equal(Golden("slack.setup-handoff.json"), File.ReadAllText(temp.File("handoff.json")));
            Assert.Equal(Golden("slack.env.example"), File.ReadAllText(temp.File(".env.example")));
            Assert.Equal(Golden("slack.setup-handoff.md"), File.ReadAllText(temp.File("HANDOFF.md")));
            using var json = JsonDocument.Parse(File.ReadAllText(temp.File("handoff.txt")));
            Assert.Equal("slack", json.RootElement.GetProperty("connector").GetString());
        }

        [Fact]
        public void HandoffPassThruForceAndJsonTemplate()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("handoff.md");
            File.WriteAllText(file, "old\n");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-SetupHandoff -Path $args[1] -PassThru", Repo.ExamplePlan, file);
            AssertError(result, "DocumentExists", ErrorCategory.ResourceExists, "ExportSetupHandoffCommand");
            result = ps.Run("Import-RolloutPlan $args[0] | Export-SetupHandoff -Path $args[1] -PassThru -Force", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            Assert.Equal(file, result.Single<FileInfo>().FullName);
            Assert.Equal(Golden("slack.setup-handoff.md"), File.ReadAllText(file));

            result = ps.Run("Import-RolloutPlan $args[0] | Export-SetupHandoff -Format Json -Template $args[1]", Repo.ExamplePlan, temp.File("t.scriban"));
            AssertError(result, "TemplateNotSupported", ErrorCategory.InvalidArgument, "ExportSetupHandoffCommand");
        }

        [Fact]
        public void PassThruReturnsADotFileToo()
        {
            // .env.example is hidden on Unix: -PassThru must still hand back the item it wrote.
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File(".env.example");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-SetupHandoff -Format DotEnv -Path $args[1] -PassThru", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            Assert.Equal(file, result.Single<FileInfo>().FullName);
        }

        [Fact]
        public void EmptyPlanHandoffRendersWithItsGapsMarked()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("New-RolloutPlan -Connector x | Export-SetupHandoff");
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.StartsWith("# x Manual Setup Handoff\n", text);
            Assert.Contains("**Incomplete:** 5 items are missing.", text);
        }

        [Fact]
        public void CommandsDeclareTheirParameterSetsAndOutput()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Command Export-RolloutDocument).ParameterSets | ForEach-Object Name");
            Assert.Equal(new[] { "Path", "RepositoryPath" }, result.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
            result = ps.Run("(Get-Command Export-SetupHandoff).Parameters['Format'].ParameterType.FullName");
            Assert.Equal("RolloutPlaybook.Model.HandoffFormat", result.Single<string>());
            result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1] -Path x", Repo.ExamplePlan, "y");
            Assert.Equal("AmbiguousParameterSet,RolloutPlaybook.Commands.ExportRolloutDocumentCommand", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        }

        [Fact]
        public void ATemplateThatBuildsAHugeTextIsStoppedByItsWorkNotOnlyByTime()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var bomb = temp.File("bomb.scriban");
            File.WriteAllText(bomb, "{{ x = \"0123456789abcdef\"; for i in 1..40; x = x + x; end; x | string.size }}\n");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Repo.ExamplePlan, bomb);
            watch.Stop();
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("TemplateLimitExceeded,RolloutPlaybook.Commands.ExportRolloutDocumentCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Contains("bomb.scriban", error.Exception.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), "stopped after " + watch.Elapsed);
        }

        [Fact]
        public void ExportRolloutDocumentWritesTheDocumentName()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("New-RolloutPlan -Connector slack | Set-RolloutPlan -RepositoryDocumentName slack-rollout.md -RepositoryDocs docs | " +
                "Export-RolloutDocument -RepositoryPath $args[0] -PassThru", temp.Path);
            result.AssertNoErrors();
            var file = Path.Combine(temp.Path, "docs", "slack-rollout.md");
            Assert.True(File.Exists(file));
            Assert.Equal(file, ((FileInfo)Assert.Single(result.Output).BaseObject).FullName);
        }
    }
}
