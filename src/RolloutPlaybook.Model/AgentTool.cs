namespace RolloutPlaybook.Model
{
    /// <summary>The coding agent a handoff prompt is written for (they differ in where they read instructions and how they run a team).</summary>
    public enum AgentTool
    {
        /// <summary>Claude Code: reads CLAUDE.md; runs a team as sub-agents or an agent team.</summary>
        Claude,
        /// <summary>Codex: reads AGENTS.md; runs one task per agent, each in its own session.</summary>
        Codex,
    }
}
