using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>
    /// The application repository as the gate's rules see it for one plan: the layout (checked on creation, so a
    /// path escaping the repository is an error before any rule runs), and the scans, each done once on first use.
    /// </summary>
    public sealed class RepositorySnapshot
    {
        private readonly RolloutPlan plan;
        private readonly CancellationToken cancel;
        private RouteInventory? routes;
        private MigrationState? migrations;
        private EnvUsage? env;

        public RepositorySnapshot(RolloutPlan plan, string root, CancellationToken cancel)
        {
            this.plan = plan;
            this.cancel = cancel;
            Layout = RepositoryLayout.For(plan, root);
        }

        public RepositoryLayout Layout { get; }
        public RouteInventory Routes => routes ?? (routes = RouteInventory.Scan(Layout, plan.Routes.Select(r => r.Path), cancel));
        public MigrationState Migrations => migrations ?? (migrations = MigrationState.Load(Layout));
        public EnvUsage Env => env ?? (env = EnvUsage.Scan(Layout, Routes));

        /// <summary>The code part of RP.Map.OnConflictDocumented: the route's upserts and 23505 handling against its plan writes.</summary>
        internal CodeFindings CheckConflictHandling(RolloutRoute route, IReadOnlyList<RouteMethod> methods)
        {
            var findings = new CodeFindings();
            var file = Routes.Find(route.Path);
            if (file == null)
            {
                findings.Note = "no route file was found to compare with (see RP.Docs.RoutesMatch)";
                return findings;
            }
            foreach (var method in methods)
            {
                var handler = file.Handler(method);
                if (handler == null) continue; // RP.Docs.RoutesMatch reports a missing handler
                findings.Evidence.Add(file.At(handler.Line));
                var writes = PlanKeys.WritesFor(route, method).Select(x => x.Write).ToList();
                var used = new HashSet<UpsertCall>();
                foreach (var w in writes)
                {
                    if (w.Action == WriteAction.Update || w.Action == WriteAction.Ignore)
                    {
                        var candidates = handler.Upserts.Where(u => string.Equals(u.Table, w.Table, StringComparison.Ordinal)).ToList();
                        if (candidates.Count == 0) candidates = handler.Upserts.Where(u => u.Table == null && !used.Contains(u)).ToList();
                        var action = PlanKeys.Spell(w.Action.Value);
                        if (candidates.Count == 0)
                        {
                            findings.Fail(method + " handler in " + file.At(handler.Line) + " has no upsert into " + w.Table + ", but the plan says " + action + " on " + w.OnConflict, file.RelativePath, handler.Line);
                            continue;
                        }
                        var upsert = candidates[0];
                        used.Add(upsert);
                        findings.Evidence.Add(file.At(upsert.Line));
                        var planned = PlanKeys.Columns(w.OnConflict);
                        var coded = upsert.OnConflict ?? new string[0];
                        if (coded.Count == 0)
                            findings.Fail(method + " upsert into " + w.Table + " at " + file.At(upsert.Line) + " has no onConflict, but the plan says " + action + " on " + w.OnConflict, file.RelativePath, upsert.Line);
                        else if (!SameColumns(planned, coded))
                            findings.Fail(method + " upsert into " + w.Table + " at " + file.At(upsert.Line) + " uses onConflict '" + string.Join(",", coded) + "', but the plan says '" + string.Join(",", planned) + "'", file.RelativePath, upsert.Line);
                        if (upsert.IgnoreDuplicates != (w.Action == WriteAction.Ignore))
                            findings.Fail(method + " upsert into " + w.Table + " at " + file.At(upsert.Line) + (upsert.IgnoreDuplicates
                                ? " sets ignoreDuplicates: true, so conflicts are ignored, but the plan says update"
                                : " does not set ignoreDuplicates: true, so conflicts update the row, but the plan says ignore"), file.RelativePath, upsert.Line);
                    }
                    else if (w.Action == WriteAction.Reject && !handler.Handles23505)
                        findings.Fail(method + " handler in " + file.At(handler.Line) + " does not turn a unique violation (23505) into a 409, but the plan says reject for " + w.Table, file.RelativePath, handler.Line);
                    else if (w.Action == WriteAction.Reject && handler.Handles23505Line != null)
                        findings.Evidence.Add(file.At(handler.Handles23505Line.Value));
                }
                foreach (var upsert in handler.Upserts.Where(u => !used.Contains(u)))
                {
                    if (writes.Any(w => string.Equals(w.Table, upsert.Table, StringComparison.Ordinal))) continue;
                    findings.Fail(method + " handler upserts into " + (upsert.Table ?? "a table") + " at " + file.At(upsert.Line) + ", which the plan's writes do not document", file.RelativePath, upsert.Line);
                }
            }
            return findings;
        }

        private static bool SameColumns(IReadOnlyList<string> a, IReadOnlyList<string> b)
            => new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b.Select(c => c.Trim()));
    }

    /// <summary>Problems found in code, with where the first one is.</summary>
    internal sealed class CodeFindings
    {
        public List<string> Problems { get; } = new List<string>();
        public List<string> Evidence { get; } = new List<string>();
        public string? File { get; private set; }
        public int? Line { get; private set; }
        /// <summary>Why the code was not compared (not a failure).</summary>
        public string? Note { get; set; }

        public void Fail(string problem, string file, int line)
        {
            Problems.Add(problem);
            if (File == null) { File = file; Line = line; }
            var at = file + ":" + line;
            if (!Evidence.Contains(at)) Evidence.Add(at);
        }
    }
}
