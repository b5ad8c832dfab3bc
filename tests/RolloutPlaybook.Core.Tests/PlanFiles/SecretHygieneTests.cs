using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>The loader refuses token-shaped values anywhere in a plan, naming the key path and never the value.</summary>
    public class SecretHygieneTests
    {
        // Assembled at run time so the source holds no literal that scanners would flag as a credential.
        private static string J(params string[] parts) => string.Concat(parts);

        public static TheoryData<string, string, string> Shapes => new TheoryData<string, string, string>
        {
            { "risks[0].mitigation", J("xo", "xb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"), "a Slack token" },
            { "goal.why", J("gh", "p_", "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"), "a GitHub token" },
            { "assumptions[0]", J("github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"), "a GitHub token" },
            { "source.auth", J("AK", "IA", "IOSFODNN7EXAMPLE"), "an AWS access key id" },
            { "openQuestions[0]", J("s", "k-", "proj-", "abcdefghijklmnopqrstuvwxyzABCDEF0123"), "an API secret key (sk-...)" },
            { "handoff.externalApp[0]", J("-----BEGIN ", "RSA PRIVATE KEY-----"), "a private key" },
            { "handoff.env[0].purpose", J("ey", "JhbGciOiJIUzI1NiJ9.", "ey", "JzdWIiOiIxMjM0NTY3ODkwIn0.", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"), "a JSON Web Token" },
            { "handoff.env[0].value", J("Zx8", "Qw3Lm9Rt2Yp7Vb4Nc6Hj1Kd5Fg0Ss8Aa3Ee"), "a long random string" },
        };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void TokenShapedValuesAreRefusedWithoutEchoingThem(string keyPath, string value, string kind)
        {
            var plan = new RolloutPlan { Connector = "slack" };
            plan.Risks.Add(new RiskItem { Risk = "r", Mitigation = "m" });
            plan.Assumptions.Add("a");
            plan.OpenQuestions.Add("q");
            plan.Handoff.ExternalApp.Add("step");
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SLACK_PAGE_CAP", Purpose = "p" });
            var yaml = PlanWriter.Write(plan);
            // Put the value where the key path says (the writer would refuse to write it, see below).
            string quoted = "\"" + value + "\"";
            string text = keyPath switch
            {
                "risks[0].mitigation" => yaml.Replace("mitigation: m", "mitigation: " + quoted),
                "goal.why" => yaml.Replace("connector: slack\n", "connector: slack\ngoal:\n  why: " + quoted + "\n"),
                "source.auth" => yaml.Replace("connector: slack\n", "connector: slack\nsource:\n  auth: " + quoted + "\n"),
                "assumptions[0]" => yaml.Replace("assumptions: [a]", "assumptions: [" + quoted + "]"),
                "openQuestions[0]" => yaml.Replace("openQuestions: [q]", "openQuestions: [" + quoted + "]"),
                "handoff.externalApp[0]" => yaml.Replace("externalApp: [step]", "externalApp: [" + quoted + "]"),
                "handoff.env[0].purpose" => yaml.Replace("purpose: p", "purpose: " + quoted),
                "handoff.env[0].value" => yaml.Replace("purpose: p", "purpose: p\n      value: " + quoted),
                _ => throw new ArgumentOutOfRangeException(nameof(keyPath)),
            };
            Assert.NotEqual(yaml, text);
            var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(text), "plan.yaml"));
            var p = Assert.Single(ex.Problems);
            Assert.Equal(keyPath, p.KeyPath);
            Assert.Contains("looks like " + kind, p.Message);
            Assert.DoesNotContain(value, ex.Message);
            Assert.DoesNotContain(value.Substring(0, 12), p.ToString());
            Assert.True(p.Line > 1);
        }

        [Theory]
        [InlineData("xoxb-... (the bot token, from the Slack app page)")]
        [InlineData("Slack bot token (xoxb-)")]
        [InlineData("sk-learn pipeline for the nightly job")]
        [InlineData("idx_entity_external_ids_one_to_one_sources")]
        [InlineData("supabase/migrations/20260211_slack_one_to_one_index.sql")]
        [InlineData("https://api.slack.com/apps/A0123/oauth?tab=scopes")]
        [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
        [InlineData("AKIA is how AWS key ids start; ours live in the vault")]
        [InlineData("eyJ-shaped JWTs are rejected by the API gateway")]
        [InlineData("The quick brown fox jumps over the lazy dog, repeatedly and at length.")]
        public void LookAlikesLoad(string text)
        {
            var yaml = "schemaVersion: 1\nconnector: slack\nhandoff:\n  env:\n    - name: SLACK_BOT_TOKEN\n      secret: true\n      purpose: \"" + text + "\"\nrisks:\n  - risk: \"" + text + "\"\n";
            var plan = PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), "plan.yaml");
            Assert.Equal(text, plan.Risks[0].Risk);
        }

        [Fact]
        public void AnEnumerationErrorDoesNotEchoASecretEither()
        {
            var token = J("xo", "xp-", "123456789012-1234567890123-AbCdEfGhIjKlMnOp");
            var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes("schemaVersion: 1\nconnector: slack\npattern: " + token + "\n"), "plan.yaml"));
            Assert.DoesNotContain(token, ex.Message);
            Assert.Contains("not shown", ex.Message);
        }

        [Fact]
        public void SavingAPlanThatHoldsASecretWritesNothing()
        {
            var dir = Path.Combine(Path.GetTempPath(), "rp-secret-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                var file = Path.Combine(dir, "plan.yaml");
                var plan = new RolloutPlan { Connector = "slack" };
                plan.Goal.Why = J("xo", "xb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx");
                var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Save(plan, file));
                Assert.Equal("goal.why", Assert.Single(ex.Problems).KeyPath);
                Assert.Empty(Directory.GetFiles(dir));
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
