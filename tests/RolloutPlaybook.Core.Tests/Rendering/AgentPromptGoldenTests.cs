using System;
using System.IO;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Rendering
{
    /// <summary>
    /// Every prompt variant compared byte for byte with tests/fixtures/golden/prompts/*.md.
    /// After an intended change to templates/agent-prompt.md.scriban, regenerate them with
    ///   RP_UPDATE_GOLDEN=1 dotnet test tests/RolloutPlaybook.Core.Tests -c Release --filter AgentPromptGolden
    /// and review the diff (git diff tests/fixtures/golden/prompts) before committing.
    /// </summary>
    public class AgentPromptGoldenTests
    {
        private static string GoldenFolder => GoldenFiles.Prompts;

        private static RolloutPlan Slack() => PlanFileStore.Load(TestPaths.ExamplePlan);

        private static void AssertGolden(string name, string actual) => GoldenFiles.AssertMatches(GoldenFolder, name, actual);

        [Theory]
        [InlineData(AgentTool.Claude, "slack.team.claude.md")]
        [InlineData(AgentTool.Codex, "slack.team.codex.md")]
        public void TeamPrompt(AgentTool tool, string golden)
            => AssertGolden(golden, AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = tool }));

        [Theory]
        [InlineData(AgentTool.Claude, "ui-ops", "slack.role-ui-ops.claude.md")]
        [InlineData(AgentTool.Codex, "ui-ops", "slack.role-ui-ops.codex.md")]
        [InlineData(AgentTool.Claude, "schema-sync", "slack.role-schema-sync.claude.md")]
        [InlineData(AgentTool.Codex, "review", "slack.role-review.codex.md")]
        public void RolePrompt(AgentTool tool, string role, string golden)
            => AssertGolden(golden, AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = tool, Role = role }));

        [Theory]
        [InlineData(AgentTool.Claude, 1, "slack.wave-1.claude.md")]
        [InlineData(AgentTool.Codex, 2, "slack.wave-2.codex.md")]
        [InlineData(AgentTool.Claude, 4, "slack.wave-4.claude.md")]
        public void WaveKickoff(AgentTool tool, int wave, string golden)
            => AssertGolden(golden, AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = tool, Wave = wave }));

        [Fact]
        public void NewSmallPlanWithNothingDecided()
        {
            var plan = PlanFactory.Create(new NewPlanRequest { Connector = "close", Small = true });
            AssertGolden("close-small.team.codex.md", AgentPromptRenderer.Render(plan, new AgentPromptRequest { Tool = AgentTool.Codex }));
        }

        [Fact]
        public void ClaudeAndCodexDifferWhereTheToolsDiffer()
        {
            var claude = AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = AgentTool.Claude });
            var codex = AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = AgentTool.Codex });
            Assert.Contains("CLAUDE.md", claude);
            Assert.Contains("sub-agent", claude);
            Assert.DoesNotContain("AGENTS.md", claude);
            Assert.Contains("AGENTS.md", codex);
            Assert.DoesNotContain("CLAUDE.md", codex);
            // The shared parts are the same text in both.
            int Cut(string s) => s.IndexOf("## Connector", StringComparison.Ordinal);
            Assert.Equal(claude.Substring(Cut(claude)), codex.Substring(Cut(codex)));
        }

        [Fact]
        public void PromptCarriesThePlaybookContent()
        {
            var text = AgentPromptRenderer.Render(Slack(), new AgentPromptRequest());
            foreach (var expected in new[]
            {
                "`slack_user`", "1:1", "1:N", "DB (partial unique index)", "app logic", "Sync units per run: 20.",
                "50 requests per 1m", "**sync**", "at most 5 questions", "explicit assumption", "phase by phase", "delivery log",
                "Mapping model", "Phase tests with evidence", "Manual setup handoff", "go/no-go", "No route or schema drift",
                "No stale attribution", "overlap", "restart", "page cap", "exclude system events", "```mermaid",
            })
                Assert.Contains(expected, text);
            Assert.DoesNotContain("\r", text);
            Assert.EndsWith("\n", text);
            Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal));
        }

        [Fact]
        public void PlanWithoutTasksStillRendersAndSaysWhatIsMissing()
        {
            var plan = PlanFactory.Create(new NewPlanRequest { Connector = "close" });
            plan.Team.Tasks.Clear();
            var text = AgentPromptRenderer.Render(plan, new AgentPromptRequest());
            Assert.Contains("The plan has no team tasks yet", text);
            var ex = Assert.Throws<RolloutException>(() => AgentPromptRenderer.Render(plan, new AgentPromptRequest { Role = "ui-ops" }));
            Assert.Contains("none (the plan has no tasks)", ex.Message);
        }

        [Fact]
        public void SmallPlanHasAGeneralistRole()
        {
            var plan = PlanFactory.Create(new NewPlanRequest { Connector = "close", Small = true });
            var text = AgentPromptRenderer.Render(plan, new AgentPromptRequest { Role = "Generalist" });
            Assert.StartsWith("# close connector rollout: `generalist` agent\n", text);
            Assert.Contains("Nothing: your tasks depend on no other agent's work. Start now.", text);
            Assert.Contains("`review`", text.Substring(text.IndexOf("## When you finish", StringComparison.Ordinal)));
        }

        [Fact]
        public void UnknownRoleNamesTheAgents()
        {
            var ex = Assert.Throws<RolloutException>(() => AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Role = "ux" }));
            Assert.Equal("AgentRoleNotFound", ex.ErrorId);
            Assert.Contains("'ui-ops'", ex.Message);
        }

        [Fact]
        public void WaveOutOfRangeSaysHowManyWavesThereAre()
        {
            var ex = Assert.Throws<RolloutException>(() => AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Wave = 5 }));
            Assert.Equal("AgentWaveNotFound", ex.ErrorId);
            Assert.Contains("4 waves", ex.Message);
        }

        [Fact]
        public void RoleAndWaveTogetherAreRejected()
        {
            var ex = Assert.Throws<RolloutException>(() => AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Role = "ui-ops", Wave = 1 }));
            Assert.Equal("AgentPromptScopeConflict", ex.ErrorId);
        }

        [Fact]
        public void CyclicPlanFailsWithTheCycle()
        {
            var plan = Slack();
            plan.Team.Tasks[0].DependsOn.Add("review");
            var ex = Assert.Throws<RolloutException>(() => AgentPromptRenderer.Render(plan, new AgentPromptRequest()));
            Assert.Equal("AgentTaskCycle", ex.ErrorId);
        }

        [Fact]
        public void UserTemplateSeesTheSameModel()
        {
            var file = Path.Combine(Path.GetTempPath(), "rp-prompt-" + Guid.NewGuid().ToString("N") + ".scriban");
            File.WriteAllText(file, "{{ prompt.toolName }}|{{ plan.connector }}|{{ waves.waves.size }}|{{ prompt.role.agent }}|{{ prompt.criticalPath }}");
            try
            {
                var text = AgentPromptRenderer.Render(Slack(), new AgentPromptRequest { Tool = AgentTool.Codex, Role = "ui-ops", TemplatePath = file });
                Assert.Equal("Codex|slack|4|ui-ops|sync-schema → api-mappings → mapping-ui → review\n", text);
            }
            finally { File.Delete(file); }
        }
    }
}
