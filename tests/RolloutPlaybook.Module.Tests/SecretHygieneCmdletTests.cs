using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>No secret values are stored or rendered (SPEC §7), whichever way they arrive.</summary>
    public class SecretHygieneCmdletTests
    {
        // Assembled at run time so the source holds no literal that scanners would flag as a credential.
        private static readonly string SlackToken = string.Concat("xo", "xb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx");
        private static readonly string GitHubToken = string.Concat("gh", "p_", "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789");

        [Theory]
        [InlineData("Add-HandoffEnvVar -EnvVar PLAIN -Local l -Deploy d -Value $args[0]", "Value")]
        [InlineData("Add-RolloutNote -Assumption $args[0]", "Assumption")]
        [InlineData("Set-RolloutPlan -Why $args[0]", "Why")]
        [InlineData("Add-RolloutRoute -Route /api/x/y -Method POST -Writes @{ table = 't'; action = 'update'; onConflict = $args[0] }", "Writes")]
        public void AuthoringCmdletsRefuseSecretLookingArgumentsWithoutChangingThePlan(string command, string parameter)
        {
            using var ps = new PowerShellSession();
            ps.Run("$global:plan = New-RolloutPlan x").AssertNoErrors();
            var before = ps.Run("$plan | Export-RolloutPlan -Path ([IO.Path]::GetTempFileName()) -Force -PassThru | ForEach-Object { [IO.File]::ReadAllText($_.FullName) }").Output.Single().ToString();
            var result = ps.Run("$plan | " + command, GitHubToken);
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("SecretLikeValue,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Contains("-" + parameter + " looks like a GitHub token", error.Exception.Message);
            Assert.DoesNotContain(GitHubToken, error.ToString());
            Assert.Empty(result.Output);
            var after = ps.Run("$plan | Export-RolloutPlan -Path ([IO.Path]::GetTempFileName()) -Force -PassThru | ForEach-Object { [IO.File]::ReadAllText($_.FullName) }").Output.Single().ToString();
            Assert.Equal(before, after);
        }

        [Fact]
        public void APlanChangedInMemoryIsNeitherWrittenNorRenderedWithTheSecret()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            var before = File.ReadAllBytes(file);
            ps.Run("$global:p = Import-RolloutPlan $args[0]; $p.Assumptions.Add($args[1])", file, SlackToken).AssertNoErrors();

            var export = ps.Run("$p | Export-RolloutPlan");
            var error = Assert.Single(export.AllErrors);
            Assert.StartsWith("RolloutPlanInvalid,", error.FullyQualifiedErrorId);
            Assert.Contains("assumptions[1]: looks like a Slack token", error.ToString());
            Assert.Equal(before, File.ReadAllBytes(file));

            foreach (var render in new[] { "$p | Export-RolloutDocument", "$p | Export-AgentPrompt", "$p | Export-SetupHandoff -Format Json" })
            {
                var text = string.Concat(ps.Run(render).Output.Select(o => o.ToString()));
                Assert.NotEmpty(text);
                Assert.DoesNotContain(SlackToken, text);
            }
            var document = string.Concat(ps.Run("$p | Export-RolloutDocument").Output.Select(o => o.ToString()));
            Assert.Contains("[redacted: a Slack token]", document);
        }
    }
}
