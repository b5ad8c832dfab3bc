using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>What the plan says about code (SPEC §8): the guard a method needs, the app's own helper names, the op a write implies.</summary>
    internal static class CodePlan
    {
        /// <summary>The guard value a method of a route needs, lower-cased ("" when the plan does not say).</summary>
        public static string AuthFor(RolloutRoute route, RouteMethod method)
        {
            return (route.Auth?.For(method) ?? "").Trim().ToLowerInvariant();
        }

        /// <summary>The plan's <c>repository.guards</c>, <c>validators</c> and <c>cronSecrets</c>.</summary>
        public static CodeRecognition Recognition(RolloutPlan plan)
        {
            var recognition = new CodeRecognition();
            var settings = plan.Repository;
            if (settings == null) return recognition;
            foreach (var pair in settings.Guards) recognition.Guards[pair.Key] = pair.Value.ToList();
            foreach (var v in settings.Validators) recognition.Validators.Add(v);
            foreach (var c in settings.CronSecrets) recognition.CronSecrets.Add(c);
            return recognition;
        }

        /// <summary>The supabase-js operation a plan write stands for: its <c>op</c>, else implied by the action of old plans.</summary>
        public static string Op(RouteWrite write)
        {
            var op = write.EffectiveOp;
            return op.HasValue ? PlanEnum.Format(op.Value) : "";
        }

        /// <summary>The result target of a handler: <c>/api/x/y POST</c> (path first, so a waiver's wildcard <c>/api/x/*</c> covers it).</summary>
        public static string HandlerTarget(string path, RouteMethod method) => path + " " + Name(method);

        /// <summary>The result target of a write: <c>/api/x/y POST upsert entity_external_ids (slack_user)</c>.</summary>
        public static string WriteTarget(string path, IEnumerable<RouteMethod> methods, string op, string? table, IEnumerable<string>? sources)
            => WriteTarget(path, string.Join(",", methods.Select(Name)), op, table, sources == null ? "" : string.Join(",", sources));

        /// <summary>The result target of a listed write, whose source is one value or none.</summary>
        public static string WriteTarget(string path, IReadOnlyList<RouteMethod> methods, string op, string? table, string? source)
            => WriteTarget(path, methods.Count == 1 ? Name(methods[0]) : string.Join(",", methods.Select(Name)), op, table, source ?? "");

        private static string WriteTarget(string path, string m, string op, string? table, string s)
            => path + (m.Length > 0 ? " " + m : "") + (op.Length > 0 ? " " + op : "") + " " + (table ?? "?") + (s.Length > 0 ? " (" + s + ")" : "");

        /// <summary>A method as results spell it (<c>POST</c>): its enum name, looked up instead of formatted each time.</summary>
        public static string Name(RouteMethod method)
        {
            int i = (int)method;
            return i >= 0 && i < MethodNames.Length ? MethodNames[i] : method.ToString();
        }

        // Indexed by the enum's value; a value outside the declared ones (a cast int) is formatted as ToString() would.
        private static readonly string[] MethodNames = BuildMethodNames();

        private static string[] BuildMethodNames()
        {
            var values = (RouteMethod[])Enum.GetValues(typeof(RouteMethod));
            var names = new string[values.Max(v => (int)v) + 1];
            for (int i = 0; i < names.Length; i++) names[i] = ((RouteMethod)i).ToString();
            return names;
        }
    }
}
