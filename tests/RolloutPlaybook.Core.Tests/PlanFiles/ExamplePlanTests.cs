using System.IO;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
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
            // Canonical as Export-RolloutPlan writes it there: its first line points at the repository's schemas/.
            Assert.Equal(bytes, PlanWriter.WriteBytes(plan, PlanFormat.Yaml, PlanSchemaReference.For(TestPaths.ExamplePlan, null)));
        }
    }
}
