using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>
    /// Completes agent names: those of the plan already bound (<c>-Plan $p</c>, or the file of <c>-Path</c>/<c>-LiteralPath</c>),
    /// then the playbook's default agents and the small team's generalist.
    /// </summary>
    public sealed class AgentNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var names = new List<string>();
            foreach (var plan in BoundPlans(fakeBoundParameters))
                names.AddRange(plan.Team.Tasks.Select(t => t.Agent).Where(a => !string.IsNullOrEmpty(a))!);
            names.AddRange(AgentRoles.DefaultTeam);
            names.Add(AgentRoles.Generalist);
            return CompletionText.Matching(names, wordToComplete, "agent");
        }

        private static IEnumerable<RolloutPlan> BoundPlans(IDictionary bound)
        {
            if (bound == null) yield break;
            if (bound.Contains("Plan") && Unwrap(bound["Plan"]) is RolloutPlan p) yield return p;
            foreach (var key in new[] { "Path", "LiteralPath" })
            {
                if (!bound.Contains(key)) continue;
                var value = Unwrap(bound[key]);
                var paths = value is string s ? new[] { s } : value is object[] a ? a.Select(x => Unwrap(x) as string).Where(x => x != null).ToArray() : Array.Empty<string>();
                foreach (var path in paths)
                {
                    RolloutPlan? loaded = null;
                    try { if (System.IO.File.Exists(path)) loaded = PlanFileStore.Load(path!); }
                    catch (RolloutException) { }
                    if (loaded != null) yield return loaded;
                }
            }
        }

        private static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
