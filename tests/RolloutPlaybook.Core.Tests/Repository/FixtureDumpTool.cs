using System;
using System.IO;
using System.Linq;
using System.Text;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>Writes what the scanners see in the fixture (for reviewing DRIFT.md); runs only when RP_DUMP_FIXTURE is set.</summary>
    public class FixtureDumpTool
    {
        [Fact]
        public void Dump()
        {
            var target = Environment.GetEnvironmentVariable("RP_DUMP_FIXTURE");
            if (string.IsNullOrEmpty(target)) return;
            var repo = Path.Combine(TestPaths.Fixtures, "app-repo");
            var sb = new StringBuilder();
            foreach (var connector in new[] { "slack", "hubspot" })
            {
                var plan = PlanFileStore.Load(Path.Combine(repo, "src/docs/connectors", connector, "rollout-plan.yaml"));
                var layout = RepositoryLayout.For(plan, repo);
                var watch = System.Diagnostics.Stopwatch.StartNew();
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
        }
    }
}
