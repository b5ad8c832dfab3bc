using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>
    /// JUnit XML: one testsuite per plan, one testcase per result (classname = category, name = rule id and
    /// target). Fail is a failure; Skip and Waived are skipped with their reason; Warn passes with the warning in
    /// system-out.
    /// </summary>
    public sealed class JUnitReportWriter : IGateReportWriter
    {
        public GateReportFormat Format => GateReportFormat.JUnit;
        public string Extension => ".xml";

        public string Write(IReadOnlyList<GateResult> results, GateReportOptions options)
        {
            return XmlSettings.WriteToString(xml =>
            {
                var all = ReportText.Count(results);
                xml.WriteStartDocument();
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", options.ToolName + " gate");
                xml.WriteAttributeString("tests", ReportText.Int(results.Count));
                xml.WriteAttributeString("failures", ReportText.Int(all.Fail));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("disabled", "0");
                xml.WriteAttributeString("time", "0");
                int id = 0;
                foreach (var plan in ReportText.ByPlan(results))
                {
                    var items = plan.ToList();
                    var c = ReportText.Count(items);
                    xml.WriteStartElement("testsuite");
                    xml.WriteAttributeString("name", ReportText.PlanName(items[0]));
                    xml.WriteAttributeString("tests", ReportText.Int(items.Count));
                    xml.WriteAttributeString("failures", ReportText.Int(c.Fail));
                    xml.WriteAttributeString("errors", "0");
                    xml.WriteAttributeString("skipped", ReportText.Int(c.Skip + c.Waived));
                    xml.WriteAttributeString("time", "0");
                    if (options.Timestamp != null) xml.WriteAttributeString("timestamp", ReportText.Time(options.Timestamp.Value));
                    xml.WriteAttributeString("id", ReportText.Int(id++));
                    xml.WriteAttributeString("package", options.ToolName);
                    if (items[0].PlanFile != null)
                    {
                        xml.WriteStartElement("properties");
                        xml.WriteStartElement("property");
                        xml.WriteAttributeString("name", "planFile");
                        xml.WriteAttributeString("value", ReportText.Relative(items[0].PlanFile!, options));
                        xml.WriteEndElement();
                        xml.WriteEndElement();
                    }
                    foreach (var r in items)
                    {
                        xml.WriteStartElement("testcase");
                        xml.WriteAttributeString("name", r.RuleId + " " + r.Target);
                        xml.WriteAttributeString("classname", r.Category);
                        xml.WriteAttributeString("time", "0");
                        xml.WriteAttributeString("status", r.Outcome.ToString());
                        switch (r.Outcome)
                        {
                            case GateOutcome.Fail:
                                xml.WriteStartElement("failure");
                                xml.WriteAttributeString("type", r.RuleId);
                                xml.WriteAttributeString("message", r.Message);
                                xml.WriteString(ReportText.Details(r, options));
                                xml.WriteEndElement();
                                break;
                            case GateOutcome.Skip:
                                xml.WriteStartElement("skipped");
                                xml.WriteAttributeString("message", r.Message);
                                xml.WriteEndElement();
                                break;
                            case GateOutcome.Waived:
                                xml.WriteStartElement("skipped");
                                xml.WriteAttributeString("message", "Waived: " + r.WaiverReason + (r.WaiverExpires != null ? " (until " + r.WaiverExpires.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")" : "") + ". " + r.Message);
                                xml.WriteEndElement();
                                break;
                            case GateOutcome.Warn:
                                xml.WriteElementString("system-out", "Warning: " + ReportText.Details(r, options));
                                break;
                        }
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
                xml.WriteEndDocument();
            });
        }
    }

    internal static class XmlSettings
    {
        public static XmlWriterSettings Create() => new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
            OmitXmlDeclaration = false,
            Encoding = new UTF8Encoding(false),
        };

        /// <summary>UTF-8 XML text (the declaration says utf-8), '\n' line endings, ending with a newline.</summary>
        public static string WriteToString(System.Action<XmlWriter> write)
        {
            using (var stream = new System.IO.MemoryStream())
            {
                using (var xml = XmlWriter.Create(stream, Create())) write(xml);
                return new UTF8Encoding(false).GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
            }
        }
    }
}
