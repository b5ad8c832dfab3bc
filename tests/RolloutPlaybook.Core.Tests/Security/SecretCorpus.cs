using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RolloutPlaybook.Core.Tests.Security
{
    /// <summary>
    /// Secret SHAPES, synthesised from a seeded generator (never real keys; prefixes are assembled from parts so this
    /// file is not itself a leak), and the honest look-alikes of issue 13 that must load.
    /// </summary>
    public static class SecretCorpus
    {
        private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const string Digits = "0123456789";
        private const string Base64 = Alnum + "+/";
        private const string UrlSafe = Alnum + "-_";

        private static string R(Random r, string alphabet, int n)
        {
            var sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) sb.Append(alphabet[r.Next(alphabet.Length)]);
            return sb.ToString();
        }

        /// <summary>A random run that has upper, lower and digit (as every generated key of that alphabet in practice has).</summary>
        private static string Mixed(Random r, string alphabet, int n)
        {
            while (true)
            {
                var s = R(r, alphabet, n);
                if (s.Any(char.IsUpper) && s.Any(char.IsLower) && s.Any(char.IsDigit)) return s;
            }
        }

        private static readonly Func<Random, string>[] Generators =
        {
            r => "xo" + "xb-" + R(r, Digits, 12) + "-" + R(r, Digits, 13) + "-" + Mixed(r, Alnum, 24),
            r => "xo" + "xp-" + R(r, Digits, 11) + "-" + R(r, Digits, 11) + "-" + R(r, Digits, 12) + "-" + R(r, "0123456789abcdef", 32),
            r => "xa" + "pp-1-A" + R(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10) + "-" + R(r, Digits, 13) + "-" + R(r, "0123456789abcdef", 64),
            r => "https://hooks.sl" + "ack.com/services/T" + R(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8) + "/B" + R(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10) + "/" + Mixed(r, Alnum, 24),
            r => "gh" + "p_" + Mixed(r, Alnum, 36),
            r => "github" + "_pat_" + Mixed(r, Alnum, 22) + "_" + Mixed(r, Alnum, 59),
            r => "AK" + "IA" + R(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            r => Mixed(r, Base64, 40),                                                  // AWS secret access key
            r => "s" + "k-proj-" + Mixed(r, UrlSafe, 48),
            r => "s" + "k_live_" + Mixed(r, Alnum, 24 + r.Next(76)),                     // Stripe
            r => "r" + "k_live_" + Mixed(r, Alnum, 24 + r.Next(76)),
            r => "s" + "k_test_" + Mixed(r, Alnum, 24 + r.Next(76)),
            r => "AI" + "za" + Mixed(r, UrlSafe, 35),                                    // Google API key
            r => "S" + "G." + Mixed(r, UrlSafe, 22) + "." + Mixed(r, UrlSafe, 43),       // SendGrid
            r => "postgres" + "ql://postgres:" + Mixed(r, Alnum, 16) + "@db." + R(r, "abcdefghijklmnopqrstuvwxyz", 20) + ".supabase.co:5432/postgres",
            r => "mysql://app:" + Mixed(r, Alnum, 12) + "@10.0.0." + r.Next(255) + "/app",
            r => "ey" + "J" + Mixed(r, UrlSafe, 30) + ".ey" + "J" + Mixed(r, UrlSafe, 60) + "." + Mixed(r, UrlSafe, 43),
            r => "-----BEGIN " + (r.Next(2) == 0 ? "RSA " : "EC ") + "PRIVATE KEY-----",
            r => Mixed(r, Alnum, 40),                                                   // a generic generated key
        };

        /// <summary>Each shape <paramref name="perShape"/> times, bare, in prose, and with a look-alike dash or an invisible character.</summary>
        public static IEnumerable<string> Secrets(int perShape = 8)
        {
            var r = new Random(13);
            foreach (var generate in Generators)
            {
                for (int i = 0; i < perShape; i++)
                {
                    var secret = generate(r);
                    switch (i % 4)
                    {
                        case 0: yield return secret; break;
                        case 1: yield return "passed with evidence (" + secret + ") on staging"; break;
                        case 2: yield return secret.Contains('-') ? secret.Replace('-', '\u2011') : "key: " + secret; break;
                        default: yield return secret.Length > 10 ? secret.Insert(8, "\u200B") : secret; break;
                    }
                }
            }
        }

        public static int ShapeCount => Generators.Length;

        /// <summary>Honest text that looks a little like a secret and must load, export and render as written.</summary>
        public static readonly string[] LookAlikes =
        {
            "GCP secret manager projects/acme-prod-394512/secrets/SLACK_BOT_TOKEN/versions/latest",
            "used by SlackWebApiClientFactoryV2ForPartnerChannels",
            "prj_3kX9aB7cD2eF4gH6iJ8kL0mN1oPq",
            "team_Ab3dEf6hIj9lMn2pQr5tUv8xYz1B",
            "bot tokens look like xoxb-123-456",
            "npm ci (integrity sha512-" + "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==)",
            "/tmp/3f9c2a1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b/plan.yaml",
            "C:\\Users\\ana\\AppData\\Local\\Temp\\3F9C2A1E-7B4D-4E8F-9A6B-1C2D3E4F5A6B\\plan.yaml",
            "xoxb-... (the bot token, from the Slack app page)",
            "Slack bot token (xoxb-)",
            "sk-learn pipeline for the nightly job",
            "sk_live_... in the Stripe dashboard, never here",
            "pk_live_51Nz8QKLmNoPqRsTuVwXyZ0123456789AbCdEf (publishable)",
            "AIza is how Google API keys start",
            "SG. followed by the key: SendGrid keys live in Vercel",
            "postgres://user:password@localhost:5432/app",
            "postgresql://postgres:${DB_PASSWORD}@db:5432/postgres",
            "postgres://localhost:5432/app",
            "https://api.slack.com/apps/A0123/oauth?tab=scopes",
            "https://github.com/acme/app/actions/runs/12345678901/job/34567890123",
            "idx_entity_external_ids_one_to_one_sources_for_slack_users",
            "supabase/migrations/20260211_slack_one_to_one_index.sql",
            "src/app/api/slack/mappings/channels/[channelId]/route.ts",
            "src/lib/SlackClient2/Sync/Handlers/MessagePager.ts",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "9fceb02d0ae598e95dc970b74767f19372d61af8",
            "AKIA is how AWS key ids start; ours live in the vault",
            "eyJ-shaped JWTs are rejected by the API gateway",
            "ReconcileSlackChannelMembershipAfterWorkspaceMigration",
            "The quick brown fox jumps over the lazy dog, repeatedly and at length.",
            "vercel env pull .env.local (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN)",
            "jest src/lib/slack/__tests__/sync.test.ts --runInBand (2026-02-11, 48 passed)",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack/bot-token-AbCdEf",
            "Doppler project acme-web config prd_eu1 secret SLACK_BOT_TOKEN",
        };
    }
}
