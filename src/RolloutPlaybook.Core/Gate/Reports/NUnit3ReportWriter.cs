using System.Collections.Generic;
using System.Linq;
using System.Xml;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Reports
{
    /// <summary>
    /// NUnit 3 test-run XML: an Assembly suite per plan, a TestFixture suite per category, a test-case per result.
    /// Pass is Passed, Fail is Failed (failure message), Warn is Warning, Skip is Skipped and Waived is Skipped
    /// with label Waived (reason message).
    /// </summary>
    public sealed class NUnit3ReportWriter : IGateReportWriter
    {
        public GateReportFormat Format => GateReportFormat.NUnit3;
        public string Extension => ".xml";

        public string Write(IReadOnlyList<GateResult> results, GateReportOptions options)
        {
            int nextId = 1;
            return XmlSettings.WriteToString(xml =>
            {
                var all = ReportText.Count(results);
                xml.WriteStartDocument();
                xml.WriteStartElement("test-run");
                xml.WriteAttributeString("id", "0");
                xml.WriteAttributeString("name", options.ToolName + " gate");
                xml.WriteAttributeString("fullname", options.ToolName + " gate");
                xml.WriteAttributeString("testcasecount", ReportText.Int(results.Count));
                xml.WriteAttributeString("result", Status(all));
                xml.WriteAttributeString("total", ReportText.Int(results.Count));
                xml.WriteAttributeString("passed", ReportText.Int(all.Pass));
                xml.WriteAttributeString("failed", ReportText.Int(all.Fail));
                xml.WriteAttributeString("inconclusive", "0");
                xml.WriteAttributeString("skipped", ReportText.Int(all.Skip + all.Waived));
                xml.WriteAttributeString("warnings", ReportText.Int(all.Warn));
                xml.WriteAttributeString("asserts", "0");
                xml.WriteAttributeString("random-seed", "0");
                if (options.Timestamp != null)
                {
                    xml.WriteAttributeString("start-time", ReportText.Time(options.Timestamp.Value));
                    xml.WriteAttributeString("end-time", ReportText.Time(options.Timestamp.Value));
                }
                xml.WriteAttributeString("duration", "0");
                xml.WriteStartElement("filter");
                xml.WriteEndElement();
                foreach (var plan in ReportText.ByPlan(results))
                {
                    var items = plan.ToList();
                    var name = ReportText.PlanName(items[0]);
                    StartSuite(xml, "Assembly", ReportText.Int(nextId++), name, items[0].Connector, items);
                    if (items[0].PlanFile != null)
                    {
                        xml.WriteStartElement("properties");
                        xml.WriteStartElement("property");
                        xml.WriteAttributeString("name", "planFile");
                        xml.WriteAttributeString("value", ReportText.Relative(items[0].PlanFile!, options));
                        xml.WriteEndElement();
                        xml.WriteEndElement();
                    }
                    foreach (var category in items.GroupBy(r => r.Category))
                    {
                        var fixture = category.ToList();
                        StartSuite(xml, "TestFixture", ReportText.Int(nextId++), category.Key, items[0].Connector + "." + category.Key, fixture);
                        foreach (var r in fixture) TestCase(xml, r, ReportText.Int(nextId++), items[0].Connector, options);
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
                xml.WriteEndDocument();
            });
        }

        private static void StartSuite(XmlWriter xml, string type, string id, string name, string fullname, IReadOnlyList<GateResult> items)
        {
            var c = ReportText.Count(items);
            xml.WriteStartElement("test-suite");
            xml.WriteAttributeString("type", type);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("fullname", fullname);
            xml.WriteAttributeString("runstate", "Runnable");
            xml.WriteAttributeString("testcasecount", ReportText.Int(items.Count));
            xml.WriteAttributeString("result", Status(c));
            xml.WriteAttributeString("duration", "0");
            xml.WriteAttributeString("total", ReportText.Int(items.Count));
            xml.WriteAttributeString("passed", ReportText.Int(c.Pass));
            xml.WriteAttributeString("failed", ReportText.Int(c.Fail));
            xml.WriteAttributeString("warnings", ReportText.Int(c.Warn));
            xml.WriteAttributeString("inconclusive", "0");
            xml.WriteAttributeString("skipped", ReportText.Int(c.Skip + c.Waived));
            xml.WriteAttributeString("asserts", "0");
        }

        private static void TestCase(XmlWriter xml, GateResult r, string id, string connector, GateReportOptions options)
        {
            xml.WriteStartElement("test-case");
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("name", r.RuleId + " " + r.Target);
            xml.WriteAttributeString("fullname", connector + "." + r.RuleId + "." + r.Target);
            xml.WriteAttributeString("methodname", r.RuleId);
            xml.WriteAttributeString("classname", r.Category);
            xml.WriteAttributeString("runstate", "Runnable");
            xml.WriteAttributeString("seed", "0");
            string result, label = "";
            switch (r.Outcome)
            {
                case GateOutcome.Pass: result = "Passed"; break;
                case GateOutcome.Fail: result = "Failed"; break;
                case GateOutcome.Warn: result = "Warning"; break;
                case GateOutcome.Waived: result = "Skipped"; label = "Waived"; break;
                default: result = "Skipped"; break;
            }
            xml.WriteAttributeString("result", result);
            if (label.Length > 0) xml.WriteAttributeString("label", label);
            if (r.Outcome == GateOutcome.Fail) xml.WriteAttributeString("site", "Test");
            xml.WriteAttributeString("duration", "0");
            xml.WriteAttributeString("asserts", "0");
            xml.WriteStartElement("properties");
            Property(xml, "outcome", r.Outcome.ToString());
            Property(xml, "target", r.Target);
            var where = ReportText.PlanWhere(r, options);
            if (where != null) Property(xml, "plan", where);
            if (r.CodeFile != null) Property(xml, "code", r.CodeFile + (r.CodeLine != null ? ":" + ReportText.Int(r.CodeLine.Value) : ""));
            xml.WriteEndElement();
            if (r.Outcome == GateOutcome.Fail)
            {
                xml.WriteStartElement("failure");
                xml.WriteElementString("message", ReportText.Details(r, options));
                xml.WriteEndElement();
            }
            else if (r.Outcome != GateOutcome.Pass)
            {
                xml.WriteStartElement("reason");
                xml.WriteElementString("message", r.Outcome == GateOutcome.Skip ? r.Message : ReportText.Details(r, options));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        private static void Property(XmlWriter xml, string name, string value)
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("value", value);
            xml.WriteEndElement();
        }

        private static string Status((int Pass, int Fail, int Warn, int Skip, int Waived) c)
        {
            if (c.Fail > 0) return "Failed";
            if (c.Warn > 0) return "Warning";
            if (c.Pass == 0 && (c.Skip + c.Waived) > 0) return "Skipped";
            return "Passed";
        }
    }
}
