using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>New-RolloutPlan through the real engine: the connector slug, the intake policy and default team, the plan type in scripts.</summary>
    public sealed class NewRolloutPlanTests : EngineTest
    {
        [Fact]
        public void NewRolloutPlanRejectsAConnectorThatIsNotASlug()
        {
            var result = ps.Run("New-RolloutPlan -Connector 'Slack Connector'");
            AssertError(result, "ParameterArgumentValidationError", ErrorCategory.InvalidData);
        }

        [Fact]
        public void NewRolloutPlanAppliesTheIntakePolicyAndTheDefaultTeam()
        {
            var plan = ps.Run("New-RolloutPlan slack -UrgentPhase sync -RateLimit 50/1m").Single<RolloutPlan>();
            Assert.Equal(PhaseName.Sync, plan.Intake.UrgentPhase);
            Assert.Equal(new[] { "Intake Q1", "Intake Q2", "Intake Q5" }, plan.OpenQuestions.Select(q => q.Substring(0, 9)).ToArray());
            Assert.Equal(new[] { "Intake Q1", "Intake Q2", "Intake Q5" }, plan.Assumptions.Select(q => q.Substring(0, 9)).ToArray());
            Assert.Equal(new[] { "schema-sync", "analytics", "api-integration", "ui-ops", "review" }, plan.Team.Tasks.Select(t => t.Agent).ToArray());

            var small = ps.Run("New-RolloutPlan slack -Small -RateLimit @{ Requests = 50; Per = '1m' }").Single<RolloutPlan>();
            Assert.Equal(new[] { "generalist", "review" }, small.Team.Tasks.Select(t => t.Agent).ToArray());
            Assert.Equal(50, small.Intake.SourceLimits.RateLimit!.Requests);
        }

        [Fact]
        public void ThePlanTypeResolvesByNameInScripts()
        {
            var result = ps.Run("(New-RolloutPlan slack) -is [RolloutPlaybook.Model.RolloutPlan]");
            result.AssertNoErrors();
            Assert.True((bool)Assert.Single(result.Output).BaseObject);
        }
    }
}
