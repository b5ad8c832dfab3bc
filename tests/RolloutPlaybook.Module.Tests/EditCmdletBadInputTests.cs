using System.Linq;
using System.IO;
using System.Management.Automation;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Bad input to the authoring cmdlets: each is refused with its stable ErrorId and category, and changes nothing.</summary>
    public class EditCmdletBadInputTests
    {
        [Theory]
        [InlineData("Add-RolloutRoute -Route slack/mappings -Method GET")]
        [InlineData("Add-RolloutRoute -Route '/api/slack/a b' -Method GET")]
        [InlineData("Add-AgentTask -Id 'bad id' -Agent review -Title t")]
        [InlineData("Add-AgentTask -Id a -Agent review -Title t -DependsOn 'no way'")]
        [InlineData("Add-HandoffEnvVar -EnvVar slack_token -Local .env.local -Deploy vercel")]
        [InlineData("Add-HandoffEnvVar -EnvVar 1TOKEN -Local .env.local -Deploy vercel")]
        [InlineData("Add-GateWaiver -Rule Sync.RateBudget -Reason r -Expires 2030-01-01")]
        [InlineData("Add-ValidationCheck -Phase sync -Id 'a b' -Description d")]
        [InlineData("Set-RolloutPlan -Connector Slack_Connector")]
        [InlineData("Add-RolloutMetric -Name 'response time' -Definition d")]
        [InlineData("Set-SyncStrategy -PageCap 0")]
        [InlineData("Add-LinkingPoint -Source Slack_User -Entity staff -Cardinality 1:1")]
        public void PatternsAndRangesAreCheckedAtTheBoundary(string command)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, command).AssertFailure("ParameterArgumentValidationError", ErrorCategory.InvalidData);
        }

        [Fact]
        public void RoutePathOutsideApiNeedsTheRouteBase()
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Path /integrations/slack -Method GET").AssertFailure("RoutePathOutsideRouteBase", ErrorCategory.InvalidArgument);
            Assert.Contains("set repository.routeBase (e.g. routeBase: /integrations)", record.Exception.Message);
            Assert.Empty(ps.Plan().Routes);
            ps.Run("$plan | Set-RolloutPlan -RepositoryRouteBase /integrations | Add-RolloutRoute -Path /integrations/slack -Method GET -Auth none | Out-Null").AssertNoErrors();
            Assert.Equal(new[] { "/integrations/slack" }, ps.Plan().Routes.Select(r => r.Path));
        }

        [Theory]
        [InlineData("Add-RolloutRoute -Route /api/slack/x -Method FETCH", "ParameterArgumentTransformationError")]
        [InlineData("Set-SyncStrategy -Schedule soon", "ParameterArgumentValidationError")]
        [InlineData("Set-SyncStrategy -Trigger hourly", "ParameterArgumentTransformationError")]
        [InlineData("Set-SyncStrategy -WatermarkAdvance later", "ParameterArgumentTransformationError")]
        [InlineData("Add-ValidationCheck -Phase deploy -Id a -Description d", "ParameterArgumentTransformationError")]
        [InlineData("Add-ValidationCheck -Phase sync -Id a -Description d -Kind e2e", "ParameterArgumentTransformationError")]
        [InlineData("Set-RolloutPlan -RateLimit fast", "ParameterArgumentTransformationError")]
        public void UnknownSpellingsAreRefusedWithTheExpectedValues(string command, string errorId)
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, command).AssertFailure(errorId, ErrorCategory.InvalidData);
            Assert.Contains("'", record.Exception.Message);
        }

        [Fact]
        public void ARouteWriteWithAnUnknownKeyIsInvalidRouteWrite()
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method POST -Writes @{ table = 't'; action = 'reject'; conflict = 'x' }")
                .AssertFailure("InvalidRouteWrite", ErrorCategory.InvalidArgument);
            Assert.Contains("unknown key 'conflict'", record.Exception.Message);
            Assert.Empty(ps.Plan().Routes);
        }

        [Theory]
        [InlineData("@{ action = 'reject' }", "needs a table")]
        [InlineData("@{ table = 't' }", "needs an action")]
        [InlineData("@{ table = 't'; action = 'upsert' }", "action 'upsert' is not valid")]
        [InlineData("@{ table = 't'; action = 'reject'; method = 'PUT' }", "method PUT is not one of the route's methods")]
        [InlineData("@{ table = 't'; action = 'reject'; method = 'SEND' }", "method 'SEND' is not valid")]
        [InlineData("@{ table = 't'; action = 'reject'; source = 'Slack User' }", "is not a source name")]
        [InlineData("@{ table = 't'; action = 'delete'; onConflict = 'a,b' }", "onConflict belongs to update and ignore")]
        [InlineData("'entity_external_ids'", "give a hashtable")]
        public void RouteWritesAreValidated(string write, string message)
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method POST -Writes " + write)
                .AssertFailure("InvalidRouteWrite", ErrorCategory.InvalidArgument);
            Assert.Contains(message, record.Exception.Message);
        }

        [Theory]
        [InlineData("update")]
        [InlineData("ignore")]
        public void AnUpsertWithoutItsConflictTargetIsOnConflictRequired(string action)
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method POST -Writes @{ table = 't'; action = '" + action + "' }")
                .AssertFailure("OnConflictRequired", ErrorCategory.InvalidArgument);
            Assert.Contains("onConflict", record.Exception.Message);
        }

        [Fact]
        public void ASecondRouteWithTheSamePathIsRolloutRouteExists()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-RolloutRoute -Route /api/slack/m -Method GET | Add-RolloutRoute -Route /api/slack/m -Method GET, POST")
                .AssertFailure("RolloutRouteExists", ErrorCategory.ResourceExists);
        }

        [Fact]
        public void AnExistingTaskIdIsAgentTaskExists()
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-AgentTask -Id review -Agent review -Title 'again'").AssertFailure("AgentTaskExists", ErrorCategory.ResourceExists);
            Assert.Contains("-Force", record.Exception.Message);
            var plan = ps.Plan();
            Assert.Equal("Strict review against the review gate after merges", plan.Team.Tasks.Find(t => t.Id == "review")!.Title);
        }

        [Fact]
        public void ATaskThatDependsOnItselfIsRefused()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-AgentTask -Id a -Agent review -Title t -DependsOn a").AssertFailure("AgentTaskDependsOnItself", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void RemovingAnUnknownTaskIsAgentTaskNotFound()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Remove-AgentTask -Id nothing-here").AssertFailure("AgentTaskNotFound", ErrorCategory.ObjectNotFound);
            Assert.Equal(5, ps.Plan().Team.Tasks.Count);
        }

        [Fact]
        public void APassWithoutEvidenceIsEvidenceRequired()
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-ValidationCheck -Phase sync -Id sync-lint -Description lint -Kind lint | Set-ValidationResult -Id sync-lint -Status pass")
                .AssertFailure("EvidenceRequired", ErrorCategory.InvalidArgument);
            Assert.Contains("-Evidence", record.Exception.Message);
            var check = ps.Plan().Phases.Sync.Checks[0];
            Assert.Equal(CheckStatus.Pending, check.Status);
        }

        [Fact]
        public void APassWithBlankEvidenceIsEvidenceRequired()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-ValidationCheck -Phase sync -Id sync-lint -Description lint | Set-ValidationResult -Id sync-lint -Status pass -Evidence '  '")
                .AssertFailure("EvidenceRequired", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void AResultForAnUnknownCheckIsValidationCheckNotFound()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Set-ValidationResult -Id nope -Status fail").AssertFailure("ValidationCheckNotFound", ErrorCategory.ObjectNotFound);
        }

        [Fact]
        public void ACheckIdUsedInAnotherPhaseIsValidationCheckExists()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-ValidationCheck -Phase sync -Id c1 -Description d | Add-ValidationCheck -Phase ops -Id c1 -Description d")
                .AssertFailure("ValidationCheckExists", ErrorCategory.ResourceExists);
        }

        [Fact]
        public void ASecretWithAValueIsRefused()
        {
            using var ps = new PowerShellSession();
            var record = OnNewPlan(ps, "Add-HandoffEnvVar -EnvVar SLACK_BOT_TOKEN -Secret -Value xoxb-123 -Local .env.local -Deploy vercel")
                .AssertFailure("SecretValueNotAllowed", ErrorCategory.SecurityError);
            Assert.DoesNotContain("xoxb-123", record.Exception.Message);
            Assert.Empty(ps.Plan().Handoff.Env);
        }

        [Fact]
        public void ThereIsNoParameterForASecretsValueOtherThanValue()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("(Get-Command Add-HandoffEnvVar).Parameters.Keys");
            result.AssertNoErrors();
            var names = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            Assert.DoesNotContain("SecretValue", names);
            Assert.DoesNotContain("Token", names);
            Assert.Contains("Value", names);
        }

        [Theory]
        [InlineData("Add-HandoffEnvVar -EnvVar A_B -Local l -Deploy d | Add-HandoffEnvVar -EnvVar A_B -Local l2 -Deploy d2", "HandoffEnvVarExists")]
        [InlineData("Add-HandoffScope -Scope users:read -Reason r | Add-HandoffScope -Scope users:read -Reason r2", "HandoffScopeExists")]
        [InlineData("Add-HandoffMigration -Migration supabase/migrations/1.sql | Add-HandoffMigration -Migration supabase/migrations/1.sql", "HandoffMigrationExists")]
        [InlineData("Add-RolloutNote -Assumption a | Add-RolloutNote -Assumption a", "RolloutNoteExists")]
        [InlineData("Add-RolloutNote -OpenQuestion q | Add-RolloutNote -OpenQuestion q", "RolloutNoteExists")]
        [InlineData("Add-RolloutNote -Risk r | Add-RolloutNote -Risk r -Mitigation m", "RolloutNoteExists")]
        [InlineData("Add-RolloutMetric -Name m -Definition d -Exclude bot | Add-RolloutMetric -Name m -Definition d2 -Exclude bot", "RolloutMetricExists")]
        [InlineData("Add-GateWaiver -Rule RP.Sync.RateBudget -Reason r -Expires 2030-01-01 | Add-GateWaiver -Rule RP.Sync.RateBudget -Reason r2 -Expires 2030-02-01", "GateWaiverExists")]
        public void DuplicatesAreResourceExists(string pipeline, string errorId)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, pipeline).AssertFailure(errorId, ErrorCategory.ResourceExists);
        }

        [Theory]
        [InlineData("/etc/migrations/1.sql", "PathOutsideRepository", ErrorCategory.SecurityError)]
        [InlineData("../other/1.sql", "PathOutsideRepository", ErrorCategory.SecurityError)]
        [InlineData("supabase/migrations/1.txt", "InvalidMigrationPath", ErrorCategory.InvalidArgument)]
        public void AMigrationOutsideTheRepositoryIsPathOutsideRepositoryAndNotSqlIsInvalidMigrationPath(string path, string errorId, ErrorCategory category)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-HandoffMigration -Migration '" + path + "'").AssertFailure(errorId, category);
        }

        [Theory]
        [InlineData("-RepositoryRoutes /abs/api")]
        [InlineData("-RepositoryCode src/lib/slack, ../../etc")]
        public void RepositoryPathsMayNotEscapeTheRepository(string args)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Set-RolloutPlan " + args).AssertFailure("PathOutsideRepository", ErrorCategory.SecurityError);
            Assert.Empty(ps.Plan().Repository.Code);
        }

        [Theory]
        [InlineData("Add-HandoffItem -EnvVar A -Scope s -Local l -Deploy d", "HandoffItemKindRequired")]
        [InlineData("Add-RolloutNote -Assumption a -Risk r", "RolloutNoteRequired")]
        [InlineData("Add-RolloutNote", "RolloutNoteRequired")]
        [InlineData("Add-HandoffItem -Scope s -Reason r -Expect e", "HandoffItemParameterMismatch")]
        [InlineData("Add-HandoffItem -SmokeTest 'GET /'", "HandoffItemParameterMissing")]
        [InlineData("Add-RolloutNote -Assumption a -Mitigation m", "InvalidRolloutNote")]
        [InlineData("Add-RolloutRoute -Method GET", "RouteRequired")]
        public void KindsDoNotMix(string command, string errorId)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, command).AssertFailure(errorId, ErrorCategory.InvalidArgument);
            Assert.Empty(ps.Plan().Handoff.Scopes);
            Assert.Empty(ps.Plan().Handoff.SmokeTests);
            Assert.Empty(ps.Plan().Risks);
            Assert.Empty(ps.Plan().Routes);
        }

        [Fact]
        public void AScopeCmdletHasNoParametersOfOtherKinds()
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, "Add-HandoffScope -Scope s -Reason r -Expect e").AssertFailure("NamedParameterNotFound", ErrorCategory.InvalidArgument);
        }

        [Fact]
        public void AFailedEditOfAFileLeavesItUnchanged()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("plan.yaml");
            ps.Run("New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $args[0]", file).AssertNoErrors();
            var before = File.ReadAllBytes(file);
            ps.Run("Add-AgentTask -Path $args[0] -Id review -Agent review -Title again", file).AssertFailure("AgentTaskExists", ErrorCategory.ResourceExists);
            Assert.Equal(before, File.ReadAllBytes(file));
        }

        [Theory]
        [InlineData("Add-LinkingPoint -Source 'Slack User' -Entity staff -Cardinality 1:1", "'Slack User' is not a source name: lower-case letters")]
        [InlineData("Add-HandoffEnvVar -EnvVar slack_token -Local .env.local -Deploy vercel", "'slack_token' is not an environment variable name")]
        [InlineData("Add-RolloutRoute -Route slack/x -Method GET", "'slack/x' is not a route path: / then")]
        [InlineData("Add-GateWaiver -Rule nope -Reason r -Expires 2030-01-01", "'nope' is not a gate rule id")]
        public void ParameterErrorsSayWhatIsExpectedInWordsNotAsARegex(string command, string words)
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var record = ps.Run("$plan | " + command).AllErrors.Single();
            Assert.StartsWith("ParameterArgumentValidationError,", record.FullyQualifiedErrorId);
            Assert.Contains(words, record.Exception.Message);
            Assert.DoesNotContain("^", record.Exception.Message);
        }

        [Theory]
        [InlineData("Add-LinkingPoint -Source a -Entity e -Cardinality 1:1 -Table t", "InvalidLinkingPoint", ErrorCategory.InvalidArgument)]
        [InlineData("Set-RolloutPlan -RepositoryGuards @{ session = '(unclosed' }", "InvalidRepositorySetting", ErrorCategory.InvalidArgument)]
        [InlineData("Set-RolloutPlan -RepositoryMigrations ../outside", "PathOutsideRepository", ErrorCategory.SecurityError)]
        [InlineData("Set-RolloutPlan -RepositoryIdentityTable 'drop table'", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [InlineData("Set-RolloutPlan -RepositoryDocumentName docs/X.md", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        [InlineData("Set-RolloutPlan -RepositoryCronSecrets cron_secret", "ParameterArgumentValidationError", ErrorCategory.InvalidData)]
        public void BadSettingsAreRefusedAndChangeNothing(string command, string errorId, ErrorCategory category)
        {
            using var ps = new PowerShellSession();
            OnNewPlan(ps, command).AssertFailure(errorId, category);
            var plan = ps.Plan();
            Assert.Empty(plan.LinkingPoints);
            Assert.Empty(plan.Repository.Guards);
            Assert.Empty(plan.Repository.Migrations);
        }
    }
}
