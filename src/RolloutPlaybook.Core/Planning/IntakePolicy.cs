using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>One of the playbook's five blocking intake questions.</summary>
    public sealed class IntakeItem
    {
        internal IntakeItem(int number, string topic, string question, string assumption, Func<RolloutPlan, bool> isAnswered)
        {
            Number = number; Topic = topic; Question = question; Assumption = assumption; IsAnswered = isAnswered;
        }

        public int Number { get; }
        public string Topic { get; }
        public string Question { get; }
        public string Assumption { get; }
        public Func<RolloutPlan, bool> IsAnswered { get; }

        /// <summary>The prefix that ties an assumption or open question to this item: <c>Intake Q3 (urgent phase):</c>.</summary>
        public string Tag => "Intake Q" + Number + " (" + Topic + "):";
        public string OpenQuestionText => Tag + " " + Question;
        public string AssumptionText => Tag + " " + Assumption;
    }

    /// <summary>
    /// The playbook's intake policy: ask no questions; every intake item not given becomes an explicit
    /// assumption and an open question tied to it, and supplying the item later resolves both.
    /// </summary>
    public static class IntakePolicy
    {
        private static readonly Regex TagPattern = new Regex(@"^Intake Q([1-5]) \(", RegexOptions.CultureInvariant);

        public static IReadOnlyList<IntakeItem> Items { get; } = new[]
        {
            new IntakeItem(1, "linking points",
                "Which external identities must link to which internal entities (one entity_external_ids source each)?",
                "no linking point is assumed yet; the mapping matrix starts empty.",
                p => p.LinkingPoints.Count > 0),
            new IntakeItem(2, "cardinality",
                "Is each linking point 1:1 (enforced in the DB) or 1:N (kept in app logic)?",
                "each linking point is treated as strict 1:1 enforced in the DB until its cardinality is confirmed.",
                p => p.LinkingPoints.Count > 0 && p.LinkingPoints.All(lp => lp.Cardinality.HasValue)),
            new IntakeItem(3, "urgent phase",
                "Which phase is most urgent: mapping, sync, analytics or ops?",
                "phases are delivered in playbook order, mapping first.",
                p => p.Intake.UrgentPhase.HasValue),
            new IntakeItem(4, "source limits",
                "Which source plan limits matter (rate limits, retention, scopes)?",
                "the source's default plan limits apply; sync is paced conservatively until they are known.",
                p => p.Intake.SourceLimits.RateLimit != null || p.Intake.SourceLimits.Retention != null || p.Intake.SourceLimits.Scopes.Count > 0),
            new IntakeItem(5, "success criteria",
                "What does success look like in the first 2-4 weeks?",
                "success means every phase's validation checks pass within the first 2-4 weeks.",
                p => p.Goal.SuccessCriteria.Count > 0),
        };

        /// <summary>For a new plan: records an assumption and an open question for every item not given.</summary>
        public static void Apply(RolloutPlan plan)
        {
            foreach (var item in Items)
            {
                if (item.IsAnswered(plan)) continue;
                if (!plan.Assumptions.Any(a => a.StartsWith(item.Tag, StringComparison.Ordinal))) plan.Assumptions.Add(item.AssumptionText);
                if (!plan.OpenQuestions.Any(q => q.StartsWith(item.Tag, StringComparison.Ordinal))) plan.OpenQuestions.Add(item.OpenQuestionText);
            }
        }

        /// <summary>Removes the assumptions and open questions of every intake item the plan now answers.</summary>
        public static void Reconcile(RolloutPlan plan)
        {
            var answered = new HashSet<int>(Items.Where(i => i.IsAnswered(plan)).Select(i => i.Number));
            if (answered.Count == 0) return;
            plan.Assumptions.RemoveAll(text => IsTiedTo(text, answered));
            plan.OpenQuestions.RemoveAll(text => IsTiedTo(text, answered));
        }

        /// <summary>The intake item an assumption or open question is tied to, or null.</summary>
        public static int? TiedItem(string text)
        {
            var m = TagPattern.Match(text ?? "");
            return m.Success ? m.Groups[1].Value[0] - '0' : (int?)null;
        }

        private static bool IsTiedTo(string text, HashSet<int> items)
        {
            var n = TiedItem(text);
            return n.HasValue && items.Contains(n.Value);
        }
    }
}
