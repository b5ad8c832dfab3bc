using RolloutPlaybook.Core.Security;

namespace RolloutPlaybook.Core.Tests.Security
{
    public class SecretDetectorTests
    {
        // Secret-shaped values are assembled from parts so this file itself does not look like a leaked credential.
        [Theory]
        [InlineData("xoxb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", SecretKind.SlackToken)]
        [InlineData("token is xoxp-", "11111111111-22222222222-333333333333-abcdef0123456789abcdef0123456789", SecretKind.SlackToken)]
        [InlineData("https://hooks.slack.com/services/", "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", SecretKind.SlackWebhook)]
        [InlineData("ghp_", "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", SecretKind.GitHubToken)]
        [InlineData("github_pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV", SecretKind.GitHubToken)]
        [InlineData("AKIA", "IOSFODNN7EXAMPLE", SecretKind.AwsAccessKey)]
        [InlineData("sk-", "proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", SecretKind.OpenAiStyleKey)]
        [InlineData("-----BEGIN ", "RSA PRIVATE KEY-----\nMIIEow...", SecretKind.PrivateKey)]
        [InlineData("-----BEGIN ", "OPENSSH PRIVATE KEY-----", SecretKind.PrivateKey)]
        [InlineData("eyJhbGciOiJIUzI1NiJ9.", "eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", SecretKind.JsonWebToken)]
        [InlineData("key=", "Zx8qT3vN0pL7mK2wR9sY4bH6cJ1fG5dA8eQ3uV7iO0tW", SecretKind.HighEntropyString)]
        public void RecognisesCredentialShapes(string prefix, string rest, SecretKind kind)
        {
            var finding = SecretDetector.Detect(prefix + rest);
            Assert.Equal(kind, finding.Kind);
            Assert.True(finding.Found);
            Assert.DoesNotContain(rest, finding.Description);
        }

        [Theory]
        [InlineData("Slack user ID (U…)")]
        [InlineData("xoxb-your-bot-token")]                                          // placeholder, no digits
        [InlineData("xoxb-...")]
        [InlineData("SLACK_BOT_TOKEN")]
        [InlineData("sk-learn is a library")]
        [InlineData("task-sk-1234")]
        [InlineData("idx_entity_external_ids_one_to_one_sources_for_slack_users")]     // long identifier
        [InlineData("supabase/migrations/20260211_slack_one_to_one_index.sql")]
        [InlineData("https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/LICENSE")]
        [InlineData("9fceb02d0ae598e95dc970b74767f19372d61af8")]                      // git commit hash
        [InlineData("AKIA is the prefix of AWS access key ids")]
        [InlineData("reclassify synced messages on map and unmap")]
        [InlineData("ghp_short")]
        [InlineData("")]
        [InlineData(null)]
        public void LeavesLookAlikesAlone(string? text)
        {
            Assert.Equal(SecretKind.None, SecretDetector.Detect(text).Kind);
            Assert.False(SecretDetector.ContainsSecret(text));
        }

        [Fact]
        public void ReportsWhereTheSecretStarts()
        {
            var finding = SecretDetector.Detect("use AKIA" + "IOSFODNN7EXAMPLE here");
            Assert.Equal(4, finding.Index);
        }
    
        [Theory]
        [InlineData("sk-", "proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "an API secret key")]
        [InlineData("xoxb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "a Slack token")]
        [InlineData("AKIA", "IOSFODNN7EXAMPLE", "an AWS access key id")]
        [InlineData("ghp_", "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "a GitHub token")]
        public void RedactsATokenAmongManyLookAlikeMarkers(string prefix, string rest, string kind)
        {
            // The marker inside a word ("task-", "xxoxb-", "BAKIA", "aghp_") is not a token start; the real one after them still is.
            var noise = new System.Text.StringBuilder();
            for (int i = 0; i < 2000; i++) noise.Append("| `task-").Append(i).Append("` | ma").Append(prefix).Append("notakey").Append(i).Append(" |\n");
            var text = noise + "the key: " + prefix + rest + "\n" + noise;
            var redacted = SecretDetector.Redact(text);
            Assert.DoesNotContain(rest, redacted);
            Assert.Contains("the key: [redacted: " + kind, redacted);
            Assert.Equal(noise.ToString(), redacted.Substring(0, noise.Length));
            Assert.Equal(noise.ToString(), SecretDetector.Redact(noise.ToString()));
        }
    }
}
