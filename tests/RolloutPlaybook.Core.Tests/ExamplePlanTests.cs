using System.IO;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests
{
    public class ExamplePlanTests
    {
        [Fact]
        public void ExamplePlanLoadsAndIsInCanonicalForm()
        {
            var bytes = File.ReadAllBytes(TestPaths.ExamplePlan);
            var plan = PlanFileStore.Parse(bytes, TestPaths.ExamplePlan);
            Assert.Equal("slack", plan.Connector);
            Assert.Equal(Cardinality.OneToOne, plan.LinkingPoints[0].Cardinality);
            Assert.Equal(bytes, PlanWriter.WriteBytes(plan));
        }
    }
}
