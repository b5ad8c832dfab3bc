using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.TestKit
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
            // A dependency names a task of the plan (a dangling one is a load error): some of the earlier ones, drawn from a
            // random of their own so that every other value of a seed's plan stays what it was.
            var pick = new Random(plan.Team.Tasks.Count * 7919 + plan.Connector.Length);
            for (int i = 0; i < plan.Team.Tasks.Count; i++)
                plan.Team.Tasks[i].DependsOn = plan.Team.Tasks.Take(i).Where(_ => pick.Next(2) == 0).Select(t => t.Id).Distinct().ToList();
            foreach (var p in plan.Phases.All()) foreach (var c in p.Value.Checks) c.Id = "check." + random.Next(100000);
            foreach (var e in plan.Handoff.Env) { e.Name = "ENV_" + random.Next(100000); if (e.Secret) e.Value = null; }
            foreach (var w in plan.Waivers) w.Rule = "RP.Sync.Rule" + (char)('A' + random.Next(26));
            foreach (var i in plan.Invariants) i.Id = "inv-" + random.Next(100000);
            // SPEC §8 keys with a form of their own.
            foreach (var lp in plan.LinkingPoints)
            {
                if (lp.Table != null) lp.Table = "app_t" + random.Next(1000);
                if (lp.Table == null) lp.Key.Clear();
                else lp.Key = Enumerable.Range(0, 1 + random.Next(3)).Select(i => "col_" + i).ToList();
            }
            foreach (var r in plan.Routes)
            {
                foreach (var w in r.Writes) RepairWrite(w);
                r.NoWrites = r.Writes.Count == 0 && random.Next(2) == 0;
            }
            var repo = plan.Repository;
            if (repo.IdentityTable != null) repo.IdentityTable = "public.ids_" + random.Next(100);
            if (repo.DocumentName != null) repo.DocumentName = "DOC-" + random.Next(100) + ".md";
            if (repo.RouteBase != null) repo.RouteBase = random.Next(2) == 0 ? "/" : "/api/v" + random.Next(9);
            repo.Validators = repo.Validators.Select((v, i) => Names[(i + random.Next(Names.Length)) % Names.Length]).Distinct().ToList();
            repo.CronSecrets = repo.CronSecrets.Select((v, i) => "CRON_" + i).ToList();
            return plan;
        }

        private static readonly string[] Names = { "authenticate", "withRLSContext", "auth.verify", "verify(Slack|Teams)Request", "^check\\w+$", "validateBody" };

        /// <summary>Makes a write entry say what SPEC §8 allows: action and onConflict as its op takes them.</summary>
        private void RepairWrite(RouteWrite w)
        {
            switch (w.Op)
            {
                case null:
                    if (w.Action == WriteAction.Append) w.OnConflict = null;
                    break;
                case WriteOp.Upsert:
                    w.Action = random.Next(2) == 0 ? WriteAction.Update : WriteAction.Ignore;
                    w.OnConflict ??= "source,external_id";
                    break;
                case WriteOp.Insert:
                    w.Action = new[] { WriteAction.Reject, WriteAction.Ignore, WriteAction.Append }[random.Next(3)];
                    w.OnConflict = null;
                    break;
                default:
                    w.Action = null;
                    w.OnConflict = null;
                    break;
            }
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
                    if (!type.IsEnum)
                    {
                        var members = type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == type).ToArray();
                        return members[random.Next(members.Length)].GetValue(null);
                    }
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
                case PlanValueKind.Auth:
                    if (random.Next(2) == 0) return new RouteAuth(new[] { "none", "admin", "session", "cron", "signature", "state", "ops-lead" }[random.Next(7)]);
                    var auth = new RouteAuth();
                    foreach (RouteMethod m in Enum.GetValues(typeof(RouteMethod)))
                        if (random.Next(2) == 0) auth.Methods[m] = Tricky[random.Next(Tricky.Length)] is var t && t.Trim().Length > 0 && t == t.Trim() ? t : "none";
                    if (auth.Methods.Count == 0) auth.Methods[RouteMethod.POST] = "admin";
                    return auth;
                case PlanValueKind.NameLists:
                    var map = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
                    foreach (var key in new[] { "session", "admin", "signature", "cron", "state" })
                        if (random.Next(2) == 0) map[key] = Enumerable.Range(0, 1 + random.Next(3)).Select(i => Names[random.Next(Names.Length)]).Distinct().ToList();
                    return map;
                default: return null;
            }
        }
    }
}
