using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-AgentTask, Set-AgentTask and Remove-AgentTask on a plan in the pipeline.</summary>
    public class AgentTaskTests
    {
        [Fact]
        public void AddAgentTaskAllowsUnknownDependenciesAndForceReplaces()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-AgentTask -Id docs -Agent ui-ops -Title 'Docs' -Phase ops -DependsOn later-task, review, review | " +
                "Add-AgentTask -Id review -Agent review -Title 'Final review' -DependsOn docs -Force");
            var docs = plan.Team.Tasks.Single(t => t.Id == "docs");
            Assert.Equal(new[] { "later-task", "review" }, docs.DependsOn);
            Assert.Equal(PhaseName.Ops, docs.Phase);
            var review = plan.Team.Tasks.Single(t => t.Id == "review");
            Assert.Equal("Final review", review.Title);
            Assert.Equal(4, plan.Team.Tasks.IndexOf(review));
        }

        [Fact]
        public void RemoveAgentTaskRefusesToLeaveDanglingDependenciesUnlessAskedToDropThem()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var refused = ps.Run("$plan | Remove-AgentTask -Id schema-*, analytics");
            var record = refused.AssertFailure("AgentTaskHasDependents", ErrorCategory.InvalidOperation);
            Assert.Contains("'api-integration' depends on 'schema-sync'", record.Exception.Message);
            Assert.Contains("-DropDependencies", record.Exception.Message);
            Assert.Equal(5, ps.Plan().Team.Tasks.Count);

            var result = ps.Run("$plan | Remove-AgentTask -Id schema-*, analytics -DropDependencies");
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlan>();
            Assert.Equal(new[] { "api-integration", "ui-ops", "review" }, plan.Team.Tasks.Select(t => t.Id));
            Assert.DoesNotContain(plan.Team.Tasks.SelectMany(t => t.DependsOn), d => d == "schema-sync" || d == "analytics");
            ps.Run("$plan | Get-AgentWaves").AssertNoErrors();
            Assert.Empty(Run(ps, "Remove-AgentTask *").Team.Tasks);
        }

        [Fact]
        public void SetAgentTaskChangesOnlyWhatIsGivenAndRefusesMissingTasks()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var before = ps.Plan().Team.Tasks.Single(t => t.Id == "review");
            var agent = before.Agent;
            ps.Run("$plan | Set-AgentTask -Id review -Title 'Strict review' | Out-Null").AssertNoErrors();
            var review = ps.Plan().Team.Tasks.Single(t => t.Id == "review");
            Assert.Equal("Strict review", review.Title);
            Assert.Equal(agent, review.Agent);
            Assert.NotEmpty(review.DependsOn);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn @() | Out-Null").AssertNoErrors();
            Assert.Empty(review.DependsOn);
            var record = ps.Run("$plan | Set-AgentTask -Id reveiw -Title x").AssertFailure("AgentTaskNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("did you mean 'review'?", record.Exception.Message);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn nope").AssertFailure("AgentTaskNotFound", ErrorCategory.ObjectNotFound);
            ps.Run("$plan | Set-AgentTask -Id review -DependsOn review").AssertFailure("AgentTaskDependsOnItself", ErrorCategory.InvalidArgument);
            Assert.Empty(review.DependsOn);
        }
    }
}
