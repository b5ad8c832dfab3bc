using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>New/Import/Export-RolloutPlan and Add-LinkingPoint through the real engine, as users run them.</summary>
    public sealed class FoundationCmdletTests : IDisposable
    {
        private readonly PowerShellSession ps = new PowerShellSession();
        private readonly TempFolder temp = new TempFolder();

        public void Dispose() { ps.Dispose(); temp.Dispose(); }

        private static void AssertError(ScriptResult result, string errorId, ErrorCategory category)
        {
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.DoesNotContain("   at ", error.ToString());
        }

        // ---- bad input first ------------------------------------------------------------------

        [Fact]
        public void ImportOfABadFileWritesOneErrorPerProblemAndStillLoadsTheGoodFiles()
        {
            File.WriteAllText(temp.File("bad.yaml"), "schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: a\n    cardinality: 1-1\n  - source: b\n    cardinalty: \"1:1\"\n");
            File.Copy(Repo.ExamplePlan, temp.File("good.yaml"));
            var result = ps.Run("Import-RolloutPlan -Path ([IO.Path]::Combine($args[0], '*.yaml'))", temp.Path);
            Assert.Equal("slack", Assert.Single(result.Output).Properties["Connector"].Value);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("RolloutPlanInvalid,RolloutPlaybook.Commands.ImportRolloutPlanCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
                Assert.NotNull(e.TargetObject);
            });
            Assert.Equal(temp.File("bad.yaml") + ":5:18: linkingPoints[0].cardinality: expected \"1:1\" or \"1:N\", got \"1-1\"", result.Errors[0].ToString());
            Assert.Contains(":7:5: linkingPoints[1].cardinalty: unknown key 'cardinalty' — did you mean 'cardinality'?", result.Errors[1].ToString());
        }

        [Fact]
        public void ImportOfAMissingFileIsObjectNotFound()
        {
            var result = ps.Run("Import-RolloutPlan -LiteralPath $args[0]", temp.File("missing.yaml"));
            AssertError(result, "RolloutPlanNotFound", ErrorCategory.ObjectNotFound);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void NewRolloutPlanRejectsAConnectorThatIsNotASlug()
        {
            var result = ps.Run("New-RolloutPlan -Connector 'Slack Connector'");
            AssertError(result, "ParameterArgumentValidationError", ErrorCategory.InvalidData);
        }

        [Fact]
        public void AddLinkingPointRefusesAnExistingSourceUnlessForced()
        {
            var result = ps.Run("$p = New-RolloutPlan slack | Add-LinkingPoint slack_user staff 1:1; $p | Add-LinkingPoint slack_user partners 1:N; $p.LinkingPoints.Count");
            AssertError(result, "LinkingPointExists", ErrorCategory.ResourceExists);
            Assert.Equal(1, (int)Assert.Single(result.Output).BaseObject);

            var forced = ps.Run("$p = New-RolloutPlan slack | Add-LinkingPoint slack_user staff 1:1 | Add-LinkingPoint slack_user partners 1:N -Force; $p.LinkingPoints");
            forced.AssertNoErrors();
            var lp = forced.Single<LinkingPoint>();
            Assert.Equal("partners", lp.Entity);
            Assert.Equal(EnforcedIn.App, lp.EnforcedIn);
        }

        [Theory]
        [InlineData("-Source Slack-User -Entity staff -Cardinality 1:1", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [InlineData("-Source slack_user -Entity staff -Cardinality 1-1", "ParameterArgumentTransformationError", ErrorCategory.InvalidData)]
        [InlineData("-Source slack_user -Entity staff -Cardinality 1:1 -EnforcedIn database", "ParameterArgumentTransformationError", ErrorCategory.InvalidData)]
        public void AddLinkingPointValidatesItsArguments(string arguments, string errorId, ErrorCategory category)
        {
            var result = ps.Run("New-RolloutPlan slack | Add-LinkingPoint " + arguments);
            AssertError(result, errorId, category);
        }

        [Fact]
        public void TransformationErrorsSayWhatIsExpected()
        {
            var result = ps.Run("New-RolloutPlan slack | Add-LinkingPoint slack_user staff 1-1");
            Assert.Contains("expected \"1:1\" or \"1:N\"", Assert.Single(result.AllErrors).Exception.Message);
        }

        [Fact]
        public void ExportWithoutAPathForAPlanMadeInMemoryIsAnError()
        {
            var result = ps.Run("New-RolloutPlan slack | Export-RolloutPlan");
            AssertError(result, "RolloutPlanPathRequired", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void ExportRefusesAFileChangedOnDiskSinceImport()
        {
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            ps.Run("$global:p = Import-RolloutPlan $args[0]", file).AssertNoErrors();
            File.AppendAllText(file, "# edited by hand meanwhile\n");
            var before = File.ReadAllBytes(file);
            var result = ps.Run("$p | Add-LinkingPoint extra_id staff 1:1 | Export-RolloutPlan");
            AssertError(result, "RolloutPlanChangedOnDisk", ErrorCategory.InvalidOperation);
            Assert.Equal(before, File.ReadAllBytes(file));
            ps.Run("$p | Export-RolloutPlan -Force").AssertNoErrors();
            Assert.Contains("source: extra_id", File.ReadAllText(file));
        }

        [Fact]
        public void ExportRefusesToReplaceAnotherFileUnlessForced()
        {
            var file = temp.File("other.yaml");
            File.WriteAllText(file, "not a plan of ours\n");
            var result = ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0]", file);
            AssertError(result, "RolloutPlanFileExists", ErrorCategory.ResourceExists);
            Assert.Equal("not a plan of ours\n", File.ReadAllText(file));
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -Force", file).AssertNoErrors();
            // No repository copy of the schema around a temporary folder: the module's own copy.
            var modeline = File.ReadLines(file).First();
            Assert.StartsWith("# yaml-language-server: $schema=file://", modeline);
            Assert.EndsWith("/RolloutPlaybook/schemas/rollout-plan.schema.json", modeline);
            Assert.Contains("\nschemaVersion: 1\nconnector: slack\n", File.ReadAllText(file));
        }

        [Fact]
        public void ExportOverThePlansOwnCommentedFileKeepsItsCommentsAndWritesOnlyTheChanges()
        {
            var file = temp.File("commented.yaml");
            File.WriteAllText(file, "# owned by the data team\nschemaVersion: 1\nconnector: slack # slug\n");
            ps.Run("Import-RolloutPlan $args[0] | Set-RolloutPlan -DisplayName Slack | Export-RolloutPlan", file).AssertNoErrors();
            Assert.Equal("# owned by the data team\nschemaVersion: 1\nconnector: slack # slug\ndisplayName: Slack\n", File.ReadAllText(file));
            // Another file is written whole (with -Force over an existing one).
            var other = temp.File("other-commented.yaml");
            File.WriteAllText(other, "# someone else's\nschemaVersion: 1\nconnector: other\n");
            ps.Run("Import-RolloutPlan $args[0] | Export-RolloutPlan -Path $args[1] -Force", file, other).AssertNoErrors();
            Assert.EndsWith("\nschemaVersion: 1\nconnector: slack\ndisplayName: Slack\n", File.ReadAllText(other));
            Assert.DoesNotContain("someone else", File.ReadAllText(other));
        }

        // ---- what works -----------------------------------------------------------------------

        [Fact]
        public void TheIssueScenarioRoundTrips()
        {
            var file = temp.File("slack.yaml");
            ps.SetLocation(temp.Path);
            ps.Run("New-RolloutPlan -Connector slack | Add-LinkingPoint -Source slack_user -Entity staff -Cardinality 1:1 | Export-RolloutPlan -Path ./slack.yaml").AssertNoErrors();
            var result = ps.Run("$global:a = Import-RolloutPlan ./slack.yaml; $a");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(file, plan.SourcePath);
            var lp = Assert.Single(plan.LinkingPoints);
            Assert.Equal(("slack_user", "staff", Cardinality.OneToOne, EnforcedIn.Db), (lp.Source, lp.Entity, lp.Cardinality!.Value, lp.EnforcedIn!.Value));
            // Writing it back unchanged changes no byte.
            var bytes = File.ReadAllBytes(file);
            ps.Run("$a | Export-RolloutPlan").AssertNoErrors();
            Assert.Equal(bytes, File.ReadAllBytes(file));
            Assert.DoesNotContain(Directory.GetFiles(temp.Path), f => !f.EndsWith("slack.yaml", StringComparison.Ordinal));
        }

        [Fact]
        public void NewRolloutPlanAppliesTheIntakePolicyAndTheDefaultTeam()
        {
            var plan = ps.Run("New-RolloutPlan slack -UrgentPhase sync -RateLimit 50/1m").Single<RolloutPlan>();
            Assert.Equal(PhaseName.Sync, plan.Intake.UrgentPhase);
            Assert.Equal(new[] { "Intake Q1", "Intake Q2", "Intake Q5" }, plan.OpenQuestions.Select(q => q.Substring(0, 9)).ToArray());
            Assert.Equal(new[] { "Intake Q1", "Intake Q2", "Intake Q5" }, plan.Assumptions.Select(q => q.Substring(0, 9)).ToArray());
            Assert.Equal(new[] { "schema-sync", "analytics", "api-integration", "ui-ops", "review" }, plan.Team.Tasks.Select(t => t.Agent).ToArray());

            var small = ps.Run("New-RolloutPlan slack -Small -RateLimit @{ Requests = 50; Per = '1m' }").Single<RolloutPlan>();
            Assert.Equal(new[] { "generalist", "review" }, small.Team.Tasks.Select(t => t.Agent).ToArray());
            Assert.Equal(50, small.Intake.SourceLimits.RateLimit!.Requests);
        }

        [Fact]
        public void AddingLinkingPointsResolvesIntakeQuestionsOneAndTwo()
        {
            var plan = ps.Run("New-RolloutPlan slack | Add-LinkingPoint slack_channel partners OneToMany").Single<RolloutPlan>();
            Assert.DoesNotContain(plan.OpenQuestions, q => q.StartsWith("Intake Q1", StringComparison.Ordinal) || q.StartsWith("Intake Q2", StringComparison.Ordinal));
            Assert.Contains(plan.OpenQuestions, q => q.StartsWith("Intake Q3", StringComparison.Ordinal));
            Assert.Equal(EnforcedIn.App, plan.LinkingPoints[0].EnforcedIn);
        }

        [Fact]
        public void OneToManyEnforcedInTheDatabaseWarns()
        {
            var result = ps.Run("New-RolloutPlan slack | Add-LinkingPoint slack_channel partners 1:N -EnforcedIn db");
            result.AssertNoErrors();
            Assert.Contains(result.Warnings, w => w.Contains("1:N but enforced in the DB"));
        }

        [Fact]
        public void ImportTakesPipelineInputByValueAndByPropertyName()
        {
            File.Copy(Repo.ExamplePlan, temp.File("a.yaml"));
            File.Copy(Repo.ExamplePlan, temp.File("b.yaml"));
            var byValue = ps.Run("[IO.Directory]::GetFiles($args[0], '*.yaml') | Import-RolloutPlan", temp.Path);
            byValue.AssertNoErrors();
            Assert.Equal(2, byValue.Output.Count);
            var byProperty = ps.Run("[pscustomobject]@{ PSPath = $args[0] } | Import-RolloutPlan", temp.File("a.yaml"));
            byProperty.AssertNoErrors();
            Assert.Equal(temp.File("a.yaml"), byProperty.Single<RolloutPlan>().SourcePath);
            var fileInfo = ps.Run("[IO.DirectoryInfo]::new($args[0]).GetFiles('b.yaml') | Import-RolloutPlan", temp.Path);
            fileInfo.AssertNoErrors();
            Assert.Equal(temp.File("b.yaml"), fileInfo.Single<RolloutPlan>().SourcePath);
        }

        [Fact]
        public void ImportWithoutAPathReadsTheRepositoryDefaultLocation()
        {
            var dir = Path.Combine(temp.Path, "src", "docs", "connectors", "slack");
            Directory.CreateDirectory(dir);
            File.Copy(Repo.ExamplePlan, Path.Combine(dir, "rollout-plan.yaml"));
            ps.SetLocation(temp.Path);
            var result = ps.Run("Import-RolloutPlan");
            result.AssertNoErrors();
            Assert.Equal("slack", result.Single<RolloutPlan>().Connector);
        }

        [Fact]
        public void WhatIfWritesNothing()
        {
            var file = temp.File("plan.yaml");
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -WhatIf", file).AssertNoErrors();
            Assert.False(File.Exists(file));
            File.Copy(Repo.ExamplePlan, file);
            var before = File.ReadAllBytes(file);
            ps.Run("Add-LinkingPoint -Path $args[0] -Source extra_id -Entity staff -Cardinality 1:1 -WhatIf", file).AssertNoErrors();
            Assert.Equal(before, File.ReadAllBytes(file));
            Assert.Single(Directory.GetFiles(temp.Path));
        }

        [Fact]
        public void AddLinkingPointEditsAPlanFileInPlace()
        {
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            var result = ps.Run("Add-LinkingPoint -Path $args[0] -Source slack_team -Entity workspace -Cardinality 1:1 -ExternalId 'Slack team ID (T…)' -PassThru", file);
            result.AssertNoErrors();
            Assert.Equal(3, result.Single<RolloutPlan>().LinkingPoints.Count);
            var reloaded = ps.Run("Import-RolloutPlan $args[0]", file).Single<RolloutPlan>();
            Assert.Equal("slack_team", reloaded.LinkingPoints[2].Source);
            Assert.Equal("Slack team ID (T…)", reloaded.LinkingPoints[2].ExternalId);
        }

        [Fact]
        public void ExportWritesJsonAndPassesTheFileThrough()
        {
            var file = temp.File("plan.json");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutPlan -Path $args[1] -PassThru", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            Assert.Equal(file, result.Single<FileInfo>().FullName);
            Assert.StartsWith("{\n  \"schemaVersion\": 1,\n  \"connector\": \"slack\",", File.ReadAllText(file));
            var back = temp.ExampleLayoutFile("back.yaml");
            var again = ps.Run("Import-RolloutPlan $args[0] | Export-RolloutPlan -Path $args[1] -Format Yaml -Force", file, back);
            again.AssertNoErrors();
            Assert.Equal(File.ReadAllBytes(Repo.ExamplePlan), File.ReadAllBytes(back));
        }

        [Fact]
        public void PlansShowAsASummaryRowAndLinkingPointsAsTheMappingMatrix()
        {
            var text = ps.Format("Import-RolloutPlan $args[0]", Repo.ExamplePlan);
            Assert.Contains("Connector", text);
            Assert.Contains("OpenQuestions", text);
            Assert.Matches(@"slack\s+Custom\s+Sync\s+2\s+6\s+8\s+1", text);
            var matrix = ps.Format("(Import-RolloutPlan $args[0]).LinkingPoints", Repo.ExamplePlan);
            Assert.Matches(@"slack_user\s+staff\s+1:1\s+db\s+Slack user ID \(U…\)", matrix);
            Assert.Matches(@"slack_channel\s+partners\s+1:N\s+app\s+Slack channel ID \(C…\)", matrix);
        }

        [Fact]
        public void TheManifestIsValid()
        {
            var result = ps.Run("Test-ModuleManifest -Path $args[0]", Repo.ModuleManifest);
            result.AssertNoErrors();
            var info = result.Single<PSModuleInfo>();
            Assert.Equal("RolloutPlaybook", info.Name);
            Assert.Contains("Core", info.CompatiblePSEditions);
            Assert.Contains("Desktop", info.CompatiblePSEditions);
        }

        [Fact]
        public void ThePlanTypeResolvesByNameInScripts()
        {
            var result = ps.Run("(New-RolloutPlan slack) -is [RolloutPlaybook.Model.RolloutPlan]");
            result.AssertNoErrors();
            Assert.True((bool)Assert.Single(result.Output).BaseObject);
        }
    }
}
