using System;
using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-RolloutMetric: adds, replaces with -Force, warns without exclusions.</summary>
    public class AddRolloutMetricTests
    {
        [Fact]
        public void AddRolloutMetricAddsAndForceReplaces()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-RolloutMetric response_time 'first reply' -Exclude bot, system -Recompute nightly -Version 1 | " +
                "Add-RolloutMetric -Name response_time -Definition 'first staff reply' -Exclude bot -Force");
            var metric = Assert.Single(plan.Analytics.Metrics);
            Assert.Equal("first staff reply", metric.Definition);
            Assert.Equal(new[] { "bot" }, metric.Excludes);
            Assert.Null(metric.Version);
        }

        [Fact]
        public void AddRolloutMetricWithoutExclusionsWarns()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-RolloutMetric -Name m -Definition d");
            result.AssertNoErrors();
            Assert.Contains(result.Warnings, w => w.Contains("RP.Analytics.NoiseExcluded"));
        }
    }
}
