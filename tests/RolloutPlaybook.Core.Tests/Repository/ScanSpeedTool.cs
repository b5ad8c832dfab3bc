using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>
    /// Compares a full scan of a generated 20,000-file repository with a bare enumerate-and-read of the files the
    /// scan needs. Runs only when RP_SCAN_SPEED is set (a timing is no unit test on a shared machine); writes the
    /// numbers to the file it names.
    /// </summary>
    public class ScanSpeedTool
    {
        [Fact]
        public void Measure()
        {
            var target = Environment.GetEnvironmentVariable("RP_SCAN_SPEED");
            if (string.IsNullOrEmpty(target)) return;
            using var repo = new TempRepo();
            var route = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "app-repo/src/app/api/slack/mappings/staff/route.ts"));
            var lib = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "app-repo/src/lib/slack/client.ts"));
            var sql = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "app-repo/supabase/migrations/20260212_slack_backfill_guard.sql"));
            int files = 0;
            // 19 other connectors x 1,000 files, then the scanned connector.
            for (int c = 0; c < 19; c++)
                for (int i = 0; i < 1000; i++, files++)
                    repo.File(i % 2 == 0 ? $"src/app/api/other{c}/r{i}/route.ts" : $"src/components/other{c}/c{i}.tsx", route);
            var planPaths = new List<string>();
            for (int i = 0; i < 600; i++, files++) { repo.File($"src/app/api/slack/r{i}/[id]/route.ts", route); if (i % 3 == 0) planPaths.Add($"/api/slack/r{i}/[id]"); }
            for (int i = 0; i < 20; i++, files++) { repo.File($"src/app/api/cron/slack-{i}/route.ts", route); planPaths.Add($"/api/cron/slack-{i}"); }
            for (int i = 0; i < 200; i++, files++) repo.File($"src/lib/slack/m{i}.ts", lib);
            for (int i = 0; i < 180; i++, files++) repo.File($"supabase/migrations/{20260000 + i}_m.sql", sql);
            repo.File(".env.example", "A=1\n");
            var layout = repo.Layout();

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
                foreach (var t in texts) Scan.Handlers(t);
                parts.Append($"lex+handlers {w.Elapsed.TotalMilliseconds:0.0} ms; ");
                w.Restart();
                foreach (var t in texts) EnvUsage.ReadsIn(t, "x");
                parts.Append($"lex+env {w.Elapsed.TotalMilliseconds:0.0} ms; ");
            }
            foreach (var parallel in new[] { true, false }) {
            RouteInventory.InParallel = parallel;
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
            var text = new StringBuilder().AppendLine("parallel: " + parallel)
                .AppendLine($"repository files: {files}, files the scan reads: {read.Count}, scan facts: {scanned}")
                .AppendLine($"bare enumerate+read median: {bare[3]:0.0} ms (min {bare[0]:0.0})")
                .AppendLine($"full scan median: {full[3]:0.0} ms (min {full[0]:0.0})")
                .AppendLine($"ratio (median wall): {full[3] / bare[3]:0.00}; ratio (process CPU): {fullCpu / bareCpu:0.00} ({fullCpu / 7:0.0} vs {bareCpu / 7:0.0} ms per run)")
                .AppendLine(parts.ToString());
            File.AppendAllText(target, text.ToString());
            }
            RouteInventory.InParallel = false;
        }
    }
}
