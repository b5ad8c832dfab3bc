using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// The JSON Schema (draft-07) of the plan file, generated from the model: keys, required keys and patterns come
    /// from the model's Plan* attributes (<see cref="PlanType"/>, the loader's own view), enumeration spellings from
    /// <see cref="PlanEnum"/>, and every key's description from the key tables of <c>about_RolloutPlaybook_PlanFile</c>
    /// (docs/help/about_RolloutPlaybook_PlanFile.md). A key added to the model appears here on the next build; a key
    /// the topic does not describe is listed in <see cref="Result.Problems"/> (and fails a test).
    /// The build writes the schema into the module folder and the repository (schemas/rollout-plan.schema.json).
    /// </summary>
    public static class PlanJsonSchema
    {
        /// <summary>The comment text of a modeline pointing editors (VS Code's YAML extension) at <paramref name="reference"/>.</summary>
        public static string ModelineText(string reference) => ModelinePrefix + reference;

        /// <summary>What every yaml-language-server schema modeline starts with.</summary>
        public const string ModelinePrefix = "yaml-language-server: $schema=";

        /// <summary>Whether a comment's text is a yaml-language-server modeline (any schema reference: a user may point elsewhere).</summary>
        public static bool IsModeline(string commentText)
            => commentText.TrimStart().StartsWith("yaml-language-server:", StringComparison.Ordinal);

        /// <summary>The file name of the schema, under schemas/ in the module folder and in the repository.</summary>
        public const string FileName = "rollout-plan.schema.json";

        /// <summary>The folder the schema sits in, in the module folder and in the repository.</summary>
        public const string FolderName = "schemas";

        /// <summary>Durations as the loader reads them (<see cref="Duration.TryParse"/>): one or more number-and-unit parts.</summary>
        internal const string DurationPattern = "^([0-9]+(\\.[0-9]+)?(ms|s|sec|m|min|h|d))+$";

        /// <summary>The schema text and the problems found while matching descriptions to keys.</summary>
        public sealed class Result
        {
            internal Result(string json, IReadOnlyList<string> problems) { Json = json; Problems = problems; }
            public string Json { get; }
            public IReadOnlyList<string> Problems { get; }
        }

        /// <summary>Generates the schema; <paramref name="planFileTopic"/> is the Markdown of about_RolloutPlaybook_PlanFile.</summary>
        public static Result Generate(string planFileTopic)
        {
            if (planFileTopic == null) throw new ArgumentNullException(nameof(planFileTopic));
            var problems = new List<string>();
            var descriptions = KeyDescriptions.Read(planFileTopic, problems);
            var root = new JObject();
            root.Add("$schema", "http://json-schema.org/draft-07/schema#");
            root.Add("title", "RolloutPlaybook plan file (rollout-plan.yaml, schemaVersion 1)");
            root.Add("description", descriptions.Summary ?? "A connector rollout plan.");
            AddObjectBody(root, typeof(RolloutPlan), "", descriptions, problems);
            foreach (var unused in descriptions.Unused()) problems.Add("about_RolloutPlaybook_PlanFile describes '" + unused + "', which is no key of the plan model");
            var sb = new StringBuilder(16384);
            root.Write(sb, 0);
            sb.Append('\n');
            return new Result(sb.ToString(), problems);
        }

        private static void AddObjectBody(JObject schema, Type type, string path, KeyDescriptions descriptions, List<string> problems)
        {
            var planType = PlanType.Of(type);
            schema.Add("type", "object");
            var required = planType.Properties.Where(p => p.Required).Select(p => (object)p.Key).ToList();
            if (required.Count > 0) schema.Add("required", new JArray(required));
            var properties = new JObject();
            foreach (var property in planType.Properties)
            {
                var keyPath = path.Length == 0 ? property.Key : path + "." + property.Key;
                properties.Add(property.Key, PropertySchema(property, keyPath, descriptions, problems));
            }
            schema.Add("properties", properties);
            schema.Add("additionalProperties", false);
        }

        private static JObject PropertySchema(PlanProperty property, string keyPath, KeyDescriptions descriptions, List<string> problems)
        {
            var schema = new JObject();
            var description = descriptions.Take(property.Property.DeclaringType!, property.Key);
            if (description == null) problems.Add(keyPath + ": no description in about_RolloutPlaybook_PlanFile");
            else schema.Add("description", description);
            // An optional key may be left empty (key:) — the loader reads that as not set.
            bool nullable = !property.Required;
            if (property.Kind == PlanValueKind.List)
            {
                var items = ValueSchema(property.ItemKind, property.ItemType!, property, keyPath + "[]", descriptions, problems);
                var array = new JObject();
                array.Add("type", "array");
                array.Add("items", items);
                if (property.SetNone != null)
                {
                    // writes: [ ... ] or writes: none
                    schema.Add("anyOf", new JArray(new List<object> { array, Obj("enum", new JArray(new List<object> { "none" })) }));
                }
                else if (property.ScalarWhenSingle)
                {
                    // method: POST or method: [POST, DELETE]
                    var single = ValueSchema(property.ItemKind, property.ItemType!, property, keyPath + "[]", descriptions, new List<string>());
                    schema.Add("anyOf", new JArray(new List<object> { single, array }));
                }
                else if (property.SetNone != null)
                {
                    // writes: none (SPEC §8) or the list.
                    var none = Obj("type", "string");
                    none.Add("enum", new JArray(new List<object> { "none" }));
                    schema.Add("anyOf", new JArray(new List<object> { array, none, Obj("type", "null") }));
                }
                else
                {
                    schema.Add("type", nullable ? new JArray(new List<object> { "array", "null" }) : (object)"array");
                    schema.Add("items", items);
                }
                return schema;
            }
            var value = ValueSchema(property.Kind, property.ValueType, property, keyPath, descriptions, problems);
            if (property.Property.DeclaringType == typeof(RolloutPlan) && property.Key == "schemaVersion")
            {
                // "enum": [1] rather than "const": validators that predate draft-06 understand it too.
                schema.Add("type", "integer");
                schema.Add("enum", new JArray(new object?[] { 1 }));
                return schema;
            }
            foreach (var entry in value.Entries)
            {
                if (entry.Key == "type" && nullable) schema.Add("type", new JArray(new List<object> { entry.Value, "null" }));
                else if (entry.Key == "enum" && nullable) schema.Add("enum", new JArray(((JArray)entry.Value).Items.Concat(new object?[] { null }).ToList()));
                else if (entry.Key == "anyOf" && nullable) schema.Add("anyOf", new JArray(((JArray)entry.Value).Items.Concat(new object[] { Obj("type", "null") }).ToList()));
                else schema.Add(entry.Key, entry.Value);
            }
            return schema;
        }

        private static JObject ValueSchema(PlanValueKind kind, Type type, PlanProperty property, string keyPath, KeyDescriptions descriptions, List<string> problems)
        {
            var schema = new JObject();
            switch (kind)
            {
                case PlanValueKind.Text:
                    schema.Add("type", "string");
                    var pattern = property.Property.GetCustomAttributes(typeof(PlanPatternAttribute), false).Cast<PlanPatternAttribute>().FirstOrDefault();
                    if (pattern != null) schema.Add("pattern", pattern.Pattern);
                    break;
                case PlanValueKind.Integer:
                    schema.Add("type", "integer");
                    schema.Add("minimum", 0);
                    break;
                case PlanValueKind.Boolean:
                    schema.Add("type", "boolean");
                    break;
                case PlanValueKind.Enum:
                    schema.Add("enum", new JArray(PlanEnum.Spellings(type).Cast<object>().ToList()));
                    break;
                case PlanValueKind.Duration:
                    schema.Add("type", "string");
                    schema.Add("pattern", DurationPattern);
                    break;
                case PlanValueKind.Date:
                    schema.Add("type", "string");
                    schema.Add("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
                    break;
                case PlanValueKind.DateTime:
                    schema.Add("type", "string");
                    schema.Add("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$");
                    break;
                case PlanValueKind.Auth:
                {
                    // auth: admin, or auth: { GET: none, POST: admin }
                    var perMethod = Obj("type", "object");
                    var methods = new JObject();
                    foreach (var method in Enum.GetNames(typeof(RouteMethod)))
                    {
                        var one = Obj("type", "string");
                        one.Add("description", "The guard of the route's " + method + " handler (none, public, session, admin or a role name, cron, signature, state).");
                        methods.Add(method, one);
                    }
                    perMethod.Add("properties", methods);
                    perMethod.Add("additionalProperties", false);
                    perMethod.Add("minProperties", 1);
                    schema.Add("anyOf", new JArray(new List<object> { Obj("type", "string"), perMethod }));
                    break;
                }
                case PlanValueKind.NameLists:
                {
                    // guards: { session: [authenticate], signature: verifySlackRequest }
                    schema.Add("type", "object");
                    var names = new JObject();
                    names.Add("type", "array");
                    names.Add("items", Obj("type", "string"));
                    schema.Add("additionalProperties", Obj("anyOf", new JArray(new List<object> { Obj("type", "string"), names })));
                    break;
                }
                case PlanValueKind.Object:
                    var body = new JObject();
                    AddObjectBody(body, type, keyPath, descriptions, problems);
                    if (type == typeof(RateLimit))
                    {
                        // Also written in its short form: 50/1m (or 50 per 1m).
                        var shortForm = Obj("type", "string");
                        shortForm.Add("pattern", "^[0-9]+\\s*(/|\\s+per\\s+)\\s*" + DurationPattern.Substring(1));
                        schema.Add("anyOf", new JArray(new List<object> { body, shortForm }));
                    }
                    else
                    {
                        foreach (var entry in body.Entries) schema.Add(entry.Key, entry.Value);
                    }
                    break;
            }
            return schema;
        }

        private static JObject Obj(string key, object value)
        {
            var o = new JObject();
            o.Add(key, value);
            return o;
        }

        /// <summary>
        /// The key tables of about_RolloutPlaybook_PlanFile: under each "### section" heading, lines of a key and its
        /// description starting at column 17, continuation lines indented to column 17, nested keys indented by two
        /// spaces per level. A section named after a top-level key describes that key's object (or list item); the
        /// prose before its first key line describes the key itself.
        /// </summary>
        private sealed class KeyDescriptions
        {
            private const int Column = 17;
            private static readonly Regex KeyLine = new Regex("^(?<indent>(  )*)(?<key>[a-z][A-Za-z0-9]*) +(?<text>\\S.*)$", RegexOptions.CultureInvariant);
            private readonly Dictionary<(Type, string), string> byTypeAndKey = new Dictionary<(Type, string), string>();
            private readonly HashSet<(Type, string)> taken = new HashSet<(Type, string)>();

            public string? Summary { get; private set; }

            public string? Take(Type type, string key)
            {
                if (!byTypeAndKey.TryGetValue((type, key), out var text)) return null;
                taken.Add((type, key));
                return text;
            }

            public IEnumerable<string> Unused()
                => byTypeAndKey.Keys.Where(k => !taken.Contains(k)).Select(k => k.Item1.Name + "." + k.Item2).OrderBy(s => s, StringComparer.Ordinal);

            public static KeyDescriptions Read(string markdown, List<string> problems)
            {
                var result = new KeyDescriptions();
                var lines = markdown.Replace("\r\n", "\n").Split('\n');
                int i = 0;
                while (i < lines.Length && lines[i] != "## SHORT DESCRIPTION") i++;
                if (i + 1 < lines.Length) result.Summary = lines[i + 1].Trim();
                bool inKeys = false;
                // The type whose keys a line at a nesting depth describes, and the last key read at each depth.
                var typeAt = new List<Type?>();
                var lastAt = new List<(Type, string)?>();
                (Type, string)? last = null;
                (Type, string)? sectionKey = null;
                var intro = new List<string>();
                foreach (var raw in lines)
                {
                    var line = raw.TrimEnd();
                    if (line.StartsWith("## ", StringComparison.Ordinal))
                    {
                        FinishIntro(result, sectionKey, intro);
                        inKeys = false;
                        if (line == "## EXAMPLES") break;
                        continue;
                    }
                    if (line.StartsWith("### ", StringComparison.Ordinal))
                    {
                        FinishIntro(result, sectionKey, intro);
                        inKeys = true;
                        last = null;
                        sectionKey = null;
                        typeAt.Clear();
                        lastAt.Clear();
                        var heading = line.Substring(4).Trim();
                        var top = PlanType.Of(typeof(RolloutPlan));
                        if (top.ByKey.TryGetValue(heading, out var sectionProperty))
                        {
                            sectionKey = (typeof(RolloutPlan), heading);
                            typeAt.Add(ElementType(sectionProperty));
                        }
                        else typeAt.Add(typeof(RolloutPlan)); // "Top level", "risks, assumptions, openQuestions"
                        continue;
                    }
                    if (!inKeys) continue;
                    if (line.Length > Column && line.Substring(0, Column).Trim().Length == 0)
                    {
                        if (last != null) result.byTypeAndKey[last.Value] += " " + line.Trim();
                        continue;
                    }
                    var match = KeyLine.Match(line);
                    if (!match.Success || match.Groups["text"].Index != Column)
                    {
                        last = null;
                        if (line.Length > 0 && lastAt.Count == 0) intro.Add(line.Trim());
                        continue;
                    }
                    FinishIntro(result, sectionKey, intro);
                    int depth = match.Groups["indent"].Length / 2;
                    var key = match.Groups["key"].Value;
                    if (depth >= typeAt.Count || typeAt[depth] == null)
                    {
                        problems.Add("about_RolloutPlaybook_PlanFile: '" + key + "' is nested under a key that has no keys of its own");
                        continue;
                    }
                    var owner = Owner(typeAt[depth]!, key);
                    if (owner == null)
                    {
                        problems.Add("about_RolloutPlaybook_PlanFile describes '" + key + "', which is no key of " + typeAt[depth]!.Name);
                        last = null;
                        continue;
                    }
                    var property = PlanType.Of(owner).ByKey[key];
                    last = (owner, key);
                    result.byTypeAndKey[last.Value] = match.Groups["text"].Value.Trim();
                    typeAt.RemoveRange(depth + 1, typeAt.Count - depth - 1);
                    typeAt.Add(ElementType(property));
                    lastAt.Add(last);
                }
                FinishIntro(result, sectionKey, intro);
                return result;
            }

            private static void FinishIntro(KeyDescriptions result, (Type, string)? sectionKey, List<string> intro)
            {
                if (sectionKey != null && intro.Count > 0 && !result.byTypeAndKey.ContainsKey(sectionKey.Value))
                    result.byTypeAndKey[sectionKey.Value] = string.Join(" ", intro).TrimEnd(':');
                intro.Clear();
            }

            /// <summary>The type declaring <paramref name="key"/>: <paramref name="type"/> itself, or the one object type all its keys share (the phases).</summary>
            private static Type? Owner(Type type, string key)
            {
                var planType = PlanType.Of(type);
                if (planType.ByKey.ContainsKey(key)) return type;
                var shared = planType.Properties.Select(p => p.ValueType).Distinct().ToList();
                if (shared.Count == 1 && planType.Properties[0].Kind == PlanValueKind.Object && PlanType.Of(shared[0]).ByKey.ContainsKey(key)) return shared[0];
                return null;
            }

            private static Type? ElementType(PlanProperty property)
            {
                if (property.Kind == PlanValueKind.Object) return property.ValueType;
                if (property.Kind == PlanValueKind.List && property.ItemKind == PlanValueKind.Object) return property.ItemType;
                return null;
            }
        }

        // A minimal ordered JSON tree: the schema is written deterministically (same model, same bytes).
        private sealed class JObject
        {
            public List<KeyValuePair<string, object>> Entries { get; } = new List<KeyValuePair<string, object>>();
            public void Add(string key, object value) => Entries.Add(new KeyValuePair<string, object>(key, value));

            public void Write(StringBuilder sb, int indent)
            {
                if (Entries.Count == 0) { sb.Append("{}"); return; }
                sb.Append("{\n");
                for (int i = 0; i < Entries.Count; i++)
                {
                    sb.Append(' ', indent + 2);
                    sb.Append(PlanWriter.JsonString(Entries[i].Key));
                    sb.Append(": ");
                    WriteValue(sb, Entries[i].Value, indent + 2);
                    sb.Append(i + 1 < Entries.Count ? ",\n" : "\n");
                }
                sb.Append(' ', indent).Append('}');
            }
        }

        private sealed class JArray
        {
            public JArray(IEnumerable<object?> items) { Items = items.ToList(); }
            public List<object?> Items { get; }

            public void Write(StringBuilder sb, int indent)
            {
                if (Items.All(x => !(x is JObject)))
                {
                    sb.Append('[');
                    for (int i = 0; i < Items.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        WriteValue(sb, Items[i], indent);
                    }
                    sb.Append(']');
                    return;
                }
                sb.Append("[\n");
                for (int i = 0; i < Items.Count; i++)
                {
                    sb.Append(' ', indent + 2);
                    WriteValue(sb, Items[i], indent + 2);
                    sb.Append(i + 1 < Items.Count ? ",\n" : "\n");
                }
                sb.Append(' ', indent).Append(']');
            }
        }

        private static void WriteValue(StringBuilder sb, object? value, int indent)
        {
            switch (value)
            {
                case null: sb.Append("null"); break;
                case JObject o: o.Write(sb, indent); break;
                case JArray a: a.Write(sb, indent); break;
                case bool b: sb.Append(b ? "true" : "false"); break;
                case int n: sb.Append(n.ToString(CultureInfo.InvariantCulture)); break;
                case string s: sb.Append(PlanWriter.JsonString(s)); break;
                default: throw new InvalidOperationException("no JSON form for " + value.GetType());
            }
        }
    }
}
