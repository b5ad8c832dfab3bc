using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// Turns a YAML tree into a <see cref="RolloutPlan"/>, collecting every problem (unknown keys with a
    /// suggestion, wrong types, bad enumeration spellings, missing required keys) with its position and key path.
    /// </summary>
    internal sealed class PlanBinder
    {
        private readonly string? file;
        private readonly List<PlanProblem> problems;
        private readonly Dictionary<string, PlanLocation> locations = new Dictionary<string, PlanLocation>(StringComparer.Ordinal);
        private readonly HashSet<PlanProperty> pendingNone = new HashSet<PlanProperty>();

        private PlanBinder(string? file, List<PlanProblem> problems)
        {
            this.file = file;
            this.problems = problems;
        }

        public static RolloutPlan? Bind(YamlTreeNode root, string? file, List<PlanProblem> problems, out IReadOnlyDictionary<string, PlanLocation> locations)
        {
            var binder = new PlanBinder(file, problems);
            binder.locations[""] = new PlanLocation(file, root.Line, root.Column);
            locations = binder.locations;
            if (!(root is YamlTreeMapping map))
            {
                problems.Add(binder.At(root, "", "a plan file is a mapping of keys (schemaVersion, connector, ...); found " + root.Describe()));
                return null;
            }
            var versionEntry = map.Entries.FirstOrDefault(e => e.Key.Value == "schemaVersion");
            if (versionEntry.Value is YamlTreeScalar v && !v.IsNull && v.Value.Trim() != "1")
            {
                // A newer schema would be misread key by key; stop at the version.
                problems.Add(binder.At(v, "schemaVersion", "this module reads schemaVersion 1, got " + v.Describe()));
                return null;
            }
            var plan = (RolloutPlan)binder.BindObject(typeof(RolloutPlan), map, "");
            binder.CheckPlan(plan, map);
            return plan;
        }

        private object BindObject(Type type, YamlTreeMapping map, string path)
        {
            var schema = PlanType.Of(type);
            var target = schema.Factory();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.Entries)
            {
                var key = entry.Key;
                var keyPath = Join(path, key.Value);
                if (!schema.ByKey.TryGetValue(key.Value, out var property))
                {
                    var shownKey = Security.SecretDetector.Detect(key.Value).Found ? "(hidden key)" : YamlTreeScalar.Shorten(key.Value);
                    problems.Add(At(key, Join(path, shownKey), UnknownKey(key.Value, schema)));
                    continue;
                }
                if (!seen.Add(key.Value)) continue; // duplicate keys are reported by the reader
                locations[keyPath] = new PlanLocation(file, key.Line, key.Column);
                if (BindValue(property, entry.Value, keyPath, out var value))
                {
                    if (value != null || property.Nullable) property.Set(target, value);
                    if (pendingNone.Remove(property)) property.SetNone!(target, true);
                }
            }
            foreach (var property in schema.Properties)
            {
                if (property.Required && !seen.Contains(property.Key))
                    problems.Add(new PlanProblem(file, map.Line, map.Column, Join(path, property.Key), "required key is missing"));
            }
            return target;
        }

        private bool BindValue(PlanProperty property, YamlTreeNode node, string path, out object? value)
        {
            if (property.Kind == PlanValueKind.List)
            {
                value = null;
                var list = (IList)property.NewList!();
                if (property.SetNone != null && node is YamlTreeScalar none && !none.IsNull && string.Equals(none.Value.Trim(), "none", StringComparison.OrdinalIgnoreCase))
                {
                    // writes: none — the list stays empty and its flag says so.
                    pendingNone.Add(property);
                    value = list;
                    return true;
                }
                if (node is YamlTreeScalar s && s.IsNull) { value = list; return !property.Required || Missing(node, path); }
                IEnumerable<YamlTreeNode> items;
                if (node is YamlTreeSequence seq) items = seq.Items;
                else if (node is YamlTreeScalar && property.ScalarWhenSingle) items = new[] { node };
                else
                {
                    problems.Add(At(node, path, "expected a list ([a, b] or one '- item' per line), got " + node.Describe()));
                    return false;
                }
                int i = 0;
                foreach (var item in items)
                {
                    var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    if (node is YamlTreeSequence) locations[itemPath] = new PlanLocation(file, item.Line, item.Column);
                    if (ConvertSingle(property.ItemKind, property.ItemType!, item, itemPath, property, out var itemValue) && itemValue != null)
                        list.Add(itemValue);
                    else if (itemValue == null && item is YamlTreeScalar n && n.IsNull)
                        problems.Add(At(item, itemPath, "empty list item"));
                    i++;
                }
                value = list;
                return true;
            }
            return ConvertSingle(property.Kind, property.ValueType, node, path, property, out value);
        }

        private bool Missing(YamlTreeNode node, string path)
        {
            problems.Add(At(node, path, "required value is empty"));
            return false;
        }

        private bool ConvertSingle(PlanValueKind kind, Type type, YamlTreeNode node, string path, PlanProperty property, out object? value)
        {
            value = null;
            if (kind == PlanValueKind.Object)
            {
                if (node is YamlTreeScalar empty && empty.IsNull) { value = PlanType.Of(type).Factory(); return true; }
                if (type == typeof(RateLimit) && node is YamlTreeScalar shortForm)
                {
                    if (RateLimit.TryParse(shortForm.Value, out var rl)) { value = rl; return true; }
                    problems.Add(At(node, path, "expected a rate limit such as { requests: 50, per: 1m } or 50/1m, got " + node.Describe()));
                    return false;
                }
                if (!(node is YamlTreeMapping map))
                {
                    problems.Add(At(node, path, "expected a mapping (key: value lines), got " + node.Describe()));
                    return false;
                }
                value = BindObject(type, map, path);
                var perNode = map.Entries.FirstOrDefault(e => e.Key.Value == "per").Value;
                if (value is RateLimit limit && perNode != null && limit.Per.Value <= TimeSpan.Zero && !(perNode is YamlTreeScalar blank && blank.IsNull))
                {
                    problems.Add(At(perNode, path + ".per", "expected a duration longer than 0 (requests per what time?), got " + perNode.Describe()));
                    return false;
                }
                return true;
            }
            if (kind == PlanValueKind.Auth) return BindAuth(node, path, property, out value);
            if (kind == PlanValueKind.NameLists) return BindNameLists(node, path, out value);
            if (!(node is YamlTreeScalar scalar))
            {
                problems.Add(At(node, path, "expected " + Expected(kind, type) + ", got " + node.Describe()));
                return false;
            }
            if (scalar.IsNull)
            {
                if (property.Required && property.ItemType == null) { Missing(node, path); return false; }
                return true;
            }
            var text = scalar.Value;
            switch (kind)
            {
                case PlanValueKind.Text:
                    if (property.Pattern != null && property.ItemType == null && !property.Pattern.IsMatch(text))
                    {
                        problems.Add(At(node, path, "expected " + property.PatternDescription + ", got " + scalar.Describe()));
                        return false;
                    }
                    // No secret values in a plan: one policy (SecretDetector) for every key.
                    var secret = Security.SecretDetector.Detect(text);
                    if (secret.Found)
                    {
                        problems.Add(At(node, path, "looks like " + secret.Description + "; a plan never holds secret values (the value is not shown) — " +
                            "keep it in .env.local or the deploy settings and name the variable under handoff.env"));
                        return false;
                    }
                    value = text;
                    return true;
                case PlanValueKind.Integer:
                    if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    {
                        if (number < 0) { problems.Add(At(node, path, "expected a whole number of 0 or more, got " + scalar.Describe())); return false; }
                        value = number;
                        return true;
                    }
                    break;
                case PlanValueKind.Boolean:
                    switch (text.Trim().ToLowerInvariant())
                    {
                        case "true": case "yes": case "on": value = true; return true;
                        case "false": case "no": case "off": value = false; return true;
                    }
                    break;
                case PlanValueKind.Enum:
                    if (PlanEnum.TryParse(type, text, out var enumValue)) { value = enumValue; return true; }
                    break;
                case PlanValueKind.Duration:
                    if (Duration.TryParse(text, out var duration, out var why)) { value = duration; return true; }
                    if (why != null)
                    {
                        problems.Add(At(node, path, "expected " + Expected(kind, type) + ", got " + scalar.Describe() + ", which " + why));
                        return false;
                    }
                    break;
                case PlanValueKind.Date:
                    if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) { value = date; return true; }
                    break;
                case PlanValueKind.DateTime:
                    if (DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var stamp))
                    {
                        value = DateTime.SpecifyKind(stamp, DateTimeKind.Utc);
                        return true;
                    }
                    break;
            }
            problems.Add(At(node, path, "expected " + Expected(kind, type) + ", got " + scalar.Describe()));
            return false;
        }

        private const string AuthValues = "none, public, session, admin (or a role name), cron, signature or state";

        /// <summary><c>auth: admin</c> or <c>auth: { GET: none, POST: admin }</c>.</summary>
        private bool BindAuth(YamlTreeNode node, string path, PlanProperty property, out object? value)
        {
            value = null;
            if (node is YamlTreeScalar scalar)
            {
                if (scalar.IsNull) return true;
                if (!ConvertSingle(PlanValueKind.Text, typeof(string), node, path, property, out var text)) return false;
                value = new RouteAuth(((string)text!).Trim());
                return true;
            }
            if (!(node is YamlTreeMapping map))
            {
                problems.Add(At(node, path, "expected one auth (" + AuthValues + ") or one per method such as { GET: none, POST: admin }, got " + node.Describe()));
                return false;
            }
            var auth = new RouteAuth();
            bool ok = true;
            foreach (var entry in map.Entries)
            {
                var keyPath = path + "." + entry.Key.Value;
                if (!PlanEnum.TryParse<RouteMethod>(entry.Key.Value, out var method) || auth.Methods.ContainsKey(method))
                {
                    problems.Add(At(entry.Key, keyPath, auth.Methods.ContainsKey(method) && PlanEnum.TryParse<RouteMethod>(entry.Key.Value, out _)
                        ? "method " + method + " is given twice"
                        : "expected a method (" + PlanEnum.Expected(typeof(RouteMethod)) + ") as a key of a per-method auth, got " + YamlTreeScalar.Shown(entry.Key.Value)));
                    ok = false;
                    continue;
                }
                locations[path + "." + method] = new PlanLocation(file, entry.Key.Line, entry.Key.Column);
                if (!(entry.Value is YamlTreeScalar v) || v.IsNull)
                {
                    problems.Add(At(entry.Value, path + "." + method, "expected the auth of " + method + " (" + AuthValues + "), got " + entry.Value.Describe()));
                    ok = false;
                    continue;
                }
                if (!ConvertSingle(PlanValueKind.Text, typeof(string), v, path + "." + method, property, out var text)) { ok = false; continue; }
                auth.Methods[method] = ((string)text!).Trim();
            }
            if (!ok) return false;
            if (auth.Methods.Count == 0)
            {
                problems.Add(At(node, path, "a per-method auth names at least one method, such as { GET: none, POST: admin }"));
                return false;
            }
            value = auth;
            return true;
        }

        private static readonly System.Text.RegularExpressions.Regex NameKey = new System.Text.RegularExpressions.Regex("^[A-Za-z][A-Za-z0-9_-]*$");

        /// <summary><c>guards: { session: [authenticate, withRLSContext], signature: verifySlackRequest }</c>: each entry a name or a regex.</summary>
        private bool BindNameLists(YamlTreeNode node, string path, out object? value)
        {
            value = null;
            var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            if (node is YamlTreeScalar empty && empty.IsNull) { value = result; return true; }
            if (!(node is YamlTreeMapping map))
            {
                problems.Add(At(node, path, "expected a mapping of auth values to helper names, such as { session: [authenticate], signature: [verifySlackRequest] }, got " + node.Describe()));
                return false;
            }
            bool ok = true;
            foreach (var entry in map.Entries)
            {
                var keyPath = path + "." + entry.Key.Value;
                if (!NameKey.IsMatch(entry.Key.Value))
                {
                    problems.Add(At(entry.Key, keyPath, "expected an auth value (" + AuthValues + ") as the key, got " + YamlTreeScalar.Shown(entry.Key.Value)));
                    ok = false;
                    continue;
                }
                locations[keyPath] = new PlanLocation(file, entry.Key.Line, entry.Key.Column);
                IEnumerable<YamlTreeNode> items;
                if (entry.Value is YamlTreeSequence seq) items = seq.Items;
                else if (entry.Value is YamlTreeScalar one && !one.IsNull) items = new[] { entry.Value };
                else
                {
                    problems.Add(At(entry.Value, keyPath, "expected a list of helper names or regexes, got " + entry.Value.Describe()));
                    ok = false;
                    continue;
                }
                var names = new List<string>();
                int i = 0;
                foreach (var item in items)
                {
                    var itemPath = keyPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    i++;
                    if (!(item is YamlTreeScalar name) || name.IsNull || name.Value.Trim().Length == 0)
                    {
                        problems.Add(At(item, itemPath, "expected a helper name or regex, got " + item.Describe()));
                        ok = false;
                        continue;
                    }
                    if (!PlanNamePatterns.IsValid(name.Value.Trim(), out var why))
                    {
                        problems.Add(At(item, itemPath, "not a valid name or regex: " + why));
                        ok = false;
                        continue;
                    }
                    names.Add(name.Value.Trim());
                }
                result[entry.Key.Value] = names;
            }
            value = result;
            return ok;
        }

        private static string Expected(PlanValueKind kind, Type type)
        {
            switch (kind)
            {
                case PlanValueKind.Text: return "text";
                case PlanValueKind.Integer: return "a whole number";
                case PlanValueKind.Boolean: return "true or false";
                case PlanValueKind.Enum: return PlanEnum.Expected(type);
                case PlanValueKind.Duration: return "a duration such as 4m, 1.2s or 1h30m";
                case PlanValueKind.Date: return "a date such as 2026-12-31";
                case PlanValueKind.DateTime: return "a date and time such as 2026-11-20T10:30:00Z";
                default: return "a value";
            }
        }

        /// <summary>Rules that span keys: a secret has no value in the plan; writes entries say a consistent op/action/onConflict.</summary>
        private void CheckPlan(RolloutPlan plan, YamlTreeMapping root)
        {
            CheckWrites(plan, root);
            CheckLinkingPoints(plan, root);
            for (int r = 0; r < plan.Routes.Count; r++)
            {
                var why = PlanRouteRules.PathProblem(plan, plan.Routes[r].Path);
                if (why != null) AddAt(root, "routes[" + r.ToString(CultureInfo.InvariantCulture) + "].path", why);
            }
            for (int i = 0; i < plan.Repository.Validators.Count; i++)
            {
                if (!PlanNamePatterns.IsValid(plan.Repository.Validators[i], out var why))
                    AddAt(root, "repository.validators[" + i.ToString(CultureInfo.InvariantCulture) + "]", "not a valid name or regex: " + why);
            }
            for (int i = 0; i < plan.Handoff.Env.Count; i++)
            {
                var env = plan.Handoff.Env[i];
                if (env.Secret && env.Value != null)
                {
                    var path = "handoff.env[" + i.ToString(CultureInfo.InvariantCulture) + "].value";
                    var at = locations.TryGetValue(path, out var loc) ? loc : new PlanLocation(file, root.Line, root.Column);
                    problems.Add(new PlanProblem(file, at.Line, at.Column, path, "a secret never has a value in the plan; remove it and set it where 'local' and 'deploy' say"));
                }
            }
        }

        private void AddAt(YamlTreeMapping root, string path, string message)
        {
            var at = LocationOf(path) ?? new PlanLocation(file, root.Line, root.Column);
            problems.Add(new PlanProblem(file, at.Line, at.Column, path, message));
        }

        private PlanLocation? LocationOf(string path)
        {
            while (path.Length > 0)
            {
                if (locations.TryGetValue(path, out var loc)) return loc;
                int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0) break;
                path = path.Substring(0, cut);
            }
            return null;
        }

        /// <summary>
        /// SPEC §8 write rules for entries that state <c>op</c> (or the new <c>append</c> action): upsert takes update/ignore
        /// with an onConflict target; insert takes reject/ignore/append and no onConflict; update/delete/rpc take neither.
        /// Entries of old plans (no op) keep the gate's checks, so every existing plan still loads.
        /// </summary>
        private void CheckWrites(RolloutPlan plan, YamlTreeMapping root)
        {
            for (int r = 0; r < plan.Routes.Count; r++)
            {
                var route = plan.Routes[r];
                for (int i = 0; i < route.Writes.Count; i++)
                {
                    var w = route.Writes[i];
                    var key = "routes[" + r.ToString(CultureInfo.InvariantCulture) + "].writes[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    foreach (var problem in PlanWriteRules.Problems(w))
                        AddAt(root, key + "." + problem.Key, problem.Value);
                }
            }
        }

        /// <summary>A linking point kept in the app's own table names both the table and its key columns.</summary>
        private void CheckLinkingPoints(RolloutPlan plan, YamlTreeMapping root)
        {
            for (int i = 0; i < plan.LinkingPoints.Count; i++)
            {
                var lp = plan.LinkingPoints[i];
                var key = "linkingPoints[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (lp.Table != null && lp.Key.Count == 0)
                    AddAt(root, key + ".table", "a linking point kept in table '" + lp.Table + "' also names its key columns (key: [col_a, col_b])");
                if (lp.Table == null && lp.Key.Count > 0)
                    AddAt(root, key + ".key", "key names columns of the linking point's own table: add table: <table name>");
                for (int k = 0; k < lp.Key.Count; k++)
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(lp.Key[k], "^[A-Za-z_][A-Za-z0-9_]*$"))
                        AddAt(root, key + ".key[" + k.ToString(CultureInfo.InvariantCulture) + "]", "expected a column name (letters, digits and '_'), got \"" + YamlTreeScalar.Shorten(lp.Key[k]) + "\"");
                }
            }
        }

        private static string UnknownKey(string key, PlanType schema)
        {
            var known = schema.Properties.Select(p => p.Key).ToArray();
            var shown = YamlTreeScalar.Shown(key).Trim('"');
            var exact = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (exact != null) return "unknown key '" + shown + "': keys are camelCase — did you mean '" + exact + "'?";
            // A suggestion must be within max(2, len/3) edits, so keys whose lengths differ more are never compared
            // (this also keeps a huge pasted key from costing a huge edit-distance table).
            int bound = Math.Max(2, key.Length / 3);
            var best = known.Where(k => Math.Abs(k.Length - key.Length) <= bound)
                .Select(k => new { Key = k, Distance = Distance(key.ToLowerInvariant(), k.ToLowerInvariant()) })
                .OrderBy(x => x.Distance).ThenBy(x => x.Key, StringComparer.Ordinal).FirstOrDefault();
            if (best != null && best.Distance <= bound)
                return "unknown key '" + shown + "' — did you mean '" + best.Key + "'?";
            return "unknown key '" + shown + "'; known keys here: " + string.Join(", ", known);
        }

        /// <summary>Edit distance (insert, delete, substitute, swap of neighbours).</summary>
        internal static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            return d[a.Length, b.Length];
        }

        private PlanProblem At(YamlTreeNode node, string path, string message) => new PlanProblem(file, node.Line, node.Column, path, message);

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
    }
}
