using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Security;
using RolloutPlaybook.Core.Tests.Security;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>
    /// GateContext.Result redacts every evidence string; a string object it found clean is not checked again (the same
    /// file:line stands in several rules' results), and that must never let a secret through or change clean text.
    /// </summary>
    public class ResultEvidenceTests
    {
        [Fact]
        public void EvidenceIsRedactedInEveryResultAndCleanEvidenceIsKeptAsItIs()
        {
            var context = new GateContext(new RolloutPlan { Connector = "acme" }, null, default);
            var rule = RuleCatalog.All.First(r => r.Id == "RP.Api.Guarded");
            var clean = "src/app/api/acme/r1/route.ts:8";
            foreach (var secret in SecretCorpus.Secrets(2).Take(12))
                for (int round = 0; round < 3; round++)
                {
                    var result = context.Result(rule, GateOutcome.Pass, "t", "m", "routes[0]", null, new[] { clean, secret, clean + " " });
                    Assert.Equal(clean, result.Evidence[1]);
                    Assert.Same(clean, result.Evidence[1]);
                    Assert.Equal(SecretDetector.Redact(secret), result.Evidence[2]);
                    Assert.NotEqual(secret, result.Evidence[2]);
                    Assert.Equal(clean + " ", result.Evidence[3]);
                }
        }
    }
}
