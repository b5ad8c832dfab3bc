using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Benchmarks
{
    /// <summary>Deterministic large inputs for the benchmarks (and for tests that want them).</summary>
    public static class Generators
    {
        /// <summary>A plan with the given numbers of linking points, tasks, dependencies and checks (acyclic task graph).</summary>
        public static RolloutPlan LargePlan(int linkingPoints = 1000, int tasks = 5000, int dependencies = 25000, int checks = 2000, int seed = 42)
        {
            var random = new Random(seed);
            var plan = new RolloutPlan { Connector = "large", DisplayName = "Large", ExternalSystem = "Generated API", Pattern = ConnectorPattern.Custom };
            plan.Goal.Why = "Benchmark a plan far larger than any real one";
            plan.Intake.UrgentPhase = PhaseName.Sync;
            for (int i = 0; i < linkingPoints; i++)
                plan.LinkingPoints.Add(new LinkingPoint
                {
                    Source = "source_" + i, Purpose = i == 0 ? "primary" : "secondary", ExternalId = "External id #" + i + " (X…)",
                    Entity = "entity_" + (i % 17), Cardinality = i % 3 == 0 ? Cardinality.OneToMany : Cardinality.OneToOne,
                    EnforcedIn = i % 3 == 0 ? EnforcedIn.App : EnforcedIn.Db, Metadata = { "name", "email" }, Remap = "reclassify on map and unmap",
                });
            plan.Team.Tasks.AddRange(TaskGraph(tasks, dependencies, seed));
            var phases = plan.Phases.All().Select(p => p.Value).ToArray();
            for (int i = 0; i < checks; i++)
                phases[i % 4].Checks.Add(new ValidationCheck
                {
                    Id = "check-" + i, Description = "Generated check number " + i + ": the thing works", Kind = CheckKind.Test,
                    Status = i % 2 == 0 ? CheckStatus.Pass : CheckStatus.Pending, Evidence = i % 2 == 0 ? "run " + i : null,
                });
            return plan;
        }

        /// <summary>Tasks with exactly <paramref name="dependencies"/> edges, each to an earlier task (so acyclic).</summary>
        public static List<AgentTask> TaskGraph(int tasks, int dependencies, int seed = 42)
        {
            var random = new Random(seed);
            var agents = new[] { "schema-sync", "api-integration", "analytics", "ui-ops", "review" };
            var list = new List<AgentTask>(tasks);
            for (int i = 0; i < tasks; i++)
                list.Add(new AgentTask { Id = "task-" + i, Agent = agents[i % agents.Length], Phase = (PhaseName)(i % 4), Title = "Generated task " + i });
            var seen = new HashSet<long>();
            int added = 0;
            while (added < dependencies && tasks > 1)
            {
                int to = 1 + random.Next(tasks - 1);
                int from = random.Next(to);
                if (!seen.Add((long)to * tasks + from)) continue;
                list[to].DependsOn.Add(list[from].Id);
                added++;
            }
            return list;
        }

        public static byte[] LargePlanYaml() => PlanWriter.WriteBytes(LargePlan());
    }
}
