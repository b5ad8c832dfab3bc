using System;
using System.IO;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Security
{
    /// <summary>
    /// A secret env var's value (handoff.env[].secret: true) is in no rendered output, whether or not the value looks
    /// like a secret, with the built-in templates and with a template that prints every env value it can reach.
    /// </summary>
    public sealed class SecretValueRenderingTests : IDisposable
    {
        // Nothing in these looks like a secret to SecretDetector: only the secret flag keeps the first one out.
        private const string SecretValue = "plain-but-secret-42";
        private const string VisibleValue = "visible-value-7";
        private const string PrintEveryValue = "{{ for e in plan.handoff.env }}[{{ e.value }}]{{ end }}\n";

        private readonly string folder = Path.Combine(Path.GetTempPath(), "rp-secret-values-" + Guid.NewGuid().ToString("N"));

        public SecretValueRenderingTests() { Directory.CreateDirectory(folder); }

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static RolloutPlan Plan()
        {
            var plan = DocumentPlans.Example();
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SLACK_SHARED_PASSPHRASE", Secret = true, Purpose = "p", Value = SecretValue });
            plan.Handoff.Env.Add(new HandoffEnvVar { Name = "SLACK_PAGE_SIZE", Secret = false, Purpose = "p", Value = VisibleValue });
            return plan;
        }

        private string Template(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void BuiltInOutputsShowTheOpenValueOnly()
        {
            var plan = Plan();
            foreach (var text in new[]
            {
                SetupHandoffDocument.Render(plan, HandoffFormat.Markdown), SetupHandoffDocument.Render(plan, HandoffFormat.Json),
                SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv),
            })
            {
                Assert.Contains(VisibleValue, text);
                Assert.DoesNotContain(SecretValue, text);
            }
            foreach (var text in new[] { RolloutDocument.Render(plan), AgentPromptRenderer.Render(plan, new AgentPromptRequest()) })
                Assert.DoesNotContain(SecretValue, text);
            Assert.Equal(SecretValue, plan.Handoff.Env[^2].Value);
        }

        [Fact]
        public void ATemplateThatPrintsEveryEnvValueDoesNotGetTheSecretOne()
        {
            var plan = Plan();
            var outputs = new[]
            {
                RolloutDocument.Render(plan, Template("doc.scriban", PrintEveryValue)),
                SetupHandoffDocument.Render(plan, HandoffFormat.Markdown, Template("handoff.scriban", PrintEveryValue + "{{ for e in handoff.env }}[{{ e.value }}]{{ end }}\n")),
                SetupHandoffDocument.Render(plan, HandoffFormat.DotEnv, Template("env.scriban", PrintEveryValue)),
                AgentPromptRenderer.Render(plan, new AgentPromptRequest { Tool = AgentTool.Codex, TemplatePath = Template("prompt.scriban", PrintEveryValue) }),
                AgentPromptRenderer.Render(plan, new AgentPromptRequest { Role = "review", TemplatePath = Template("role.scriban", PrintEveryValue) }),
            };
            foreach (var text in outputs)
            {
                Assert.Contains("[" + VisibleValue + "]", text);
                Assert.Contains("[]", text);
                Assert.DoesNotContain(SecretValue, text);
            }
        }
    }
}
