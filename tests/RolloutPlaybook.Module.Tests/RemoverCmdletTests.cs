using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>The Remove-* cmdlets through the engine: pipeline and files, wildcards, -WhatIf, errors and completion.</summary>
    public class RemoverCmdletTests
    {
        private static PowerShellSession WithExample()
        {
            var ps = new PowerShellSession();
            ps.Run("$global:plan = Import-RolloutPlan -LiteralPath $args[0]", Repo.ExamplePlan).AssertNoErrors();
            return ps;
        }

        [Theory]
        [InlineData("Remove-LinkingPoint slack_channel", "LinkingPoints", 1)]
        [InlineData("Remove-RolloutRoute -Route '/api/slack/mappings/*'", "Routes", -2)]
        [InlineData("Remove-RolloutRoute -Route '/api/slack/sync/channel/[channelId]'", "Routes", -1)]
        [InlineData("Remove-RolloutMetric -Name *", "Metrics", 0)]
        [InlineData("Remove-GateWaiver -Rule *", "Waivers", 0)]
        public void EachRemoverTakesItsItemsOutOfAPipelinePlan(string command, string list, int expected)
        {
            using var ps = WithExample();
            var before = Count(ps.Plan(), list);
            var result = ps.Run("$plan | " + command);
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Same(ps.Plan(), plan);
            Assert.Equal(expected >= 0 ? expected : before + expected, Count(plan, list));
        }

        private static int Count(RolloutPlan plan, string list) => list switch
        {
            "LinkingPoints" => plan.LinkingPoints.Count,
            "Routes" => plan.Routes.Count,
            "Metrics" => plan.Analytics.Metrics.Count,
            _ => plan.Waivers.Count,
        };

        [Fact]
        public void HandoffItemsAndNotesGoByTheParametersTheyWereAddedWith()
        {
            using var ps = WithExample();
            var plan = ps.Plan();
            var env = plan.Handoff.Env[0].Name;
            var migration = plan.Handoff.Migrations[0];
            ps.Run("$plan | Remove-HandoffItem -EnvVar $args[0] -Migration $args[1] | Out-Null", env, migration).AssertNoErrors();
            Assert.DoesNotContain(plan.Handoff.Env, e => e.Name == env);
            Assert.DoesNotContain(migration, plan.Handoff.Migrations);

            ps.Run("$plan | Remove-RolloutNote -Risk * | Out-Null").AssertNoErrors();
            Assert.Empty(plan.Risks);
            ps.Run("$plan | Remove-HandoffItem").AssertFailure("HandoffItemRequired", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void ANameThatMatchesNothingIsAnErrorThatNamesTheNearestAndChangesNothing()
        {
            using var ps = WithExample();
            var record = ps.Run("$plan | Remove-HandoffItem -EnvVar SLACK_BOT_TOKN -Migration *").AssertFailure("HandoffItemNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("did you mean 'SLACK_BOT_TOKEN'?", record.Exception.Message);
            Assert.NotEmpty(ps.Plan().Handoff.Migrations);
            ps.Run("$plan | Remove-LinkingPoint slack_usr").AssertFailure("LinkingPointNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("$plan | Remove-ValidationCheck nothing").AssertFailure("ValidationCheckNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("$plan | Remove-RouteWrite /api/slack/mappings/staff no_table").AssertFailure("RouteWriteNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("$plan | Remove-RolloutNote -Assumption nope").AssertFailure("RolloutNoteNotFound", ErrorCategory.ObjectNotFound);
            Assert.Equal(2, ps.Plan().LinkingPoints.Count);
        }

        [Theory]
        [InlineData("Remove-LinkingPoint -Path $args[0] -Source slack_user -WhatIf")]
        [InlineData("Remove-RouteWrite -Path $args[0] -Route /api/slack/mappings/staff -Table entity_external_ids -WhatIf")]
        [InlineData("Remove-HandoffItem -Path $args[0] -Scope * -WhatIf")]
        [InlineData("Remove-GateWaiver -Path $args[0] -Rule * -WhatIf")]
        public void WhatIfWritesNothing(string command)
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.Copy(Repo.ExamplePlan, file);
            var before = File.ReadAllBytes(file);
            ps.Run(command, file).AssertNoErrors();
            Assert.Equal(before, File.ReadAllBytes(file));
        }

        [Fact]
        public void IdsCompleteFromThePlan()
        {
            using var ps = WithExample();
            Assert.Equal(new[] { "slack_channel" }, ps.Complete("$plan | Remove-LinkingPoint slack_c"));
            Assert.Contains("/api/slack/mappings/staff", ps.Complete("$plan | Remove-RolloutRoute -Route /api/slack/m"));
            Assert.Equal(new[] { "entity_external_ids" }, ps.Complete("$plan | Remove-RouteWrite -Route /api/slack/mappings/staff -Table e"));
            Assert.Contains("SLACK_BOT_TOKEN", ps.Complete("$plan | Remove-HandoffItem -EnvVar SLACK_B"));
            var plan = ps.Plan();
            Assert.Equal(plan.Waivers.Select(w => w.Rule).Distinct().OrderBy(r => r), ps.Complete("$plan | Remove-GateWaiver -Rule RP.").OrderBy(r => r));
        }

        [Fact]
        public void ADanglingDependencyInAFileIsALoadErrorWithItsPosition()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nteam:\n  tasks:\n    - id: sync-schema\n      agent: db\n    - id: sync\n      agent: sync\n      dependsOn: [sync-shema]\n");
            var record = ps.Run("Import-RolloutPlan -LiteralPath $args[0]", file).AllErrors.First();
            Assert.Contains(":9:19", record.Exception.Message);
            Assert.Contains("did you mean 'sync-schema'?", record.Exception.Message);
        }
    }
}
