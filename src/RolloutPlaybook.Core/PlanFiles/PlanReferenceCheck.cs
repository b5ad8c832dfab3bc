using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// What refers to another part of the file must find it: a <c>dependsOn</c> naming no task is a load error at its
    /// position, with the nearest task id ("did you mean"), instead of a failure later in Get-AgentWaves with no position.
    /// </summary>
    internal static class PlanReferenceCheck
    {
        public static void Check(RolloutPlan plan, string? file, IReadOnlyDictionary<string, PlanLocation> locations, List<PlanProblem> problems)
        {
            var ids = new HashSet<string>(plan.Team.Tasks.Select(t => t.Id), System.StringComparer.Ordinal);
            for (int i = 0; i < plan.Team.Tasks.Count; i++)
            {
                var task = plan.Team.Tasks[i];
                for (int j = 0; j < task.DependsOn.Count; j++)
                {
                    var dependency = task.DependsOn[j];
                    if (ids.Contains(dependency)) continue;
                    var path = "team.tasks[" + i.ToString(CultureInfo.InvariantCulture) + "].dependsOn[" + j.ToString(CultureInfo.InvariantCulture) + "]";
                    var at = Locate(locations, path) ?? new PlanLocation(file, 1, 1);
                    var nearest = Authoring.PlanRemoval.Nearest(dependency, ids.Where(id => id != task.Id));
                    problems.Add(new PlanProblem(file, at.Line, at.Column, path,
                        "task '" + task.Id + "' depends on '" + dependency + "', which is no task of this plan" +
                        (nearest != null ? " — did you mean '" + nearest + "'?" : ids.Count > 1 ? "; its tasks: " + string.Join(", ", ids.Where(id => id != task.Id).Take(12)) : "")));
                }
            }
        }

        private static PlanLocation? Locate(IReadOnlyDictionary<string, PlanLocation> locations, string path)
        {
            while (true)
            {
                if (locations.TryGetValue(path, out var location)) return location;
                int cut = System.Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0) return null;
                path = path.Substring(0, cut);
            }
        }
    }
}
