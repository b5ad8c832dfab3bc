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

        /// <summary>
        /// Completion runs inside the runspace's own pipeline, where SessionStateProxy refuses concurrent calls;
        /// a script block invoked on this thread reads the session state in place.
        /// </summary>
        private static object? ReadVariable(string name)
        {
            if (Runspace.DefaultRunspace == null) return null;
            return InRunspace("$ExecutionContext.SessionState.PSVariable.GetValue($args[0])", name);
        }

        private static object? InRunspace(string script, string argument)
        {
            var output = ScriptBlock.Create(script).Invoke(argument);
            return output.Count == 0 ? null : output[0]?.BaseObject;
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
            string full = path!;
            if (!System.IO.Path.IsPathRooted(full) && Runspace.DefaultRunspace != null)
            {
                if (!(InRunspace("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath", "") is string folder)) return null;
                full = System.IO.Path.Combine(folder, full);
            }
            if (!System.IO.File.Exists(full)) return null;
            return PlanFileStore.Load(full);
        }
    }
}
