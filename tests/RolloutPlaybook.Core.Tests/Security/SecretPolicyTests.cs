using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Core.Security;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Security
{
    /// <summary>Issue 13, break 5: one detector, one policy, on every way in and out; the secret and look-alike corpora.</summary>
    public class SecretPolicyTests
    {
        [Fact]
        public void EverySecretOfTheCorpusIsFoundAndRedacted()
        {
            var corpus = SecretCorpus.Secrets().ToList();
            Assert.Equal(SecretCorpus.ShapeCount * 8, corpus.Count);
            foreach (var text in corpus)
            {
                Assert.True(SecretDetector.Detect(text).Found, "not found: " + text);
                var redacted = SecretDetector.Redact(text);
                Assert.Contains("[redacted: ", redacted);
                Assert.False(SecretDetector.Detect(redacted).Found, "left after redaction: " + redacted);
            }
        }

        [Fact]
        public void NoLookAlikeIsASecret()
        {
            foreach (var text in SecretCorpus.LookAlikes)
            {
                var finding = SecretDetector.Detect(text);
                Assert.False(finding.Found, text + " was taken for " + finding.Description);
                Assert.Equal(text, SecretDetector.Redact(text));
            }
        }

        private static string Plan(string key, string value)
        {
            var q = "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
            switch (key)
            {
                case "goal.why": return "schemaVersion: 1\nconnector: slack\ngoal:\n  why: " + q + "\n";
                case "assumptions[0]": return "schemaVersion: 1\nconnector: slack\nassumptions:\n  - " + q + "\n";
                case "linkingPoints[0].externalId": return "schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: slack_user\n    externalId: " + q + "\n";
                case "phases.sync.checks[0].evidence": return "schemaVersion: 1\nconnector: slack\nphases:\n  sync:\n    checks:\n      - id: sync-build\n        status: fail\n        evidence: " + q + "\n";
                case "handoff.env[0].deploy": return "schemaVersion: 1\nconnector: slack\nhandoff:\n  env:\n    - name: SLACK_BOT_TOKEN\n      secret: true\n      deploy: " + q + "\n";
                default: throw new System.ArgumentOutOfRangeException(nameof(key));
            }
        }

        private static readonly string[] Keys = { "goal.why", "assumptions[0]", "linkingPoints[0].externalId", "phases.sync.checks[0].evidence", "handoff.env[0].deploy" };

        [Fact]
        public void TheLoaderRefusesEverySecretUnderEveryKeyWithoutEchoingIt()
        {
            int refused = 0;
            foreach (var secret in SecretCorpus.Secrets(4))
            {
                foreach (var key in Keys)
                {
                    var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(Plan(key, secret)), "plan.yaml"));
                    var problem = Assert.Single(ex.Problems);
                    Assert.Equal(key, problem.KeyPath);
                    Assert.Contains("looks like", problem.Message);
                    var core = secret.Length > 24 ? secret.Substring(secret.Length - 16) : secret;
                    Assert.DoesNotContain(core, ex.Message);
                    refused++;
                }
            }
            Assert.Equal(SecretCorpus.ShapeCount * 4 * Keys.Length, refused);
        }

        [Fact]
        public void TheLoaderAcceptsEveryLookAlikeUnderEveryKey()
        {
            foreach (var text in SecretCorpus.LookAlikes)
                foreach (var key in Keys)
                    PlanFileStore.Parse(Encoding.UTF8.GetBytes(Plan(key, text)), "plan.yaml");
        }

        [Theory]
        [InlineData("linkingPoints:\n  - source: a\n    cardinality: \"{0}\"\n")]            // an enum's "got ..."
        [InlineData("\"{0}\": 1\n\"{0}\": 2\n")]                                               // duplicate key
        [InlineData("assumptions: [*{0}]\n")]                                                 // alias with no anchor
        [InlineData("\"{0}\": 1\n")]                                                          // unknown key
        public void ErrorMessagesNeverEchoASecret(string body)
        {
            foreach (var secret in SecretCorpus.Secrets(1).Where(s => s.IndexOfAny(new[] { '"', '\\', ' ', '\u200B', '\u2011', '/', '+', '=', ':', '@', '.' }) < 0))
            {
                var yaml = "schemaVersion: 1\nconnector: slack\n" + string.Format(body, secret);
                var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), "plan.yaml"));
                Assert.DoesNotContain(secret.Substring(secret.Length - 12), ex.Message);
                foreach (var p in ex.Problems) Assert.DoesNotContain(secret.Substring(secret.Length - 12), p.ToString());
            }
        }

        [Fact]
        public void AValueSetInMemoryIsRedactedInEveryExportAndTheLivePlanIsUntouched()
        {
            var plan = DocumentPlans.Example();
            var secret = SecretCorpus.Secrets(1).Skip(9).First(); // a Stripe key
            Assert.StartsWith("s" + "k_live_", secret);
            plan.Goal.Why = "why " + secret;
            plan.Handoff.Env[0].Secret = false;
            plan.Handoff.Env[0].Value = secret;
            foreach (var format in new[] { HandoffFormat.Markdown, HandoffFormat.Json, HandoffFormat.DotEnv })
                Assert.DoesNotContain(secret, SetupHandoffDocument.Render(plan, format));
            Assert.DoesNotContain(secret, RolloutDocument.Render(plan));
            Assert.Equal("why " + secret, plan.Goal.Why);
            Assert.Equal(secret, plan.Handoff.Env[0].Value);
        }
    }
}
