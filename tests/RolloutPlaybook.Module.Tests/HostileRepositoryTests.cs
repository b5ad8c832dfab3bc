using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>
    /// Issue 13, breaks 1–3: every repository-reading cmdlet run against tests/fixtures/hostile-repo (built in the
    /// test's own temp folder: link chains out, a chain to /dev/zero, FIFOs, a link loop). Nothing outside may be read
    /// or written, nothing may hang or run out of memory.
    /// </summary>
    public class HostileRepositoryTests
    {
        private static string Builder => Path.Combine(Repo.Fixtures, "hostile-repo", "New-HostileRepository.ps1");

        private static (PSObject Fixture, TempFolder Temp) Build(PowerShellSession ps)
        {
            var temp = new TempFolder();
            var result = ps.Run("& $args[0] -Path $args[1]", Builder, temp.Path);
            result.AssertNoErrors();
            return (Assert.Single(result.Output), temp);
        }

        private static string Prop(PSObject o, string name) => (string)o.Properties[name].Value;

        /// <summary>Runs a script with a deadline: a FIFO read blocks forever, /dev/zero never ends.</summary>
        private static ScriptResult WithDeadline(PowerShellSession ps, string script, params object?[] args)
        {
            var run = Task.Run(() => ps.Run(script, args));
            Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the cmdlet did not finish within 60 s (a FIFO or device was read)");
            return run.Result;
        }

        private static void AssertNothingFromOutside(ScriptResult result)
        {
            foreach (var o in result.Output)
            {
                var text = o.BaseObject is GateResult r
                    ? r.Target + " " + r.Message + " " + string.Join(" ", r.Evidence)
                    : o.BaseObject?.ToString() ?? "";
                Assert.DoesNotContain("HOSTILE_LEAKED_VAR", text);
                Assert.DoesNotContain("outside-bait", text);
                Assert.DoesNotContain("/api/slack/escape", text);
            }
            foreach (var e in result.AllErrors)
            {
                Assert.IsNotType<OutOfMemoryException>(e.Exception);
                Assert.DoesNotContain("HOSTILE_LEAKED_VAR", e.ToString());
            }
        }

        [Fact]
        public void TheGateReadsNothingOutsideAndFinishes()
        {
            using var ps = new PowerShellSession();
            var (fx, temp) = Build(ps);
            using (temp)
            {
                var result = WithDeadline(ps, "Test-RolloutGate -Path $args[0] -RepositoryPath $args[1]", Prop(fx, "SlackPlan"), Prop(fx, "Repo"));
                result.AssertNoErrors();
                Assert.NotEmpty(result.Output);
                AssertNothingFromOutside(result);
                // The honest results are still there: env vars the Slack code reads inside the repository are checked.
                Assert.Contains(result.Output.Select(o => (GateResult)o.BaseObject), r => r.RuleId == "RP.Docs.EnvMatch");
            }
        }

        [Fact]
        public void DefaultPlanDiscoveryReadsNoPlanOutsideTheRepository()
        {
            using var ps = new PowerShellSession();
            var (fx, temp) = Build(ps);
            using (temp)
            {
                ps.SetLocation(Prop(fx, "Repo"));
                var import = WithDeadline(ps, "Import-RolloutPlan");
                Assert.DoesNotContain(import.Output, o => ((RolloutPlan)o.BaseObject).Connector == "outside-bait");
                Assert.Contains(import.Output, o => ((RolloutPlan)o.BaseObject).Connector == "slack");
                var error = Assert.Single(import.AllErrors);
                Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.ImportRolloutPlanCommand", error.FullyQualifiedErrorId);

                var gate = WithDeadline(ps, "Test-RolloutGate -RepositoryPath $args[0]", Prop(fx, "Repo"));
                Assert.DoesNotContain(gate.Output, o => ((GateResult)o.BaseObject).Connector == "outside-bait");
                Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand", Assert.Single(gate.AllErrors).FullyQualifiedErrorId);
                AssertNothingFromOutside(gate);
            }
        }

        [Fact]
        public void TheGateRefusesADocsFolderThatIsALinkChainOut()
        {
            using var ps = new PowerShellSession();
            var (fx, temp) = Build(ps);
            using (temp)
            {
                var result = WithDeadline(ps, "$p = Import-RolloutPlan $args[0]; $p.Repository.Docs = 'docs-out'; $p | Test-RolloutGate -RepositoryPath $args[1]",
                    Prop(fx, "SlackPlan"), Prop(fx, "Repo"));
                var error = Assert.Single(result.AllErrors);
                Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            }
        }

        [Fact]
        public void ExportRolloutDocumentRefusesTheSameFolderAndWritesNothingOutside()
        {
            using var ps = new PowerShellSession();
            var (fx, temp) = Build(ps);
            using (temp)
            {
                foreach (var docs in new[] { "docs-out", "hop/docs", "hop" })
                {
                    var result = WithDeadline(ps, "$p = Import-RolloutPlan $args[0]; $p.Repository.Docs = $args[2]; $p | Export-RolloutDocument -RepositoryPath $args[1] -Force",
                        Prop(fx, "SlackPlan"), Prop(fx, "Repo"), docs);
                    var error = Assert.Single(result.AllErrors);
                    Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.ExportRolloutDocumentCommand", error.FullyQualifiedErrorId);
                    Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
                }
                Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Prop(fx, "Outside"), "docs")));
                Assert.False(File.Exists(Path.Combine(Prop(fx, "Outside"), "SLACK-ROLLOUT-PLAN.md")));

                // The honest folder still works.
                var ok = WithDeadline(ps, "Import-RolloutPlan $args[0] | Export-RolloutDocument -RepositoryPath $args[1] -Force -PassThru", Prop(fx, "SlackPlan"), Prop(fx, "Repo"));
                ok.AssertNoErrors();
                Assert.StartsWith(Prop(fx, "Repo"), ((FileInfo)Assert.Single(ok.Output).BaseObject).FullName);
            }
        }

        [Fact]
        public void FifosAndDevicesAreRefusedAsPlansAndTemplatesWithoutHanging()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            using var ps = new PowerShellSession();
            var (fx, temp) = Build(ps);
            using (temp)
            {
                var fifo = Path.Combine(Prop(fx, "Repo"), "supabase", "migrations", "20990101_fifo.sql");
                var zeroChain = Path.Combine(Prop(fx, "Repo"), "supabase", "migrations", "20990102_zero.sql");
                foreach (var path in new[] { fifo, zeroChain, "/dev/zero" })
                {
                    var result = WithDeadline(ps, "Import-RolloutPlan -LiteralPath $args[0]", path);
                    var error = Assert.Single(result.AllErrors);
                    Assert.Equal("RolloutPlanInvalid,RolloutPlaybook.Commands.ImportRolloutPlanCommand", error.FullyQualifiedErrorId);
                    Assert.Contains("not a regular file", error.Exception.Message);

                    var template = WithDeadline(ps, "Import-RolloutPlan $args[0] | Export-RolloutDocument -Template $args[1]", Prop(fx, "SlackPlan"), path);
                    var terror = Assert.Single(template.AllErrors);
                    Assert.Equal("TemplateNotFound,RolloutPlaybook.Commands.ExportRolloutDocumentCommand", terror.FullyQualifiedErrorId);
                    Assert.Contains("not a regular file", terror.Exception.Message);
                }
            }
        }
    }
}
