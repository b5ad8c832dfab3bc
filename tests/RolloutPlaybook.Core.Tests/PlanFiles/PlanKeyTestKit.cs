using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>Loading and round-tripping a plan given as the YAML after its head, for the plan-key tests (RouteAuthKeysTests, RouteWriteKeysTests, LinkingPointKeysTests, RepositoryKeysTests).</summary>
    internal static class PlanKeyTestKit
    {
        internal const string File = "plans/slack.yaml";
        internal const string Head = "schemaVersion: 1\nconnector: slack\n";

        internal static RolloutPlan Load(string yaml) => PlanFileStore.Parse(Encoding.UTF8.GetBytes(Head + yaml), File);

        internal static PlanProblem[] Problems(string yaml)
            => Assert.Throws<PlanInvalidException>(() => Load(yaml)).Problems.ToArray();

        internal static void AssertRoundTrips(RolloutPlan plan, string expectedYamlPart)
        {
            var yaml = PlanWriter.Write(plan);
            Assert.Contains(expectedYamlPart, yaml);
            var again = PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), null);
            PlanEquality.AssertEqual(plan, again);
            Assert.Equal(yaml, PlanWriter.Write(again));
            var json = PlanWriter.Write(plan, PlanFormat.Json);
            var fromJson = PlanFileStore.Parse(Encoding.UTF8.GetBytes(json), null);
            PlanEquality.AssertEqual(plan, fromJson);
            Assert.Equal(yaml, PlanWriter.Write(fromJson));
        }
    }
}
