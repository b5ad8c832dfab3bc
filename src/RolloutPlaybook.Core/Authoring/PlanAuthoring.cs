using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Authoring
{
    /// <summary>
    /// The rules the authoring cmdlets apply before they change a plan. Each check throws a
    /// <see cref="RolloutException"/> with a stable ErrorId and leaves the plan untouched, so a failed edit
    /// changes nothing. What only the whole plan can tell (cycles, missing dependencies) is the gate's job.
    /// </summary>
    public static class PlanAuthoring
    {
        /// <summary>Checks a route's writes entries against the route and SPEC §3 (onConflict for update/ignore).</summary>
        public static void ValidateRoute(RolloutRoute route)
        {
            if (route.Methods.Count == 0)
                throw new RolloutException(ErrorIds.RouteMethodRequired,
                    "Route '" + route.Path + "' needs at least one method (GET, POST, PUT, PATCH, DELETE).", route.Path);
            for (int i = 0; i < route.Writes.Count; i++)
            {
                var write = route.Writes[i];
                var where = "Route '" + route.Path + "' writes[" + i + "]";
                if (string.IsNullOrWhiteSpace(write.Table))
                    throw InvalidWrite(route, where + " needs a table (the table the route writes, e.g. entity_external_ids).");
                if (write.Source != null && !Regex.IsMatch(write.Source, PlanPatterns.Source))
                    throw InvalidWrite(route, where + ": source '" + write.Source + "' is not a source name (lower-case letters, digits and '_', starting with a letter).");
                if (route.NoWrites)
                    throw InvalidWrite(route, "Route '" + route.Path + "' says writes: none but lists writes; give one or the other.");
                foreach (var problem in PlanFiles.PlanWriteRules.Problems(write))
                    throw InvalidWrite(route, where + "." + problem.Key + ": " + problem.Value + ".");
                if (!write.Action.HasValue && !write.Op.HasValue)
                    throw InvalidWrite(route, where + " needs an action (update, ignore, reject, append; delete in old plans) or an op (insert, upsert, update, delete, rpc).");
                if (write.Op.HasValue) { CheckMethods(route, write, where); continue; }
                foreach (var m in write.Method)
                {
                    if (!route.Methods.Contains(m))
                        throw InvalidWrite(route, where + ": method " + m + " is not one of the route's methods (" + string.Join(", ", route.Methods) + ").");
                }
                bool needsTarget = write.Action == WriteAction.Update || write.Action == WriteAction.Ignore;
                if (needsTarget && string.IsNullOrWhiteSpace(write.OnConflict))
                    throw new RolloutException(ErrorIds.OnConflictRequired,
                        where + " has action " + PlanFiles.PlanEnum.Format(write.Action!.Value) + ", which is an upsert: say its conflict target with onConflict (e.g. 'source,external_id').",
                        route.Path);
                if (!needsTarget && !string.IsNullOrWhiteSpace(write.OnConflict))
                    throw InvalidWrite(route, where + ": onConflict belongs to update and ignore writes (upserts); a " + PlanFiles.PlanEnum.Format(write.Action!.Value) + " write has no conflict target.");
            }
        }

        private static void CheckMethods(RolloutRoute route, RouteWrite write, string where)
        {
            foreach (var m in write.Method)
            {
                if (!route.Methods.Contains(m))
                    throw InvalidWrite(route, where + ": method " + m + " is not one of the route's methods (" + string.Join(", ", route.Methods) + ").");
            }
        }

        private static RolloutException InvalidWrite(RolloutRoute route, string message)
            => new RolloutException(ErrorIds.InvalidRouteWrite, message, route.Path);

        /// <summary>
        /// A migration named in the handoff: a relative path inside the repository (<c>PathOutsideRepository</c>
        /// otherwise, as every repository path) to a .sql file (<c>InvalidMigrationPath</c> otherwise).
        /// </summary>
        public static void ValidateMigrationPath(string path)
        {
            RepositoryPath.CheckRelative(path, "migration");
            if (!(path ?? "").Trim().EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                throw new RolloutException(ErrorIds.InvalidMigrationPath,
                    "Migration '" + path + "' must be a .sql file (e.g. supabase/migrations/20260210_slack_messages.sql).", path);
        }

        /// <summary>A repository folder or file the plan names (repository:): relative, and never outside the repository.</summary>
        public static string ValidateRepositoryPath(string key, string path)
            => RepositoryPath.CheckRelative(path, "repository." + key);

        /// <summary>repository.guards from the authoring cmdlets: auth value → helper names or regexes, each checked.</summary>
        public static SortedDictionary<string, List<string>> Guards(IDictionary<string, IEnumerable<string>> entries)
        {
            var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!Regex.IsMatch(entry.Key ?? "", "^[A-Za-z][A-Za-z0-9_-]*$"))
                    throw new RolloutException(ErrorIds.InvalidRepositorySetting,
                        "repository.guards: '" + entry.Key + "' is not an auth value (none, public, session, admin or a role name, cron, signature, state).", entry.Key);
                result[entry.Key!] = NamePatterns("guards." + entry.Key, entry.Value);
            }
            return result;
        }

        /// <summary>A list of helper names or regexes (repository.guards / validators); an invalid regex is an error.</summary>
        public static List<string> NamePatterns(string key, IEnumerable<string> entries)
        {
            var list = new List<string>();
            foreach (var raw in entries)
            {
                var entry = (raw ?? "").Trim();
                if (!PlanFiles.PlanNamePatterns.IsValid(entry, out var why))
                    throw new RolloutException(ErrorIds.InvalidRepositorySetting,
                        "repository." + key + ": '" + raw + "' is not a helper name or a valid regex: " + why, raw);
                if (!list.Contains(entry)) list.Add(entry);
            }
            return list;
        }

        /// <summary>Replaces the item with the same key, or adds it; an existing key without <paramref name="force"/> is an error.</summary>
        public static void AddOrReplace<T>(List<T> items, T item, Func<T, bool> sameKey, bool force, Func<RolloutException> exists)
        {
            int index = items.FindIndex(x => sameKey(x));
            if (index >= 0 && !force) throw exists();
            if (index >= 0) items[index] = item;
            else items.Add(item);
        }

        /// <summary>The check with this id, in whichever phase holds it.</summary>
        public static ValidationCheck? FindCheck(RolloutPlan plan, string id, out PhaseName phase)
        {
            foreach (var entry in plan.Phases.All())
            {
                var check = entry.Value.Checks.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
                if (check != null) { phase = entry.Key; return check; }
            }
            phase = default;
            return null;
        }

        /// <summary>Records a check result; a pass needs evidence (the review gate trusts nothing unproven).</summary>
        public static void RecordResult(ValidationCheck check, CheckStatus status, string? evidence, string? recordedBy, DateTime? recordedAt)
        {
            if (status == CheckStatus.Pass && string.IsNullOrWhiteSpace(evidence))
                throw new RolloutException(ErrorIds.EvidenceRequired,
                    "Check '" + check.Id + "' cannot pass without evidence: say what proved it with -Evidence (a test run, a command and its date).", check.Id);
            check.Status = status;
            check.Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence;
            check.RecordedBy = recordedBy;
            check.RecordedAt = recordedAt?.ToUniversalTime();
        }
    }
}
