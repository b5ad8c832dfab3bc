using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Issue 13's reproductions through the real engine, one test per break (breaks 1–3: HostileRepositoryTests).</summary>
    public class BreakReproductionTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper output;

        public BreakReproductionTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

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

        // Assembled at run time: synthetic shapes, never real keys.
        private static readonly string StripeKey = string.Concat("s", "k_live_", "4eC39HqLyjWDarjtT1zdp7dcZx8Qw3Lm");

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
        public void AReadOnlyPlanIsRefusedWithoutForceAndWrittenWithIt()
        {
            if (OperatingSystem.IsWindows()) return;
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var before = File.ReadAllText(file);
            var refused = ps.Run("Set-RolloutPlan -Path $args[0] -DisplayName 'Slack 2'", file);
            var error = Assert.Single(refused.AllErrors);
            Assert.Equal("RolloutPlanReadOnly,RolloutPlaybook.Commands.SetRolloutPlanCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Equal(before, File.ReadAllText(file));
            ps.Run("$p = Import-RolloutPlan $args[0]; $p.DisplayName = 'Slack 2'; $p | Export-RolloutPlan -Force", file).AssertNoErrors();
            Assert.Contains("displayName: Slack 2", File.ReadAllText(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        }

        [Fact]
        public void ConcurrentPathEditsSerialiseInsteadOfFailing()
        {
            // Four runspaces, each adding its own assumptions to one file with -Path at the same time. With the lock taken
            // before the read every edit waits its turn and sees the ones before it: no RolloutPlanChangedOnDisk, nothing lost.
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            const int writers = 4, edits = 15;
            var sessions = new PowerShellSession[writers];
            for (int w = 0; w < writers; w++) sessions[w] = new PowerShellSession();
            var failures = new int[writers];
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using (var start = new System.Threading.Barrier(writers))
            {
                var threads = new System.Threading.Thread[writers];
                for (int w = 0; w < writers; w++)
                {
                    int id = w;
                    threads[w] = new System.Threading.Thread(() =>
                    {
                        start.SignalAndWait();
                        for (int i = 0; i < edits; i++)
                        {
                            var r = sessions[id].Run("Add-RolloutNote -Path $args[0] -Assumption $args[1]", file, "writer " + id + " edit " + i);
                            if (r.AllErrors.Any()) failures[id]++;
                        }
                    });
                    threads[w].Start();
                }
                foreach (var t in threads) t.Join();
            }
            watch.Stop();
            foreach (var s in sessions) s.Dispose();
            var text = File.ReadAllText(file);
            int kept = 0;
            for (int w = 0; w < writers; w++)
                for (int i = 0; i < edits; i++)
                    if (text.Contains("writer " + w + " edit " + i)) kept++;
            output.WriteLine("contention: " + writers + " writers x " + edits + " -Path edits: " + failures.Sum() + " failed, " + kept + " kept, " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal(0, failures.Sum());
            Assert.Equal(writers * edits, kept);
            Assert.Single(Directory.GetFiles(temp.Path));
        }
    }
}
