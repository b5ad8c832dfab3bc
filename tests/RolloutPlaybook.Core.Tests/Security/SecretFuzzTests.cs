using System;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Security;

namespace RolloutPlaybook.Core.Tests.Security
{
    /// <summary>The detector on random text built from secret and look-alike fragments: never throws, and what Redact returns holds no secret.</summary>
    public class SecretFuzzTests
    {
        public const int Inputs = 50_000;

        [Fact]
        public void RedactedTextNeverHoldsASecret()
        {
            var random = new Random(1313);
            var fragments = SecretCorpus.Secrets(2).Concat(SecretCorpus.LookAlikes)
                .Concat(new[] { " ", "\n", "-", "\u2011", "\u200B", "/", "=", "_", "://", "@", ":", ".", "xox", "sk_", "AIza", "SG.", "eyJ" }).ToArray();
            int found = 0;
            for (int i = 0; i < Inputs; i++)
            {
                var sb = new StringBuilder();
                int parts = random.Next(1, 6);
                for (int p = 0; p < parts; p++)
                {
                    var f = fragments[random.Next(fragments.Length)];
                    // Cut fragments at random so shapes are also seen half-written.
                    if (random.Next(3) == 0 && f.Length > 2) f = f.Substring(0, random.Next(1, f.Length));
                    sb.Append(f);
                }
                var text = sb.ToString();
                if (SecretDetector.Detect(text).Found) found++;
                var redacted = SecretDetector.Redact(text);
                Assert.False(SecretDetector.Detect(redacted).Found, "left after redaction: " + redacted);
            }
            Assert.InRange(found, Inputs / 10, Inputs); // the generator does produce secrets
        }
    }
}
