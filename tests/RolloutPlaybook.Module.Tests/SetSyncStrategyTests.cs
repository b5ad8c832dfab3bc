using System;
using System.Management.Automation;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Module.Tests.AuthoringTestKit;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Set-SyncStrategy: only the keys given change; durations keep their fraction.</summary>
    public class SetSyncStrategyTests
    {
        [Theory]
        [InlineData("1.2s", 1200)]
        [InlineData("'1.2s'", 1200)]
        [InlineData("0.25", 250)]
        [InlineData("90", 90000)]
        [InlineData("([TimeSpan]::FromMilliseconds(1500))", 1500)]
        public void UnquotedFractionalDurationsKeepTheirFraction(string argument, int milliseconds)
        {
            // Unquoted, PowerShell reads 1.2s as the Int16 1; duration parameters take the literal text instead.
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-SyncStrategy -CallInterval " + argument);
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), plan.Sync.CallInterval!.Value.Value);
        }

        [Fact]
        public void SetSyncStrategySetsOnlyTheKeysGiven()
        {
            using var ps = new PowerShellSession();
            var plan = Run(ps, "Set-SyncStrategy -Trigger cron -Schedule 5m -Lease ([TimeSpan]::FromMinutes(4)) -CallInterval '1.2s' -Overlap 0s " +
                "-WatermarkAdvance after-write -Resume Cursor -PageSize 200 -PageCap 5 -UnitsPerRun 20 -Cursor message_ts -Watermark latest_ts, oldest_ts " +
                "-IdempotencyKey 'channel_id,message_ts' | Set-SyncStrategy -PageCap 3 -Lease 90s");
            var s = plan.Sync;
            Assert.Equal(SyncTrigger.Cron, s.Trigger);
            Assert.Equal(TimeSpan.FromMinutes(5), s.Schedule!.Value.Value);
            Assert.Equal(TimeSpan.FromSeconds(90), s.Lease!.Value.Value);
            Assert.Equal(TimeSpan.FromMilliseconds(1200), s.CallInterval!.Value.Value);
            Assert.Equal(TimeSpan.Zero, s.Overlap!.Value.Value);
            Assert.Equal(WatermarkAdvance.AfterWrite, s.WatermarkAdvance);
            Assert.Equal(ResumeMode.Cursor, s.Resume);
            Assert.Equal(3, s.PageCap);
            Assert.Equal(200, s.PageSize);
            Assert.Equal(20, s.UnitsPerRun);
            Assert.Equal("message_ts", s.Cursor);
            Assert.Equal(new[] { "latest_ts", "oldest_ts" }, s.Watermarks);
            Assert.Equal("channel_id,message_ts", s.IdempotencyKey);
        }
    }
}
