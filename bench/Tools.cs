using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// The console's tool modes (bench/README.md, "Tools"): dumps of what the scanners, the gate and the drafter make of
    /// the fixtures, for writing expectations and reviewing drift, and two quick timings. None is a benchmark or a test:
    /// they print or write what they see and check nothing. They were env-gated xunit facts that always passed.
    /// </summary>
    internal static class Tools
    {
        private const string Usage =
            "tool modes:\n" +
            "  --dump-fixture <out-file>                      what the scanners see in tests/fixtures/app-repo\n" +
            "  --dump-gate <plan> <repository> [<out-file>] [--all]   every repository result of a plan (RP.Docs/Api/Map, or all rules)\n" +
            "  --render-doc <plan> <out-file>                 the plan's rollout document\n" +
            "  --dump-draft <out-folder>                      the fixture app's drafted plans (slack, hubspot)\n" +
            "  --lex-speed <out-file>                         lexer and handler-reader throughput on a fixture route\n" +
            "  --scan-speed <out-file>                        a full scan of a generated 20,000-file repository against a bare read\n" +
            "  --loop code|code1|draft|gate|gate1 <n>            run one benchmark body n times (for a profiler such as dotnet-trace; code1, gate1: on one thread)\n";

        /// <summary>The exit code when <paramref name="args"/> names a tool mode, else null (the benchmarks run).</summary>
        public static int? Run(string[] args)
        {
            if (args.Length == 0) return null;
            var rest = args.Skip(1).ToArray();
            switch (args[0])
            {
                case "--dump-fixture": return rest.Length == 1 ? Done(DumpFixture(rest[0])) : Bad();
                case "--dump-gate":
                    {
                        bool all = rest.Contains("--all");
                        var positional = rest.Where(a => a != "--all").ToArray();
                        return positional.Length is 2 or 3 ? Done(DumpGate(positional[0], positional[1], positional.Length == 3 ? positional[2] : "/tmp/gate-dump.txt", all)) : Bad();
                    }
                case "--render-doc":
                    if (rest.Length != 2) return Bad();
                    File.WriteAllText(rest[1], RolloutDocument.Render(PlanFileStore.Load(rest[0])));
                    return Done(rest[1]);
                case "--dump-draft": return rest.Length == 1 ? Done(DumpDraft(rest[0])) : Bad();
                case "--lex-speed": return rest.Length == 1 ? Done(LexSpeed(rest[0])) : Bad();
                case "--scan-speed": return rest.Length == 1 ? Done(ScanSpeed(rest[0])) : Bad();
                case "--loop": return rest.Length == 2 && int.TryParse(rest[1], out int n) ? Loop(rest[0], n) : Bad();
                case "--tools": Console.Write(Usage); return 0;
                default: return null;
            }
        }

        private static int Loop(string which, int n)
        {
            var watch = Stopwatch.StartNew();
            // The second half of the runs is timed on its own: warmed up, without the setup (a rough figure for
            // comparing two builds on one machine; the ratios are BenchmarkDotNet's).
            var half = new Stopwatch();
            var collections = new int[3];
            void Run(Action body)
            {
                for (int i = 0; i < n; i++)
                {
                    if (i == n / 2) { half.Start(); for (int g = 0; g < 3; g++) collections[g] = GC.CollectionCount(g); }
                    body();
                }
                half.Stop();
                for (int g = 0; g < 3; g++) collections[g] = GC.CollectionCount(g) - collections[g];
            }
            if (which == "code" || which == "code1")
            {
                var b = new CodeAnalysisBenchmarks();
                b.Setup();
                try { Run(() => { if (which == "code") b.Gate(); else b.GateOneThread(); }); } finally { b.Cleanup(); }
            }
            else if (which == "draft")
            {
                var b = new DraftBenchmarks();
                b.Setup();
                try { Run(() => b.Draft()); } finally { b.Cleanup(); }
            }
            else if (which == "gate" || which == "gate1")
            {
                var b = new GateBenchmarks();
                b.Setup();
                try { Run(() => { if (which == "gate") b.Gate(); else b.GateOneThread(); }); } finally { b.Cleanup(); }
            }
            else return Bad();
            Console.WriteLine($"{which} x{n}: {watch.Elapsed.TotalMilliseconds / n:F2} ms each (setup included); "
                + $"the last {n - n / 2}: {half.Elapsed.TotalMilliseconds / (n - n / 2):F2} ms each; "
                + $"collections per run of those: gen0 {collections[0] / (double)(n - n / 2):F2}, gen1 {collections[1] / (double)(n - n / 2):F2}, gen2 {collections[2] / (double)(n - n / 2):F2}");
            return 0;
        }

        private static int Done(string written) { Console.WriteLine("wrote " + written); return 0; }

        private static int Bad() { Console.Error.Write(Usage); return 2; }

        private static string Fixtures => Path.Combine(Paths.Root, "tests", "fixtures");

        private static string AppRepo => Path.Combine(Fixtures, "app-repo");

        private static string DumpFixture(string target)
        {
            var sb = new StringBuilder();
            foreach (var connector in new[] { "slack", "hubspot" })
            {
                var plan = PlanFileStore.Load(Path.Combine(AppRepo, "src/docs/connectors", connector, "rollout-plan.yaml"));
                var layout = RepositoryLayout.For(plan, AppRepo);
                var watch = Stopwatch.StartNew();
                var routes = RouteInventory.Scan(layout, plan.Routes.Select(r => r.Path));
                var migrations = MigrationState.Load(layout);
                var env = EnvUsage.Scan(layout, routes);
                sb.AppendLine("== " + connector + " (" + watch.Elapsed.TotalMilliseconds.ToString("0.0") + " ms)");
                foreach (var r in routes.Routes)
                {
                    sb.AppendLine(r.PlanPath + " " + r.RelativePath + " inFolder=" + r.InConnectorFolder);
                    foreach (var h in r.Handlers)
                        sb.AppendLine("  " + h.Method + " line=" + h.Line + "-" + h.EndLine + " req=" + h.TakesRequest + " body=" + h.BodyReadLine + " valid=" + h.ValidationLine
                            + " auth=" + h.AuthGuardLine + " cron=" + h.CronSecretLine + " 23505=" + h.Handles23505Line + " upserts=[" + string.Join("; ", h.Upserts) + "]");
                }
                sb.AppendLine("migrations: " + string.Join(", ", migrations.ForwardFiles));
                foreach (var i in migrations.OneToOneIndexes) sb.AppendLine("  index " + i);
                foreach (var m in plan.Handoff.Migrations) sb.AppendLine("  handoff " + m + " exists=" + migrations.Exists(m));
                foreach (var e in env.Reads) sb.AppendLine("  env " + e);
                sb.AppendLine("  example " + string.Join(", ", env.EnvExample!.Select(p => p.Key + ":" + p.Value)));
            }
            File.WriteAllText(target, sb.ToString());
            return target;
        }

        private static string DumpGate(string planFile, string repositoryRoot, string target, bool allRules)
        {
            var plan = PlanFileStore.Load(planFile);
            var sb = new StringBuilder();
            var rules = allRules ? new[] { "*" } : new[] { "RP.Docs.*", "RP.Api.*", "RP.Map.*" };
            foreach (var r in new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = repositoryRoot, Rules = rules }))
                sb.AppendLine(r.Outcome + "\t" + r.RuleId + "\t" + r.Target + "\t" + r.Message + "\t[" + string.Join(" ", r.Evidence) + "]");
            File.WriteAllText(target, sb.ToString());
            return target;
        }

        private static string DumpDraft(string folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var connector in new[] { "slack", "hubspot" })
            {
                var facts = CodeFactsReader.Read(new RolloutPlan { Connector = connector }, AppRepo);
                var draft = PlanDrafter.Draft(new NewPlanRequest { Connector = connector }, facts);
                File.WriteAllText(Path.Combine(folder, connector + ".draft.yaml"), PlanWriter.Write(draft.Plan));
            }
            return folder;
        }

        private static IReadOnlyList<RouteHandler> Handlers(string code) =>
            new RouteHandlerReader(ScriptSource.Parse(code),
                new Regex(RouteScanOptions.DefaultAuthGuardPattern), new Regex(RouteScanOptions.DefaultValidationPattern)).Read();

        private static string LexSpeed(string target)
        {
            var text = File.ReadAllText(Path.Combine(AppRepo, "src/app/api/slack/mappings/staff/route.ts"));
            var auth = new Regex(RouteScanOptions.DefaultAuthGuardPattern, RegexOptions.Compiled);
            var valid = new Regex(RouteScanOptions.DefaultValidationPattern, RegexOptions.Compiled);
            var sb = new StringBuilder();
            for (int round = 0; round < 4; round++)
            {
                var w = Stopwatch.StartNew();
                for (int i = 0; i < 2000; i++) ScriptSource.Parse(text);
                double lex = w.Elapsed.TotalMilliseconds;
                var src = ScriptSource.Parse(text);
                w.Restart();
                for (int i = 0; i < 2000; i++) new RouteHandlerReader(src, auth, valid).Read();
                double read = w.Elapsed.TotalMilliseconds;
                w.Restart();
                for (int i = 0; i < 2000; i++) Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
                double utf = w.Elapsed.TotalMilliseconds;
                var code = src.Code;
                string Time(string name, Regex r) { var t = Stopwatch.StartNew(); for (int i = 0; i < 2000; i++) r.Matches(code).Count.ToString(); return $"{name} {t.Elapsed.TotalMilliseconds:0.0}; "; }
                sb.Append(Time("exportFn", new Regex(@"export[ \t\r\n]+(?:async[ \t\r\n]+)?function[ \t\r\n]*\*?[ \t\r\n]*(GET|POST|PUT|PATCH|DELETE)(?![\w$])")));
                sb.Append(Time("auth", auth));
                sb.Append(Time("authTimeout", new Regex(RouteScanOptions.DefaultAuthGuardPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
                sb.Append(Time("valid", valid));
                sb.Append(Time("bodyRead", new Regex(@"\.[ \t\r\n]*(json|formData|text)[ \t\r\n]*\([ \t\r\n]*\)")));
                sb.Append(Time("constLit", new Regex(@"(?:const|let|var)[ \t\r\n]+([A-Za-z_$][\w$]*)[ \t\r\n]*(?::[ \t\r\n]*[\w$.]+[ \t\r\n]*)?=[ \t\r\n]*(?=['""`])")));
                sb.Append(Time("envDot", new Regex(@"process[ \t\r\n]*\.[ \t\r\n]*env[ \t\r\n]*(?:\?\.|\.)[ \t\r\n]*([A-Za-z_$][\w$]*)")));
                sb.AppendLine();
                sb.AppendLine($"2000 x {text.Length} chars: lex {lex:0.0} ms ({2000.0 * text.Length / lex / 1000:0} MB/s), handlers {read:0.0} ms, utf8 roundtrip {utf:0.0} ms");
            }
            File.WriteAllText(target, sb.ToString());
            return target;
        }

        /// <summary>A full scan of a generated 20,000-file repository against a bare enumerate-and-read of the files it needs.</summary>
        private static string ScanSpeed(string target)
        {
            var repo = new GeneratedRepository("scan-speed");
            try
            {
                var route = GeneratedRepository.Fixture("src/app/api/slack/mappings/staff/route.ts");
                var lib = GeneratedRepository.Fixture("src/lib/slack/client.ts");
                var sql = GeneratedRepository.Fixture("supabase/migrations/20260212_slack_backfill_guard.sql");
                // 19 other connectors x 1,000 files, then the scanned connector.
                for (int c = 0; c < 19; c++)
                    for (int i = 0; i < 1000; i++)
                        repo.Write(i % 2 == 0 ? $"src/app/api/other{c}/r{i}/route.ts" : $"src/components/other{c}/c{i}.tsx", route);
                var planPaths = new List<string>();
                for (int i = 0; i < 600; i++) { repo.Write($"src/app/api/slack/r{i}/[id]/route.ts", route); if (i % 3 == 0) planPaths.Add($"/api/slack/r{i}/[id]"); }
                for (int i = 0; i < 20; i++) { repo.Write($"src/app/api/cron/slack-{i}/route.ts", route); planPaths.Add($"/api/cron/slack-{i}"); }
                for (int i = 0; i < 200; i++) repo.Write($"src/lib/slack/m{i}.ts", lib);
                for (int i = 0; i < 180; i++) repo.Write($"supabase/migrations/{20260000 + i}_m.sql", sql);
                int files = repo.Files;
                repo.Write(".env.example", "A=1\n");
                var layout = RepositoryLayout.For(new RolloutPlan { Connector = "slack" }, repo.Root);

                var read = new List<string>();
                double Bare()
                {
                    var w = Stopwatch.StartNew();
                    read.Clear();
                    read.AddRange(Directory.EnumerateFiles(layout.ConnectorRouteFolder, "route.ts", SearchOption.AllDirectories));
                    read.AddRange(planPaths.Where(p => p.StartsWith("/api/cron/")).Select(p => Path.Combine(layout.RoutesRoot, p.Substring(5), "route.ts")));
                    read.AddRange(Directory.EnumerateFiles(Path.Combine(repo.Root, "src/lib/slack"), "*", SearchOption.AllDirectories));
                    read.AddRange(Directory.EnumerateFiles(layout.MigrationsRoot, "*.sql"));
                    read.Add(layout.EnvExamplePath);
                    long chars = 0;
                    foreach (var f in read) chars += File.ReadAllText(f).Length;
                    return w.Elapsed.TotalMilliseconds;
                }
                int scanned = 0;
                double Full()
                {
                    var w = Stopwatch.StartNew();
                    var routes = RouteInventory.Scan(layout, planPaths);
                    var migrations = MigrationState.Load(layout);
                    var env = EnvUsage.Scan(layout, routes);
                    scanned = routes.Routes.Count + migrations.ForwardFiles.Count + env.Reads.Count;
                    return w.Elapsed.TotalMilliseconds;
                }
                for (int i = 0; i < 8; i++) { Bare(); Full(); } // warm up (JIT tiers, file cache)
                var parts = new StringBuilder();
                File.WriteAllText(target, "");
                {
                    var w = Stopwatch.StartNew();
                    var routes = RouteInventory.Scan(layout, planPaths);
                    parts.Append($"routes {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    MigrationState.Load(layout);
                    parts.Append($"migrations {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    EnvUsage.Scan(layout, routes);
                    parts.Append($"env {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    var texts = read.Where(f => f.EndsWith(".ts")).Select(File.ReadAllText).ToList();
                    parts.Append($"read ts {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    foreach (var t in texts) ScriptSource.Parse(t);
                    parts.Append($"lex ts {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    foreach (var t in texts) Handlers(t);
                    parts.Append($"lex+handlers {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                    w.Restart();
                    foreach (var t in texts) EnvUsage.ReadsIn(t, "x");
                    parts.Append($"lex+env {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                }
                {
                    for (int i = 0; i < 3; i++) Full();
                    var process = Process.GetCurrentProcess();
                    var bare = new List<double>(); var full = new List<double>(); double bareCpu = 0, fullCpu = 0;
                    for (int round = 0; round < 7; round++)
                    {
                        // Interleaved, so load from other processes hits both alike; CPU time is less noisy than wall time.
                        process.Refresh(); var c0 = process.TotalProcessorTime;
                        bare.Add(Bare());
                        process.Refresh(); var c1 = process.TotalProcessorTime;
                        full.Add(Full());
                        process.Refresh(); var c2 = process.TotalProcessorTime;
                        bareCpu += (c1 - c0).TotalMilliseconds; fullCpu += (c2 - c1).TotalMilliseconds;
                    }
                    bare.Sort(); full.Sort();
                    var text = new StringBuilder()
                        .AppendLine($"repository files: {files}, files the scan reads: {read.Count}, scan facts: {scanned}")
                        .AppendLine($"bare enumerate+read median: {bare[3]:0.0} ms (min {bare[0]:0.0})")
                        .AppendLine($"full scan median: {full[3]:0.0} ms (min {full[0]:0.0})")
                        .AppendLine($"ratio (median wall): {full[3] / bare[3]:0.00}; ratio (process CPU): {fullCpu / bareCpu:0.00} ({fullCpu / 7:0.0} vs {bareCpu / 7:0.0} ms per run)")
                        .AppendLine(parts.ToString());
                    File.AppendAllText(target, text.ToString());
                }
            }
            finally { repo.Delete(); }
            return target;
        }
    }
}
