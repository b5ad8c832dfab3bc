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
            {
                var routeFiles = Directory.EnumerateFiles(layout.ConnectorRouteFolder, "route.ts", SearchOption.AllDirectories).ToList();
                var auth = new System.Text.RegularExpressions.Regex(RouteScanOptions.DefaultAuthGuardPattern);
                var valid = new System.Text.RegularExpressions.Regex(RouteScanOptions.DefaultValidationPattern);
                var micro = new StringBuilder();
                for (int round = 0; round < 3; round++)
                {
                    var w = Stopwatch.StartNew();
                    foreach (var f in routeFiles) File.ReadAllText(f);
                    micro.Append($"readAll {w.Elapsed.TotalMilliseconds:0.0}; ");
                    w.Restart();
                    var sources = routeFiles.Select(RouteInventory.ReadSource).ToList();
                    micro.Append($"readSource {w.Elapsed.TotalMilliseconds:0.0}; ");
                    w.Restart();
                    foreach (var src in sources) new RouteHandlerReader(src!, auth, valid).Read();
                    micro.Append($"handlers {w.Elapsed.TotalMilliseconds:0.0}; ");
                    w.Restart();
                    RouteInventory.Scan(layout, new string[0]);
                    micro.Append($"inventoryNoPlan {w.Elapsed.TotalMilliseconds:0.0}; ");
                    w.Restart();
                    RouteInventory.Scan(layout, planPaths);
                    micro.Append($"inventory {w.Elapsed.TotalMilliseconds:0.0}\n");
                }
                File.WriteAllText(target + ".micro", micro.ToString());
            }
            var parts = new StringBuilder();
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
            var bare = Enumerable.Range(0, 5).Select(_ => Bare()).OrderBy(x => x).ToList();
            var full = Enumerable.Range(0, 5).Select(_ => Full()).OrderBy(x => x).ToList();
            var text = new StringBuilder()
                .AppendLine($"repository files: {files}, files the scan reads: {read.Count}, scan facts: {scanned}")
                .AppendLine($"bare enumerate+read median: {bare[2]:0.0} ms (min {bare[0]:0.0})")
                .AppendLine($"full scan median: {full[2]:0.0} ms (min {full[0]:0.0})")
                .AppendLine($"ratio (median): {full[2] / bare[2]:0.00}")
                .AppendLine(parts.ToString());
            File.WriteAllText(target, text.ToString());
        }
    }
}
