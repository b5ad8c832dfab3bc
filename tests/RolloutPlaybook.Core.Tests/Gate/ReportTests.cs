using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using NJsonSchema;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Gate.Reports;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.Tests.Gate.GateTestPlans;

namespace RolloutPlaybook.Core.Tests.Gate
{
    /// <summary>
    /// The report writers on a result set with every outcome (and a repository finding), validated against the
    /// published schemas and compared byte for byte with golden files (UPDATE_GOLDEN=1 rewrites them).
    /// </summary>
    public class ReportTests
    {
        private static string Schemas => TestPaths.SharedSchemas;
        private static string AppRepo => Path.Combine(TestPaths.Fixtures, "app-repo");
        private static string GoldenFolder => GoldenFiles.Reports;

        internal static List<GateResult> Results()
        {
            var slack = Example();
            slack.Sync.CallInterval = Duration.Parse("1s");                            // Waived by a waiver for target sync
            slack.Waivers[0].Target = "sync";
            slack.Phases.Sync.Checks.Single(c => c.Id == "sync-lint").Status = CheckStatus.Fail;   // Fail
            slack.Risks[0].Mitigation = "a <risky> \"quoted\" & | piped text";       // escaping in every format
            var results = RunAll(slack);                                                // repository rules Skip
            var hubspotFile = Path.Combine(AppRepo, "src", "docs", "connectors", "hubspot", "rollout-plan.yaml");
            var hubspot = PlanFileStore.Parse(File.ReadAllBytes(hubspotFile), "src/docs/connectors/hubspot/rollout-plan.yaml");
            results.AddRange(new GateEngine().Evaluate(hubspot, new GateOptions { RepositoryRoot = AppRepo, Rules = new[] { "RP.Docs.EnvMatch", "RP.Map.*" }, Today = Today }));
            return results;
        }

        private static GateReportOptions Options() => new GateReportOptions { ToolVersion = "1.2.3", BaseDirectory = AppRepo };

        [Fact]
        public void ResultSetCoversEveryOutcome()
        {
            var outcomes = Results().Select(r => r.Outcome).Distinct().ToList();
            Assert.Equal(Enum.GetValues(typeof(GateOutcome)).Length, outcomes.Count);
            Assert.Contains(Results(), r => r.CodeFile != null && r.Outcome == GateOutcome.Fail);
        }

        [Theory]
        [InlineData(GateReportFormat.JUnit, "gate.junit.xml")]
        [InlineData(GateReportFormat.NUnit3, "gate.nunit3.xml")]
        [InlineData(GateReportFormat.Sarif, "gate.sarif")]
        [InlineData(GateReportFormat.Markdown, "gate.md")]
        public void ReportEqualsGoldenFile(GateReportFormat format, string golden)
        {
            var bytes = GateReportWriters.Encode(GateReportWriters.For(format).Write(Results(), Options()));
            GoldenFiles.AssertMatches(GoldenFolder, golden, Encoding.UTF8.GetString(bytes));
        }

        [Fact]
        public void SameResultsGiveSameBytesAndTimestampOnlyWhenAsked()
        {
            foreach (GateReportFormat format in Enum.GetValues(typeof(GateReportFormat)))
            {
                var writer = GateReportWriters.For(format);
                Assert.Equal(writer.Write(Results(), Options()), writer.Write(Results(), Options()));
                Assert.DoesNotContain("2030-01-02", writer.Write(Results(), Options()));
                var stamped = Options();
                stamped.Timestamp = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
                Assert.Contains("2030-01-02T03:04:05Z", writer.Write(Results(), stamped));
            }
        }

        [SharedSchemasFact]
        public void JUnitIsValidAndMapsOutcomes()
        {
            var text = new JUnitReportWriter().Write(Results(), Options());
            Validate(text, Path.Combine(Schemas, "junit4", "junit_schema_4.xsd"));
            var doc = XDocument.Parse(text);
            var cases = doc.Descendants("testcase").ToList();
            Assert.Equal(Results().Count, cases.Count);
            var lint = cases.Single(c => (string?)c.Attribute("name") == "RP.Build.ChecksPass lint");
            Assert.Equal("Build", (string?)lint.Attribute("classname"));
            Assert.Contains("Recommendation:", lint.Element("failure")!.Value);
            var waived = cases.Single(c => (string?)c.Attribute("name") == "RP.Sync.RateBudget sync");
            Assert.StartsWith("Waived: one-off backfill (until 2026-12-31)", (string?)waived.Element("skipped")!.Attribute("message"));
            Assert.Equal(2, doc.Descendants("testsuite").Count());
        }

        [SharedSchemasFact]
        public void NUnit3IsValidAndMapsOutcomes()
        {
            var text = new NUnit3ReportWriter().Write(Results(), Options());
            Validate(text, Path.Combine(Schemas, "nunit3", "TestResult.xsd"));
            var doc = XDocument.Parse(text);
            var run = doc.Root!;
            Assert.Equal("Failed", (string?)run.Attribute("result"));
            var cases = doc.Descendants("test-case").ToList();
            Assert.Equal(Results().Count, cases.Count);
            Assert.Contains(cases, c => (string?)c.Attribute("result") == "Warning" && c.Element("reason") != null);
            Assert.Contains(cases, c => (string?)c.Attribute("result") == "Skipped" && (string?)c.Attribute("label") == "Waived");
            Assert.Contains(cases, c => (string?)c.Attribute("result") == "Failed" && c.Element("failure")!.Element("message") != null);
            Assert.Equal(Results().Count(r => r.Outcome == GateOutcome.Fail).ToString(), (string?)run.Attribute("failed"));
        }

        [SharedSchemasFact]
        public void NUnit3SchemaRejectsABrokenReport()
        {
            var text = new NUnit3ReportWriter().Write(Results(), Options()).Replace("result=\"Warning\"", "result=\"Meh\"");
            Assert.Throws<XmlSchemaValidationException>(() => Validate(text, Path.Combine(Schemas, "nunit3", "TestResult.xsd")));
        }

        [SharedSchemasFact]
        public void SarifIsValidAndPointsAtPlanOrCode()
        {
            var text = new SarifReportWriter().Write(Results(), Options());
            var errors = SarifSchema().Validate(text);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
            var json = Newtonsoft.Json.Linq.JObject.Parse(text);
            var run = json["runs"]![0]!;
            Assert.Equal(RuleCatalog.All.Count, run["tool"]!["driver"]!["rules"]!.Count());
            var results = run["results"]!.ToList();
            Assert.Equal(Results().Count(r => r.Outcome == GateOutcome.Fail || r.Outcome == GateOutcome.Warn || r.Outcome == GateOutcome.Waived), results.Count);
            var env = results.Single(r => (string?)r["ruleId"] == "RP.Docs.EnvMatch" && (string?)r["level"] == "error");
            var location = env["locations"]![0]!["physicalLocation"]!;
            Assert.Equal("src/lib/hubspot/client.ts", (string?)location["artifactLocation"]!["uri"]);
            Assert.Equal(13, (int)location["region"]!["startLine"]!);
            var lint = results.Single(r => (string?)r["ruleId"] == "RP.Build.ChecksPass");
            Assert.Equal("slack.rollout-plan.yaml", (string?)lint["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
            Assert.Equal(126, (int)lint["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
            var waived = results.Single(r => (string?)r["ruleId"] == "RP.Sync.RateBudget");
            Assert.Equal("accepted", (string?)waived["suppressions"]![0]!["status"]);
        }

        [SharedSchemasFact]
        public void SarifSchemaRejectsABrokenReport()
        {
            var text = new SarifReportWriter().Write(Results(), Options()).Replace("\"level\": \"warning\"", "\"level\": \"fatal\"");
            Assert.NotEmpty(SarifSchema().Validate(text));
        }

        [Fact]
        public void MarkdownSummarisesAndEscapesCells()
        {
            var text = new MarkdownReportWriter().Write(Results(), Options());
            Assert.StartsWith("# Rollout gate: FAILED\n", text);
            Assert.Contains("### To fix", text);
            Assert.Contains("### Waived", text);
            Assert.DoesNotContain("<risky>", text);
            Assert.All(text.Split('\n').Where(l => l.StartsWith("| ")), l => Assert.Equal(5, l.Replace("\\|", "").Count(c => c == '|')));
        }

        private static JsonSchema SarifSchema()
            => JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Schemas, "sarif", "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult();

        private static void Validate(string xml, string xsd)
        {
            var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            set.Add(null, xsd);
            set.Compile();
            var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set };
            settings.ValidationEventHandler += (_, e) => throw new XmlSchemaValidationException(e.Message + " at " + e.Exception?.LineNumber, e.Exception);
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read()) { }
        }
    }
}
