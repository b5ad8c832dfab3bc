using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.PlanFiles
{
    /// <summary>Random but valid plans from a seed: every key of the model, with text that is hard to write as YAML.</summary>
    internal sealed class PlanGenerator
    {
        private static readonly string[] Tricky =
        {
            "plain words", "1:1", "1:N", "yes", "No", "null", "~", "true", "0x1F", "1e3", "007", "- leading dash", "#hash", "a # comment",
            "key: value", "trailing:", " padded ", "quote \" inside", "back\\slash", "line\nbreak", "tab\there", "ünïcödé ✓", "emoji 🚀",
            "[brackets]", "{braces}", "a, b", "*star", "&amp", "!tag", "%percent", "@at", "`tick", "'single'", "2026-12-31", "12:30",
            "-x", "?q", ":colon", "x: y: z", "Slack user ID (U…)", "", "<<",
        };

        private readonly Random random;

        public PlanGenerator(int seed) { random = new Random(seed); }

        public RolloutPlan Next()
        {
            var plan = (RolloutPlan)Fill(typeof(RolloutPlan), 0);
            plan.SchemaVersion = 1;
            plan.Connector = "c" + random.Next(1000) + "-x";
            foreach (var lp in plan.LinkingPoints) lp.Source = "s" + random.Next(100000);
            foreach (var r in plan.Routes) r.Path = "/api/c/" + random.Next(1000) + "/[id]";
            foreach (var t in plan.Team.Tasks) t.Id = "task-" + random.Next(100000);
            foreach (var p in plan.Phases.All()) foreach (var c in p.Value.Checks) c.Id = "check." + random.Next(100000);
            foreach (var e in plan.Handoff.Env) { e.Name = "ENV_" + random.Next(100000); if (e.Secret) e.Value = null; }
            foreach (var w in plan.Waivers) w.Rule = "RP.Sync.Rule" + (char)('A' + random.Next(26));
            foreach (var i in plan.Invariants) i.Id = "inv-" + random.Next(100000);
            return plan;
        }

        private object Fill(Type type, int depth)
        {
            var schema = PlanType.Of(type);
            var target = schema.Factory();
            foreach (var property in schema.Properties)
            {
                if (!property.Required && random.Next(4) == 0) continue;
                var value = Value(property.Kind, property.ValueType, property.ItemType, property.ItemKind, property.Required, depth);
                if (value != null) property.Property.SetValue(target, value);
            }
            return target;
        }

        private object? Value(PlanValueKind kind, Type type, Type? itemType, PlanValueKind itemKind, bool required, int depth)
        {
            switch (kind)
            {
                case PlanValueKind.Text:
                    var s = Tricky[random.Next(Tricky.Length)];
                    return s.Length == 0 && required ? "x" : s.Length == 0 ? null : s;
                case PlanValueKind.Integer: return random.Next(0, 5000);
                case PlanValueKind.Boolean: return random.Next(2) == 0;
                case PlanValueKind.Enum:
                    var values = Enum.GetValues(type);
                    return values.GetValue(random.Next(values.Length));
                case PlanValueKind.Duration:
                    var units = new[] { TimeSpan.TicksPerMillisecond * 250, TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond * 12 / 10, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour * 3 };
                    return new Duration(TimeSpan.FromTicks(units[random.Next(units.Length)] * random.Next(0, 90)));
                case PlanValueKind.Date: return new DateTime(2026, 1, 1).AddDays(random.Next(800));
                case PlanValueKind.DateTime: return new DateTime(2026, 11, 20, 10, 30, 0, DateTimeKind.Utc).AddSeconds(random.Next(100000));
                case PlanValueKind.Object:
                    if (type == typeof(RateLimit)) return new RateLimit { Requests = random.Next(1, 1000), Per = new Duration(TimeSpan.FromMinutes(random.Next(1, 60))) };
                    return Fill(type, depth + 1);
                case PlanValueKind.List:
                    var list = (IList)Activator.CreateInstance(type)!;
                    int count = random.Next(0, 4);
                    for (int i = 0; i < count; i++)
                    {
                        var item = Value(itemKind, itemType!, null, default, true, depth + 1);
                        if (item != null) list.Add(item);
                    }
                    return list;
                default: return null;
            }
        }
    }

    /// <summary>Structural equality of plans (every model property, recursively).</summary>
    internal static class PlanEquality
    {
        public static void AssertEqual(object? expected, object? actual, string path = "")
        {
            if (expected == null || actual == null)
            {
                Assert.True(Empty(expected) && Empty(actual), path + ": " + expected + " vs " + actual);
                return;
            }
            var type = expected.GetType();
            Assert.Equal(type, actual.GetType());
            if (type == typeof(string) || type.IsValueType || type == typeof(RateLimit))
            {
                Assert.True(expected.Equals(actual), path + ": expected <" + expected + "> got <" + actual + ">");
                return;
            }
            if (expected is IList el)
            {
                var al = (IList)actual;
                Assert.True(el.Count == al.Count, path + ": count " + el.Count + " vs " + al.Count);
                for (int i = 0; i < el.Count; i++) AssertEqual(el[i], al[i], path + "[" + i + "]");
                return;
            }
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<PlanIgnoreAttribute>() == null))
                AssertEqual(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
        }

        private static bool Empty(object? o) => o == null || (o is IList l && l.Count == 0);
    }
}
