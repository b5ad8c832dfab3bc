using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Waivers: Add-GateWaiver keeps the date, refuses a rule the gate does not have, and the gate warns about one in a file.</summary>
    public class GateWaiverTests
    {
        [Fact]
        public void AWaiverOfARuleTheGateDoesNotHaveIsRefusedWithTheNearestRule()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var record = ps.Run("$plan | Add-GateWaiver -Rule RP.Sync.RateBudgt -Reason r -Expires 2030-01-01").AssertFailure("GateRuleNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("did you mean 'RP.Sync.RateBudget'?", record.Exception.Message);
            ps.Run("$plan | Add-GateWaiver -Rule RP.Nope.Foo -Reason r -Expires 2030-01-01").AssertFailure("GateRuleNotFound", ErrorCategory.ObjectNotFound);
            Assert.Empty(ps.Plan().Waivers);
        }

        [Fact]
        public void TheGateWarnsAboutAWaiverOfARuleItDoesNotHave()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("rollout-plan.yaml");
            File.WriteAllText(file, "schemaVersion: 1\nconnector: slack\nwaivers:\n  - rule: RP.Sync.RateBudgt\n    reason: later\n    expires: 2030-01-01\n");
            var result = ps.Run("Test-RolloutGate -Path $args[0] -Rule RP.Sync.RateBudget | Out-Null", file);
            Assert.Contains(result.Warnings, w => w.Contains("'RP.Sync.RateBudgt' names no rule of the gate") && w.Contains("did you mean 'RP.Sync.RateBudget'?"));
        }

        [Fact]
        public void AddGateWaiverKeepsTheDateAndWarnsWhenAlreadyExpired()
        {
            using var ps = new PowerShellSession();
            ps.NewPlanVariable();
            var result = ps.Run("$plan | Add-GateWaiver -Rule RP.Sync.RateBudget -Target backfill -Reason 'one-off backfill' -Expires '2026-12-31T15:30' | " +
                "Add-GateWaiver RP.Team.Order 'old waiver' 2001-01-01");
            result.AssertNoErrors();
            var waivers = result.Single<RolloutPlan>().Waivers;
            Assert.Equal(new DateTime(2026, 12, 31), waivers[0].Expires);
            Assert.Equal("backfill", waivers[0].Target);
            Assert.Null(waivers[1].Target);
            Assert.Contains(result.Warnings, w => w.Contains("expired"));
        }
    }
}
