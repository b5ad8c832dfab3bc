using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>What a report needs besides the results. Nothing here changes between runs unless the caller sets it.</summary>
    public sealed class GateReportOptions
    {
        public string ToolName { get; set; } = "RolloutPlaybook";
        public string ToolVersion { get; set; } = "0.0.0";
        /// <summary>A run time to write into the report; null (default) writes none, so the same results give the same bytes.</summary>
        public DateTime? Timestamp { get; set; }
        /// <summary>File paths in the report are written relative to this folder when they are inside it (SARIF, Markdown).</summary>
        public string? BaseDirectory { get; set; }
        /// <summary>The rule catalogue (SARIF tool.driver.rules, names in reports).</summary>
        public IReadOnlyList<RolloutRule> Rules { get; set; } = RuleCatalog.All;
    }

    /// <summary>Writes gate results in one report format.</summary>
    public interface IGateReportWriter
    {
        GateReportFormat Format { get; }
        /// <summary>The usual file extension (".xml", ".sarif", ".md").</summary>
        string Extension { get; }
        string Write(IReadOnlyList<GateResult> results, GateReportOptions options);
    }

    public static class GateReportWriters
    {
        public static IGateReportWriter For(GateReportFormat format)
        {
            switch (format)
            {
                case GateReportFormat.JUnit: return new JUnitReportWriter();
                case GateReportFormat.NUnit3: return new NUnit3ReportWriter();
                case GateReportFormat.Sarif: return new SarifReportWriter();
                default: return new MarkdownReportWriter();
            }
        }

        /// <summary>UTF-8 without BOM, '\n' line endings.</summary>
        public static byte[] Encode(string text) => new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n"));
    }

    internal static class ReportText
    {
        public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

        public static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Results grouped per plan, in the order the plans came.</summary>
        public static List<IGrouping<string, GateResult>> ByPlan(IReadOnlyList<GateResult> results)
            => results.GroupBy(r => r.Connector + "\u0000" + (r.PlanFile ?? "")).ToList();

        public static string PlanName(GateResult first) => first.Connector + (first.PlanFile != null ? " (" + Path.GetFileName(first.PlanFile) + ")" : "");

        /// <summary>The full text of a result for failure bodies: message, where, evidence, recommendation.</summary>
        public static string Details(GateResult r, GateReportOptions options)
        {
            var sb = new StringBuilder();
            sb.Append(r.Message);
            var where = PlanWhere(r, options);
            if (where != null) sb.Append("\nPlan: ").Append(where);
            if (r.CodeFile != null) sb.Append("\nCode: ").Append(r.CodeFile).Append(r.CodeLine != null ? ":" + Int(r.CodeLine.Value) : "");
            if (r.Evidence.Length > 0) sb.Append("\nEvidence: ").Append(string.Join(", ", r.Evidence.Select(e => Relative(e, options))));
            if (r.WaiverReason != null) sb.Append("\nWaived: ").Append(r.WaiverReason).Append(r.WaiverExpires != null ? " (until " + r.WaiverExpires.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")" : "");
            if (!string.IsNullOrEmpty(r.Recommendation)) sb.Append("\nRecommendation: ").Append(r.Recommendation);
            return sb.ToString();
        }

        public static string? PlanWhere(GateResult r, GateReportOptions options)
            => r.PlanFile == null ? r.PlanKey : Relative(r.PlanFile, options) + (r.PlanLine != null ? ":" + Int(r.PlanLine.Value) : "") + (string.IsNullOrEmpty(r.PlanKey) ? "" : " (" + r.PlanKey + ")");

        /// <summary>A path (possibly with ":line") made relative to the base directory when it is inside it; '/' separators.</summary>
        public static string Relative(string path, GateReportOptions options)
        {
            if (options.BaseDirectory == null || !Path.IsPathRooted(path)) return path.Replace('\\', '/');
            var root = Path.GetFullPath(options.BaseDirectory).TrimEnd('/', '\\');
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (path.Length > root.Length + 1 && path.StartsWith(root, comparison) && (path[root.Length] == '/' || path[root.Length] == '\\'))
                return path.Substring(root.Length + 1).Replace('\\', '/');
            return path.Replace('\\', '/');
        }

        public static (int Pass, int Fail, int Warn, int Skip, int Waived) Count(IEnumerable<GateResult> results)
        {
            int p = 0, f = 0, w = 0, s = 0, v = 0;
            foreach (var r in results)
                switch (r.Outcome)
                {
                    case GateOutcome.Pass: p++; break;
                    case GateOutcome.Fail: f++; break;
                    case GateOutcome.Warn: w++; break;
                    case GateOutcome.Skip: s++; break;
                    default: v++; break;
                }
            return (p, f, w, s, v);
        }
    }
}
