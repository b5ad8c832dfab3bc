using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Export-RolloutPlan through the real engine: refusals first, then the round trip, -WhatIf and JSON.</summary>
    public sealed class ExportRolloutPlanTests : EngineTest
    {
        // ---- bad input first ------------------------------------------------------------------

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
        public void NewAddExportImportRoundTripsAndExportingAgainChangesNoByte()
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
        public void ExportRolloutPlanCreatesTheFoldersOfTheReadmeTourButNotWithWhatIf()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.SetLocation(temp.Path);
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path src/docs/connectors/slack/rollout-plan.yaml -WhatIf").AssertNoErrors();
            Assert.False(Directory.Exists(Path.Combine(temp.Path, "src")));
            ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path src/docs/connectors/slack/rollout-plan.yaml").AssertNoErrors();
            Assert.True(File.Exists(Path.Combine(temp.Path, "src", "docs", "connectors", "slack", "rollout-plan.yaml")));
        }

        [Fact]
        public void PassThruReturnsTheProvidersItemAndItPipesIntoTheGate()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            var result = ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -PassThru", file);
            result.AssertNoErrors();
            var item = Assert.Single(result.Output);
            Assert.Equal(file, ((FileInfo)item.BaseObject).FullName);
            Assert.EndsWith("FileSystem::" + file, (string)item.Properties["PSPath"].Value);
            var gate = ps.Run("New-RolloutPlan slack | Export-RolloutPlan -Path $args[0] -Force -PassThru | Test-RolloutGate -Rule RP.Team.Acyclic", file);
            gate.AssertNoErrors();
            Assert.NotEmpty(gate.Output);
            var doc = ps.Run("New-RolloutPlan slack | Export-RolloutDocument -Path $args[0] -PassThru", temp.File("d/doc.md"));
            doc.AssertNoErrors();
            Assert.NotNull(Assert.Single(doc.Output).Properties["PSPath"]);
        }
    }
}
