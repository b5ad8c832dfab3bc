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
        private GeneratedRepository repo = null!;
        private string root = null!;
        private RolloutPlan plan = null!;
        private readonly List<string> cronRoutes = new List<string>();

        [GlobalSetup]
        public void Setup()
        {
            repo = new GeneratedRepository("repo");
            root = repo.Root;
            var route = GeneratedRepository.Fixture("src/app/api/slack/mappings/staff/route.ts");
            var lib = GeneratedRepository.Fixture("src/lib/slack/client.ts");
            var sql = GeneratedRepository.Fixture("supabase/migrations/20260212_slack_backfill_guard.sql");
            // 19 other connectors × 1,000 files the scan must not read, then the scanned connector.
            for (int c = 0; c < 19; c++)
                for (int i = 0; i < 1000; i++)
                    repo.Write(i % 2 == 0 ? $"src/app/api/other{c}/r{i}/route.ts" : $"src/components/other{c}/c{i}.tsx", route);
            plan = Generators.LargePlan(linkingPoints: 20, tasks: 50, dependencies: 100, checks: 40);
            plan.Connector = "slack";
            for (int i = 0; i < 600; i++)
            {
                repo.Write($"src/app/api/slack/r{i}/[id]/route.ts", route);
                plan.Routes.Add(new RolloutRoute { Path = $"/api/slack/r{i}/[id]", Methods = { RouteMethod.GET, RouteMethod.POST }, Auth = "admin" });
            }
            for (int i = 0; i < 20; i++)
            {
                repo.Write($"src/app/api/cron/slack-{i}/route.ts", route);
                plan.Routes.Add(new RolloutRoute { Path = $"/api/cron/slack-{i}", Methods = { RouteMethod.GET }, Auth = "cron" });
                cronRoutes.Add(Path.Combine(root, $"src/app/api/cron/slack-{i}/route.ts"));
            }
            for (int i = 0; i < 200; i++) repo.Write($"src/lib/slack/m{i}.ts", lib);
            for (int i = 0; i < 180; i++) repo.Write($"supabase/migrations/{20260000 + i}_m.sql", sql);
            repo.Write(".env.example", "SLACK_BOT_TOKEN=\n");
            repo.Write("src/docs/SLACK-ROLLOUT-PLAN.md", "# stale\n");
            if (repo.Files < 20_000) throw new InvalidOperationException("generated " + repo.Files + " files");
        }

        [GlobalCleanup]
        public void Cleanup() => repo.Delete();

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

        /// <summary>The same with everything on one thread: no route read-ahead (RouteReadAhead), as on a one-core machine.</summary>
        [Benchmark(Description = "the same, on one thread (no route read-ahead)")]
        public int GateOneThread() => new GateEngine().Evaluate(plan, new GateOptions { RepositoryRoot = root, Today = new DateTime(2026, 11, 23), OneThread = true }).Count();

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
