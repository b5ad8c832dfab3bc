using System;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>Issue 13, break 4: huge and odd durations are positioned problems, never a raw exception.</summary>
    public class DurationBoundsTests
    {
        private const string File = "plans/slack.yaml";

        private static PlanProblem Single(string yaml)
            => Assert.Single(Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), File)).Problems);

        [Theory]
        [InlineData("9999999999999999999999999999d")]
        [InlineData("79228162514264337593543950335ms")]
        [InlineData("99999999999999999999999999999999999d")]
        [InlineData("3651d")]
        [InlineData("3650d1h")]
        public void AHugeLeaseIsAPositionedProblem(string lease)
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nsync:\n  lease: " + lease + "\n");
            Assert.Equal((4, 10, "sync.lease"), (p.Line, p.Column, p.KeyPath));
            Assert.StartsWith("expected a duration such as 4m, 1.2s or 1h30m, got ", p.Message);
        }

        [Fact]
        public void AHugeRateLimitInTheShortFormIsAPositionedProblem()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nintake:\n  sourceLimits:\n    rateLimit: 50/9999999999999999999999999999d\n");
            Assert.Equal("intake.sourceLimits.rateLimit", p.KeyPath);
            Assert.Equal(5, p.Line);
        }

        [Theory]
        [InlineData("4m4m4m4m", "twice")]
        [InlineData("30m1h", "largest first")]
        [InlineData("1s1s", "twice")]
        public void RepeatedOrMisorderedUnitsAreRefusedWithTheReason(string schedule, string why)
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nsync:\n  schedule: " + schedule + "\n");
            Assert.Equal("sync.schedule", p.KeyPath);
            Assert.Contains(why, p.Message);
        }

        [Fact]
        public void ARateLimitPerZeroIsRefused()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nintake:\n  sourceLimits:\n    rateLimit: { requests: 5, per: 0s }\n");
            Assert.Equal("intake.sourceLimits.rateLimit.per", p.KeyPath);
            Assert.Contains("longer than 0", p.Message);
        }

        [Theory]
        [InlineData("1h30m", 5400)]
        [InlineData("1d2h3m4s5ms", 93784.005)]
        [InlineData("3650d", 315360000)]
        [InlineData("0s", 0)]
        public void HonestDurationsStillParse(string text, double seconds)
        {
            Assert.True(Duration.TryParse(text, out var d));
            Assert.Equal(seconds, d.TotalSeconds, 3);
        }

        [Fact]
        public void TryParseNeverThrowsOnDigits()
        {
            var random = new Random(13);
            const string alphabet = "0123456789.dhms";
            for (int i = 0; i < 20000; i++)
            {
                var chars = new char[random.Next(1, 60)];
                for (int j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
                _ = Duration.TryParse(new string(chars), out var d);
                Assert.True(d.Value <= Duration.MaxValue);
            }
        }
    }
}
