using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>Every kind of bad plan file gets positioned problems (file, line, column, key path, expected, got) — never a trace.</summary>
    public class LoaderBadInputTests
    {
        private const string File = "plans/slack.yaml";

        private static PlanInvalidException Invalid(string yaml)
            => Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(Encoding.UTF8.GetBytes(yaml), File));

        private static PlanProblem Single(string yaml) => Assert.Single(Invalid(yaml).Problems);

        private static void AssertAt(PlanProblem p, int line, int column, string keyPath)
        {
            Assert.Equal(File, p.File);
            Assert.Equal(line, p.Line);
            Assert.Equal(column, p.Column);
            Assert.Equal(keyPath, p.KeyPath);
        }

        [Fact]
        public void BadCardinalityNamesKeyPathExpectedAndFound()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: a\n    cardinality: \"1:1\"\n  - source: b\n    cardinality: 1-1\n");
            AssertAt(p, 7, 18, "linkingPoints[1].cardinality");
            Assert.Equal("expected \"1:1\" or \"1:N\", got \"1-1\"", p.Message);
            Assert.Equal("plans/slack.yaml:7:18: linkingPoints[1].cardinality: expected \"1:1\" or \"1:N\", got \"1-1\"", p.ToString());
        }

        [Fact]
        public void UnknownKeySuggestsTheNearestKnownKey()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: a\n    cardinalty: \"1:1\"\n");
            AssertAt(p, 5, 5, "linkingPoints[0].cardinalty");
            Assert.Contains("did you mean 'cardinality'?", p.Message);
        }

        [Fact]
        public void WrongCaseKeySaysKeysAreCamelCase()
        {
            var p = Single("schemaVersion: 1\nConnector: slack\nconnector: slack\n");
            AssertAt(p, 2, 1, "Connector");
            Assert.Contains("camelCase", p.Message);
            Assert.Contains("'connector'", p.Message);
        }

        [Fact]
        public void FarOffUnknownKeyListsTheKnownKeys()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nsync:\n  zzzzzzzzzz: 1\n");
            AssertAt(p, 4, 3, "sync.zzzzzzzzzz");
            Assert.Contains("known keys here: trigger, schedule", p.Message);
        }

        [Fact]
        public void AllProblemsOfAFileAreReportedAtOnceInFileOrder()
        {
            var ex = Invalid("schemaVersion: 1\nconnector: Slack!\nsync:\n  pageSize: lots\n  lease: 4 minutes\nlinkingPoints: nope\nwaivers:\n  - { rule: RP.Sync.RateBudget, reason: x, expires: 31/12/2026 }\n");
            Assert.Equal(new[] { "connector", "sync.pageSize", "sync.lease", "linkingPoints", "waivers[0].expires" }, ex.Problems.Select(p => p.KeyPath).ToArray());
            Assert.Equal(new[] { 2, 4, 5, 6, 8 }, ex.Problems.Select(p => p.Line).ToArray());
            Assert.Contains("a connector slug", ex.Problems[0].Message);
            Assert.Equal("expected a whole number, got \"lots\"", ex.Problems[1].Message);
            Assert.Contains("expected a duration such as 4m, 1.2s or 1h30m", ex.Problems[2].Message);
            Assert.Contains("expected a list", ex.Problems[3].Message);
            Assert.Contains("expected a date such as 2026-12-31, got \"31/12/2026\"", ex.Problems[4].Message);
            Assert.Equal("RolloutPlanInvalid", ex.ErrorId);
            Assert.Contains("5 problems", ex.Message);
        }

        [Fact]
        public void DuplicateKeyPointsAtTheSecondAndNamesTheFirst()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nconnector: other\n");
            AssertAt(p, 3, 1, "");
            Assert.Equal("duplicate key 'connector' (first at line 2, column 1)", p.Message);
        }

        [Fact]
        public void TabsInIndentationAreReportedPerLine()
        {
            var ex = Invalid("schemaVersion: 1\nconnector: slack\nsync:\n\tpageSize: 5\n\tpageCap: 2\n");
            Assert.Equal(2, ex.Problems.Count);
            AssertAt(ex.Problems[0], 4, 1, "");
            Assert.Contains("tab character in indentation", ex.Problems[0].Message);
            Assert.Equal(5, ex.Problems[1].Line);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   \n\n  ")]
        public void EmptyFile(string text)
        {
            var p = Single(text);
            AssertAt(p, 1, 1, "");
            Assert.Contains("the file is empty", p.Message);
        }

        [Fact]
        public void CommentsOnly()
        {
            var p = Single("# just a comment\n# and another\n");
            Assert.Contains("only comments", p.Message);
        }

        [Fact]
        public void NotYamlGivesThePositionOfTheSyntaxError()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\ngoal: [unclosed, list\nintake: {}\n");
            Assert.StartsWith("not valid YAML:", p.Message);
            Assert.True(p.Line >= 3, "line " + p.Line);
            Assert.DoesNotContain("   at ", p.Message);
        }

        [Fact]
        public void AScalarDocumentIsNotAPlan()
        {
            var p = Single("just some words\n");
            AssertAt(p, 1, 1, "");
            Assert.Contains("a plan file is a mapping of keys", p.Message);
        }

        [Fact]
        public void BinaryFileIsNotText()
        {
            var bytes = new byte[] { (byte)'a', (byte)':', (byte)'\n', 0, 1, 2 };
            var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(bytes, File));
            var p = Assert.Single(ex.Problems);
            Assert.Equal(2, p.Line);
            Assert.Contains("not text", p.Message);
        }

        [Fact]
        public void InvalidUtf8IsReportedWithItsPosition()
        {
            var bytes = Encoding.UTF8.GetBytes("schemaVersion: 1\nconnector: sl").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("ck\n")).ToArray();
            var p = Assert.Single(Assert.Throws<PlanInvalidException>(() => PlanFileStore.Parse(bytes, File)).Problems);
            Assert.Equal(2, p.Line);
            Assert.Contains("not valid UTF-8", p.Message);
        }

        [Fact]
        public void AliasBombIsStoppedBeforeExpansion()
        {
            var sb = new StringBuilder("schemaVersion: 1\nconnector: slack\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 12; i++)
                sb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
            var ex = Invalid(sb.ToString());
            var p = Assert.Single(ex.Problems);
            Assert.Contains("anchors and aliases", p.Message);
            Assert.True(p.Line > 3);
        }

        [Fact]
        public void DeepNestingIsRefused()
        {
            var text = "schemaVersion: 1\nconnector: slack\ngoal: " + new string('[', 200) + new string(']', 200) + "\n";
            var p = Single(text);
            Assert.Contains("nesting is deeper than", p.Message);
            Assert.Equal(3, p.Line);
        }

        [Fact]
        public void OversizedFileIsRefusedWithoutReadingIt()
        {
            var path = Path.Combine(Path.GetTempPath(), "rp-big-" + Guid.NewGuid().ToString("N") + ".yaml");
            try
            {
                using (var fs = new FileStream(path, FileMode.CreateNew)) fs.SetLength(PlanFileStore.MaxFileBytes + 1);
                var ex = Assert.Throws<PlanInvalidException>(() => PlanFileStore.Load(path));
                var p = Assert.Single(ex.Problems);
                Assert.Equal(path, p.File);
                Assert.Contains("at most 16 MiB", p.Message);
            }
            finally { System.IO.File.Delete(path); }
        }

        [Fact]
        public void MissingRequiredKeysAreNamed()
        {
            var ex = Invalid("schemaVersion: 1\nlinkingPoints:\n  - entity: staff\n");
            Assert.Equal(new[] { "linkingPoints[0].source", "connector" }.OrderBy(x => x), ex.Problems.Select(p => p.KeyPath).OrderBy(x => x));
            Assert.All(ex.Problems, p => Assert.Equal("required key is missing", p.Message));
            Assert.Contains(ex.Problems, p => p.KeyPath == "linkingPoints[0].source" && p.Line == 3 && p.Column == 5);
        }

        [Fact]
        public void SchemaVersionIsRequiredAndMustBeOne()
        {
            Assert.Contains(Invalid("connector: slack\n").Problems, p => p.KeyPath == "schemaVersion" && p.Message == "required key is missing");
            var p2 = Single("schemaVersion: 2\nconnector: slack\nwhatever: 1\n");
            AssertAt(p2, 1, 16, "schemaVersion");
            Assert.Contains("reads schemaVersion 1, got \"2\"", p2.Message);
        }

        [Fact]
        public void PatternsAreCheckedForSourcesAndEnvNames()
        {
            var ex = Invalid("schemaVersion: 1\nconnector: slack\nlinkingPoints:\n  - source: Slack-User\nhandoff:\n  env:\n    - name: slack_token\n");
            Assert.Equal(new[] { "linkingPoints[0].source", "handoff.env[0].name" }, ex.Problems.Select(p => p.KeyPath).ToArray());
            Assert.Contains("a source name", ex.Problems[0].Message);
            Assert.Contains("an environment variable name", ex.Problems[1].Message);
        }

        [Fact]
        public void ASecretWithAValueIsRefused()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nhandoff:\n  env:\n    - name: SLACK_BOT_TOKEN\n      secret: true\n      value: abc\n");
            AssertAt(p, 7, 7, "handoff.env[0].value");
            Assert.Contains("a secret never has a value", p.Message);
            Assert.DoesNotContain("abc", p.Message);
        }

        [Fact]
        public void WrongShapes()
        {
            var ex = Invalid("schemaVersion: 1\nconnector: slack\ngoal: [a]\nteam:\n  small: maybe\n  tasks:\n    - id: a\n      dependsOn: b\nintake:\n  sourceLimits:\n    rateLimit: lots\n");
            Assert.Equal(new[] { "goal", "team.small", "team.tasks[0].dependsOn", "intake.sourceLimits.rateLimit" }, ex.Problems.Select(p => p.KeyPath).ToArray());
            Assert.Equal("expected a mapping (key: value lines), got a list", ex.Problems[0].Message);
            Assert.Equal("expected true or false, got \"maybe\"", ex.Problems[1].Message);
            Assert.Contains("rate limit", ex.Problems[3].Message);
        }

        [Fact]
        public void SeveralDocumentsAreRefused()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\n---\nschemaVersion: 1\nconnector: other\n");
            Assert.Equal(3, p.Line);
            Assert.Contains("one YAML document", p.Message);
        }

        [Fact]
        public void AliasToUnknownAnchor()
        {
            var p = Single("schemaVersion: 1\nconnector: *nothing\n");
            Assert.Contains("refers to no anchor", p.Message);
        }

        [Fact]
        public void EmptyListItemIsAProblem()
        {
            var p = Single("schemaVersion: 1\nconnector: slack\nassumptions:\n  -\n  - real\n");
            Assert.Equal("assumptions[0]", p.KeyPath);
            Assert.Equal("empty list item", p.Message);
        }

        [Fact]
        public void AHugeUnknownKeyIsShortenedInTheMessage()
        {
            // YAML caps implicit keys at 1024 characters; this one is under the cap, so the binder sees it.
            var p = Single("schemaVersion: 1\nconnector: slack\n" + new string('k', 1000) + ": 1\n");
            Assert.True(p.Message.Length < 400, "message of " + p.Message.Length + " characters");
            Assert.EndsWith("...", p.KeyPath);
            Assert.Equal(3, p.Line);
        }

        [Fact]
        public void MissingFileIsNotFound()
        {
            var ex = Assert.Throws<RolloutException>(() => PlanFileStore.Load(Path.Combine(Path.GetTempPath(), "no-such-plan-" + Guid.NewGuid() + ".yaml")));
            Assert.Equal("RolloutPlanNotFound", ex.ErrorId);
            Assert.Equal(RolloutErrorKind.ObjectNotFound, ex.Kind);
        }
    }
}
