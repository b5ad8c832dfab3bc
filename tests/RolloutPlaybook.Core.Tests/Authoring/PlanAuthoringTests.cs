using System;
using System.Collections.Generic;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Authoring
{
    public class PlanAuthoringTests
    {
        private static RolloutRoute Route(params RouteWrite[] writes)
        {
            var route = new RolloutRoute { Path = "/api/slack/m", Methods = { RouteMethod.GET, RouteMethod.POST } };
            route.Writes.AddRange(writes);
            return route;
        }

        [Fact]
        public void AValidRoutePasses()
        {
            PlanAuthoring.ValidateRoute(Route(
                new RouteWrite { Table = "entity_external_ids", Source = "slack_user", Method = { RouteMethod.POST }, Action = WriteAction.Reject },
                new RouteWrite { Table = "slack_messages", Action = WriteAction.Ignore, OnConflict = "channel_id,message_ts" }));
        }

        [Theory]
        [InlineData(WriteAction.Update)]
        [InlineData(WriteAction.Ignore)]
        public void AnUpsertNeedsItsConflictTarget(WriteAction action)
        {
            var ex = Assert.Throws<RolloutException>(() => PlanAuthoring.ValidateRoute(Route(new RouteWrite { Table = "t", Action = action })));
            Assert.Equal("OnConflictRequired", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void AWriteForAMethodTheRouteLacksIsInvalid()
        {
            var ex = Assert.Throws<RolloutException>(() => PlanAuthoring.ValidateRoute(Route(new RouteWrite { Table = "t", Method = { RouteMethod.DELETE }, Action = WriteAction.Delete })));
            Assert.Equal("InvalidRouteWrite", ex.ErrorId);
            Assert.Contains("DELETE", ex.Message);
        }

        [Fact]
        public void ARouteWithoutMethodsIsRefused()
            => Assert.Equal("RouteMethodRequired", Assert.Throws<RolloutException>(() => PlanAuthoring.ValidateRoute(new RolloutRoute { Path = "/api/x" })).ErrorId);

        [Theory]
        [InlineData("supabase/migrations/1.sql", true)]
        [InlineData("supabase\\migrations\\1.sql", true)]
        [InlineData("/supabase/migrations/1.sql", false)]
        [InlineData("C:/m/1.sql", false)]
        [InlineData("supabase/../../1.sql", false)]
        [InlineData("~/m/1.sql", false)]
        [InlineData("", false)]
        public void MigrationPathsStayInTheRepository(string path, bool valid)
        {
            if (valid) PlanAuthoring.ValidateMigrationPath(path);
            else Assert.Equal("PathOutsideRepository", Assert.Throws<RolloutException>(() => PlanAuthoring.ValidateMigrationPath(path)).ErrorId);
        }

        [Fact]
        public void AMigrationThatIsNotSqlIsInvalidMigrationPath()
            => Assert.Equal("InvalidMigrationPath", Assert.Throws<RolloutException>(() => PlanAuthoring.ValidateMigrationPath("supabase/migrations/1.sql.bak")).ErrorId);

        [Fact]
        public void APassNeedsEvidenceAndAFailedRecordChangesNothing()
        {
            var check = new ValidationCheck { Id = "c", Status = CheckStatus.Fail, Evidence = "old" };
            var ex = Assert.Throws<RolloutException>(() => PlanAuthoring.RecordResult(check, CheckStatus.Pass, " ", null, null));
            Assert.Equal("EvidenceRequired", ex.ErrorId);
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Equal("old", check.Evidence);
            PlanAuthoring.RecordResult(check, CheckStatus.Pass, "jest", "ana", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(("jest", "ana"), (check.Evidence, check.RecordedBy));
            PlanAuthoring.RecordResult(check, CheckStatus.Pending, null, null, null);
            Assert.Null(check.Evidence);
            Assert.Null(check.RecordedAt);
        }

        [Fact]
        public void AddOrReplaceKeepsThePosition()
        {
            var items = new List<string> { "a", "b", "c" };
            Assert.Throws<RolloutException>(() => PlanAuthoring.AddOrReplace(items, "b", x => x == "b", false, () => new RolloutException(ErrorIds.RolloutNoteExists, "exists")));
            PlanAuthoring.AddOrReplace(items, "B", x => x == "b", true, () => new RolloutException(ErrorIds.RolloutNoteExists, "exists"));
            Assert.Equal(new[] { "a", "B", "c" }, items);
        }

        [Theory]
        [InlineData("src/app/api/", "src/app/api")]
        [InlineData("src\\lib\\slack", "src/lib/slack")]
        public void RepositoryPathsAreNormalised(string given, string expected)
            => Assert.Equal(expected, PlanAuthoring.ValidateRepositoryPath("routes", given));

        [Fact]
        public void FindCheckLooksInEveryPhase()
        {
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Phases.Ops.Checks.Add(new ValidationCheck { Id = "ops-smoke" });
            Assert.NotNull(PlanAuthoring.FindCheck(plan, "ops-smoke", out var phase));
            Assert.Equal(PhaseName.Ops, phase);
            Assert.Null(PlanAuthoring.FindCheck(plan, "nope", out _));
        }
    }
}
