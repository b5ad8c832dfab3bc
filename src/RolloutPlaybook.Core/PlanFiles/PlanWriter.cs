using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>The file formats a plan is written in.</summary>
    public enum PlanFormat { Yaml, Json }

    /// <summary>
    /// Writes a plan deterministically: keys in SPEC §3 order, empty sections left out, <c>\n</c> line
    /// endings, UTF-8 without BOM. The YAML and JSON forms come from one intermediate tree.
    /// </summary>
    public static class PlanWriter
    {
        private const int Width = 100;

        internal abstract class Out { }
        internal sealed class OutScalar : Out
        {
            public OutScalar(string text, bool isString, bool plain = false) { Text = text; IsString = isString; Plain = plain; }
            public string Text { get; }
            /// <summary>Written unquoted in YAML whatever it looks like (dates: our reader types them by key).</summary>
            public bool Plain { get; }
            /// <summary>False for numbers and booleans (unquoted in JSON).</summary>
            public bool IsString { get; }
        }
        internal sealed class OutList : Out { public List<Out> Items { get; } = new List<Out>(); public bool ScalarWhenSingle; }
        internal sealed class OutMap : Out { public List<KeyValuePair<string, Out>> Entries { get; } = new List<KeyValuePair<string, Out>>(); public bool Flow; }

        /// <summary>
        /// The plan's canonical text. A YAML plan starts with a <c># yaml-language-server: $schema=</c> line when
        /// <paramref name="schemaReference"/> is given (see <see cref="PlanSchemaReference"/>); JSON never has one.
        /// </summary>
        public static string Write(RolloutPlan plan, PlanFormat format = PlanFormat.Yaml, string? schemaReference = null)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var tree = ToTree(plan) ?? new OutMap();
            var sb = new StringBuilder(4096);
            if (format == PlanFormat.Json)
            {
                WriteJson(sb, tree, 0);
                sb.Append('\n');
            }
            else
            {
                // Line 1 points editors at the plan file's JSON Schema (validation, key and enum completion).
                if (schemaReference != null) sb.Append("# ").Append(PlanJsonSchema.ModelineText(schemaReference)).Append('\n');
                WriteYamlMap(sb, (OutMap)tree, 0);
            }
            return sb.ToString();
        }

        public static byte[] WriteBytes(RolloutPlan plan, PlanFormat format = PlanFormat.Yaml, string? schemaReference = null)
            => new UTF8Encoding(false).GetBytes(Write(plan, format, schemaReference));

        private static Out? ToTree(object value)
        {
            var schema = PlanType.Of(value.GetType());
            var map = new OutMap { Flow = schema.Flow };
            foreach (var property in schema.Properties)
            {
                var v = property.Get(value);
                var node = ToNode(property, v);
                if (node == null && property.GetNone != null && property.GetNone(value) is true)
                    node = new OutScalar("none", true);
                if (node != null) map.Entries.Add(new KeyValuePair<string, Out>(property.Key, node));
            }
            // A plan always states its version and connector, even when otherwise empty.
            if (value is RolloutPlan) return map;
            return map.Entries.Count == 0 ? null : map;
        }

        private static Out? ToNode(PlanProperty property, object? v)
        {
            if (v == null) return null;
            switch (property.Kind)
            {
                case PlanValueKind.List:
                {
                    var list = new OutList { ScalarWhenSingle = property.ScalarWhenSingle };
                    foreach (var item in (IEnumerable)v)
                    {
                        var n = property.ItemKind == PlanValueKind.Object ? ToTree(item) : Scalar(property.ItemKind, item);
                        if (n != null) list.Items.Add(n);
                    }
                    return list.Items.Count == 0 ? null : list;
                }
                case PlanValueKind.Object:
                    return ToTree(v);
                case PlanValueKind.Auth:
                {
                    var auth = (RouteAuth)v;
                    if (!auth.IsPerMethod) return string.IsNullOrEmpty(auth.Value) ? null : new OutScalar(auth.Value!, true);
                    var map = new OutMap { Flow = true };
                    foreach (var e in auth.Methods) map.Entries.Add(new KeyValuePair<string, Out>(e.Key.ToString(), new OutScalar(e.Value, true)));
                    return map;
                }
                case PlanValueKind.NameLists:
                {
                    var map = new OutMap();
                    foreach (var e in (SortedDictionary<string, List<string>>)v)
                    {
                        var list = new OutList();
                        foreach (var item in e.Value) list.Items.Add(new OutScalar(item, true));
                        if (list.Items.Count > 0) map.Entries.Add(new KeyValuePair<string, Out>(e.Key, list));
                    }
                    return map.Entries.Count == 0 ? null : map;
                }
                case PlanValueKind.Boolean:
                    // false is the default of every flag; leaving it out keeps files free of noise.
                    return (bool)v ? Scalar(property.Kind, v) : null;
                case PlanValueKind.Enum when property.Property.Name == nameof(ValidationCheck.Status):
                    return Scalar(property.Kind, v);
                case PlanValueKind.Text:
                    return ((string)v).Length == 0 && !property.Required ? null : Scalar(property.Kind, v);
                default:
                    return Scalar(property.Kind, v);
            }
        }

        private static OutScalar Scalar(PlanValueKind kind, object v)
        {
            switch (kind)
            {
                case PlanValueKind.Integer: return new OutScalar(((int)v).ToString(CultureInfo.InvariantCulture), false);
                case PlanValueKind.Boolean: return new OutScalar((bool)v ? "true" : "false", false);
                case PlanValueKind.Enum: return new OutScalar(PlanEnum.Format(v), true);
                case PlanValueKind.Duration: return new OutScalar(((Duration)v).ToString(), true);
                case PlanValueKind.Date: return new OutScalar(((DateTime)v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), true, plain: true);
                case PlanValueKind.DateTime: return new OutScalar(((DateTime)v).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), true, plain: true);
                default: return new OutScalar((string)v, true);
            }
        }

        // ---- YAML -------------------------------------------------------------------------------

        private static void WriteYamlMap(StringBuilder sb, OutMap map, int indent)
        {
            foreach (var entry in map.Entries)
            {
                sb.Append(' ', indent).Append(entry.Key).Append(':');
                WriteYamlValue(sb, entry.Value, indent, indent + entry.Key.Length + 2);
            }
        }

        /// <summary>Writes what follows <c>key:</c>; <paramref name="column"/> is where an inline value would start.</summary>
        private static void WriteYamlValue(StringBuilder sb, Out value, int indent, int column)
        {
            switch (value)
            {
                case OutScalar s:
                    sb.Append(' ').Append(YamlScalar(s, false)).Append('\n');
                    break;
                case OutMap m when m.Flow:
                    sb.Append(' ').Append(FlowMap(m)).Append('\n');
                    break;
                case OutMap m:
                    sb.Append('\n');
                    WriteYamlMap(sb, m, indent + 2);
                    break;
                case OutList l when l.ScalarWhenSingle && l.Items.Count == 1 && l.Items[0] is OutScalar single:
                    sb.Append(' ').Append(YamlScalar(single, false)).Append('\n');
                    break;
                case OutList l:
                    var flow = l.Items.All(i => i is OutScalar) ? FlowList(l) : null;
                    if (flow != null && column + 1 + flow.Length <= Width)
                    {
                        sb.Append(' ').Append(flow).Append('\n');
                        break;
                    }
                    sb.Append('\n');
                    WriteBlockItems(sb, l, indent);
                    break;
            }
        }

        /// <summary>The items of a block list, their dashes at <paramref name="indent"/> + 2.</summary>
        private static void WriteBlockItems(StringBuilder sb, OutList l, int indent)
        {
            foreach (var item in l.Items)
            {
                sb.Append(' ', indent + 2).Append('-');
                if (item is OutMap im && !im.Flow)
                {
                    // The first key shares the dash's line; the rest align under it.
                    bool first = true;
                    foreach (var entry in im.Entries)
                    {
                        if (first) sb.Append(' ');
                        else sb.Append(' ', indent + 4);
                        first = false;
                        sb.Append(entry.Key).Append(':');
                        WriteYamlValue(sb, entry.Value, indent + 4, indent + 4 + entry.Key.Length + 2);
                    }
                }
                else WriteYamlValue(sb, item, indent + 2, indent + 4);
            }
        }

        private static string FlowList(OutList list)
            => "[" + string.Join(", ", list.Items.Select(i => YamlScalar((OutScalar)i, true))) + "]";

        private static string FlowMap(OutMap map)
            => "{ " + string.Join(", ", map.Entries.Select(e => e.Key + ": " + (e.Value is OutScalar s ? YamlScalar(s, true) : "null"))) + " }";

        private static readonly Regex LooksTyped = new Regex(
            @"^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|true|false|yes|no|on|off|y|n|<<|\d[\d:._+\-TtZz ]*)$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>A scalar plain when YAML would read it back as the same text, double-quoted otherwise.</summary>
        private static string YamlScalar(OutScalar s, bool inFlow) => s.Plain ? s.Text : YamlScalar(s.Text, s.IsString, inFlow);

        internal static string YamlScalar(string text, bool isString, bool inFlow)
        {
            if (!isString || IsPlainSafe(text, inFlow)) return text;
            return Quote(text);
        }

        internal static bool IsPlainSafe(string s, bool inFlow)
        {
            if (s.Length == 0) return false;
            if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[s.Length - 1])) return false;
            if ("-?:,[]{}#&*!|>'\"%@`".IndexOf(s[0]) >= 0)
            {
                // "-x", ":x" and "?x" are plain in YAML, but other tools disagree; duration-like and word-like forms are safe.
                if (!(s[0] == '-' && s.Length > 1 && char.IsLetter(s[1]))) return false;
            }
            foreach (var c in s)
            {
                if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') return false;
                if (inFlow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) return false;
            }
            if (s.IndexOf(": ", StringComparison.Ordinal) >= 0 || s.IndexOf(" #", StringComparison.Ordinal) >= 0 || s[s.Length - 1] == ':') return false;
            if (LooksTyped.IsMatch(s)) return false;
            // "1:1" and "1:N" read as base-60 numbers in YAML 1.1 tools: quote them as SPEC §3 does.
            if (char.IsDigit(s[0]) && s.IndexOf(':') >= 0) return false;
            return true;
        }

        /// <summary>A YAML double-quoted scalar: also escapes DEL, NEL and the BOM, which YAML readers treat as breaks or marks.</summary>
        internal static string Quote(string s) => Escaped(s, yaml: true);


        // ---- pieces for the comment-keeping writer (PlanTextEditor) -------------------------------

        /// <summary>The plan as the writer's tree (what <see cref="Write"/> prints).</summary>
        internal static OutMap Tree(RolloutPlan plan) => (OutMap?)ToTree(plan) ?? new OutMap();

        /// <summary>Whether two trees print the same.</summary>
        internal static bool Same(Out? a, Out? b)
        {
            switch (a)
            {
                case null: return b == null;
                case OutScalar sa:
                    return b is OutScalar sb && sa.Text == sb.Text && sa.IsString == sb.IsString && sa.Plain == sb.Plain;
                case OutList la:
                    if (!(b is OutList lb) || la.Items.Count != lb.Items.Count || la.ScalarWhenSingle != lb.ScalarWhenSingle) return false;
                    for (int i = 0; i < la.Items.Count; i++) if (!Same(la.Items[i], lb.Items[i])) return false;
                    return true;
                case OutMap ma:
                    if (!(b is OutMap mb) || ma.Entries.Count != mb.Entries.Count || ma.Flow != mb.Flow) return false;
                    for (int i = 0; i < ma.Entries.Count; i++)
                        if (ma.Entries[i].Key != mb.Entries[i].Key || !Same(ma.Entries[i].Value, mb.Entries[i].Value)) return false;
                    return true;
                default: return false;
            }
        }

        /// <summary>One <c>key: value</c> entry as the writer prints it, its key at column <paramref name="indent"/>.</summary>
        internal static string EntryText(string key, Out value, int indent)
        {
            var map = new OutMap();
            map.Entries.Add(new KeyValuePair<string, Out>(key, value));
            var sb = new StringBuilder();
            WriteYamlMap(sb, map, indent);
            return sb.ToString();
        }

        /// <summary>One list item as the writer prints it, its dash at column <paramref name="dash"/>.</summary>
        internal static string ItemText(Out item, int dash)
        {
            var list = new OutList();
            list.Items.Add(item);
            var sb = new StringBuilder();
            WriteBlockItems(sb, list, dash - 2);
            return sb.ToString();
        }

        /// <summary>The value as it prints after <c>key:</c> on the key's line, or null when it takes lines of its own.</summary>
        internal static string? InlineText(Out value, int column)
        {
            switch (value)
            {
                case OutScalar s: return YamlScalar(s, false);
                case OutMap m when m.Flow: return FlowMap(m);
                case OutList l when l.ScalarWhenSingle && l.Items.Count == 1 && l.Items[0] is OutScalar single: return YamlScalar(single, false);
                case OutList l when l.Items.All(i => i is OutScalar):
                    var flow = FlowList(l);
                    return column + 1 + flow.Length <= Width ? flow : null;
                default: return null;
            }
        }

        /// <summary>A scalar list item as it prints after its dash.</summary>
        internal static string ScalarText(OutScalar s) => YamlScalar(s, false);

        // ---- JSON -------------------------------------------------------------------------------

        private static void WriteJson(StringBuilder sb, Out node, int indent)
        {
            switch (node)
            {
                case OutScalar s:
                    sb.Append(s.IsString ? JsonString(s.Text) : s.Text);
                    break;
                case OutList l:
                    sb.Append('[');
                    for (int i = 0; i < l.Items.Count; i++)
                    {
                        sb.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2);
                        WriteJson(sb, l.Items[i], indent + 2);
                    }
                    sb.Append('\n').Append(' ', indent).Append(']');
                    break;
                case OutMap m:
                    if (m.Entries.Count == 0) { sb.Append("{}"); break; }
                    sb.Append('{');
                    for (int i = 0; i < m.Entries.Count; i++)
                    {
                        sb.Append(i == 0 ? "\n" : ",\n").Append(' ', indent + 2).Append(JsonString(m.Entries[i].Key)).Append(": ");
                        WriteJson(sb, m.Entries[i].Value, indent + 2);
                    }
                    sb.Append('\n').Append(' ', indent).Append('}');
                    break;
            }
        }

        /// <summary>A JSON string literal (the plan's JSON form, the schema, the JSON reports).</summary>
        internal static string JsonString(string s) => Escaped(s, yaml: false);

        /// <summary>
        /// A double-quoted string with \" \\ \n \r \t and \u escapes for the other control characters and the line
        /// separators (U+2028, U+2029); YAML also escapes DEL, NEL and the BOM and spells the hex in capitals.
        /// </summary>
        private static string Escaped(string s, bool yaml)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || (yaml && (c == 0x7F || c == '\u0085' || c == '\uFEFF')))
                            sb.Append("\\u").Append(((int)c).ToString(yaml ? "X4" : "x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }
    }
}
