using System.IO;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>Where a repository keeps its plans (SPEC §2): <c>src/docs/connectors/{connector}/rollout-plan.yaml</c>.</summary>
    public static class PlanFilePaths
    {
        public const string FileName = "rollout-plan.yaml";

        /// <summary>A connector's plan file relative to the repository root, with '/' (as documents and prompts print it).</summary>
        public static string Of(string connector) => "src/docs/connectors/" + connector + "/" + FileName;

        /// <summary>The wildcard of every connector's plan under <paramref name="root"/> (the current folder when empty).</summary>
        public static string Pattern(string? root) => Path.Combine(root ?? "", "src", "docs", "connectors", "*", FileName);
    }
}
