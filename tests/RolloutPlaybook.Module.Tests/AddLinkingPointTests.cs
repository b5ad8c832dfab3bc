using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-LinkingPoint through the real engine, on a plan in the pipeline and on a plan file.</summary>
    public sealed class AddLinkingPointTests : EngineTest
    {
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
    }
}
