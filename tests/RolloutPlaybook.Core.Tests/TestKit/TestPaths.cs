using System;
using System.IO;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    internal static class TestPaths
    {
        public static string Root { get; } = FindRoot();
        public static string ExamplePlan => Path.Combine(Root, "templates", "examples", "slack.rollout-plan.yaml");
        /// <summary>What the example plan's first line points at (the repository's schemas/, two folders up).</summary>
        public const string ExampleSchemaReference = "../../schemas/rollout-plan.schema.json";
        public static string Fixtures => Path.Combine(Root, "tests", "fixtures");
        public static string Shared => Path.Combine(Path.GetDirectoryName(Root)!, "shared");
        public static string SharedSchemas => Path.Combine(Shared, "schemas");

        private static string FindRoot()
        {
            var dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "RolloutPlaybook.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("RolloutPlaybook.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
