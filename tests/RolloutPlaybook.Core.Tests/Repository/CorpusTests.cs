using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;
using Xunit.Abstractions;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// SPEC §8 targets on the fixture-application corpus (tests/fixtures/corpus, see its README.md): small applications
    /// written for these tests, each with a truthful plan and an expectations file naming exactly the results that must
    /// not be Pass. Precision (non-Pass results that are expected) and recall (planted plan drifts caught as a changed
    /// Outcome) must both be at least 95%.
    /// </summary>
    public class CorpusTests
    {
        private static readonly string[] Rules =
        {
            "RP.Docs.RoutesMatch", "RP.Docs.MigrationsMatch", "RP.Docs.EnvMatch", "RP.Api.*", "RP.Map.OnConflictDocumented", "RP.Map.OneToOneEnforced",
        };

        private static readonly DateTime Today = new DateTime(2026, 11, 29);

        private readonly ITestOutputHelper output;

        public CorpusTests(ITestOutputHelper output) { this.output = output; }

        internal static string CorpusRoot => Path.Combine(TestPaths.Fixtures, "corpus");

        /// <summary>Every application of the corpus: its root and its plan files.</summary>
        internal static IEnumerable<(string App, string Root, string[] Plans)> Apps()
        {
            foreach (var dir in Directory.GetDirectories(CorpusRoot).OrderBy(d => d, StringComparer.Ordinal))
            {
                if (!File.Exists(Path.Combine(dir, "expectations.tsv"))) continue;
                var plans = Directory.GetFiles(dir, "rollout-plan.yaml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToArray();
                yield return (Path.GetFileName(dir), dir, plans);
            }
        }

        internal static List<GateResult> Gate(RolloutPlan plan, string root)
            => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Rules = Rules, Today = Today }).ToList();

        private static string Key(string connector, GateResult r) => connector + "\t" + r.Outcome + "\t" + r.RuleId + "\t" + r.Target;

        private static HashSet<string> Expected(string root)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadAllLines(Path.Combine(root, "expectations.tsv")))
            {
                if (line.Trim().Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                var cells = line.Split('\t');
                Assert.True(cells.Length >= 4, "expectations line needs connector, outcome, rule, target: " + line);
                set.Add(string.Join("\t", cells.Take(4)));
            }
            return set;
        }

        [Fact]
        public void CorpusHasTheApplicationsItPromises()
        {
            var apps = Apps().ToList();
            Assert.True(apps.Count >= 4, "the corpus has " + apps.Count + " applications, at least 4 are needed");
            Assert.All(apps, a => Assert.NotEmpty(a.Plans));
        }

        [Fact]
        public void EachApplicationGatesExactlyAsItsExpectationsSay()
        {
            var problems = new List<string>();
            int expectedTotal = 0, actualTotal = 0, agreed = 0;
            foreach (var (app, root, plans) in Apps())
            {
                var expected = Expected(root);
                var actual = new HashSet<string>(StringComparer.Ordinal);
                foreach (var file in plans)
                {
                    var plan = PlanFileStore.Load(file);
                    foreach (var r in Gate(plan, root))
                    {
                        Assert.False(string.IsNullOrWhiteSpace(r.Message));
                        if (r.Outcome == GateOutcome.Pass)
                        {
                            // A Pass states what was checked and where: code evidence beyond the plan key.
                            if (r.RuleId.StartsWith("RP.Api.", StringComparison.Ordinal) && r.Target != "routes")
                                Assert.True(r.Evidence.Length >= 2, app + " " + r.RuleId + " " + r.Target + " passes without code evidence: " + r.Message);
                            continue;
                        }
                        actual.Add(Key(plan.Connector, r));
                        if (!expected.Contains(Key(plan.Connector, r))) problems.Add(app + ": unexpected " + Key(plan.Connector, r) + " — " + r.Message);
                    }
                }
                foreach (var e in expected.Where(e => !actual.Contains(e))) problems.Add(app + ": expected but not reported " + e);
                expectedTotal += expected.Count; actualTotal += actual.Count; agreed += actual.Count(expected.Contains);
            }
            double precision = actualTotal == 0 ? 1 : (double)agreed / actualTotal;
            double recall = expectedTotal == 0 ? 1 : (double)agreed / expectedTotal;
            output.WriteLine("non-Pass results: " + actualTotal + ", expected: " + expectedTotal + ", agreed: " + agreed +
                "; precision " + precision.ToString("P1") + ", recall of true findings " + recall.ToString("P1"));
            foreach (var p in problems) output.WriteLine(p);
            Assert.True(precision >= 0.95, "precision " + precision.ToString("P1") + " < 95%:\n" + string.Join("\n", problems));
            Assert.True(recall >= 0.95, "recall of the expected findings " + recall.ToString("P1") + " < 95%:\n" + string.Join("\n", problems));
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>One plan change of the kinds SPEC §8 names: a method, a route, a guard, an onConflict target, an env var.</summary>
        internal sealed class Drift
        {
            public Drift(string name, Action<RolloutPlan> apply) { Name = name; Apply = apply; }
            public string Name { get; }
            public Action<RolloutPlan> Apply { get; }
            public override string ToString() => Name;
        }

        private static readonly Dictionary<string, string> ChangedAuth = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["session"] = "cron", ["admin"] = "signature", ["cron"] = "session", ["signature"] = "session", ["state"] = "session",
            ["none"] = "admin", ["public"] = "admin",
        };

        internal static IEnumerable<Drift> Drifts(RolloutPlan plan)
        {
            for (int r = 0; r < plan.Routes.Count; r++)
            {
                int i = r;
                var route = plan.Routes[r];
                yield return new Drift("route " + route.Path + " removed", p => p.Routes.RemoveAt(i));
                yield return new Drift("route " + route.Path + " moved", p => p.Routes[i].Path = p.Routes[i].Path + "-old");
                if (route.Methods.Count > 1)
                    foreach (var m in route.Methods.ToList())
                        yield return new Drift(route.Path + " method " + m + " removed", p => p.Routes[i].Methods.Remove(m));
                var added = Enum.GetValues(typeof(RouteMethod)).Cast<RouteMethod>().FirstOrDefault(m => !route.Methods.Contains(m));
                if (!route.Methods.Contains(added))
                    yield return new Drift(route.Path + " method " + added + " added", p => p.Routes[i].Methods.Add(added));
                var auth = route.Auth?.ToString() ?? "";
                if (ChangedAuth.TryGetValue(auth.Trim(), out var other))
                    yield return new Drift(route.Path + " auth " + auth + " -> " + other, p => SetAuth(p.Routes[i], other));
                for (int w = 0; w < route.Writes.Count; w++)
                {
                    int j = w;
                    if (!string.IsNullOrEmpty(route.Writes[w].OnConflict))
                    {
                        var changed = route.Writes[w].OnConflict == "id" ? "uuid" : "id";
                        yield return new Drift(route.Path + " writes[" + w + "] onConflict " + route.Writes[w].OnConflict + " -> " + changed, p => p.Routes[i].Writes[j].OnConflict = changed);
                    }
                }
            }
            for (int e = 0; e < plan.Handoff.Env.Count; e++)
            {
                int k = e;
                var name = plan.Handoff.Env[e].Name;
                yield return new Drift("env " + name + " removed", p => p.Handoff.Env.RemoveAt(k));
                yield return new Drift("env " + name + " renamed", p => p.Handoff.Env[k].Name = name + "_OLD");
            }
        }

        private static void SetAuth(RolloutRoute route, string value) => route.Auth = value;

        private static Dictionary<string, GateOutcome> Outcomes(IEnumerable<GateResult> results)
        {
            var map = new Dictionary<string, GateOutcome>(StringComparer.Ordinal);
            foreach (var r in results)
            {
                var key = r.RuleId + "\t" + r.Target;
                // Several results of one key (rare): the worst outcome stands for them.
                if (!map.TryGetValue(key, out var known) || r.Outcome > known) map[key] = r.Outcome;
            }
            return map;
        }

        [Fact]
        public void PlantedDriftsAreCaughtAsAChangedOutcome()
        {
            int total = 0, caught = 0;
            var missed = new List<string>();
            foreach (var (app, root, plans) in Apps())
                foreach (var file in plans)
                {
                    var baseline = Outcomes(Gate(PlanFileStore.Load(file), root));
                    foreach (var drift in Drifts(PlanFileStore.Load(file)).ToList())
                    {
                        var plan = PlanFileStore.Load(file);
                        drift.Apply(plan);
                        var after = Outcomes(Gate(plan, root));
                        total++;
                        bool changed = after.Any(a => a.Value != GateOutcome.Pass && (!baseline.TryGetValue(a.Key, out var before) || before != a.Value));
                        if (changed) caught++;
                        else missed.Add(app + " " + plan.Connector + ": " + drift.Name);
                    }
                }
            double recall = total == 0 ? 0 : (double)caught / total;
            output.WriteLine("planted drifts: " + total + ", caught: " + caught + " (" + recall.ToString("P1") + ")");
            foreach (var m in missed) output.WriteLine("missed: " + m);
            Assert.True(total >= 40, "only " + total + " drifts planted");
            Assert.True(recall >= 0.95, "recall " + recall.ToString("P1") + " < 95%; missed:\n" + string.Join("\n", missed));
        }
    }
}
