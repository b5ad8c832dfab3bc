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
        public static string HandlerTarget(string path, RouteMethod method) => path + " " + method;

        /// <summary>The result target of a write: <c>/api/x/y POST upsert entity_external_ids (slack_user)</c>.</summary>
        public static string WriteTarget(string path, IEnumerable<RouteMethod> methods, string op, string? table, IEnumerable<string>? sources)
        {
            var m = string.Join(",", methods.Select(x => x.ToString()));
            var s = sources == null ? "" : string.Join(",", sources);
            return path + (m.Length > 0 ? " " + m : "") + (op.Length > 0 ? " " + op : "") + " " + (table ?? "?") + (s.Length > 0 ? " (" + s + ")" : "");
        }
    }
}
