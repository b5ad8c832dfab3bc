using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Import-RolloutPlan through the real engine: bad and missing files, pipeline input, the repository's default location.</summary>
    public sealed class ImportRolloutPlanTests : EngineTest
    {
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
        public void AHugeDurationIsAPositionedErrorAndTheBatchGoesOn()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var ovf = temp.File("ovf.yaml");
            File.WriteAllText(ovf, "schemaVersion: 1\nconnector: slack\nsync:\n  lease: 9999999999999999999999999999d\n");
            var good = temp.File("good.yaml");
            File.Copy(Repo.ExamplePlan, good);
            var result = ps.Run("Import-RolloutPlan $args[0], $args[1]", ovf, good);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("RolloutPlanInvalid,RolloutPlaybook.Commands.ImportRolloutPlanCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("ovf.yaml:4:10", error.ToString());
            Assert.Equal("slack", result.Single<RolloutPlan>().Connector);
        }
    }
}
