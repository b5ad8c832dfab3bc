using System.Linq;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Authoring
{
    /// <summary>The removal rules every Remove-* cmdlet shares, and the load error for a dependency on no task.</summary>
    public sealed class PlanRemovalTests
    {
        private const string Team =
            "schemaVersion: 1\nconnector: slack\nteam:\n  tasks:\n    - id: sync-schema\n      agent: db\n" +
            "    - id: sync\n      agent: sync\n      dependsOn: [sync-schema]\n    - id: review\n      agent: review\n      dependsOn: [sync]\n";

        [Fact]
        public void ALiteralNameThatMatchesNothingNamesTheNearestAndChangesNothing()
        {
            var plan = PlanFileStore.ParseText(Team);
            var ex = Assert.Throws<RolloutException>(() => PlanRemoval.RemoveTasks(plan, new[] { ItemPattern.Literal("reveiw") }, false));
            Assert.Equal("AgentTaskNotFound", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.ObjectNotFound, ex.Kind);
            Assert.Contains("did you mean 'review'?", ex.Message);
            Assert.Equal(3, plan.Team.Tasks.Count);

            var none = Assert.Throws<RolloutException>(() => PlanRemoval.Remove(plan.LinkingPoints, lp => lp.Source, new[] { ItemPattern.Literal("x") }, "LinkingPointNotFound", "linking point", plan.Connector));
            Assert.Contains("(it has none)", none.Message);
        }

        [Fact]
        public void AWildcardThatMatchesNothingIsNotAnError()
        {
            var plan = PlanFileStore.ParseText(Team);
            Assert.Empty(PlanRemoval.RemoveTasks(plan, new[] { new ItemPattern("zz*", true, s => s.StartsWith("zz")) }, false));
            Assert.Equal(3, plan.Team.Tasks.Count);
        }

        [Fact]
        public void ATaskOthersDependOnIsRemovedOnlyWithItsDependencies()
        {
            var plan = PlanFileStore.ParseText(Team);
            var ex = Assert.Throws<RolloutException>(() => PlanRemoval.RemoveTasks(plan, new[] { ItemPattern.Literal("sync") }, false));
            Assert.Equal("AgentTaskHasDependents", ex.ErrorId);
            Assert.Contains("'review' depends on 'sync'", ex.Message);
            Assert.Equal(3, plan.Team.Tasks.Count);

            Assert.Equal(new[] { "sync" }, PlanRemoval.RemoveTasks(plan, new[] { ItemPattern.Literal("sync") }, true));
            Assert.Equal(new[] { "sync-schema", "review" }, plan.Team.Tasks.Select(t => t.Id));
            Assert.Empty(plan.Team.Tasks[1].DependsOn);
            // Removing a task together with everything that depends on it needs nothing more.
            plan = PlanFileStore.ParseText(Team);
            PlanRemoval.RemoveTasks(plan, new[] { ItemPattern.Literal("sync"), ItemPattern.Literal("review") }, false);
            Assert.Equal(new[] { "sync-schema" }, plan.Team.Tasks.Select(t => t.Id));
        }

        [Fact]
        public void WritesGoByTableAndMethodAndChecksByIdFromAnyPhase()
        {
            var plan = PlanFileStore.Parse(System.IO.File.ReadAllBytes(TestPaths.ExamplePlan), null);
            var route = plan.Routes[0];
            int before = route.Writes.Count;
            Assert.Equal(1, PlanRemoval.RemoveWrites(plan, route.Path, "entity_external_ids", new[] { RouteMethod.DELETE }));
            Assert.Equal(before - 1, route.Writes.Count);
            var ex = Assert.Throws<RolloutException>(() => PlanRemoval.RemoveWrites(plan, route.Path + "x", "t", null));
            Assert.Equal("RolloutRouteNotFound", ex.ErrorId);
            Assert.Contains("did you mean '" + route.Path + "'", ex.Message);

            var check = plan.Phases.All().SelectMany(p => p.Value.Checks).First();
            Assert.Equal(new[] { check.Id }, PlanRemoval.RemoveChecks(plan, new[] { ItemPattern.Literal(check.Id) }, null));
            Assert.Null(PlanAuthoring.FindCheck(plan, check.Id, out _));
        }

        [Fact]
        public void ADependencyOnNoTaskIsALoadErrorAtItsPositionWithTheNearestId()
        {
            var text = Team.Replace("dependsOn: [sync-schema]", "dependsOn: [sync-shema]");
            var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.ParseText(text, "plan.yaml"));
            var problem = Assert.Single(ex.Problems);
            Assert.Equal(9, problem.Line);
            Assert.Equal(19, problem.Column);
            Assert.Equal("team.tasks[1].dependsOn[0]", problem.KeyPath);
            Assert.Contains("did you mean 'sync-schema'?", problem.Message);
        }
    }
}
