using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>New-RolloutPlan -RepositoryPath and Update-RolloutPlan through the engine, on a copy of the fixture application.</summary>
    public class DraftingCmdletTests
    {
        /// <summary>A copy of tests/fixtures/app-repo with a .git folder (a work tree of its own).</summary>
        private static TempFolder CopyOfApp()
        {
            var folder = new TempFolder();
            var source = Path.Combine(Repo.Fixtures, "app-repo");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.Path, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            Directory.CreateDirectory(Path.Combine(folder.Path, ".git"));
            return folder;
        }

        private static string SlackPlan(TempFolder app) => Path.Combine(app.Path, "src", "docs", "connectors", "slack", "rollout-plan.yaml");

        [Fact]
        public void NewRolloutPlanDraftsTheConnectorFromItsCode()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            ps.SetLocation(app.Path);
            var result = ps.Run("New-RolloutPlan -Connector slack -RepositoryPath .");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(new[] { "/api/cron/slack-sync", "/api/slack/mappings/channels", "/api/slack/mappings/staff", "/api/slack/sync/channel/[channelId]", "/api/slack/test-connection" },
                plan.Routes.Select(r => r.Path));
            Assert.Equal("cron", plan.Routes[0].Auth);
            Assert.Equal(new[] { "CRON_SECRET", "SLACK_BOT_TOKEN", "SLACK_SYNC_PAGE_CAP" }, plan.Handoff.Env.Select(e => e.Name));
            Assert.Equal(new[] { "slack_channel", "slack_user" }, plan.LinkingPoints.Select(lp => lp.Source));
            Assert.Contains(plan.Assumptions, a => a.StartsWith("From code: ", StringComparison.Ordinal));
        }

        [Fact]
        public void ADraftExportedTwiceIsTheSameBytesAndUpdateLeavesItAlone()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            ps.SetLocation(app.Path);
            ps.Run("New-RolloutPlan -Connector slack -RepositoryPath . | Export-RolloutPlan -Path a.yaml; New-RolloutPlan -Connector slack -RepositoryPath . | Export-RolloutPlan -Path b.yaml").AssertNoErrors();
            var a = File.ReadAllBytes(app.File("a.yaml"));
            Assert.Equal(a, File.ReadAllBytes(app.File("b.yaml")));
            var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(app.File("a.yaml"), stamp);

            var result = ps.Run("Update-RolloutPlan -Path a.yaml -RepositoryPath .");
            result.AssertNoErrors();
            Assert.DoesNotContain(result.Output.Select(o => (PlanChange)o.BaseObject), c => c.Kind == PlanChangeKind.Added || c.Kind == PlanChangeKind.Removed);
            Assert.Equal(a, File.ReadAllBytes(app.File("a.yaml")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(app.File("a.yaml")));
        }

        [Fact]
        public void UpdateAndExportRolloutDocumentSayWhichPlanTheyAreAtAndHonourProgressPreference()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            ps.SetLocation(app.Path);
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path a.yaml; New-RolloutPlan -Connector hubspot | Export-RolloutPlan -Path b.yaml").AssertNoErrors();
            using (var shell = System.Management.Automation.PowerShell.Create())
            {
                shell.Runspace = ps.Runspace;
                shell.AddScript("Update-RolloutPlan -Path a.yaml, b.yaml -RepositoryPath . -WhatIf | Out-Null; Import-RolloutPlan a.yaml, b.yaml | Export-RolloutDocument | Out-Null");
                shell.Invoke();
                Assert.Empty(shell.Streams.Error);
                var update = shell.Streams.Progress.Where(p => p.Activity == "Update-RolloutPlan" && p.RecordType == ProgressRecordType.Processing).ToList();
                Assert.Contains(update, p => p.StatusDescription.StartsWith("Plan 1 of 2: reading the code of connector 'slack'", StringComparison.Ordinal) && p.PercentComplete == 0);
                Assert.Contains(update, p => p.StatusDescription.StartsWith("Plan 2 of 2: reading the code of connector 'hubspot'", StringComparison.Ordinal) && p.PercentComplete == 50);
                var export = shell.Streams.Progress.Where(p => p.Activity == "Export-RolloutDocument").ToList();
                Assert.Contains(export, p => p.StatusDescription == "Plan 2: rendering the document of 'hubspot'");
                Assert.Equal(ProgressRecordType.Completed, export.Last().RecordType);
            }
            using (var quiet = System.Management.Automation.PowerShell.Create())
            {
                quiet.Runspace = ps.Runspace;
                quiet.AddScript("$ProgressPreference = 'SilentlyContinue'; Import-RolloutPlan a.yaml | Export-RolloutDocument | Out-Null");
                quiet.Invoke();
                Assert.Empty(quiet.Streams.Error);
                Assert.Empty(quiet.Streams.Progress);
            }
        }

        [Fact]
        public void WhatIfShowsTheChangeRecordsAndWritesNothing()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            var file = Path.Combine(app.Path, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            var before = File.ReadAllBytes(file);
            var result = ps.Run("Update-RolloutPlan -LiteralPath $args[0] -WhatIf", file);
            result.AssertNoErrors();
            var changes = result.Output.Select(o => (PlanChange)o.BaseObject).ToList();
            Assert.Contains(changes, c => c.Kind == PlanChangeKind.Added && c.Item == PlanItemKind.EnvVar && c.Target == "HUBSPOT_PORTAL_ID" && c.Code == "src/lib/hubspot/client.ts:13");
            Assert.Contains(changes, c => c.Kind == PlanChangeKind.NotInCode && c.Target == "DELETE /api/hubspot/mappings/owners");
            Assert.All(changes, c => { Assert.False(c.Applied); Assert.Equal(file, c.PlanFile); Assert.Equal("hubspot", c.Connector); });
            Assert.Equal(before, File.ReadAllBytes(file));
        }

        [Fact]
        public void UpdateWritesTheAdditionsAndPruneRemovesWhatTheCodeDropped()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            var file = Path.Combine(app.Path, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            // The fixture plan has hand-written comments: the refresh splices its additions in and keeps every one.
            var comments = File.ReadAllLines(file).Where(l => l.TrimStart().StartsWith("#", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(comments);
            var added = ps.Run("Update-RolloutPlan -Path $args[0]", file);
            added.AssertNoErrors();
            var after = File.ReadAllLines(file);
            Assert.All(comments, c => Assert.Contains(c, after));
            Assert.Contains(added.Output.Select(o => (PlanChange)o.BaseObject), c => c.Kind == PlanChangeKind.Added && c.Applied);
            var plan = ps.Run("Import-RolloutPlan $args[0]", file).Single<RolloutPlan>();
            Assert.Contains(plan.Handoff.Env, e => e.Name == "HUBSPOT_PORTAL_ID");
            Assert.Contains(RouteMethod.PATCH, plan.Routes.Single(r => r.Path == "/api/hubspot/mappings/companies").Methods);
            Assert.Contains(RouteMethod.DELETE, plan.Routes.Single(r => r.Path == "/api/hubspot/mappings/owners").Methods);

            var pruned = ps.Run("[System.IO.FileInfo]::new($args[0]) | Update-RolloutPlan -Prune -PassThru", file);
            pruned.AssertNoErrors();
            var removed = pruned.Output.Where(o => o.BaseObject is PlanChange).Select(o => (PlanChange)o.BaseObject).Where(c => c.Kind == PlanChangeKind.Removed).ToList();
            Assert.Equal(new[] { "DELETE /api/hubspot/mappings/owners", "supabase/migrations/20260303_hubspot_deals.sql" }, removed.Select(c => c.Target));
            var passed = (RolloutPlan)pruned.Output.Last().BaseObject;
            Assert.DoesNotContain(RouteMethod.DELETE, passed.Routes.Single(r => r.Path == "/api/hubspot/mappings/owners").Methods);
            Assert.DoesNotContain("supabase/migrations/20260303_hubspot_deals.sql", ps.Run("Import-RolloutPlan $args[0]", file).Single<RolloutPlan>().Handoff.Migrations);
        }

        [Fact]
        public void APipelinePlanIsRefreshedInPlace()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            ps.SetLocation(app.Path);
            ps.Run("$global:p = New-RolloutPlan -Connector slack -RepositoryPath .; $global:p.Handoff.Env.RemoveAt(0)").AssertNoErrors();
            var result = ps.Run("$global:p | Update-RolloutPlan -RepositoryPath .");
            result.AssertNoErrors();
            var change = result.Single<PlanChange>();
            Assert.Equal(PlanChangeKind.Added, change.Kind);
            Assert.Equal("CRON_SECRET", change.Target);
            Assert.True(change.Applied);
            Assert.Null(change.PlanFile);
            Assert.Contains("CRON_SECRET", ps.Run("$global:p.Handoff.Env.Name").Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void APlanFromNoFileWithoutRepositoryPathIsRepositoryNotFound()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("New-RolloutPlan -Connector slack | Update-RolloutPlan");
            var error = result.AssertFailure("RepositoryNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("-RepositoryPath", error.Exception.Message);
        }

        [Fact]
        public void AMissingRepositoryIsRepositoryNotFoundForBothCmdlets()
        {
            using var ps = new PowerShellSession();
            using var empty = new TempFolder();
            var missing = Path.Combine(empty.Path, "nope");
            ps.Run("New-RolloutPlan -Connector slack -RepositoryPath $args[0]", missing).AssertFailure("RepositoryNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("New-RolloutPlan -Connector slack | Update-RolloutPlan -RepositoryPath $args[0]", missing).AssertFailure("RepositoryNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("Update-RolloutPlan -Path $args[0] -RepositoryPath $args[1]", Path.Combine(empty.Path, "none.yaml"), empty.Path).AssertFailure("RolloutPlanNotFound", ErrorCategory.ObjectNotFound);
        }

        [Fact]
        public void ARepositorySettingThatEscapesIsAnErrorNamingTheKey()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            File.WriteAllText(app.File("seed.yaml"), "schemaVersion: 1\nconnector: slack\nrepository: { routes: ../elsewhere }\n");
            var error = ps.Run("Update-RolloutPlan -Path $args[0]", app.File("seed.yaml")).AssertFailure("PathOutsideRepository", ErrorCategory.SecurityError);
            Assert.Contains("repository.routes", error.Exception.Message);
        }

        [Fact]
        public void ASeedPlanFileIsFilledFromTheCode()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            File.WriteAllText(app.File("seed.yaml"), "schemaVersion: 1\nconnector: slack\nrepository: { routes: src/app/api, migrations: supabase/migrations }\n");
            var result = ps.Run("Update-RolloutPlan -Path $args[0]", app.File("seed.yaml"));
            result.AssertNoErrors();
            var kinds = result.Output.Select(o => ((PlanChange)o.BaseObject).Item).Distinct().OrderBy(k => k).ToList();
            Assert.Equal(new[] { PlanItemKind.Route, PlanItemKind.EnvVar, PlanItemKind.Migration, PlanItemKind.LinkingPoint }.OrderBy(k => k), kinds);
            var plan = ps.Run("Import-RolloutPlan $args[0]", app.File("seed.yaml")).Single<RolloutPlan>();
            Assert.Equal(5, plan.Routes.Count);
            Assert.Equal("src/app/api", plan.Repository.Routes);
        }

        [Fact]
        public void TheChangeTableShowsKindItemTargetAndCode()
        {
            using var app = CopyOfApp();
            using var ps = new PowerShellSession();
            var text = ps.Format("Update-RolloutPlan -LiteralPath $args[0] -WhatIf", Path.Combine(app.Path, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml"));
            Assert.Contains("Kind", text);
            Assert.Contains("Target", text);
            Assert.Contains("HUBSPOT_PORTAL_ID", text);
            Assert.Contains("src/lib/hubspot/client.ts:13", text);
            Assert.Contains("NotInCode", text);
        }
    }
}
