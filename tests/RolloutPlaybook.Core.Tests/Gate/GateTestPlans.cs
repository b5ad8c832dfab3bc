using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>Plans for gate tests: the example plan (which passes every plan rule), read with positions, then changed.</summary>
    internal static class GateTestPlans
    {
        public static readonly DateTime Today = new DateTime(2026, 11, 23);

        /// <summary>The example plan, named by a relative file name so evidence is the same on every machine.</summary>
        public static RolloutPlan Example() => PlanFileStore.Parse(File.ReadAllBytes(TestPaths.ExamplePlan), "slack.rollout-plan.yaml");

        public static RolloutPlan FromYaml(string yaml) => PlanFileStore.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "mem.rollout-plan.yaml");

        public static List<GateResult> Run(RolloutPlan plan, string rule, string? repository = null, DateTime? today = null)
            => new GateEngine().Evaluate(plan, new GateOptions { Rules = new[] { rule }, RepositoryRoot = repository, Today = today ?? Today }).ToList();

        public static List<GateResult> RunAll(RolloutPlan plan, string? repository = null, DateTime? today = null)
            => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = repository, Today = today ?? Today }).ToList();

        public static GateResult Only(this List<GateResult> results, string target) => Assert.Single(results, r => r.Target == target);

        public static void AllPass(this List<GateResult> results)
        {
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.True(r.Outcome == GateOutcome.Pass, r.ToString()));
        }
    }
}
