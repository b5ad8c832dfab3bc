using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;
using static RolloutPlaybook.Core.PlanFiles.PlanWriter;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// Writes a changed plan over the text of its file without disturbing what did not change: every comment,
    /// blank line, quoting style and key order the change does not touch stays byte for byte. It compares the
    /// file's plan with the changed plan as the canonical writer would print them and, at the first place
    /// they differ, splices the canonical text of just that part into the file's text: a changed scalar in
    /// place on its line, a removed entry or list item with its lines (and the comment lines right above it),
    /// a new entry after the entry before it, a new list item after the item before it at that list's
    /// indentation. A part written in flow style (<c>[a, b]</c>) or as a block scalar is replaced whole.
    /// The result is read back and must print exactly like the changed plan; when it does not (a layout the
    /// splicer does not follow, e.g. anchors), <see cref="Splice"/> returns null and the caller decides.
    /// </summary>
    internal static class PlanTextEditor
    {
        /// <summary>The file's text with <paramref name="plan"/>'s changes spliced in, or null when that cannot be done faithfully.</summary>
        public static string? Splice(string original, RolloutPlan plan, string? file) => Splice(original, plan, file, out _);

        /// <summary><see cref="Splice(string, RolloutPlan, string)"/>, saying why when it returns null (for tests).</summary>
        internal static string? Splice(string original, RolloutPlan plan, string? file, out string? why)
        {
            why = "the file does not read as a plan";
            var document = PlanYamlReader.Read(original, file);
            if (document.Problems.Count > 0 || !(document.Root is YamlTreeMapping root) || root.IsFlowOrBlockScalar) return null;
            var problems = new List<PlanProblem>();
            var before = PlanBinder.Bind(root, file, problems, out _);
            if (before == null || problems.Count > 0) return null;

            var wanted = Tree(plan);
            var splicer = new Splicer(original);
            if (!splicer.Map(root, Tree(before), wanted, compactItem: false)) { why = "the top-level mapping"; return null; }
            var text = splicer.Apply();
            if (text == null) { why = "overlapping changes"; return null; }
            why = "the spliced text does not read back as the plan:\n" + text;

            // The spliced text must read back as exactly the plan asked for.
            var check = PlanYamlReader.Read(text, file);
            if (check.Problems.Count > 0 || check.Root == null) return null;
            var after = PlanBinder.Bind(check.Root, file, problems, out _);
            if (after == null || problems.Count > 0) return null;
            return Same(Tree(after), wanted) ? text : null;
        }

        private sealed class Splicer
        {
            private readonly string text;
            private readonly string newline;
            private readonly List<Edit> edits = new List<Edit>();

            private struct Edit
            {
                public int Start, End, Order;
                public string Text;
            }

            public Splicer(string text)
            {
                this.text = text;
                newline = text.Contains("\r\n") ? "\r\n" : "\n";
            }

            // ---- the text ---------------------------------------------------------------------

            private void Replace(int start, int end, string replacement)
                => edits.Add(new Edit { Start = start, End = end, Text = replacement, Order = edits.Count });

            private void Insert(int at, string replacement) => Replace(at, at, replacement);

            public string? Apply()
            {
                var ordered = edits.OrderBy(e => e.Start).ThenBy(e => e.End == e.Start ? 0 : 1).ThenBy(e => e.Order).ToList();
                var sb = new StringBuilder(text.Length + 256);
                int position = 0;
                foreach (var edit in ordered)
                {
                    if (edit.Start < position) return null; // overlapping changes: not a layout we follow
                    sb.Append(text, position, edit.Start - position);
                    var replacement = newline == "\n" ? edit.Text : edit.Text.Replace("\n", newline);
                    // Text added at the end of a file without a final line break starts on a line of its own.
                    if (edit.Start == edit.End && edit.Start > 0 && text[edit.Start - 1] != '\n' && replacement.Length > 0)
                        replacement = newline + replacement;
                    sb.Append(replacement);
                    position = edit.End;
                }
                sb.Append(text, position, text.Length - position);
                return sb.ToString();
            }

            private int LineStart(int index)
            {
                while (index > 0 && text[index - 1] != '\n') index--;
                return index;
            }

            /// <summary>Just after the line break of the line holding <paramref name="index"/> (or the end of the text).</summary>
            private int LineEnd(int index)
            {
                int nl = text.IndexOf('\n', Math.Min(index, text.Length));
                return nl < 0 ? text.Length : nl + 1;
            }

            /// <summary>Just after the node's last character that is not white space.</summary>
            private int ContentEnd(YamlTreeNode node, int floor)
            {
                int end = Math.Min(Math.Max(node.EndIndex, floor), text.Length);
                while (end > floor && char.IsWhiteSpace(text[end - 1])) end--;
                return end;
            }

            /// <summary>The start of the comment lines directly above the line at <paramref name="lineStart"/>, indented to <paramref name="column"/>.</summary>
            private int LeadingComments(int lineStart, int column)
            {
                int start = lineStart;
                while (start > 0)
                {
                    int previous = LineStart(start - 1);
                    var line = text.Substring(previous, start - previous).TrimEnd('\r', '\n');
                    int indent = line.Length - line.TrimStart(' ').Length;
                    if (indent != column || !line.TrimStart(' ').StartsWith("#", StringComparison.Ordinal)) break;
                    start = previous;
                }
                return start;
            }

            private int Column(int index) => index - LineStart(index);

            private static string Strip(string canonical, int count) => canonical.Substring(Math.Min(count, canonical.Length));

            // ---- mappings ---------------------------------------------------------------------

            /// <summary>
            /// Splices the differences of one block mapping. <paramref name="compactItem"/>: the mapping is a list
            /// item whose first key shares the dash's line, so its first entry cannot be removed or preceded line-wise.
            /// </summary>
            public bool Map(YamlTreeMapping yaml, OutMap? before, OutMap after, bool compactItem)
            {
                if (yaml.IsFlowOrBlockScalar || yaml.Entries.Count == 0) return false;
                var entries = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < yaml.Entries.Count; i++) entries[yaml.Entries[i].Key.Value] = i;
                int keyColumn = Column(yaml.Entries[0].Key.StartIndex);

                var keys = after.Entries.Select(e => e.Key).ToList();
                if (before != null) keys.AddRange(before.Entries.Select(e => e.Key).Where(k => !keys.Contains(k)));
                foreach (var key in keys)
                {
                    var old = Get(before, key);
                    var now = Get(after, key);
                    if (Same(old, now)) continue;
                    int at = entries.TryGetValue(key, out var found) ? found : -1;
                    if (now == null)
                    {
                        if (at < 0) continue;
                        if (compactItem && at == 0) return false;
                        RemoveEntry(yaml.Entries[at], keyColumn);
                    }
                    else if (at < 0)
                    {
                        // After the entry written before it (in the writer's order) that the file has.
                        int previous = -1;
                        foreach (var k in keys.TakeWhile(k => k != key))
                            if (entries.TryGetValue(k, out var p)) previous = Math.Max(previous, p);
                        var entryText = EntryText(key, now, keyColumn);
                        if (previous < 0)
                        {
                            if (compactItem) return false;
                            var first = yaml.Entries[0].Key;
                            Insert(LeadingComments(LineStart(first.StartIndex), keyColumn), entryText);
                        }
                        else
                        {
                            var prior = yaml.Entries[previous];
                            Insert(LineEnd(ContentEnd(prior.Value, prior.Key.EndIndex)), entryText);
                        }
                    }
                    else ReplaceValue(yaml.Entries[at].Key, yaml.Entries[at].Value, key, old, now, keyColumn);
                }
                return true;
            }

            private static Out? Get(OutMap? map, string key)
            {
                if (map == null) return null;
                foreach (var e in map.Entries) if (e.Key == key) return e.Value;
                return null;
            }

            private void RemoveEntry(KeyValuePair<YamlTreeScalar, YamlTreeNode> entry, int keyColumn)
            {
                int start = LeadingComments(LineStart(entry.Key.StartIndex), keyColumn);
                Replace(start, LineEnd(ContentEnd(entry.Value, entry.Key.EndIndex)), "");
            }

            private void ReplaceValue(YamlTreeScalar key, YamlTreeNode value, string name, Out? old, Out now, int keyColumn)
            {
                // Nested block mappings and lists change item by item.
                if (value is YamlTreeMapping map && !map.IsFlowOrBlockScalar && now is OutMap nowMap && !nowMap.Flow
                    && (old == null || old is OutMap) && map.Entries.Count > 0)
                {
                    int mark = edits.Count;
                    if (Map(map, old as OutMap, nowMap, compactItem: false)) return;
                    edits.RemoveRange(mark, edits.Count - mark);
                }
                if (value is YamlTreeSequence list && !list.IsFlowOrBlockScalar && list.Items.Count > 0 && now is OutList nowList
                    && old is OutList oldList && !(nowList.ScalarWhenSingle && nowList.Items.Count == 1))
                {
                    int mark = edits.Count;
                    if (List(list, oldList, nowList)) return;
                    edits.RemoveRange(mark, edits.Count - mark);
                }
                // A one-line value changes in place, keeping the line's comment.
                bool oneLine = !(value is YamlTreeScalar s && s.IsNull && s.Value.Length == 0)
                    && !(value is YamlTreeMapping m && !m.IsFlowOrBlockScalar)
                    && !(value is YamlTreeSequence q && !q.IsFlowOrBlockScalar)
                    && !(value is YamlTreeScalar b && b.IsFlowOrBlockScalar)
                    && value.StartIndex >= key.EndIndex
                    && text.IndexOf('\n', key.StartIndex, Math.Max(0, ContentEnd(value, value.StartIndex) - key.StartIndex)) < 0;
                if (oneLine)
                {
                    var inline = InlineText(now, keyColumn + name.Length + 2);
                    if (inline != null)
                    {
                        int end = ContentEnd(value, value.StartIndex);
                        // A comment after the value keeps its column when the spaces before it allow.
                        int spaces = 0;
                        while (end + spaces < text.Length && text[end + spaces] == ' ') spaces++;
                        if (spaces > 0 && end + spaces < text.Length && text[end + spaces] == '#')
                        {
                            int keep = Math.Max(1, spaces - (inline.Length - (end - value.StartIndex)));
                            Replace(value.StartIndex, end + spaces, inline + new string(' ', keep));
                        }
                        else Replace(value.StartIndex, end, inline);
                        return;
                    }
                }
                // Otherwise the entry's lines are written anew (from its key, so a list item's dash stays).
                Replace(key.StartIndex, LineEnd(ContentEnd(value, key.EndIndex)), Strip(EntryText(name, now, keyColumn), keyColumn));
            }

            // ---- lists ------------------------------------------------------------------------

            private bool List(YamlTreeSequence yaml, OutList before, OutList after)
            {
                if (yaml.Items.Count != before.Items.Count) return false;
                int dash = Column(yaml.StartIndex);
                var items = yaml.Items;
                var dashes = new int[items.Count];
                for (int i = 0; i < items.Count; i++)
                {
                    dashes[i] = DashOf(items[i]);
                    if (dashes[i] < 0 || Column(dashes[i]) != dash) return false;
                }

                // Items that print the same are kept (longest common subsequence), in order.
                int n = before.Items.Count, m = after.Items.Count;
                var lcs = new int[n + 1, m + 1];
                for (int i = n - 1; i >= 0; i--)
                    for (int j = m - 1; j >= 0; j--)
                        lcs[i, j] = Same(before.Items[i], after.Items[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                var pairOf = new int[m];
                for (int j = 0; j < m; j++) pairOf[j] = -1;
                var kept = new bool[n];
                var changed = new bool[n];
                {
                    int i = 0, j = 0;
                    while (i < n && j < m)
                    {
                        if (Same(before.Items[i], after.Items[j])) { pairOf[j] = i; kept[i] = true; i++; j++; }
                        else if (lcs[i + 1, j] >= lcs[i, j + 1]) i++;
                        else j++;
                    }
                }
                // Between kept items, an item with the same identity (its first key's value) was changed in place.
                {
                    int lastOld = -1;
                    for (int j = 0; j < m; j++)
                    {
                        if (pairOf[j] >= 0) { lastOld = pairOf[j]; continue; }
                        for (int i = lastOld + 1; i < n && !kept[i]; i++)
                        {
                            if (changed[i] || !SameIdentity(before.Items[i], after.Items[j])) continue;
                            pairOf[j] = i; changed[i] = true; lastOld = i;
                            break;
                        }
                    }
                }

                int anchor = LeadingComments(LineStart(dashes[0]), dash);
                for (int j = 0; j < m; j++)
                {
                    int i = pairOf[j];
                    if (i < 0)
                    {
                        Insert(anchor, ItemText(after.Items[j], dash));
                        continue;
                    }
                    if (changed[i] && !ReplaceItem(items[i], dashes[i], before.Items[i], after.Items[j], dash)) return false;
                    anchor = LineEnd(ContentEnd(items[i], dashes[i] + 1));
                }
                for (int i = 0; i < n; i++)
                {
                    if (kept[i] || changed[i]) continue;
                    Replace(LeadingComments(LineStart(dashes[i]), dash), LineEnd(ContentEnd(items[i], dashes[i] + 1)), "");
                }
                return true;
            }

            private static bool SameIdentity(Out a, Out b)
                => a is OutMap ma && b is OutMap mb && ma.Entries.Count > 0 && mb.Entries.Count > 0
                   && ma.Entries[0].Key == mb.Entries[0].Key && Same(ma.Entries[0].Value, mb.Entries[0].Value);

            /// <summary>The offset of an item's dash, or -1.</summary>
            private int DashOf(YamlTreeNode item)
            {
                int i = item.StartIndex - 1;
                while (i >= 0 && (text[i] == ' ' || text[i] == '\r' || text[i] == '\n')) i--;
                return i >= 0 && text[i] == '-' ? i : -1;
            }

            private bool ReplaceItem(YamlTreeNode yaml, int dashIndex, Out old, Out now, int dash)
            {
                if (yaml is YamlTreeMapping map && old is OutMap oldMap && now is OutMap nowMap && !nowMap.Flow
                    && text.IndexOf('\n', dashIndex, map.StartIndex - dashIndex) < 0)
                {
                    int mark = edits.Count;
                    if (Map(map, oldMap, nowMap, compactItem: true)) return true;
                    edits.RemoveRange(mark, edits.Count - mark);
                }
                // The item is written anew after its dash.
                Replace(dashIndex, LineEnd(ContentEnd(yaml, dashIndex + 1)), Strip(ItemText(now, dash), dash));
                return true;
            }
        }
    }
}
