using System.Collections.Generic;
using System.Linq;
using System.Text;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>A Markdown summary for pull requests and job summaries: verdict, counts, a table, then what to fix.</summary>
    public sealed class MarkdownReportWriter : IGateReportWriter
    {
        public GateReportFormat Format => GateReportFormat.Markdown;
        public string Extension => ".md";

        public string Write(IReadOnlyList<GateResult> results, GateReportOptions options)
        {
            var sb = new StringBuilder();
            var all = ReportText.Count(results);
            sb.Append("# Rollout gate: ").Append(all.Fail > 0 ? "FAILED" : "PASSED").Append('\n').Append('\n');
            if (options.Timestamp != null) sb.Append("Run at ").Append(ReportText.Time(options.Timestamp.Value)).Append(".\n\n");
            sb.Append(Counts(all)).Append('\n');
            foreach (var plan in ReportText.ByPlan(results))
            {
                var items = plan.ToList();
                sb.Append('\n').Append("## ").Append(ReportText.PlanName(items[0])).Append('\n').Append('\n');
                sb.Append(Counts(ReportText.Count(items))).Append('\n').Append('\n');
                sb.Append("| Outcome | Rule | Target | Message |\n|---|---|---|---|\n");
                foreach (var r in items)
                    sb.Append("| ").Append(Icon(r.Outcome)).Append(' ').Append(r.Outcome).Append(" | ").Append(Cell(r.RuleId)).Append(" | ")
                      .Append(Cell(r.Target)).Append(" | ").Append(Cell(r.Message)).Append(" |\n");
                var todo = items.Where(r => r.Outcome == GateOutcome.Fail || r.Outcome == GateOutcome.Warn).ToList();
                if (todo.Count > 0)
                {
                    sb.Append('\n').Append("### To fix\n\n");
                    foreach (var r in todo)
                    {
                        sb.Append("- **").Append(Inline(r.RuleId)).Append("** `").Append(r.Target.Replace("`", "'")).Append("`: ").Append(Inline(r.Message));
                        var where = r.CodeFile != null ? r.CodeFile + (r.CodeLine != null ? ":" + ReportText.Int(r.CodeLine.Value) : "") : ReportText.PlanWhere(r, options);
                        if (where != null) sb.Append(" (").Append(Inline(where)).Append(')');
                        sb.Append('\n');
                        if (!string.IsNullOrEmpty(r.Recommendation)) sb.Append("  ").Append(Inline(r.Recommendation)).Append('\n');
                    }
                }
                var waived = items.Where(r => r.Outcome == GateOutcome.Waived).ToList();
                if (waived.Count > 0)
                {
                    sb.Append('\n').Append("### Waived\n\n");
                    foreach (var r in waived)
                        sb.Append("- **").Append(Inline(r.RuleId)).Append("** `").Append(r.Target.Replace("`", "'")).Append("`: ").Append(Inline(r.WaiverReason ?? ""))
                          .Append(r.WaiverExpires != null ? " (until " + r.WaiverExpires.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")" : "").Append('\n');
                }
            }
            return sb.ToString();
        }

        private static string Counts((int Pass, int Fail, int Warn, int Skip, int Waived) c)
            => c.Fail + " failed, " + c.Warn + " warnings, " + c.Pass + " passed, " + c.Skip + " skipped, " + c.Waived + " waived.";

        private static string Icon(GateOutcome o)
        {
            switch (o)
            {
                case GateOutcome.Pass: return "✅";
                case GateOutcome.Fail: return "❌";
                case GateOutcome.Warn: return "⚠️";
                case GateOutcome.Waived: return "🟡";
                default: return "⏭️";
            }
        }

        private static string Inline(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");

        private static string Cell(string text) => Inline(text).Replace("|", "\\|");
    }
}
