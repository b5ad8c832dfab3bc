using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.PlanFiles.PlanKeyTestKit;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>A route's <c>auth</c>: one value for every method, or a mapping per method (SPEC §8); bad input positioned.</summary>
    public class RouteAuthKeysTests
    {
        [Fact]
        public void PerMethodAuthWithAnUnknownMethodIsPositioned()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET, POST]\n    auth: { GET: none, FETCH: admin }\n"));
            Assert.Equal(6, p.Line);
            Assert.Equal(24, p.Column);
            Assert.Equal("routes[0].auth.FETCH", p.KeyPath);
            Assert.Contains("expected a method (\"GET\", \"POST\", \"PUT\", \"PATCH\" or \"DELETE\")", p.Message);
        }

        [Fact]
        public void PerMethodAuthWithoutAValueIsPositioned()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET]\n    auth:\n      GET:\n"));
            Assert.Equal("routes[0].auth.GET", p.KeyPath);
            Assert.Contains("expected the auth of GET", p.Message);
        }

        [Fact]
        public void AuthAsAListIsRefused()
        {
            var p = Assert.Single(Problems("routes:\n  - path: /api/slack/x\n    methods: [GET]\n    auth: [admin, cron]\n"));
            Assert.Equal("routes[0].auth", p.KeyPath);
            Assert.Contains("one per method such as { GET: none, POST: admin }", p.Message);
        }

        [Fact]
        public void PerMethodAuthAnswersPerMethod()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST, DELETE]\n    auth: { get: none, POST: admin }\n");
            var auth = plan.Routes[0].Auth!;
            Assert.True(auth.IsPerMethod);
            Assert.Equal("none", auth.For(RouteMethod.GET));
            Assert.Equal("admin", auth.For(RouteMethod.POST));
            Assert.Null(auth.For(RouteMethod.DELETE));
            Assert.Equal("GET: none, POST: admin", auth.ToString());
            AssertRoundTrips(plan, "    auth: { GET: none, POST: admin }\n");
        }

        [Fact]
        public void OneAuthStandsForEveryMethodAndStillComparesAsText()
        {
            var plan = Load("routes:\n  - path: /api/slack/x\n    methods: [GET, POST]\n    auth: admin\n");
            var auth = plan.Routes[0].Auth!;
            Assert.False(auth.IsPerMethod);
            Assert.Equal("admin", auth.For(RouteMethod.GET));
            Assert.True(auth == "admin");
            Assert.False(auth == "cron");
            AssertRoundTrips(plan, "    auth: admin\n");
        }
    }
}
