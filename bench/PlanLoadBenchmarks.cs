using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.PlanFiles;
using YamlDotNet.RepresentationModel;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>Loading the large plan (1,000 linking points, 5,000 tasks, 25,000 dependencies, 2,000 checks) vs a bare YamlDotNet parse. Goal ≤ 1.5×.</summary>
    [MemoryDiagnoser]
    public class PlanLoadBenchmarks
    {
        private byte[] bytes = null!;

        [GlobalSetup]
        public void Setup() => bytes = Generators.LargePlanYaml();

        [Benchmark(Baseline = true, Description = "YamlDotNet YamlStream.Load (representation model)")]
        public YamlStream BareYamlDotNet()
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
            return stream;
        }

        [Benchmark(Description = "PlanFileStore.Parse (positions, validation, model)")]
        public object LoadPlan() => PlanFileStore.Parse(bytes, null);
    }
}
