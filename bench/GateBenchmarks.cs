using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// The whole gate with repository evidence on a generated 20,000-file repository vs a bare enumerate-and-read
    /// of the files the scan must read (the connector's routes, its plan-listed cron routes, its code, the
    /// migrations, .env.example and the rollout document). Goal ≤ 2×.
    /// </summary>
    [MemoryDiagnoser]
    public class GateBenchmarks
    {
        private string root = null!;
        private RolloutPlan plan = null!;
        private readonly List<string> cronRoutes = new List<string>();

        [GlobalSetup]
        public void Setup()
        {
            root = Path.Combine(Path.GetTempPath(), "rp-bench-repo-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            var fixture = Path.Combine(Paths.Root, "tests", "fixtures", "app-repo");
            var route = File.ReadAllText(Path.Combine(fixture, "src/app/api/slack/mappings/staff/route.ts"));
            var lib = File.ReadAllText(Path.Combine(fixture, "src/lib/slack/client.ts"));
            var sql = File.ReadAllText(Path.Combine(fixture, "supabase/migrations/20260212_slack_backfill_guard.sql"));
            int files = 0;
            void Write(string relative, string text)
            {
                var full = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
                files++;
            }
            // 19 other connectors × 1,000 files the scan must not read, then the scanned connector.
            for (int c = 0; c < 19; c++)
                for (int i = 0; i < 1000; i++)
                    Write(i % 2 == 0 ? $"src/app/api/other{c}/r{i}/route.ts" : $"src/components/other{c}/c{i}.tsx", route);
            plan = Generators.LargePlan(linkingPoints: 20, tasks: 50, dependencies: 100, checks: 40);
            plan.Connector = "slack";
            for (int i = 0; i < 600; i++)
            {
                Write($"src/app/api/slack/r{i}/[id]/route.ts", route);
                plan.Routes.Add(new RolloutRoute { Path = $"/api/slack/r{i}/[id]", Methods = { RouteMethod.GET, RouteMethod.POST }, Auth = "admin" });
            }
            for (int i = 0; i < 20; i++)
            {
                Write($"src/app/api/cron/slack-{i}/route.ts", route);
                plan.Routes.Add(new RolloutRoute { Path = $"/api/cron/slack-{i}", Methods = { RouteMethod.GET }, Auth = "cron" });
                cronRoutes.Add(Path.Combine(root, $"src/app/api/cron/slack-{i}/route.ts"));
            }
            for (int i = 0; i < 200; i++) Write($"src/lib/slack/m{i}.ts", lib);
            for (int i = 0; i < 180; i++) Write($"supabase/migrations/{20260000 + i}_m.sql", sql);
            Write(".env.example", "SLACK_BOT_TOKEN=\n");
            Write("src/docs/SLACK-ROLLOUT-PLAN.md", "# stale\n");
            if (files < 20_000) throw new InvalidOperationException("generated " + files + " files");
        }

        [GlobalCleanup]
        public void Cleanup() { try { Directory.Delete(root, true); } catch (IOException) { } }

        [Benchmark(Baseline = true, Description = "enumerate + read the files the scan needs")]
        public long BareEnumerateAndRead()
        {
            var files = new List<string>();
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "src/app/api/slack"), "route.*", SearchOption.AllDirectories));
            files.AddRange(cronRoutes);
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "src/lib/slack"), "*", SearchOption.AllDirectories));
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "supabase/migrations"), "*.sql"));
            files.Add(Path.Combine(root, ".env.example"));
            files.Add(Path.Combine(root, "src/docs/SLACK-ROLLOUT-PLAN.md"));
            long chars = 0;
            foreach (var f in files) chars += File.ReadAllText(f).Length;
            return chars;
        }

        [Benchmark(Description = "Test-RolloutGate engine, every rule, with -RepositoryPath")]
        public int Gate() => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Today = new DateTime(2026, 11, 23) }).Count();

        /// <summary>The same without RP.Docs.DocumentCurrent, whose cost is a full document render (not file reading).</summary>
        [Benchmark(Description = "the same, without the document re-render (RP.Docs.DocumentCurrent)")]
        public int GateWithoutDocumentRender()
            => new GateEngine().Evaluate(plan, new GateOptions
            {
                RepositoryRoot = root, Today = new DateTime(2026, 11, 23),
                Rules = RolloutPlaybook.Core.Gate.RuleCatalog.All.Select(r => r.Id).Where(id => id != "RP.Docs.DocumentCurrent").ToArray(),
            }).Count();
    }
}
