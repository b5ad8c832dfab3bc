using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Completers
{
    /// <summary>
    /// Finds the plan a command line is about, for completing values that come from it: the plan file named
    /// by -Path/-LiteralPath/-PlanPath/-LiteralPlanPath, a -Plan argument, or the first element of the
    /// pipeline (<c>$plan | Add-AgentTask -DependsOn &lt;tab&gt;</c>, <c>Import-RolloutPlan x.yaml | ...</c>).
    /// Completion must never fail, so anything unexpected means "no plan".
    /// </summary>
    internal static class PlanContext
    {
        private static readonly string[] FileParameters = { "LiteralPlanPath", "PlanPath", "LiteralPath", "Path" };

        public static RolloutPlan? Find(CommandAst? commandAst, IDictionary? fakeBoundParameters)
        {
            try
            {
                if (fakeBoundParameters != null)
                {
                    if (fakeBoundParameters["Plan"] is object bound && AsPlan(bound) is RolloutPlan given) return given;
                    foreach (var name in FileParameters)
                    {
                        if (!fakeBoundParameters.Contains(name)) continue;
                        var plan = LoadFile(FirstText(fakeBoundParameters[name]));
                        if (plan != null) return plan;
                    }
                }
                return FromPipeline(commandAst);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null;
            }
        }

        private static RolloutPlan? FromPipeline(CommandAst? commandAst)
        {
            if (!(commandAst?.Parent is PipelineAst pipeline) || pipeline.PipelineElements.Count < 2) return null;
            var first = pipeline.PipelineElements[0];
            if (ReferenceEquals(first, commandAst)) return null;
            if (first is CommandExpressionAst expression && expression.Expression is VariableExpressionAst variable)
                return AsPlan(ReadVariable(variable.VariablePath.UserPath));
            if (first is CommandAst command && string.Equals(command.GetCommandName(), "Import-RolloutPlan", StringComparison.OrdinalIgnoreCase))
            {
                // The first plain argument, or the one after -Path/-LiteralPath.
                for (int i = 1; i < command.CommandElements.Count; i++)
                {
                    var element = command.CommandElements[i];
                    if (element is CommandParameterAst parameter)
                    {
                        if (parameter.Argument is StringConstantExpressionAst inline) return LoadFile(inline.Value);
                        continue;
                    }
                    if (element is StringConstantExpressionAst text) return LoadFile(text.Value);
                    return null;
                }
            }
            return null;
        }

        private static object? ReadVariable(string name)
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace?.SessionStateProxy.GetVariable(name);
        }

        private static RolloutPlan? AsPlan(object? value)
        {
            value = value is PSObject pso ? pso.BaseObject : value;
            if (value is RolloutPlan plan) return plan;
            if (value is IEnumerable items && !(value is string))
                return items.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).OfType<RolloutPlan>().FirstOrDefault();
            return null;
        }

        private static string? FirstText(object? value)
        {
            value = value is PSObject pso ? pso.BaseObject : value;
            if (value is string s) return s;
            if (value is IEnumerable items) return items.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).OfType<string>().FirstOrDefault();
            return null;
        }

        private static RolloutPlan? LoadFile(string? path)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            var runspace = Runspace.DefaultRunspace;
            string full = path!;
            if (runspace != null)
            {
                var resolved = runspace.SessionStateProxy.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase) || resolved.Count == 0) return null;
                full = resolved[0];
            }
            if (!System.IO.File.Exists(full)) return null;
            return PlanFileStore.Load(full);
        }
    }
}
