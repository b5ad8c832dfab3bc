using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>
    /// The shape of the plan editors (issue 16 item 5): one base, the same plan/file parameters everywhere, one cmdlet per
    /// handoff kind, <c>Add-RolloutRoute -Route</c> with <c>-Path</c> the plan file, and the old spellings still working
    /// with a deprecation warning.
    /// </summary>
    public class EditCmdletShapeTests
    {
        private static string[] Editors(PowerShellSession ps)
        {
            var result = ps.Run("Get-Command -Module RolloutPlaybook -Verb Add, Set, Remove | ForEach-Object Name");
            result.AssertNoErrors();
            return result.Output.Select(o => o.BaseObject.ToString()!).ToArray();
        }

        [Fact]
        public void EveryEditorHasTheSameThreeSetsAndTheSameCommonParameters()
        {
            using var ps = new PowerShellSession();
            var editors = Editors(ps);
            Assert.Contains("Add-HandoffEnvVar", editors);
            Assert.True(editors.Length >= 29, string.Join(", ", editors));
            foreach (var name in editors)
            {
                var info = (CmdletInfo)ps.Run("Get-Command $args[0]", name).Output.Single().BaseObject;
                Assert.Equal(new[] { "LiteralPath", "Path", "Plan" }, info.ParameterSets.Select(s => s.Name).OrderBy(s => s, StringComparer.Ordinal).ToArray());
                Assert.Equal("Plan", info.DefaultParameterSet);
                foreach (var p in new[] { "Plan", "Path", "LiteralPath", "PassThru", "Force", "WhatIf", "Confirm" })
                    Assert.True(info.Parameters.ContainsKey(p), name + " has no -" + p);
                Assert.Contains("InputObject", info.Parameters["Plan"].Aliases);
                Assert.Equal(typeof(string[]), info.Parameters["Path"].ParameterType);
            }
        }

        [Fact]
        public void InputObjectNamesThePlan()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = New-RolloutPlan -Connector slack; Add-HandoffAppStep -InputObject $p 'Create the app'");
            result.AssertNoErrors();
            Assert.Equal(new[] { "Create the app" }, result.Single<RolloutPlan>().Handoff.ExternalApp);
        }

        [Fact]
        public void EachHandoffKindHasItsCmdletAndTheOldOneWarnsAndDoesTheSame()
        {
            using var ps = new PowerShellSession();
            var fresh = ps.Run("New-RolloutPlan -Connector slack | Add-HandoffEnvVar SLACK_BOT_TOKEN -Secret -Local .env.local -Deploy Vercel | " +
                "Add-HandoffScope channels:read 'list channels' | Add-HandoffMigration supabase/migrations/1.sql | " +
                "Add-HandoffSmokeTest 'GET /api/slack/health' 200 | Add-HandoffAppStep 'Create the app'");
            Assert.Empty(fresh.Errors);
            Assert.Single(fresh.Warnings); // the scope is not among the intake scopes (RP.Docs.ScopesMatch)
            Assert.Contains("RP.Docs.ScopesMatch", fresh.Warnings[0]);
            var old = ps.Run("New-RolloutPlan -Connector slack | Add-HandoffItem -EnvVar SLACK_BOT_TOKEN -Secret -Local .env.local -Deploy Vercel | " +
                "Add-HandoffItem -Scope channels:read -Reason 'list channels' | Add-HandoffItem -Migration supabase/migrations/1.sql | " +
                "Add-HandoffItem -SmokeTest 'GET /api/slack/health' -Expect 200 | Add-HandoffItem -ExternalAppStep 'Create the app'");
            Assert.Empty(old.Errors);
            foreach (var name in new[] { "Add-HandoffEnvVar", "Add-HandoffScope", "Add-HandoffMigration", "Add-HandoffSmokeTest", "Add-HandoffAppStep" })
                Assert.Contains(old.Warnings, w => w.Contains("deprecated") && w.Contains(name));
            var a = fresh.Single<RolloutPlan>();
            var b = old.Single<RolloutPlan>();
            using var temp = new TempFolder();
            ps.Run("$args[0] | Export-RolloutPlan -Path $args[1]; $args[2] | Export-RolloutPlan -Path $args[3]", a, temp.File("a.yaml"), b, temp.File("b.yaml")).AssertNoErrors();
            Assert.Equal(File.ReadAllText(temp.File("a.yaml")), File.ReadAllText(temp.File("b.yaml")));
            Assert.Equal("SLACK_BOT_TOKEN", b.Handoff.Env.Single().Name);
        }

        [Fact]
        public void RouteIsTheRouteAndPathIsThePlanFile()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var result = ps.Run("Add-RolloutRoute -Path $args[0] -Route /api/slack/x -Method GET -PassThru", file);
            result.AssertNoErrors();
            Assert.Empty(result.Warnings);
            Assert.Equal("/api/slack/x", result.Single<RolloutPlan>().Routes.Single().Path);
            Assert.Contains("/api/slack/x", File.ReadAllText(file));
        }

        [Fact]
        public void TheOldRouteSpellingsStillWorkWithAWarning()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var piped = ps.Run("New-RolloutPlan -Connector slack | Add-RolloutRoute -Path /api/slack/a -Method GET");
            Assert.Empty(piped.Errors);
            Assert.Equal("/api/slack/a", piped.Single<RolloutPlan>().Routes.Single().Path);
            Assert.Contains(piped.Warnings, w => w.Contains("deprecated") && w.Contains("-Route /api/slack/a"));
            var planPath = ps.Run("Add-RolloutRoute -PlanPath $args[0] -Path /api/slack/b -Method GET", file);
            Assert.Empty(planPath.Errors);
            Assert.Single(planPath.Warnings);
            var literal = ps.Run("Add-RolloutRoute -LiteralPlanPath $args[0] -Path /api/slack/c -Method GET", file);
            Assert.Empty(literal.Errors);
            var text = File.ReadAllText(file);
            Assert.Contains("/api/slack/b", text);
            Assert.Contains("/api/slack/c", text);
            // The old spelling still checks the route as -Route does, and a secret in it is still refused.
            ps.Run("New-RolloutPlan -Connector slack | Add-RolloutRoute -Path slack/x -Method GET").AssertFailure("InvalidRoutePath", ErrorCategory.InvalidArgument);
            ps.Run("New-RolloutPlan -Connector slack | Add-RolloutRoute -Path /slack/x -Method GET").AssertFailure("RoutePathOutsideRouteBase", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void AFileEditCannotDependOnATaskAddedLaterButAPipelineCan()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var before = File.ReadAllText(file);
            var record = ps.Run("Add-AgentTask -Path $args[0] wire-ui ui-ops 'Wire the UI' -DependsOn later-task", file)
                .AssertFailure("AgentTaskDependencyNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("later-task", record.Exception.Message);
            Assert.Contains("one pipeline", record.Exception.Message);
            Assert.Equal(before, File.ReadAllText(file));
            // The way out the message names: both tasks in one pipeline, saved once.
            ps.Run("Import-RolloutPlan $args[0] | Add-AgentTask wire-ui ui-ops 'Wire the UI' -DependsOn later-task | " +
                   "Add-AgentTask later-task api-integration 'Later' | Export-RolloutPlan -Path $args[0] -Force", file).AssertNoErrors();
            var plan = ps.Run("Import-RolloutPlan $args[0]", file).Single<RolloutPlan>();
            Assert.Equal(new[] { "later-task" }, plan.Team.Tasks.Single(t => t.Id == "wire-ui").DependsOn);
        }

        [Fact]
        public void LoadingAFileGivesExactlyTheFileAndAnEditReconcilesTheIntake()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            const string stale = "Intake Q1 (linking points): no linking point is assumed yet; the mapping matrix starts empty.";
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: slack_user\n    entity: staff\n    cardinality: \"1:1\"\n" +
                "assumptions:\n  - \"" + stale + "\"\n");
            var loaded = ps.Run("Import-RolloutPlan $args[0]", file).Single<RolloutPlan>();
            Assert.Equal(new[] { stale }, loaded.Assumptions); // as the file has it, not a reconciled copy
            var edited = ps.Run("Add-RolloutNote -Path $args[0] -Assumption 'hand-written' -PassThru", file).Single<RolloutPlan>();
            Assert.Equal(new[] { "hand-written" }, edited.Assumptions); // the edit reconciles once: Q1 is answered
        }

        [Fact]
        public void WarningsAndNotesComeFromTheEditAfterItIsMade()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("New-RolloutPlan -Connector slack | Add-LinkingPoint slack_user staff 1:N -EnforcedIn db | Add-RolloutMetric m d -WhatIf:$false");
            Assert.Empty(result.Errors);
            Assert.Contains(result.Warnings, w => w.Contains("RP.Map.OneToOneEnforced"));
            Assert.Contains(result.Warnings, w => w.Contains("RP.Analytics.NoiseExcluded"));
            var plan = result.Single<RolloutPlan>();
            Assert.Equal("db", plan.LinkingPoints.Single().EnforcedIn.ToString());
            var defaulted = ps.Run("New-RolloutPlan -Connector slack | Add-LinkingPoint slack_user staff 1:1").Single<RolloutPlan>();
            Assert.Equal("db", defaulted.LinkingPoints.Single().EnforcedIn.ToString());
        }

        [Fact]
        public void WhatIfOnAPipelinePlanChangesNothingAndPassesItOn()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-AgentTask -Id docs -Agent ui-ops -Title Docs -WhatIf | Set-SyncStrategy -PageCap 5 -WhatIf | Add-HandoffMigration -Migration a/1.sql -WhatIf");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(5, plan.Team.Tasks.Count);
            Assert.Null(plan.Sync.PageCap);
            Assert.Empty(plan.Handoff.Migrations);
        }
    }
}
