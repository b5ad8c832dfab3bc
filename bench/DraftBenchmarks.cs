using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>
    /// Drafting a plan from the code of a 500-route connector (SPEC §9, New-RolloutPlan -RepositoryPath) in a
    /// generated 9,881-file repository vs a bare enumerate-and-read of what drafting must look at: the route files
    /// under the routes root (enumerated, to find the connector's routes elsewhere), reading the connector's 480
    /// route files and its 20 cron routes, its code, the migrations and .env.example. Goal ≤ 2×.
    /// </summary>
    [MemoryDiagnoser]
    public class DraftBenchmarks
    {
        private GeneratedRepository repo = null!;
        private string root = null!;

        [GlobalSetup]
        public void Setup()
        {
            repo = new GeneratedRepository("draft");
            root = repo.Root;
            var staff = GeneratedRepository.Fixture("src/app/api/slack/mappings/staff/route.ts");
            var channels = GeneratedRepository.Fixture("src/app/api/slack/mappings/channels/route.ts");
            var cron = GeneratedRepository.Fixture("src/app/api/cron/slack-sync/route.ts");
            var lib = GeneratedRepository.Fixture("src/lib/slack/client.ts");
            var sql = GeneratedRepository.Fixture("supabase/migrations/20260210_slack_messages.sql");
            // 9 other connectors × 1,000 files (half of them route files drafting enumerates but does not read).
            for (int c = 0; c < 9; c++)
                for (int i = 0; i < 1000; i++)
                    repo.Write(i % 2 == 0 ? $"src/app/api/other{c}/r{i}/route.ts" : $"src/components/other{c}/c{i}.tsx", staff);
            for (int i = 0; i < 480; i++)
                repo.Write($"src/app/api/slack/r{i}/[id]/route.ts", i % 2 == 0 ? staff : channels);
            for (int i = 0; i < 20; i++) repo.Write($"src/app/api/cron/slack-{i}/route.ts", cron);
            for (int i = 0; i < 200; i++) repo.Write($"src/lib/slack/m{i}.ts", lib);
            for (int i = 0; i < 180; i++) repo.Write($"supabase/migrations/{20260000 + i}_m.sql", sql);
            repo.Write(".env.example", "SLACK_BOT_TOKEN=\nCRON_SECRET=\n");
            if (repo.Files < 9_800) throw new InvalidOperationException("generated " + repo.Files + " files");
            draft = PlanDrafter.Draft(new NewPlanRequest { Connector = "slack" }, CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, root)).Plan;
        }

        private RolloutPlan draft = null!;

        [GlobalCleanup]
        public void Cleanup() => repo.Delete();

        [Benchmark(Baseline = true, Description = "enumerate the routes root + read the files drafting needs")]
        public long BareEnumerateAndRead()
        {
            var routesRoot = Path.Combine(root, "src/app/api");
            var files = new List<string>();
            foreach (var route in Directory.EnumerateFiles(routesRoot, "route.*", SearchOption.AllDirectories))
            {
                var relative = route.Substring(routesRoot.Length + 1).Replace('\\', '/');
                if (relative.StartsWith("slack/", StringComparison.Ordinal) || relative.StartsWith("cron/slack-", StringComparison.Ordinal)) files.Add(route);
            }
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "src/lib/slack"), "*", SearchOption.AllDirectories));
            files.AddRange(Directory.EnumerateFiles(Path.Combine(root, "supabase/migrations"), "*.sql"));
            files.Add(Path.Combine(root, ".env.example"));
            long chars = 0;
            foreach (var f in files) chars += File.ReadAllText(f).Length;
            return chars;
        }

        [Benchmark(Description = "New-RolloutPlan -RepositoryPath: read the code facts and draft the plan")]
        public int Draft()
        {
            var facts = CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, root);
            var draft = PlanDrafter.Draft(new NewPlanRequest { Connector = "slack" }, facts);
            if (draft.Plan.Routes.Count != 500) throw new InvalidOperationException("drafted " + draft.Plan.Routes.Count + " routes");
            return draft.Plan.Assumptions.Count;
        }

        /// <summary>
        /// The same, with the walk of the routes root for folders naming the connector on the same thread (what a
        /// one-core machine does; the row above walks on a second thread while the connector's routes are analysed).
        /// </summary>
        [Benchmark(Description = "the same, on one thread (no walk aside)")]
        public int DraftOnOneThread()
        {
            var facts = CodeFactsReader.Read(new RolloutPlan { Connector = "slack" }, root, walkAside: false);
            var draft = PlanDrafter.Draft(new NewPlanRequest { Connector = "slack" }, facts);
            if (draft.Plan.Routes.Count != 500) throw new InvalidOperationException("drafted " + draft.Plan.Routes.Count + " routes");
            return draft.Plan.Assumptions.Count;
        }

        /// <summary>For comparison: the gate's repository rules over the same code, for the drafted plan (the same recognisers).</summary>
        [Benchmark(Description = "Test-RolloutGate repository rules on the drafted plan")]
        public int GateOnTheDraft()
            => new GateEngine().Evaluate(draft, new GateOptions
            {
                RepositoryRoot = root, Today = new DateTime(2026, 11, 23),
                Rules = RuleCatalog.All.Where(r => r.NeedsRepository && !r.NeedsDatabase && r.Id != "RP.Docs.DocumentCurrent").Select(r => r.Id).ToArray(),
            }).Count();
    }
}
