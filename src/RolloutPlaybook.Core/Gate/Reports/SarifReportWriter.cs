using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>
    /// SARIF 2.1.0: the rule catalogue as tool.driver.rules; one result per Fail (level error), Warn (warning)
    /// and Waived (error, with an accepted external suppression carrying the waiver's reason). Each result points
    /// at the plan file and line, or at the code file for a repository finding, relative to the base directory.
    /// Pass and Skip results are not findings and are left out.
    /// </summary>
    public sealed class SarifReportWriter : IGateReportWriter
    {
        public GateReportFormat Format => GateReportFormat.Sarif;
        public string Extension => ".sarif";

        public string Write(IReadOnlyList<GateResult> results, GateReportOptions options)
        {
            var rules = options.Rules.ToList();
            var json = new JsonText();
            json.BeginObject();
            json.Property("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.Property("version", "2.1.0");
            json.Name("runs").BeginArray().BeginObject();

            json.Name("tool").BeginObject().Name("driver").BeginObject();
            json.Property("name", options.ToolName);
            json.Property("version", options.ToolVersion);
            json.Property("semanticVersion", options.ToolVersion);
            json.Name("rules").BeginArray();
            foreach (var rule in rules)
            {
                json.BeginObject();
                json.Property("id", rule.Id);
                json.Property("name", rule.Id.Replace("RP.", "").Replace(".", ""));
                json.Name("shortDescription").BeginObject().Property("text", rule.Synopsis).EndObject();
                json.Name("fullDescription").BeginObject().Property("text", rule.Description).EndObject();
                json.Name("help").BeginObject().Property("text", rule.Recommendation).EndObject();
                json.Name("defaultConfiguration").BeginObject().Property("level", rule.Severity == RuleSeverity.Error ? "error" : "warning").EndObject();
                json.Name("properties").BeginObject().Property("category", rule.Category.ToString()).Property("needsRepository", rule.NeedsRepository).EndObject();
                json.EndObject();
            }
            json.EndArray();
            json.EndObject().EndObject();

            if (options.Timestamp != null)
            {
                json.Name("invocations").BeginArray().BeginObject();
                json.Property("executionSuccessful", true);
                json.Property("startTimeUtc", ReportText.Time(options.Timestamp.Value));
                json.EndObject().EndArray();
            }

            json.Name("results").BeginArray();
            foreach (var r in results)
            {
                if (r.Outcome != GateOutcome.Fail && r.Outcome != GateOutcome.Warn && r.Outcome != GateOutcome.Waived) continue;
                json.BeginObject();
                json.Property("ruleId", r.RuleId);
                int index = rules.FindIndex(x => x.Id == r.RuleId);
                if (index >= 0) json.Property("ruleIndex", index);
                json.Property("kind", r.Outcome == GateOutcome.Warn ? "review" : "fail");
                json.Property("level", r.Outcome == GateOutcome.Warn ? "warning" : "error");
                var text = r.Message + (string.IsNullOrEmpty(r.Recommendation) ? "" : " " + r.Recommendation);
                json.Name("message").BeginObject().Property("text", text).EndObject();
                var (uri, line) = Location(r, options);
                if (uri != null)
                {
                    json.Name("locations").BeginArray().BeginObject().Name("physicalLocation").BeginObject();
                    json.Name("artifactLocation").BeginObject().Property("uri", uri).EndObject();
                    if (line != null) json.Name("region").BeginObject().Property("startLine", line.Value).EndObject();
                    json.EndObject().EndObject().EndArray();
                }
                json.Name("partialFingerprints").BeginObject().Property("rolloutTarget/v1", r.Connector + "/" + r.RuleId + "/" + r.Target).EndObject();
                if (r.Outcome == GateOutcome.Waived)
                {
                    json.Name("suppressions").BeginArray().BeginObject();
                    json.Property("kind", "external");
                    json.Property("status", "accepted");
                    json.Property("justification", (r.WaiverReason ?? "") + (r.WaiverExpires != null ? " (until " + r.WaiverExpires.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")" : ""));
                    json.EndObject().EndArray();
                }
                json.Name("properties").BeginObject();
                json.Property("outcome", r.Outcome.ToString());
                json.Property("target", r.Target);
                json.Property("connector", r.Connector);
                if (r.PlanKey != null) json.Property("planKey", r.PlanKey);
                json.Name("evidence").BeginArray();
                foreach (var e in r.Evidence) json.Value(ReportText.Relative(e, options));
                json.EndArray();
                json.EndObject();
                json.EndObject();
            }
            json.EndArray();

            json.Property("columnKind", "unicodeCodePoints");
            json.EndObject().EndArray();
            json.EndObject();
            return json.ToString() + "\n";
        }

        /// <summary>The code file for a repository finding, else the plan file.</summary>
        private static (string? Uri, int? Line) Location(GateResult r, GateReportOptions options)
        {
            if (r.CodeFile != null)
            {
                var path = r.RepositoryRoot != null ? Path.Combine(r.RepositoryRoot, r.CodeFile.Replace('/', Path.DirectorySeparatorChar)) : r.CodeFile;
                return (Uri(ReportText.Relative(path, options)), r.CodeLine);
            }
            if (r.PlanFile != null) return (Uri(ReportText.Relative(r.PlanFile, options)), r.PlanLine);
            return (null, null);
        }

        /// <summary>A relative reference or a file: URI, percent-encoding what a URI cannot hold.</summary>
        private static string Uri(string path)
        {
            var sb = new StringBuilder();
            bool absolute = Path.IsPathRooted(path);
            if (absolute) sb.Append(path.StartsWith("/", StringComparison.Ordinal) ? "file://" : "file:///");
            foreach (var b in Encoding.UTF8.GetBytes(path))
            {
                char c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/:@!$&'()*+,;=".IndexOf(c) >= 0) sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }
}
