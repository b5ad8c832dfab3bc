using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    /// <summary>User templates are untrusted: limits stop them, and they reach nothing beyond the plan model.</summary>
    public sealed class TemplateSafetyTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "rp-templates-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public TemplateSafetyTests() => Directory.CreateDirectory(folder);
        public void Dispose() => Directory.Delete(folder, true);

        private RolloutException RenderFails(string template, string name = "hostile.scriban")
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, template);
            var watch = Stopwatch.StartNew();
            var ex = Assert.Throws<RolloutException>(() => RolloutDocument.Render(DocumentPlans.Example(), path));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "took " + watch.Elapsed);
            Assert.Contains(path, ex.Message);
            Assert.DoesNotContain("   at ", ex.Message); // no stack trace in the message
            return ex;
        }

        [Fact]
        public void InfiniteLoopIsStopped()
        {
            var ex = RenderFails("line one\n{{ while true }}x{{ end }}");
            Assert.Equal("TemplateLimitExceeded", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.LimitsExceeded, ex.Kind);
            Assert.Contains(":2:", ex.Message);
        }

        [Fact]
        public void DeepRecursionIsStopped()
        {
            var ex = RenderFails("{{ func down(n)\n ret down(n + 1)\nend }}{{ down 0 }}");
            Assert.Equal("TemplateLimitExceeded", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.LimitsExceeded, ex.Kind);
            Assert.Contains("recursi", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void SlowTemplateTimesOut()
        {
            var globals = new Dictionary<string, object?>();
            var ex = Assert.Throws<RolloutException>(() => TemplateRenderer.RenderText(
                "{{ for i in 1..900000 }}{{ for j in 1..900000 }}{{ end }}{{ end }}", "slow.scriban", globals,
                new TemplateLimits { Timeout = TimeSpan.FromMilliseconds(300), LoopLimit = int.MaxValue }));
            Assert.True(ex.ErrorId == "TemplateTimeout", ex.ErrorId + ": " + ex.Message);
            Assert.Equal(RolloutErrorKind.LimitsExceeded, ex.Kind);
            Assert.Contains("slow.scriban", ex.Message);
        }

        [Fact]
        public void OutputOverTheLimitIsStoppedWhileWriting()
        {
            var globals = new Dictionary<string, object?>();
            var watch = Stopwatch.StartNew();
            var ex = Assert.Throws<RolloutException>(() => TemplateRenderer.RenderText(
                "{{ for i in 1..100000000 }}0123456789{{ end }}", "big.scriban", globals,
                new TemplateLimits { OutputLimit = 1000, LoopLimit = int.MaxValue }));
            Assert.Equal("TemplateOutputTooLarge", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.LimitsExceeded, ex.Kind);
            Assert.Contains("big.scriban", ex.Message);
            Assert.Contains("1000 characters", ex.Message);
            // Stopped at the limit, not after producing a gigabyte.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "took " + watch.Elapsed);
        }

        [Fact]
        public void OutputAtTheLimitIsKept()
        {
            var output = TemplateRenderer.RenderText("{{ for i in 1..100 }}0123456789{{ end }}", "exact.scriban",
                new Dictionary<string, object?>(), new TemplateLimits { OutputLimit = 1000 });
            Assert.Equal(1000, output.Length);
        }

        [Fact]
        public void LongOutputIsNeverCut()
        {
            // Scriban cuts any output longer than TemplateContext.LimitToString (and appends "...") unless told not to:
            // a document is either complete or an error.
            var output = TemplateRenderer.RenderText("{{ for i in 1..300000 }}0123456789{{ end }}END", "long.scriban",
                new Dictionary<string, object?>());
            Assert.Equal(3_000_003, output.Length);
            Assert.EndsWith("9END", output);
        }

        [Theory]
        [InlineData("{{ plan.getType }}")]
        [InlineData("{{ plan.GetType }}")]
        [InlineData("{{ plan.connector.length }}")]
        [InlineData("{{ doc.team.waves.assembly }}")]
        [InlineData("{{ plan.fileState }}")]
        public void DotNetMembersBeyondTheModelAreErrors(string template)
        {
            var ex = RenderFails("# t\n" + template);
            Assert.Equal("TemplateFailed", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.InvalidData, ex.Kind);
            Assert.Contains(":2:", ex.Message);
        }

        [Theory]
        [InlineData("{{ plan.GetType().Assembly.Location }}")]
        [InlineData("{{ plan.getLocation('connector') }}")]
        public void MethodCallsAreErrors(string template)
        {
            var ex = RenderFails(template);
            Assert.True(ex.ErrorId == "TemplateFailed" || ex.ErrorId == "TemplateInvalid", ex.ErrorId);
        }

        [Fact]
        public void IncludingAFileIsRefused()
        {
            var ex = RenderFails("{{ include '/etc/passwd' }}");
            Assert.Equal("TemplateFailed", ex.ErrorId);
            Assert.Contains("Only the built-in templates can be included", ex.Message);
        }

        [Fact]
        public void SyntaxErrorNamesFileLineAndColumn()
        {
            var ex = RenderFails("# ok\n\nsome text {{ if }}\n", "broken.scriban");
            Assert.Equal("TemplateInvalid", ex.ErrorId);
            Assert.Matches(@"broken\.scriban:3:\d+: ", ex.Message);
        }

        [Fact]
        public void MissingTemplateFileIsNotFound()
        {
            var ex = Assert.Throws<RolloutException>(() => RolloutDocument.Render(DocumentPlans.Example(), Path.Combine(folder, "nope.scriban")));
            Assert.Equal("TemplateNotFound", ex.ErrorId);
        }

        [Fact]
        public void UserTemplateSeesThePlanTheViewAndBuiltInParts()
        {
            var path = Path.Combine(folder, "mine.scriban");
            File.WriteAllText(path, "# {{ plan.displayName }} ({{ doc.relativePath }})\n\n{{ for lp in plan.linkingPoints }}- {{ lp.source }} {{ spell lp.cardinality }}\n{{ end }}{{ handoff = doc.handoff; hl = '##' }}{{ include 'setup-handoff-body.md.scriban' }}");
            var text = RolloutDocument.Render(DocumentPlans.Example(), path);
            Assert.StartsWith("# Slack (src/docs/SLACK-ROLLOUT-PLAN.md)\n\n- slack_user 1:1\n- slack_channel 1:N\n", text);
            Assert.Contains("## 3. Environment variables", text);
        }

        [Fact]
        public void DocumentTemplatesAreEmbedded()
        {
            foreach (var name in new[] { "rollout-plan.md.scriban", "setup-handoff-body.md.scriban", "setup-handoff.env.scriban", "setup-handoff.md.scriban" })
                Assert.Contains(name, TemplateRenderer.EmbeddedNames());
        }
    }
}
