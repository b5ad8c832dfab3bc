using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>
    /// The plan file's JSON Schema (schemas/rollout-plan.schema.json, generated from the model and about_RolloutPlaybook_PlanFile):
    /// the committed copy is current, every key is described, every plan the loader accepts validates, every plan the loader
    /// rejects for a schema reason does not, and the written file points editors at it on line 1.
    /// </summary>
    public class PlanJsonSchemaTests
    {
        private static string AboutTopic => File.ReadAllText(Path.Combine(TestPaths.Root, "docs", "help", "about_RolloutPlaybook_PlanFile.md"));
        private static readonly Lazy<PlanJsonSchema.Result> Generated = new Lazy<PlanJsonSchema.Result>(() => PlanJsonSchema.Generate(AboutTopic));
        private static readonly Lazy<JsonSchema> Schema = new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(Generated.Value.Json).GetAwaiter().GetResult());

        [Fact]
        public void TheCommittedSchemaIsTheGeneratedOne()
        {
            // The build rewrites it; RP_UPDATE_GOLDEN=1 does too. A key added to the model shows up here.
            GoldenFiles.AssertMatches(Path.Combine(TestPaths.Root, "schemas"), PlanJsonSchema.FileName, Generated.Value.Json);
        }

        [Fact]
        public void EveryKeyOfTheModelHasTheTopicsDescription()
        {
            Assert.Empty(Generated.Value.Problems);
            var keys = 0;
            foreach (var (path, property) in Properties(JObject.Parse(Generated.Value.Json), ""))
            {
                keys++;
                var description = (string?)property["description"];
                Assert.False(string.IsNullOrWhiteSpace(description), path + " has no description");
            }
            Assert.True(keys > 100, "only " + keys + " keys found");
            // The same words as the help topic.
            var root = JObject.Parse(Generated.Value.Json);
            Assert.Equal("\"1:1\" | \"1:N\" (quote them in YAML).", (string?)root["properties"]!["linkingPoints"]!["items"]!["properties"]!["cardinality"]!["description"]);
        }

        [Fact]
        public void TheTopicDescribingAKeyTheModelLacksIsAProblem()
        {
            var topic = AboutTopic.Replace("remap            How a remap avoids stale attribution.", "remapp           How a remap avoids stale attribution.");
            var result = PlanJsonSchema.Generate(topic);
            Assert.Contains(result.Problems, p => p.Contains("'remapp'") && p.Contains("LinkingPoint"));
            Assert.Contains(result.Problems, p => p == "linkingPoints[].remap: no description in about_RolloutPlaybook_PlanFile");
        }

        [Fact]
        public void EnumerationsListTheFileSpellingsAndPatternsComeFromTheModel()
        {
            var root = JObject.Parse(Generated.Value.Json);
            var lp = root["properties"]!["linkingPoints"]!["items"]!["properties"]!;
            Assert.Equal(new[] { "1:1", "1:N", null }, lp["cardinality"]!["enum"]!.Select(t => (string?)t).ToArray());
            Assert.Equal(PlanPatterns.Source, (string?)lp["source"]!["pattern"]);
            Assert.Equal(new[] { "source" }, lp.Parent!.Parent!["required"]!.Select(t => (string)t!).ToArray());
            Assert.Equal(new[] { "after-write", "before-write", null },
                root["properties"]!["sync"]!["properties"]!["watermarkAdvance"]!["enum"]!.Select(t => (string?)t).ToArray());
            Assert.False((bool)root["additionalProperties"]!);
        }

        public static IEnumerable<object[]> PlanFiles()
        {
            var files = Directory.GetFiles(Path.Combine(TestPaths.Root, "templates", "examples"), "*.yaml")
                .Concat(Directory.GetFiles(TestPaths.Fixtures, "rollout-plan.yaml", SearchOption.AllDirectories))
                .Select(f => Path.GetRelativePath(TestPaths.Root, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal);
            return files.Select(f => new object[] { f });
        }

        [Theory]
        [MemberData(nameof(PlanFiles))]
        public void EveryExampleAndFixturePlanValidates(string file)
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Root, file));
            PlanFileStore.Parse(bytes, file); // the loader accepts it
            AssertValid(YamlToJson(Encoding.UTF8.GetString(bytes)), file);
        }

        [Fact]
        public void RandomPlansWrittenAsYamlAndJsonValidate()
        {
            for (int seed = 1; seed <= 150; seed++)
            {
                var plan = new PlanGenerator(seed).Next();
                AssertValid(YamlToJson(PlanWriter.Write(plan)), "seed " + seed + " (YAML)");
                AssertValid(PlanWriter.Write(plan, PlanFormat.Json), "seed " + seed + " (JSON)");
            }
        }

        private const string Head = "schemaVersion: 1\nconnector: slack\n";

        [Theory]
        [InlineData("schemaVersion: 1\n", "connector is required")]
        [InlineData("schemaVersion: 2\nconnector: slack\n", "only version 1")]
        [InlineData("schemaVersion: 1\nconnector: Slack!\n", "connector slug pattern")]
        [InlineData(Head + "displayNme: Slack\n", "unknown top-level key")]
        [InlineData(Head + "linkingPoints:\n  - source: a\n    cardinalty: \"1:1\"\n", "unknown nested key")]
        [InlineData(Head + "linkingPoints:\n  - source: a\n    cardinality: 1-1\n", "enum spelling")]
        [InlineData(Head + "linkingPoints:\n  - entity: staff\n", "required source")]
        [InlineData(Head + "linkingPoints: nope\n", "list expected")]
        [InlineData(Head + "sync:\n  pageSize: lots\n", "integer expected")]
        [InlineData(Head + "sync:\n  pageCap: -1\n", "negative whole number")]
        [InlineData(Head + "sync:\n  lease: 4 minutes\n", "duration form")]
        [InlineData(Head + "intake:\n  sourceLimits:\n    rateLimit: fifty a minute\n", "rate limit form")]
        [InlineData(Head + "intake:\n  sourceLimits:\n    rateLimit: { requests: 50 }\n", "rate limit without per")]
        [InlineData(Head + "waivers:\n  - { rule: RP.Sync.RateBudget, reason: x, expires: 31/12/2026 }\n", "date form")]
        [InlineData(Head + "waivers:\n  - { rule: RP.Sync.RateBudget, expires: 2026-12-31 }\n", "required reason")]
        [InlineData(Head + "routes:\n  - path: /api/x\n    methods: [FETCH]\n", "method spelling")]
        [InlineData(Head + "handoff:\n  env:\n    - name: slack_token\n", "env var pattern")]
        [InlineData(Head + "team:\n  small: maybe\n", "boolean expected")]
        [InlineData(Head + "phases:\n  deploy:\n    scope: x\n", "a fifth phase")]
        public void PlansTheLoaderRejectsForASchemaReasonFailTheSchema(string yaml, string reason)
        {
            Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), "bad.yaml"));
            var errors = Schema.Value.Validate(YamlToJson(yaml));
            Assert.True(errors.Count > 0, "the schema accepts a plan the loader rejects (" + reason + "):\n" + yaml);
        }

        [Fact]
        public void AWrittenPlanPointsAtTheSchemaOnLineOneAndReadsBackWithoutHandComments()
        {
            Assert.Equal("schemaVersion: 1\nconnector: x\n", PlanWriter.Write(new RolloutPlan { Connector = "x" }));
            var text = PlanWriter.Write(new RolloutPlan { Connector = "x" }, PlanFormat.Yaml, "../schemas/rollout-plan.schema.json");
            Assert.StartsWith("# yaml-language-server: $schema=../schemas/rollout-plan.schema.json\nschemaVersion: 1\n", text);
            Assert.DoesNotContain("yaml-language-server", PlanWriter.Write(new RolloutPlan { Connector = "x" }, PlanFormat.Json, "../schemas/rollout-plan.schema.json"));

            using var temp = new TempDirectory();
            var file = Path.Combine(temp.Path, "rollout-plan.yaml");
            File.WriteAllText(file, text);
            var plan = PlanFileStore.Load(file);
            plan.DisplayName = "X";
            PlanFileStore.Save(plan, file, new PlanSaveOptions()); // no RolloutPlanHasComments: the modeline is ours
            Assert.StartsWith("# yaml-language-server:", File.ReadAllText(file));

            // A hand-written comment, and a modeline below line 1, are kept through a save (only the changed lines are written).
            File.WriteAllText(file, "schemaVersion: 1\n# yaml-language-server: $schema=elsewhere.json\nconnector: x\n");
            var commented = PlanFileStore.Load(file);
            commented.DisplayName = "X";
            PlanFileStore.Save(commented, file, new PlanSaveOptions());
            Assert.Equal("schemaVersion: 1\n# yaml-language-server: $schema=elsewhere.json\nconnector: x\ndisplayName: X\n", File.ReadAllText(file));
        }

        [Fact]
        public void ANewPlanFilePointsAtTheRepositorysCopyOfTheSchemaByARelativePath()
        {
            using var temp = new TempDirectory();
            var repo = Path.Combine(temp.Path, "app");
            Directory.CreateDirectory(Path.Combine(repo, ".git"));
            var planFolder = Path.Combine(repo, "src", "docs", "connectors", "slack");
            var plan = Path.Combine(planFolder, "rollout-plan.yaml");
            var installed = Path.Combine(temp.Path, "module", "schemas", PlanJsonSchema.FileName);
            WriteSchemaCopy(installed);

            // None in the repository: the module's copy, as a file URI; no module copy either: no modeline.
            Assert.Equal(new Uri(installed).AbsoluteUri, PlanSchemaReference.For(plan, installed));
            Assert.Null(PlanSchemaReference.For(plan, Path.Combine(temp.Path, "missing.json")));
            Assert.Null(PlanSchemaReference.For(plan, null));

            // A copy above the repository root is not the repository's.
            WriteSchemaCopy(Path.Combine(temp.Path, "schemas", PlanJsonSchema.FileName));
            Assert.Null(PlanSchemaReference.For(plan, null));

            // In the order searched: the plan's folder first, then each folder up to the root; schemas/ before .vscode/ before the folder itself.
            WriteSchemaCopy(Path.Combine(repo, PlanJsonSchema.FileName));
            Assert.Equal("../../../../rollout-plan.schema.json", PlanSchemaReference.For(plan, installed));
            WriteSchemaCopy(Path.Combine(repo, ".vscode", PlanJsonSchema.FileName));
            Assert.Equal("../../../../.vscode/rollout-plan.schema.json", PlanSchemaReference.For(plan, installed));
            WriteSchemaCopy(Path.Combine(repo, "schemas", PlanJsonSchema.FileName));
            Assert.Equal("../../../../schemas/rollout-plan.schema.json", PlanSchemaReference.For(plan, installed));
            WriteSchemaCopy(Path.Combine(planFolder, PlanJsonSchema.FileName));
            Assert.Equal("./rollout-plan.schema.json", PlanSchemaReference.For(plan, installed));

            // Saved, the new file's first line is that reference, and a second save of the same plan gives the same bytes.
            var saved = new RolloutPlan { Connector = "slack" };
            PlanFileStore.Save(saved, plan, new PlanSaveOptions());
            var first = File.ReadAllBytes(plan);
            Assert.StartsWith("# yaml-language-server: $schema=./rollout-plan.schema.json\nschemaVersion: 1\n", Encoding.UTF8.GetString(first));
            PlanFileStore.Save(saved, plan, new PlanSaveOptions());
            Assert.Equal(first, File.ReadAllBytes(plan));

            // JSON plans have no modeline.
            var json = Path.ChangeExtension(plan, ".json");
            PlanFileStore.Save(new RolloutPlan { Connector = "slack" }, json, new PlanSaveOptions { Format = PlanFormat.Json });
            Assert.StartsWith("{", File.ReadAllText(json));
        }

        [Fact]
        public void TheExamplePlanPointsAtTheRepositorysSchemaAndTheModulesCopyAlike()
        {
            // templates/examples/ sits two folders below schemas/ both in the repository and in the module folder.
            var line = File.ReadLines(Path.Combine(TestPaths.Root, "templates", "examples", "slack.rollout-plan.yaml")).First();
            Assert.Equal("# yaml-language-server: $schema=../../schemas/rollout-plan.schema.json", line);
            Assert.True(File.Exists(Path.Combine(TestPaths.Root, "templates", "examples", "..", "..", "schemas", PlanJsonSchema.FileName)));
        }

        private static void WriteSchemaCopy(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{}\n");
        }

        private static void AssertValid(string json, string what)
        {
            var errors = Schema.Value.Validate(json);
            Assert.True(errors.Count == 0, what + " does not validate against the plan schema:\n" + string.Join("\n", errors.Select(e => e.Path + ": " + e.Kind)));
        }

        /// <summary>Every entry of every "properties" object, with its key path.</summary>
        private static IEnumerable<(string, JObject)> Properties(JToken node, string path)
        {
            if (node is JObject o)
            {
                if (o["properties"] is JObject props)
                {
                    foreach (var p in props.Properties())
                    {
                        var childPath = path.Length == 0 ? p.Name : path + "." + p.Name;
                        yield return (childPath, (JObject)p.Value);
                        foreach (var nested in Properties(p.Value, childPath)) yield return nested;
                    }
                }
                foreach (var key in new[] { "items", "anyOf" })
                    if (o[key] != null)
                        foreach (var nested in Properties(o[key]!, path + (key == "items" ? "[]" : ""))) yield return nested;
            }
            else if (node is JArray a)
            {
                foreach (var item in a)
                    foreach (var nested in Properties(item, path)) yield return nested;
            }
        }

        /// <summary>YAML to JSON as an editor sees it: plain scalars typed by the YAML 1.2 core schema, quoted ones are strings.</summary>
        internal static string YamlToJson(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return Convert(stream.Documents[0].RootNode).ToString(Newtonsoft.Json.Formatting.None);
        }

        private static JToken Convert(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    var o = new JObject();
                    foreach (var entry in map.Children) o[((YamlScalarNode)entry.Key).Value!] = Convert(entry.Value);
                    return o;
                case YamlSequenceNode seq:
                    return new JArray(seq.Children.Select(Convert));
                default:
                    var scalar = (YamlScalarNode)node;
                    var text = scalar.Value ?? "";
                    if (scalar.Style != ScalarStyle.Plain) return new JValue(text);
                    if (text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL") return JValue.CreateNull();
                    if (text == "true" || text == "True" || text == "TRUE") return new JValue(true);
                    if (text == "false" || text == "False" || text == "FALSE") return new JValue(false);
                    if (Regex.IsMatch(text, "^[-+]?[0-9]+$") && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return new JValue(n);
                    if (Regex.IsMatch(text, "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")) return new JValue(double.Parse(text, CultureInfo.InvariantCulture));
                    return new JValue(text);
            }
        }

        private sealed class TempDirectory : IDisposable
        {
            public TempDirectory()
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rp-schema-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(Path);
            }
            public string Path { get; }
            public void Dispose() => Directory.Delete(Path, recursive: true);
        }
    }
}
