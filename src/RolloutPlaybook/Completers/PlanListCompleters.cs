using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>Route paths of the plan.</summary>
    public sealed class RoutePathCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return plan.Routes.SelectMany(r => CompletionText.Matching(new[] { r.Path }, wordToComplete, r.Path + " (" + string.Join(", ", r.Methods) + ")"));
        }
    }

    /// <summary>The tables the route named by -Route writes (every route's when none is named).</summary>
    public sealed class WriteTableCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            var route = fakeBoundParameters?["Route"] as string;
            return CompletionText.Matching(plan.Routes.Where(r => route == null || r.Path == route).SelectMany(r => r.Writes.Select(w => w.Table)), wordToComplete);
        }
    }

    /// <summary>Metric names of the plan.</summary>
    public sealed class MetricNameCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return CompletionText.Matching(plan.Analytics.Metrics.Select(m => m.Name), wordToComplete);
        }
    }

    /// <summary>The rules the plan waives.</summary>
    public sealed class WaivedRuleCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return CompletionText.Matching(plan.Waivers.Select(w => w.Rule), wordToComplete);
        }
    }

    /// <summary>The handoff items of the kind the parameter names (-EnvVar: env var names, -Scope: scopes, ...).</summary>
    public sealed class HandoffItemCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            var h = plan.Handoff;
            IEnumerable<string> values;
            switch (parameterName)
            {
                case "EnvVar": values = h.Env.Select(e => e.Name); break;
                case "Scope": values = h.Scopes.Select(s => s.Name); break;
                case "Migration": values = h.Migrations; break;
                case "SmokeTest": values = h.SmokeTests.Select(s => s.Action); break;
                default: values = h.ExternalApp; break;
            }
            return CompletionText.Matching(values, wordToComplete);
        }
    }

    /// <summary>The notes of the kind the parameter names (-Assumption, -OpenQuestion, -Risk).</summary>
    public sealed class NoteCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            IEnumerable<string> values = parameterName == "Risk" ? plan.Risks.Select(r => r.Risk)
                : parameterName == "OpenQuestion" ? plan.OpenQuestions : plan.Assumptions;
            return CompletionText.Matching(values, wordToComplete);
        }
    }
}

namespace RolloutPlaybook.Completers
{
    /// <summary>The plan's wave numbers (Export-AgentPrompt -Wave), with the tasks of each.</summary>
    public sealed class WaveNumberCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            try
            {
                var waves = WaveScheduler.Schedule(plan).Waves;
                return waves.SelectMany(w => CompletionText.Matching(new[] { w.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) }, wordToComplete,
                    "Wave " + w.Number + ": " + string.Join(", ", w.Tasks.Select(t => t.Id))));
            }
            catch (Core.Errors.RolloutException)
            {
                return Enumerable.Empty<CompletionResult>(); // a cycle: no waves to offer
            }
        }
    }
}
