using System.IO;
using System.Linq;
using System.Management.Automation;

namespace RolloutPlaybook.Module.Tests
{
    public class ExportAgentPromptTests
    {
        // ---- bad input first ----

        [Fact]
        public void CyclicPlanIsAnErrorNamingTheCycle()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p.Team.Tasks[0].DependsOn.Add('api-mappings'); $p | Export-AgentPrompt", Repo.ExamplePlan);
            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith("AgentTaskCycle", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("sync-schema → api-mappings → sync-schema", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void UnknownRoleAndWaveAreObjectNotFound()
        {
            using var ps = new PowerShellSession();
            var role = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Role ux", Repo.ExamplePlan);
            Assert.StartsWith("AgentRoleNotFound", Assert.Single(role.Errors).FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, role.Errors[0].CategoryInfo.Category);
            var wave = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Wave 9", Repo.ExamplePlan);
            Assert.StartsWith("AgentWaveNotFound", Assert.Single(wave.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void RoleAndWaveCannotBeCombined()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Role ui-ops -Wave 1", Repo.ExamplePlan);
            Assert.Contains(result.AllErrors, e => e.FullyQualifiedErrorId.StartsWith("AmbiguousParameterSet"));
        }

        [Fact]
        public void ExistingFileIsNotOverwrittenWithoutForce()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("prompt.md");
            File.WriteAllText(file, "keep me");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Path $args[1]", Repo.ExamplePlan, file);
            Assert.StartsWith("DocumentExists", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep me", File.ReadAllText(file));
        }

        [Fact]
        public void BrokenUserTemplateNamesFileLineAndColumn()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var template = temp.File("bad.scriban");
            File.WriteAllText(template, "ok\n{{ for x in }}");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Template $args[1]", Repo.ExamplePlan, template);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("TemplateInvalid", error.FullyQualifiedErrorId);
            Assert.Contains("bad.scriban:2:", error.Exception.Message);
        }

        // ---- behaviour ----

        [Fact]
        public void TextGoesToThePipelineAndIsDeterministic()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p | Export-AgentPrompt -Agent Claude; $p | Export-AgentPrompt -Agent Claude; $p | Export-AgentPrompt -Agent Codex", Repo.ExamplePlan);
            result.AssertNoErrors();
            var texts = result.Output.Select(o => (string)o.BaseObject).ToArray();
            Assert.Equal(3, texts.Length);
            Assert.Equal(texts[0], texts[1]);
            Assert.StartsWith("# Slack connector rollout: agent-team handoff\n", texts[0]);
            Assert.Contains("CLAUDE.md", texts[0]);
            Assert.Contains("AGENTS.md", texts[2]);
            Assert.DoesNotContain("\r", texts[0]);
        }

        [Fact]
        public void RolePromptHasTheAgentsTasksWaitsAndUnblocks()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Role ui-ops", Repo.ExamplePlan);
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.StartsWith("# Slack connector rollout: `ui-ops` agent\n", text);
            var tasks = Section(text, "## Your tasks");
            Assert.Contains("`mapping-ui`", tasks);
            Assert.DoesNotContain("`api-sync`:", tasks);
            Assert.Contains("`api-mappings`", Section(text, "## Before you start"));
            Assert.Contains("`review`", Section(text, "## When you finish"));
        }

        [Fact]
        public void WaveKickoffListsTheWavesTasks()
        {
            using var ps = new PowerShellSession();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Wave 2 -Agent Codex", Repo.ExamplePlan);
            result.AssertNoErrors();
            var text = result.Single<string>();
            Assert.StartsWith("# Slack connector rollout: wave 2 kickoff\n", text);
            var tasks = Section(text, "## Tasks of this wave");
            Assert.Contains("`api-mappings`", tasks);
            Assert.Contains("`api-sync`", tasks);
            Assert.DoesNotContain("`metrics`", tasks);
        }

        [Fact]
        public void PathWritesTheSameBytesAsThePipelineText()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("CLAUDE-TEAM.md");
            var result = ps.Run("$p = Import-RolloutPlan $args[0]; $p | Export-AgentPrompt -Path $args[1]; $p | Export-AgentPrompt", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            Assert.Equal(result.Single<string>(), File.ReadAllText(file));
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF, "no BOM");
            Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        }

        [Fact]
        public void WhatIfWritesNothing()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("prompt.md");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Path $args[1] -WhatIf", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            Assert.Empty(result.Output);
            Assert.False(File.Exists(file));
            Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
        }

        [Fact]
        public void ForceOverwritesAndPassThruReturnsTheFile()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var file = temp.File("prompt.md");
            File.WriteAllText(file, "old");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Role review -Path $args[1] -Force -PassThru", Repo.ExamplePlan, file);
            result.AssertNoErrors();
            var info = result.Single<FileInfo>();
            Assert.Equal(file, info.FullName);
            Assert.StartsWith("# Slack connector rollout: `review` agent", File.ReadAllText(file));
        }

        [Fact]
        public void NoPassThruMeansNoOutputWhenWritingAFile()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Path $args[1]", Repo.ExamplePlan, temp.File("p.md"));
            result.AssertNoErrors();
            Assert.Empty(result.Output);
        }

        [Fact]
        public void UserTemplateOverridesTheBuiltIn()
        {
            using var ps = new PowerShellSession();
            using var temp = new TempFolder();
            var template = temp.File("mine.scriban");
            File.WriteAllText(template, "{{ prompt.toolName }} for {{ plan.connector }}: {{ prompt.role.agent }} in wave {{ prompt.role.waves }}");
            var result = ps.Run("Import-RolloutPlan $args[0] | Export-AgentPrompt -Agent Codex -Role ui-ops -Template $args[1]", Repo.ExamplePlan, template);
            result.AssertNoErrors();
            Assert.Equal("Codex for slack: ui-ops in wave 3\n", result.Single<string>());
        }

        [Fact]
        public void RoleCompletesFromThePlanVariable()
        {
            using var ps = new PowerShellSession();
            ps.Run("$p = New-RolloutPlan -Connector x; $p.Team.Tasks[0].Agent = 'data-wrangler'").AssertNoErrors();
            var script = "Export-AgentPrompt -Plan $p -Role da";
            var result = ps.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", script);
            Assert.Contains("data-wrangler", result.Output.Select(o => o.ToString()));
        }

        private static string Section(string text, string heading)
        {
            int start = text.IndexOf(heading + "\n", System.StringComparison.Ordinal);
            Assert.True(start >= 0, "missing " + heading);
            int end = text.IndexOf("\n## ", start + heading.Length, System.StringComparison.Ordinal);
            return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        }
    }
}
