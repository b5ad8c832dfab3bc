using System.Collections.Generic;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Model;
using Scriban;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// Rendering the A–J rollout document for the large plan vs a bare Scriban render of a template that produces
    /// output of the same size (a loop of table rows over plain data). Goal ≤ 2×.
    /// </summary>
    [MemoryDiagnoser]
    public class RenderBenchmarks
    {
        private RolloutPlan plan = null!;
        private Template bare = null!;
        private object bareModel = null!;

        [GlobalSetup]
        public void Setup()
        {
            plan = Generators.LargePlan();
            int size = RolloutDocument.Render(plan).Length;
            // Rows of ~100 characters, enough of them to match the document's size.
            var rows = Enumerable.Range(0, size / 100 + 1).Select(i => new Dictionary<string, object>
            {
                ["id"] = "row-" + i, ["name"] = "Generated row number " + i, ["kind"] = i % 2 == 0 ? "test" : "lint", ["status"] = "pending",
            }).ToList();
            bareModel = rows;
            bare = Template.Parse("{{ for r in rows }}| {{ r.id }} | {{ r.name }} | {{ r.kind }} | {{ r.status }} | padding padding padding |\n{{ end }}");
        }

        [Benchmark(Baseline = true, Description = "bare Scriban render, same output size")]
        public string BareScriban()
        {
            var context = new TemplateContext { LoopLimit = int.MaxValue };
            var globals = new Scriban.Runtime.ScriptObject { ["rows"] = bareModel };
            context.PushGlobal(globals);
            return bare.Render(context);
        }

        [Benchmark(Description = "RolloutDocument.Render (A–J, waves, Mermaid)")]
        public string RenderDocument() => RolloutDocument.Render(plan);
    }
}
