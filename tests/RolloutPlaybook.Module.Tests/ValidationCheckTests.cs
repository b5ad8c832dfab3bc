using System;
using System.Linq;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Add-ValidationCheck and Set-ValidationResult: checks, results, who and when.</summary>
    public class ValidationCheckTests
    {
        [Fact]
        public void ValidationChecksAndResults()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck -Phase sync -Id sync-lint -Description 'Lint passes' -Kind lint | " +
                "Add-ValidationCheck mapping mapping-remap 'Unmap clears attribution' -Kind remap | " +
                "Set-ValidationResult -Id sync-lint -Status pass -Evidence 'npm run lint, 0 problems' | " +
                "Set-ValidationResult mapping-remap fail 'stale sender after unmap'");
            var lint = Assert.Single(plan.Phases.Sync.Checks);
            Assert.Equal(CheckKind.Lint, lint.Kind);
            Assert.Equal(CheckStatus.Pass, lint.Status);
            Assert.Equal("npm run lint, 0 problems", lint.Evidence);
            Assert.Null(lint.RecordedBy);
            Assert.Null(lint.RecordedAt);
            var remap = Assert.Single(plan.Phases.Mapping.Checks);
            Assert.Equal(CheckStatus.Fail, remap.Status);
            Assert.Equal("stale sender after unmap", remap.Evidence);
        }

        [Fact]
        public void SetValidationResultRecordsWhoAndWhenOnlyWhenAsked()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck sync a 'A' | Add-ValidationCheck sync b 'B' | Add-ValidationCheck sync c 'C' | " +
                "Set-ValidationResult -Id a -Status pass -Evidence e -RecordedBy ana -RecordedAt '2026-11-20T10:00:00Z' | " +
                "Set-ValidationResult -Id b -Status pass -Evidence e -Stamp | Set-ValidationResult -Id c -Status pass -Evidence e");
            var checks = plan.Phases.Sync.Checks;
            Assert.Equal("ana", checks[0].RecordedBy);
            Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), checks[0].RecordedAt);
            Assert.Equal(Environment.UserName, checks[1].RecordedBy);
            Assert.True(checks[1].RecordedAt > DateTime.UtcNow.AddMinutes(-5));
            Assert.Null(checks[2].RecordedBy);
            Assert.Null(checks[2].RecordedAt);
        }

        [Fact]
        public void AddValidationCheckForceMovesACheckToAnotherPhase()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Add-ValidationCheck sync smoke 'Smoke' | Add-ValidationCheck ops smoke 'Smoke test' -Kind smoke -Force");
            Assert.Empty(plan.Phases.Sync.Checks);
            Assert.Equal("Smoke test", Assert.Single(plan.Phases.Ops.Checks).Description);
        }
    }
}
