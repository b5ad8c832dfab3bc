using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>Task ids of the plan (for -DependsOn, Remove-AgentTask -Id).</summary>
    public sealed class TaskIdCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return plan.Team.Tasks.SelectMany(t => CompletionText.Matching(new[] { t.Id }, wordToComplete, t.Id + " (" + t.Agent + "): " + t.Title));
        }
    }

    /// <summary>The playbook's agents, then the other agents the plan names.</summary>
    public sealed class AgentCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var plan = PlanContext.Find(commandAst, fakeBoundParameters);
            var agents = AgentRoles.DefaultTeam.Concat(plan?.Team.Tasks.Select(t => t.Agent).OfType<string>() ?? Enumerable.Empty<string>());
            return CompletionText.Matching(agents, wordToComplete);
        }
    }

    /// <summary>Check ids of the plan, with their phase and status.</summary>
    public sealed class CheckIdCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return plan.Phases.All().SelectMany(p => p.Value.Checks.SelectMany(c =>
                CompletionText.Matching(new[] { c.Id }, wordToComplete, c.Id + " (" + PlanEnum.Format(p.Key) + ", " + PlanEnum.Format(c.Status) + "): " + c.Description)));
        }
    }

    /// <summary>Linking-point sources of the plan.</summary>
    public sealed class SourceCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            return CompletionText.Matching(plan.LinkingPoints.Select(lp => lp.Source), wordToComplete);
        }
    }

    /// <summary>What a waiver can be about: sources, routes, tasks and checks of the plan.</summary>
    public sealed class PlanTargetCompleter : PlanCompleter
    {
        protected override IEnumerable<CompletionResult> Complete(RolloutPlan plan, string parameterName, string wordToComplete, IDictionary fakeBoundParameters)
        {
            var targets = plan.LinkingPoints.Select(lp => lp.Source)
                .Concat(plan.Routes.Select(r => r.Path))
                .Concat(plan.Team.Tasks.Select(t => t.Id))
                .Concat(plan.Phases.All().SelectMany(p => p.Value.Checks.Select(c => c.Id)));
            return CompletionText.Matching(targets, wordToComplete);
        }
    }

    /// <summary>The usual route auth values (any other word is allowed).</summary>
    public sealed class RouteAuthCompleter : IArgumentCompleter
    {
        private static readonly string[] Values = { "none", "public", "session", "admin", "cron", "signature", "state" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matching(Values, wordToComplete);
    }

    /// <summary>The usual source auth kinds (any other text is allowed).</summary>
    public sealed class SourceAuthCompleter : IArgumentCompleter
    {
        private static readonly string[] Values = { "bot token", "oauth", "api key", "service account" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionText.Matching(Values, wordToComplete);
    }
}
