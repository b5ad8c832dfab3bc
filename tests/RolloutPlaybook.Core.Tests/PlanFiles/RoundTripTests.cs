using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    public class RoundTripTests
    {
        [Fact]
        public void ExamplePlanRoundTripsInYamlAndJson()
        {
            var bytes = File.ReadAllBytes(TestPaths.ExamplePlan);
            var plan = PlanFileStore.Parse(bytes, null);
            var yaml = PlanWriter.WriteBytes(plan, PlanFormat.Yaml);
            var json = PlanWriter.WriteBytes(plan, PlanFormat.Json);
            PlanEquality.AssertEqual(plan, PlanFileStore.Parse(yaml, null));
            var fromJson = PlanFileStore.Parse(json, null);
            PlanEquality.AssertEqual(plan, fromJson);
            Assert.Equal(bytes, PlanWriter.WriteBytes(fromJson, PlanFormat.Yaml, PlanSchemaReference.For(TestPaths.ExamplePlan, null)));
        }

        [Theory]
        [InlineData(PlanFormat.Yaml)]
        [InlineData(PlanFormat.Json)]
        public void GeneratedPlansRoundTrip(PlanFormat format)
        {
            for (int seed = 0; seed < 300; seed++)
            {
                var plan = new PlanGenerator(seed).Next();
                IntakePolicy.Reconcile(plan);
                var first = PlanWriter.WriteBytes(plan, format);
                RolloutPlan loaded;
                try { loaded = PlanFileStore.Parse(first, "seed" + seed); }
                catch (Exception ex) { throw new Xunit.Sdk.XunitException("seed " + seed + ": " + ex.Message + "\n" + Encoding.UTF8.GetString(first)); }
                PlanEquality.AssertEqual(plan, loaded, "seed" + seed);
                Assert.Equal(first, PlanWriter.WriteBytes(loaded, format));
            }
        }

        [Fact]
        public void OutputIsDeterministicWithUnixLineEndingsAndNoBom()
        {
            var plan = PlanFileStore.Parse(File.ReadAllBytes(TestPaths.ExamplePlan), null);
            var a = PlanWriter.WriteBytes(plan);
            var b = PlanWriter.WriteBytes(PlanFileStore.Parse(a, null));
            Assert.Equal(a, b);
            Assert.DoesNotContain((byte)'\r', a);
            Assert.NotEqual(0xEF, a[0]);
            Assert.Equal((byte)'\n', a[a.Length - 1]);
        }

        [Fact]
        public void EmptySectionsAreLeftOut()
        {
            var text = PlanWriter.Write(new RolloutPlan { Connector = "x" });
            Assert.Equal("schemaVersion: 1\nconnector: x\n", text);
        }
    }
}
