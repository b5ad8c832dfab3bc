using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Security;

namespace RolloutPlaybook.Core.Tests.Security
{
    /// <summary>
    /// SecretDetector's pre-check (<c>MayContainSecret</c>) skips the full scan for text that cannot hold a secret; it must
    /// never skip text the full scan would find something in. Fed every shape the detector knows, at its shortest, in
    /// prose, with look-alike dashes and invisible characters, and random text around the thresholds.
    /// </summary>
    public class SecretPrecheckTests
    {
        private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        // Assembled from parts so this file is not itself a leak; each is the shortest value its shape accepts.
        private static readonly (string Text, SecretKind Kind)[] Shortest =
        {
            ("-----BEGIN " + "PRIVATE KEY-----", SecretKind.PrivateKey),
            ("https://hooks.sl" + "ack.com/services/T0A1B2/B3C4D5/aB3dE6gH9jK2", SecretKind.SlackWebhook),
            ("xo" + "xb-1-abcdefghijklmnopq", SecretKind.SlackToken),
            ("gh" + "p_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0", SecretKind.GitHubToken),
            ("AK" + "IA" + "IOSFODNN7EXAMPLE", SecretKind.AwsAccessKey),
            ("s" + "k_live_" + "aB3dE6gH9jK2mN5p", SecretKind.StripeSecretKey),
            ("s" + "k-" + "aB3dE6gH9jK2mN5pQ8sT", SecretKind.OpenAiStyleKey),
            ("AI" + "za" + "SyaB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3", SecretKind.GoogleApiKey),
            ("S" + "G." + "aB3dE6gH9jK2mN5p." + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0", SecretKind.SendGridKey),
            ("ey" + "JhbGciOiJ.ey" + "JzdWIiOiJ.dozjgNry", SecretKind.JsonWebToken),
            ("a://u:pw12@hostx", SecretKind.UrlPassword),
            ("wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY9k2Qz7Lm4N", SecretKind.AwsSecretAccessKey),
            ("Zx8qT3vN0pL7mK2wR9sY4bH6cJ1fG5dA", SecretKind.HighEntropyString),
        };

        [Fact]
        public void TheShortestOfEveryShapeIsFoundAndPassesThePrecheck()
        {
            // Every kind the detector knows is in the list above.
            var kinds = Enum.GetValues(typeof(SecretKind)).Cast<SecretKind>().Where(k => k != SecretKind.None);
            Assert.Empty(kinds.Except(Shortest.Select(s => s.Kind)));
            foreach (var (text, kind) in Shortest)
                foreach (var variant in Variants(text))
                {
                    Assert.True(SecretDetector.MayContainSecret(variant), "pre-check skipped: " + variant);
                    var found = SecretDetector.Detect(variant);
                    Assert.True(found.Found, "not found: " + variant);
                    if (ReferenceEquals(variant, text)) Assert.Equal(kind, found.Kind);
                    Assert.NotEqual(variant, SecretDetector.Redact(variant));
                }
        }

        [Fact]
        public void EveryCorpusSecretPassesThePrecheck()
        {
            foreach (var secret in SecretCorpus.Secrets(40))
            {
                Assert.True(SecretDetector.MayContainSecret(secret), "pre-check skipped: " + secret);
                Assert.Equal(SecretDetector.DetectAll(secret).Kind, SecretDetector.Detect(secret).Kind);
                Assert.Equal(SecretDetector.RedactAll(secret), SecretDetector.Redact(secret));
            }
        }

        [Fact]
        public void TextThePrecheckSkipsHasNothingTheFullScanFinds()
        {
            var random = new Random(2026);
            var fragments = SecretCorpus.Secrets(2).Concat(SecretCorpus.LookAlikes).Concat(Shortest.Select(s => s.Text))
                .Concat(new[] { " ", "\n", "-", "\u2011", "\u2212", "\u200B", "\u00AD", "/", "+", "=", "_", "://", "@", ":", ".", "xox", "sk_", "AIza", "SG.", "eyJ", "PRIVATE KEY", "…" })
                .ToArray();
            int skipped = 0, checkedFully = 0;
            for (int i = 0; i < 40_000; i++)
            {
                var text = i % 2 == 0 ? FromFragments(random, fragments) : NearThresholds(random);
                if (SecretDetector.MayContainSecret(text)) { checkedFully++; continue; }
                skipped++;
                Assert.False(SecretDetector.DetectAll(text).Found, "pre-check skipped a secret: " + text);
                Assert.Equal(text, SecretDetector.RedactAll(text));
            }
            Assert.InRange(skipped, 4_000, 40_000);      // the generator does make text the pre-check clears
            Assert.InRange(checkedFully, 4_000, 40_000); // and text it does not
        }

        [Fact]
        public void TheProbingPrecheckAnswersAsCountingEveryCharacterDoes()
        {
            // The fast form looks only at the runs through every 20th position; the answer must not depend on where a run starts.
            var random = new Random(77);
            var fragments = SecretCorpus.Secrets(2).Concat(SecretCorpus.LookAlikes).Concat(Shortest.Select(s => s.Text)).ToArray();
            for (int i = 0; i < 40_000; i++)
            {
                var text = (i % 3) switch
                {
                    0 => NearThresholds(random),
                    1 => new string('.', random.Next(0, 41)) + NearThresholds(random),
                    _ => FromFragments(random, fragments),
                };
                Assert.True(SecretDetector.MayContainSecret(text) == SecretDetector.MayContainSecretScanningEveryCharacter(text), "differs: " + text);
            }
            for (int pad = 0; pad < 45; pad++)
                for (int length = 15; length <= 45; length++)
                    foreach (var alphabet in new[] { "aZ9", "aZ9/+", "a+=", "a-\u2011", "a/" })
                    {
                        var run = new StringBuilder();
                        for (int k = 0; k < length; k++) run.Append(alphabet[(k * 7 + pad) % alphabet.Length]);
                        var text = new string(' ', pad) + run + (pad % 2 == 0 ? "" : " tail");
                        Assert.True(SecretDetector.MayContainSecret(text) == SecretDetector.MayContainSecretScanningEveryCharacter(text), "differs: '" + text + "'");
                    }
        }

        /// <summary>
        /// A long text with several lines (a rendered document) is checked line by line, and a line the pre-check clears is
        /// kept without the full check: the answers are the full check's, wherever the secrets and look-alikes stand.
        /// </summary>
        [Fact]
        public void ALongTextIsPrecheckedLineByLineWithTheFullChecksAnswers()
        {
            var random = new Random(4096);
            var fragments = SecretCorpus.Secrets(2).Concat(SecretCorpus.LookAlikes).Concat(Shortest.Select(s => s.Text))
                .Concat(new[] { " ", "-", "\u2011", "\u200B", "/", "+", "=", "_", "://", "@", ":", ".", "xox", "sk-", "eyJ", "\r" })
                .ToArray();
            for (int i = 0; i < 300; i++)
            {
                var sb = new StringBuilder();
                while (sb.Length <= 4200)
                {
                    int kind = random.Next(4);
                    sb.Append(kind == 0 ? FromFragments(random, fragments) : kind == 1 ? NearThresholds(random) : "| plain table cell | task-" + random.Next(1000) + " |");
                    sb.Append('\n');
                }
                var text = sb.ToString();
                Assert.Equal(SecretDetector.RedactAll(text), SecretDetector.Redact(text));
                var full = SecretDetector.DetectAll(text);
                var fast = SecretDetector.Detect(text);
                Assert.Equal(full.Kind, fast.Kind);
                Assert.Equal(full.Index, fast.Index);
            }
        }

        [Fact]
        public void ThePrecheckOfARangeAnswersAsThePrecheckOfThatSubstring()
        {
            var random = new Random(311);
            var fragments = SecretCorpus.Secrets(2).Concat(SecretCorpus.LookAlikes).Concat(Shortest.Select(s => s.Text))
                .Concat(new[] { " ", "\n", "-", "\u2011", "\u200B", "/", "+", "=", "_", "://", "eyJ", "PRIVATE KEY" }).ToArray();
            for (int i = 0; i < 20_000; i++)
            {
                var text = (i % 2 == 0 ? FromFragments(random, fragments) : NearThresholds(random)) + NearThresholds(random);
                int start = random.Next(text.Length + 1), end = start + random.Next(text.Length - start + 1);
                Assert.True(SecretDetector.MayContainSecret(text, start, end) == SecretDetector.MayContainSecret(text.Substring(start, end - start)),
                    "differs: '" + text + "' [" + start + ", " + end + ")");
            }
        }

        /// <summary>
        /// A huge text is never skipped: the full check may run out of time on it and then withholds the text as unchecked,
        /// a fail-safe the pre-check must not bypass (found by an attack: "SG.a " four million times made the SendGrid
        /// pattern time out, while the pre-check, seeing no marker and no run, said "no secret").
        /// </summary>
        [Fact]
        public void AHugeTextAlwaysGetsTheFullCheck()
        {
            var huge = string.Concat(Enumerable.Repeat("SG.a ", SecretDetector.HugeText / 5 + 1));
            Assert.True(huge.Length > SecretDetector.HugeText);
            Assert.True(SecretDetector.MayContainSecret(huge));
            Assert.False(SecretDetector.MayContainSecret(huge.Substring(0, SecretDetector.HugeText)));
        }

        [Theory]
        [InlineData("src/app/api/acme/r123/route.ts:8")]
        [InlineData("POST handler at src/app/api/acme/r1/route.ts:8 checks the caller as planned (auth: session): auth.getUser at src/lib/acme/auth.ts:5 (followed withErrors, withAuth, …).")]
        [InlineData("/api/acme/r12 POST upsert acme_items_12 (acme_item)")]
        public void EverydayGateTextSkipsTheFullScan(string text) => Assert.False(SecretDetector.MayContainSecret(text));

        /// <summary>The value itself, in prose, with its dashes made look-alikes, and with an invisible character inside.</summary>
        private static IEnumerable<string> Variants(string text)
        {
            yield return text;
            yield return "the key (" + text + ") on staging";
            yield return "line one\n" + text + "\nline three";
            if (text.Contains('-')) yield return text.Replace('-', '\u2011');
            if (text.Length > 10) yield return text.Insert(8, "\u200B");
        }

        private static string FromFragments(Random random, string[] fragments)
        {
            var sb = new StringBuilder();
            int parts = random.Next(1, 6);
            for (int p = 0; p < parts; p++)
            {
                var f = fragments[random.Next(fragments.Length)];
                if (random.Next(2) == 0 && f.Length > 2) f = f.Substring(random.Next(f.Length / 2), random.Next(1, f.Length / 2 + 1));
                sb.Append(f);
            }
            return sb.ToString();
        }

        /// <summary>Runs of key characters 15–45 long, split by the characters that end one kind of run and not another.</summary>
        private static string NearThresholds(Random random)
        {
            const string Separators = "/+=_-.: \u2011\u200B";
            var sb = new StringBuilder();
            int runs = random.Next(1, 4);
            for (int r = 0; r < runs; r++)
            {
                int n = random.Next(15, 46);
                for (int k = 0; k < n; k++)
                    sb.Append(random.Next(12) == 0 ? Separators[random.Next(Separators.Length)] : Alnum[random.Next(Alnum.Length)]);
                sb.Append(random.Next(3) == 0 ? '\n' : ' ');
            }
            return sb.ToString();
        }
    }
}
