using System.IO;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The README's main job: examples/build-slack-plan.ps1 authors the whole example plan from nothing.</summary>
    public class SlackScenarioTests
    {
        private static string Script => Path.Combine(Repo.Root, "examples", "build-slack-plan.ps1");

        [Fact]
        public void TheScriptBuildsTheExamplePlanByteForByte()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var output = temp.ExampleLayoutFile("rollout-plan.yaml");
            var result = ps.Run("& $args[0] -OutputPath $args[1]", Script, output);
            result.AssertNoErrors();
            Assert.Empty(result.Warnings);
            Assert.Equal(File.ReadAllBytes(Repo.ExamplePlan), File.ReadAllBytes(output));
        }

        [Fact]
        public void TheBuiltPlanImportsWithNoIntakeQuestionLeft()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var output = temp.File("rollout-plan.yaml");
            ps.Run("& $args[0] $args[1]", Script, output).AssertNoErrors();
            var plan = ps.Run("Import-RolloutPlan $args[0]", output).Single<RolloutPlan>();
            Assert.Equal(new[] { "Keep sender_is_staff denormalized or compute at query time?" }, plan.OpenQuestions);
            Assert.Equal(6, plan.Team.Tasks.Count);
        }
    }
}
