using System;
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
            bare = Template.Parse("{{ for r in rows }}| {{ r.id }} | {{ r.name }} | {{ r.kind }} | {{ r.status }} | padding padding padding |\n{{ end }}");
            // Rows of ~90 characters: measure one render, then take as many rows as make the document's size.
            bareModel = Rows(size / 90);
            int perRow = BareScriban().Length / (size / 90);
            bareModel = Rows(size / perRow);
            int bareSize = BareScriban().Length;
            if (Math.Abs(bareSize - size) > size / 100)
                throw new InvalidOperationException("the baseline renders " + bareSize + " characters, the document " + size);
        }

        private static List<Dictionary<string, object>> Rows(int count)
            => Enumerable.Range(0, count).Select(i => new Dictionary<string, object>
            {
                ["id"] = "row-" + i, ["name"] = "Generated row number " + i, ["kind"] = i % 2 == 0 ? "test" : "lint", ["status"] = "pending",
            }).ToList();

        [Benchmark(Baseline = true, Description = "bare Scriban render, same output size")]
        public string BareScriban()
        {
            // LimitToString = 0: Scriban's default (1 MiB) would cut the output short.
            var context = new TemplateContext { LoopLimit = int.MaxValue, LimitToString = 0 };
            var globals = new Scriban.Runtime.ScriptObject { ["rows"] = bareModel };
            context.PushGlobal(globals);
            return bare.Render(context);
        }

        [Benchmark(Description = "RolloutDocument.Render (A–J, waves, Mermaid)")]
        public string RenderDocument() => RolloutDocument.Render(plan);
    }
}
