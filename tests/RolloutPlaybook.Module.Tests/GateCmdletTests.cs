using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Test-RolloutGate and Get-RolloutRule through the real engine, as users call them.</summary>
    public class GateCmdletTests
    {
        private static string AppRepo => Path.Combine(Repo.Fixtures, "app-repo");

        // ---- bad input first ----

        [Fact]
        public void OutputFormatWithoutOutputPathIsATerminatingError()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -OutputFormat JUnit", Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("GateOutputPathRequired,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void MissingRepositoryIsATerminatingErrorNamingIt()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1]", Repo.ExamplePlan, temp.File("nope"));
            var error = Assert.Single(result.AllErrors);
            Assert.Equal("RepositoryNotFound,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("nope", error.Exception.Message);
        }

        [Fact]
        public void MissingPlanFileIsANonTerminatingErrorAndOtherPlansStillRun()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Test-RolloutGate -Path $args[0], $args[1]", temp.File("missing.yaml"), Repo.ExamplePlan);
            var error = Assert.Single(result.Errors);
            Assert.Equal("RolloutPlanNotFound,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, o => Assert.Equal("slack", ((GateResult)o.BaseObject).Connector));
        }

        [Fact]
        public void InvalidPlanFileGivesOneErrorPerProblemAndQuietIsFalse()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var bad = temp.File("bad.yaml");
            File.WriteAllText(bad, "schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: slack_user\n    cardinality: 1-1\n    colour: red\n");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Quiet", bad);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("RolloutPlanInvalid,RolloutPlaybook.Commands.TestRolloutGateCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            });
            Assert.False(result.Single<bool>());
        }

        [Fact]
        public void PlanPathEscapingTheRepositoryIsAnError()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("New-RolloutPlan -Connector slack | ForEach-Object { $_.Repository.Routes = '../../etc'; $_ } | Test-RolloutGate -RepositoryPath $args[0]", temp.Path);
            var error = Assert.Single(result.Errors);
            Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void UnknownRuleIdIsAnErrorButAWildcardMatchingNothingIsNot()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Get-RolloutRule -Id RP.Sync.Nope; Get-RolloutRule -Id 'RP.Nothing.*'");
            var error = Assert.Single(result.Errors);
            Assert.Equal("RolloutRuleNotFound,RolloutPlaybook.Commands.GetRolloutRuleCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void UnknownCategoryIsRejectedByValidation()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Category Nonsense", Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        }

        // ---- behaviour ----

        /// <summary>The example plan copied where no git work tree holds it: without -RepositoryPath its repository rules Skip.</summary>
        private static string ExampleOutsideGit(TempFolder temp)
        {
            var file = temp.File("slack.rollout-plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            return file;
        }

        private static string CleanFixturePlan => Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml");

        [Fact]
        public void StreamsOneResultPerRuleAndTargetWithPlanPositions()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var plan = ExampleOutsideGit(temp);
            var result = ps.Run("Import-RolloutPlan $args[0] | Test-RolloutGate", plan);
            result.AssertNoErrors();
            var results = result.Output.Select(o => (GateResult)o.BaseObject).ToList();
            Assert.DoesNotContain(results, r => r.Outcome == GateOutcome.Fail);
            var skip = results.Where(r => r.RuleId == "RP.Docs.RoutesMatch").Single();
            Assert.Equal(GateOutcome.Skip, skip.Outcome);
            Assert.Contains("-RepositoryPath", skip.Message);
            var lp = results.Single(r => r.RuleId == "RP.Map.SourceDeclared" && r.Target == "slack_channel");
            Assert.Equal(plan, lp.PlanFile);
            Assert.Equal(31, lp.PlanLine);
            Assert.StartsWith(plan + ":31", lp.Evidence[0]);
            Assert.Equal(results.Count, results.Select(r => r.RuleId + "|" + r.Target).Distinct().Count());
        }

        [Fact]
        public void FiltersByRuleCategoryAndPhase()
        {
            using var ps = new PowerShellSession();
            var rules = ps.Run("Test-RolloutGate -Path $args[0] -Rule 'RP.Sync.*','RP.Team.Acyclic' | ForEach-Object RuleId", Repo.ExamplePlan);
            rules.AssertNoErrors();
            Assert.Equal(new[] { "RP.Sync.OverlapSafe", "RP.Sync.PageCapSafe", "RP.Sync.RateBudget", "RP.Sync.RestartSafe", "RP.Team.Acyclic" },
                rules.Output.Select(o => (string)o.BaseObject).Distinct().OrderBy(x => x));
            var handoff = ps.Run("Test-RolloutGate -Path $args[0] -Category Handoff | ForEach-Object Category", Repo.ExamplePlan);
            Assert.All(handoff.Output, o => Assert.Equal("Handoff", o.BaseObject));
            var phase = ps.Run("Test-RolloutGate -Path $args[0] -Phase sync -Rule RP.Phase.ChecksDefined | ForEach-Object Target", Repo.ExamplePlan);
            Assert.Equal("sync", Assert.Single(phase.Output).BaseObject);
        }

        [Fact]
        public void QuietWorksInAnIf()
        {
            using var ps = new PowerShellSession();
            var open = ps.Run("if (Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Quiet) { 'open' } else { 'closed' }", CleanFixturePlan, AppRepo);
            open.AssertNoErrors();
            Assert.Equal("open", Assert.Single(open.Output).BaseObject);
            var closed = ps.Run("if (New-RolloutPlan -Connector acme | Test-RolloutGate -Quiet) { 'open' } else { 'closed' }");
            closed.AssertNoErrors();
            Assert.Equal("closed", Assert.Single(closed.Output).BaseObject);
            var value = ps.Run("New-RolloutPlan -Connector acme | Test-RolloutGate -Quiet");
            Assert.False(value.Single<bool>());
        }

        [Fact]
        public void QuietIsNeverOpenWhileRepositoryRulesWereSkipped()
        {
            // SPEC §8: 74 Pass and 10 Skip must not read as "gate open".
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Quiet", ExampleOutsideGit(temp));
            result.AssertNoErrors();
            Assert.False(result.Single<bool>());
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("repository rule result(s) were skipped", warning);
            Assert.Contains("RP.Docs.RoutesMatch", warning);
            // Only plan rules asked for: nothing was skipped, so the answer is the plan's.
            var planOnly = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Sync.*, RP.Team.* -Quiet", Path.Combine(temp.Path, "slack.rollout-plan.yaml"));
            Assert.True(planOnly.Single<bool>());
        }

        [Fact]
        public void WithoutRepositoryPathTheGitWorkTreeHoldingThePlanIsTheRepository()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            // A copy of the fixture application made into a git work tree (a .git file, as a worktree has).
            foreach (var file in Directory.GetFiles(AppRepo, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(temp.Path, Path.GetRelativePath(AppRepo, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            File.WriteAllText(Path.Combine(temp.Path, ".git"), "gitdir: /nowhere\n");
            var hubspot = Path.Combine(temp.Path, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            var found = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Docs.RoutesMatch | Where-Object Outcome -eq Fail", hubspot);
            found.AssertNoErrors();
            Assert.NotEmpty(found.Output);
            var given = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Docs.RoutesMatch -RepositoryPath $args[1] | Where-Object Outcome -eq Fail", hubspot, temp.Path);
            Assert.Equal(given.Output.Select(o => ((GateResult)o.BaseObject).Message), found.Output.Select(o => ((GateResult)o.BaseObject).Message));
            Assert.False(ps.Run("Test-RolloutGate -Path $args[0] -Quiet", hubspot).Single<bool>());
        }

        /// <summary>A copy of the fixture application whose hubspot plan ends with these extra <c>repository:</c> lines (from line 213 on).</summary>
        private static string HubspotWithRepositoryLines(TempFolder temp, string lines)
        {
            foreach (var file in Directory.GetFiles(AppRepo, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(temp.Path, Path.GetRelativePath(AppRepo, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var plan = Path.Combine(temp.Path, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            Assert.Equal(212, File.ReadAllLines(plan).Length);
            File.AppendAllText(plan, lines);
            return plan;
        }

        [Fact]
        public void AMissingConfiguredMigrationsEntryOrEnvExampleFailsItsRulesAtItsPlanLineNotAPass()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            // SPEC §8: the misspelt folder would leave the gate reading no migration at all (a Pass over nothing).
            var plan = HubspotWithRepositoryLines(temp, "  migrations: [supabase/migratons]\n  envExample:\n    - .env.exmaple\n");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Rule RP.Map.OneToOneEnforced, RP.Docs.EnvMatch, RP.Docs.RoutesMatch", plan, temp.Path);
            result.AssertNoErrors();
            var results = result.Output.Select(o => (GateResult)o.BaseObject).ToList();
            var migrations = Assert.Single(results, r => r.RuleId == "RP.Map.OneToOneEnforced");
            Assert.Equal(GateOutcome.Fail, migrations.Outcome);
            Assert.Equal("supabase/migratons", migrations.Target);
            Assert.Equal(plan, migrations.PlanFile);
            Assert.Equal(213, migrations.PlanLine);
            Assert.Equal("repository.migrations[0]", migrations.PlanKey);
            Assert.StartsWith("repository.migrations[0]: 'supabase/migratons' does not exist in the repository", migrations.Message);
            var env = Assert.Single(results, r => r.RuleId == "RP.Docs.EnvMatch");
            Assert.Equal(GateOutcome.Fail, env.Outcome);
            Assert.Equal(215, env.PlanLine);
            Assert.Equal("repository.envExample[0]", env.PlanKey);
            // Rules that do not read those paths still run on the repository.
            Assert.Contains(results, r => r.RuleId == "RP.Docs.RoutesMatch");
            // The gate stays closed.
            Assert.False(ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1] -Quiet", plan, temp.Path).Single<bool>());
        }

        [Fact]
        public void PathOutsideRepositoryNamesThePlanLineAndKey()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var plan = HubspotWithRepositoryLines(temp, "  routes: src/app/../../etc\n");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1]", plan, temp.Path);
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal("PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.StartsWith(plan + ":213:3: repository.routes: 'src/app/../../etc' climbs out with '..'", error.Exception.Message);
        }

        [Fact]
        public void ManyPlansInOnePipeline()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0], $args[1] | Test-RolloutGate -Rule RP.Map.SourceDeclared | ForEach-Object Connector",
                Repo.ExamplePlan, Path.Combine(AppRepo, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml"));
            result.AssertNoErrors();
            Assert.Equal(new[] { "slack", "slack", "hubspot", "hubspot" }, result.Output.Select(o => (string)o.BaseObject));
        }

        [Theory]
        [InlineData("JUnit", "gate.xml", "testsuites")]
        [InlineData("NUnit3", "gate.xml", "test-run")]
        [InlineData("Sarif", "gate.sarif", "\"version\": \"2.1.0\"")]
        [InlineData("Markdown", "gate.md", "# Rollout gate: PASSED")]
        public void EachOutputFormatWritesItsReportAndStillStreamsResults(string format, string name, string expected)
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File(name);
            var result = ps.Run("Test-RolloutGate -Path $args[0] -OutputFormat $args[1] -OutputPath $args[2]", ExampleOutsideGit(temp), format, file);
            result.AssertNoErrors();
            Assert.NotEmpty(result.Output);
            var text = File.ReadAllText(file);
            Assert.Contains(expected, text);
            if (name.EndsWith(".xml"))
            {
                var doc = XDocument.Parse(text);
                Assert.Equal(result.Output.Count, doc.Descendants(format == "JUnit" ? "testcase" : "test-case").Count());
            }
        }

        [Fact]
        public void WhatIfWritesNoReportAndQuietStillAnswers()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("gate.xml");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -RepositoryPath $args[2] -OutputFormat JUnit -OutputPath $args[1] -Quiet -WhatIf", CleanFixturePlan, file, AppRepo);
            result.AssertNoErrors();
            Assert.True(result.Single<bool>());
            Assert.False(File.Exists(file));
        }

        [Fact]
        public void ReportsProgressWhileScanning()
        {
            using var ps = new PowerShellSession();
            using var shell = PowerShell.Create();
            shell.Runspace = ps.Runspace;
            shell.AddScript("Test-RolloutGate -Path $args[0] -RepositoryPath $args[1]").AddArgument(Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml")).AddArgument(AppRepo);
            shell.Invoke();
            Assert.Empty(shell.Streams.Error);
            Assert.Contains(shell.Streams.Progress, p => p.StatusDescription.Contains("RP.Docs.RoutesMatch") && p.CurrentOperation.StartsWith("Scanning"));
            Assert.Equal(ProgressRecordType.Completed, shell.Streams.Progress.Last().RecordType);
        }

        [Fact]
        public void ProgressRunsOnceOverAllThePlansAndSaysWhichPlanOfHowMany()
        {
            using var ps = new PowerShellSession();
            using var shell = PowerShell.Create();
            shell.Runspace = ps.Runspace;
            shell.AddScript("Test-RolloutGate -Path $args[0], $args[1] -RepositoryPath $args[2]")
                .AddArgument(Path.Combine(AppRepo, "src", "docs", "connectors", "slack", "rollout-plan.yaml"))
                .AddArgument(Path.Combine(AppRepo, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml")).AddArgument(AppRepo);
            shell.Invoke();
            var records = shell.Streams.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
            Assert.Contains(records, p => p.StatusDescription.StartsWith("Plan 1 of 2: 'slack'"));
            Assert.Contains(records, p => p.StatusDescription.StartsWith("Plan 2 of 2: 'hubspot'"));
            // Never back to 0% for the second plan: the percentages only grow.
            var percents = records.Select(p => p.PercentComplete).ToList();
            Assert.Equal(percents.OrderBy(x => x), percents);
            Assert.True(records.Where(p => p.StatusDescription.StartsWith("Plan 2")).Min(p => p.PercentComplete) >= 50);
        }

        [Fact]
        public void StopsWhenThePipelineIsStopped()
        {
            using var ps = new PowerShellSession();
            using var shell = PowerShell.Create();
            shell.Runspace = ps.Runspace;
            shell.AddScript("$plan = Import-RolloutPlan $args[0]; & { while ($true) { $plan } } | Test-RolloutGate -RepositoryPath $args[1]")
                .AddArgument(Repo.ExamplePlan).AddArgument(Path.Combine(Repo.Fixtures, "app-repo"));
            var output = new PSDataCollection<PSObject>();
            using var started = new System.Threading.ManualResetEventSlim();
            output.DataAdded += (_, _) => { if (output.Count > 100) started.Set(); };
            var async = shell.BeginInvoke<PSObject, PSObject>(null, output);
            Assert.True(started.Wait(TimeSpan.FromSeconds(60)), "no results arrived");
            shell.Stop();
            Assert.True(async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the gate did not stop");
            Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }

        [Fact]
        public void GetRolloutRuleListsTheCatalogueWithWildcardsAndCategories()
        {
            using var ps = new PowerShellSession();
            var all = ps.Run("Get-RolloutRule");
            all.AssertNoErrors();
            var rules = all.Output.Select(o => (RolloutRule)o.BaseObject).ToList();
            Assert.True(rules.Count >= 22);
            Assert.Contains(rules, r => r.Id == "RP.Gate.WaiverExpired");
            Assert.All(rules, r => Assert.False(string.IsNullOrEmpty(r.Recommendation)));
            var sync = ps.Run("Get-RolloutRule 'rp.sync.*' | ForEach-Object Id");
            Assert.Equal(4, sync.Output.Count);
            var repo = ps.Run("Get-RolloutRule -Category Docs | Where-Object NeedsRepository | ForEach-Object Id");
            Assert.Equal(new[] { "RP.Docs.RoutesMatch", "RP.Docs.MigrationsMatch", "RP.Docs.EnvMatch", "RP.Docs.DocumentCurrent" }, repo.Output.Select(o => (string)o.BaseObject));
            var byPipeline = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Sync.RateBudget | Get-RolloutRule | ForEach-Object Id", Repo.ExamplePlan);
            Assert.Equal("RP.Sync.RateBudget", Assert.Single(byPipeline.Output).BaseObject);
        }

        /// <summary>
        /// -Category accepts every category a rule has (RuleCategory, the middle part of the rule ids), in any case. The
        /// ValidateSet copied into the two cmdlets had no Api, so the RP.Api rules could not be selected by category.
        /// </summary>
        [Fact]
        public void CategoryAcceptsEveryRuleCategory()
        {
            using var ps = new PowerShellSession();
            var api = ps.Run("Get-RolloutRule -Category api | ForEach-Object Id");
            api.AssertNoErrors();
            Assert.Equal(new[] { "RP.Api.Guarded", "RP.Api.BodyValidated" }, api.Output.Select(o => (string)o.BaseObject));
            var gate = ps.Run("Test-RolloutGate -Path $args[0] -Category Api | ForEach-Object RuleId", Repo.ExamplePlan);
            gate.AssertNoErrors();
            Assert.Equal(new[] { "RP.Api.BodyValidated", "RP.Api.Guarded" }, gate.Output.Select(o => (string)o.BaseObject).Distinct().OrderBy(s => s, System.StringComparer.Ordinal));
            var accepted = ps.Run("Get-RolloutRule -Category ([enum]::GetNames([RolloutPlaybook.Model.RuleCategory])) | ForEach-Object { $_.Category.ToString() }");
            accepted.AssertNoErrors();
            Assert.Equal(System.Enum.GetNames(typeof(RuleCategory)).OrderBy(n => n, System.StringComparer.Ordinal),
                accepted.Output.Select(o => (string)o.BaseObject).Distinct().OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public void WaivedAndExpiredWaiversThroughThePipeline()
        {
            using var ps = new PowerShellSession();
            var script = "$expires = $args[1]; Import-RolloutPlan $args[0] | ForEach-Object { $_.Sync.CallInterval = [RolloutPlaybook.Model.Duration]::Parse('1s'); $_.Waivers[0].Target = 'sync'; $_.Waivers[0].Expires = $expires; $_ } | Test-RolloutGate -Rule RP.Sync.RateBudget, RP.Gate.WaiverExpired";
            var active = ps.Run(script, Repo.ExamplePlan, DateTime.UtcNow.Date.AddDays(30));
            active.AssertNoErrors();
            var waived = (GateResult)Assert.Single(active.Output).BaseObject;
            Assert.Equal(GateOutcome.Waived, waived.Outcome);
            Assert.Equal("one-off backfill", waived.WaiverReason);
            var expired = ps.Run(script, Repo.ExamplePlan, DateTime.UtcNow.Date.AddDays(-1));
            var outcomes = expired.Output.Select(o => (GateResult)o.BaseObject).ToList();
            Assert.Equal(GateOutcome.Fail, outcomes.Single(r => r.RuleId == "RP.Sync.RateBudget").Outcome);
            Assert.Equal(GateOutcome.Fail, outcomes.Single(r => r.RuleId == "RP.Gate.WaiverExpired").Outcome);
        }
    }
}
