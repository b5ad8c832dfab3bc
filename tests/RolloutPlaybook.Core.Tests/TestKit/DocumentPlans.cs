using System.IO;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>Plans the document tests render: the example, an empty plan, and broken ones.</summary>
    internal static class DocumentPlans
    {
        public static RolloutPlan Example() => PlanFileStore.Parse(File.ReadAllBytes(TestPaths.ExamplePlan), TestPaths.ExamplePlan);

        /// <summary>What <c>New-RolloutPlan -Connector x</c> makes.</summary>
        public static RolloutPlan Empty() => PlanFactory.Create(new NewPlanRequest { Connector = "x" });

        /// <summary>The example with a cycle in the task graph: sync-schema now waits for review.</summary>
        public static RolloutPlan WithCycle()
        {
            var plan = Example();
            plan.Team.Tasks.Find(t => t.Id == "sync-schema")!.DependsOn.Add("review");
            return plan;
        }
    }
}
