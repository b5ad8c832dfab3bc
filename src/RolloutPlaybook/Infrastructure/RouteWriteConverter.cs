using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Turns what a user passes to <c>-Writes</c> (hashtables with the plan file's keys, PSCustomObjects, or
    /// <see cref="RouteWrite"/> objects) into writes entries, with one clear error per problem.
    /// </summary>
    internal static class RouteWriteConverter
    {
        private static readonly string[] Keys = { "table", "source", "method", "op", "action", "onConflict" };

        /// <summary>True for the text <c>none</c> (<c>-Writes none</c>: the route writes nothing).</summary>
        public static bool IsNone(object? input)
            => (input is PSObject pso ? pso.BaseObject : input) is string s && string.Equals(s.Trim(), "none", StringComparison.OrdinalIgnoreCase);

        public static RouteWrite Convert(object? input, string routePath, int index)
        {
            var value = input is PSObject pso ? pso.BaseObject : input;
            if (value is RouteWrite write) return write;
            var entries = new List<KeyValuePair<string, object?>>();
            if (value is IDictionary table)
            {
                foreach (DictionaryEntry e in table) entries.Add(new KeyValuePair<string, object?>(System.Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e.Value));
            }
            else if (value is PSCustomObject && input is PSObject custom)
            {
                foreach (var p in custom.Properties) entries.Add(new KeyValuePair<string, object?>(p.Name, p.Value));
            }
            else
            {
                throw Invalid(routePath, index, "is " + (value == null ? "null" : "a " + value.GetType().Name) + "; give a hashtable such as @{ table = 'entity_external_ids'; source = 'slack_user'; method = 'POST'; action = 'reject' }.");
            }
            var result = new RouteWrite();
            foreach (var entry in entries)
            {
                var key = Keys.FirstOrDefault(k => string.Equals(k, entry.Key, StringComparison.OrdinalIgnoreCase));
                var v = entry.Value is PSObject p ? p.BaseObject : entry.Value;
                switch (key)
                {
                    case "table": result.Table = Text(v) ?? ""; break;
                    case "source": result.Source = Text(v); break;
                    case "onConflict": result.OnConflict = Text(v); break;
                    case "op":
                        if (v is WriteOp o) result.Op = o;
                        else if (PlanEnum.TryParse<WriteOp>(Text(v) ?? "", out var op)) result.Op = op;
                        else throw Invalid(routePath, index, "op '" + Text(v) + "' is not valid: expected " + PlanEnum.Expected(typeof(WriteOp)) + ".");
                        break;
                    case "action":
                        if (v is WriteAction a) result.Action = a;
                        else if (PlanEnum.TryParse<WriteAction>(Text(v) ?? "", out var parsed)) result.Action = parsed;
                        else throw Invalid(routePath, index, "action '" + Text(v) + "' is not valid: expected " + PlanEnum.Expected(typeof(WriteAction)) + ".");
                        break;
                    case "method":
                        foreach (var item in v is string || !(v is IEnumerable) ? new[] { v } : ((IEnumerable)v).Cast<object?>())
                        {
                            var m = item is PSObject pm ? pm.BaseObject : item;
                            if (m is RouteMethod rm) result.Method.Add(rm);
                            else if (PlanEnum.TryParse<RouteMethod>(Text(m) ?? "", out var method)) result.Method.Add(method);
                            else throw Invalid(routePath, index, "method '" + Text(m) + "' is not valid: expected " + PlanEnum.Expected(typeof(RouteMethod)) + ".");
                        }
                        break;
                    default:
                        throw Invalid(routePath, index, "has an unknown key '" + entry.Key + "'; the keys are table, source, method, op, action and onConflict.");
                }
            }
            return result;
        }

        private static string? Text(object? v)
        {
            var s = v == null ? null : System.Convert.ToString(v, CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(s) ? null : s;
        }

        private static RolloutException Invalid(string routePath, int index, string what)
            => new RolloutException(ErrorIds.InvalidRouteWrite,
                "Route '" + routePath + "' writes[" + index + "] " + what, routePath);
    }
}
