using System;
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
        private static readonly string StripeKey = string.Concat("s", "k_live_", "4eC39HqLyjWDarjtT1zdp7dcZx8Qw3Lm");

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

        [Fact]
        public void AFilePathWithAGuidIsNotASecretButAStripeKeyIsRefusedAsAnArgument()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var folder = Path.Combine(temp.Path, "3F9C2A1E-7B4D-4E8F-9A6B-1C2D3E4FAbC9xYz" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var plan = Path.Combine(folder, "plan.yaml");
            File.Copy(Repo.ExamplePlan, plan);
            ps.Run("Add-HandoffEnvVar -Path $args[0] -EnvVar SLACK_PAGE_CAP -Local .env.local -Deploy 'GCP secret manager projects/acme-prod-394512/secrets/SLACK_BOT_TOKEN/versions/latest' -Purpose 'used by SlackWebApiClientFactoryV2ForPartnerChannels'", plan).AssertNoErrors();
            Assert.Contains("SlackWebApiClientFactoryV2ForPartnerChannels", File.ReadAllText(plan));

            var refused = ps.Run("Set-RolloutPlan -Path $args[0] -Why $args[1]", plan, "rotated " + StripeKey);
            var error = Assert.Single(refused.AllErrors);
            Assert.Equal("SecretLikeValue,RolloutPlaybook.Commands.SetRolloutPlanCommand", error.FullyQualifiedErrorId);
            Assert.Contains("a Stripe secret key", error.Exception.Message);
            Assert.DoesNotContain(StripeKey, error.ToString());
            Assert.DoesNotContain(StripeKey, File.ReadAllText(plan));
        }

        [Fact]
        public void ASecretSetInMemoryReachesNoExportNoGateMessageAndNoReport()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            ps.Run("$global:p = Import-RolloutPlan $args[0]; $c = $p.Phases.Sync.Checks | Where-Object Id -eq 'sync-build'; $c.Status = 'Pass'; $c.Evidence = $args[1]; " +
                   "$e = @($p.Handoff.Env | Where-Object { -not $_.Secret })[0]; $e.Value = $args[2]", Repo.ExamplePlan, "CI run (" + StripeKey + ")", StripeKey).AssertNoErrors();
            foreach (var script in new[]
            {
                "$p | Export-SetupHandoff -Format DotEnv",
                "$p | Export-SetupHandoff -Format Json",
                "$p | Export-SetupHandoff",
                "$p | Export-RolloutDocument",
                "$p | Export-AgentPrompt -Role (@($p.Team.Tasks)[0].Agent)",
                "$p | Test-RolloutGate | ForEach-Object { $_.Message; $_.Target; $_.Evidence }",
                "$p | Test-RolloutGate -OutputFormat Sarif -OutputPath $args[0] | Out-Null; [IO.File]::ReadAllText($args[0])",
                "$p | Test-RolloutGate -OutputFormat JUnit -OutputPath $args[0] | Out-Null; [IO.File]::ReadAllText($args[0])",
            })
            {
                var result = ps.Run(script, temp.File("report.out"));
                var text = string.Join("\n", result.Output.Select(o => o?.ToString()));
                Assert.False(string.IsNullOrWhiteSpace(text), script + " wrote nothing");
                Assert.DoesNotContain(StripeKey, text);
                foreach (var e in result.AllErrors) Assert.DoesNotContain(StripeKey, e.ToString());
            }
            // Writing the plan refuses (it would not load back), without echoing the value.
            var export = ps.Run("$p | Export-RolloutPlan -Path $args[0]", temp.File("out.yaml"));
            Assert.NotEmpty(export.AllErrors);
            Assert.DoesNotContain(StripeKey, export.AllErrors.First().ToString());
            Assert.False(File.Exists(temp.File("out.yaml")));
        }

        [Fact]
        public void ATemplateCannotChangeTheLivePlanNorPrintASecretInPieces()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var forge = temp.File("forge.scriban");
            File.WriteAllText(forge, "{{ plan.phases.sync.checks[0].status = plan.phases.sync.checks[1].status }}{{ plan.phases.sync.checks[0].evidence = \"forged by template\" }}{{ plan.goal.why | string.slice 0 5 }}.{{ plan.goal.why | string.slice 5 }}\n");
            var hyphen = temp.File("hyphen.scriban");
            File.WriteAllText(hyphen, "{{ plan.goal.why }}\n");
            ps.Run("$global:p = Import-RolloutPlan $args[0]; $p.Phases.Sync.Checks[1].Status = 'Pass'; $p.Phases.Sync.Checks[1].Evidence = 'ci'; $global:before = $p.Phases.Sync.Checks[0].Status", Repo.ExamplePlan).AssertNoErrors();

            ps.Run("$p.Goal.Why = $args[0]", StripeKey).AssertNoErrors();
            var pieces = ps.Run("$p | Export-RolloutDocument -Template $args[0]", forge);
            pieces.AssertNoErrors();
            var text = string.Concat(pieces.Output.Select(o => o.ToString())).Replace(".", "");
            Assert.DoesNotContain(StripeKey, text);
            Assert.DoesNotContain(StripeKey.Substring(5), text);
            Assert.Equal(ps.Run("$before").Output.Single().ToString(), ps.Run("$p.Phases.Sync.Checks[0].Status").Output.Single().ToString());
            Assert.NotEqual("forged by template", ps.Run("$p.Phases.Sync.Checks[0].Evidence").Output.SingleOrDefault()?.ToString());

            // A look-alike hyphen (U+2011) in a token is seen through.
            var slack = string.Concat("xo", "xb\u2011", "123456789012\u20111234567890123\u2011AbCdEfGhIjKlMnOpQrStUvWx");
            ps.Run("$p.Goal.Why = $args[0]", slack).AssertNoErrors();
            var whole = ps.Run("$p | Export-RolloutDocument -Template $args[0]", hyphen);
            whole.AssertNoErrors();
            Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUvWx", whole.Output.Single().ToString());
        }
    }
}
