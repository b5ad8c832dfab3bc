using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Map.SourceDeclared: one result per linking point.</summary>
    internal sealed class SourceDeclaredRule : IGateRule
    {
        private static readonly Regex SourcePattern = new Regex(PlanPatterns.Source, RegexOptions.CultureInvariant);

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.SourceDeclared", RuleSeverity.Error,
            "Every linking point has a valid unique source, an entity, an external id and a cardinality.",
            "Each linking point is one entity_external_ids.source: its source name must follow ^[a-z][a-z0-9_]*$ and be unique in the plan, and it must name the internal entity, the external id it stores and its cardinality (1:1 or 1:N). A plan without linking points fails.",
            "Complete the linking point in the plan (Add-LinkingPoint -Source ... -Entity ... -ExternalId ... -Cardinality 1:1|1:N), one per source.",
            false, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var points = context.Plan.LinkingPoints;
            if (points.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Fail, "linkingPoints", "The plan has no linking points: no external id is mapped to an internal entity yet (intake Q1).", "linkingPoints", PhaseName.Mapping);
                yield break;
            }
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                var key = PlanKeys.Index("linkingPoints", i);
                var problems = new List<string>();
                string focus = key;
                if (string.IsNullOrWhiteSpace(lp.Source) || !SourcePattern.IsMatch(lp.Source))
                { problems.Add("source '" + lp.Source + "' is not a valid source name (lower-case letters, digits and '_')"); focus = key + ".source"; }
                else if (points.Take(i).Any(p => string.Equals(p.Source, lp.Source, StringComparison.Ordinal)))
                { problems.Add("source '" + lp.Source + "' is declared more than once"); focus = key + ".source"; }
                if (string.IsNullOrWhiteSpace(lp.Entity)) problems.Add("no entity (the internal entity type it maps to)");
                if (string.IsNullOrWhiteSpace(lp.ExternalId)) problems.Add("no externalId (what external identifier it stores)");
                if (lp.Cardinality == null) problems.Add("no cardinality (1:1 or 1:N, intake Q2)");
                var target = string.IsNullOrWhiteSpace(lp.Source) ? key : lp.Source;
                var label = "linking point '" + target + "'";
                yield return problems.Count == 0
                    ? context.Result(Rule, GateOutcome.Pass, target, "Source '" + lp.Source + "' maps " + lp.ExternalId + " to " + lp.Entity + " (" + PlanEnum.Format(lp.Cardinality!.Value) + ").", key, PhaseName.Mapping)
                    : context.Result(Rule, GateOutcome.Fail, target, GateContext.Sentence(new[] { label + ": " + string.Join(", ", problems) }), focus, PhaseName.Mapping);
            }
        }
    }

    /// <summary>RP.Map.OneToOneEnforced: one result per 1:1 (db) or 1:N linking point.</summary>
    internal sealed class OneToOneEnforcedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.OneToOneEnforced", RuleSeverity.Error,
            "Strict 1:1 sources are enforced by a partial unique index in the migrations; 1:N sources are not in one.",
            "Applies the forward migrations in file-name order and reads the partial UNIQUE indexes on entity_external_ids that remain. Every linking point with cardinality 1:1 enforced in db must be covered by such an index (WHERE source IN (...) or source = '...'); a 1:N source in such an index is a Fail, because the index would forbid its second mapping.",
            "Add (or re-create) the partial unique index on entity_external_ids(entity_type, entity_id, source) WHERE source IN (...) in a new migration so that it lists exactly the strict 1:1 sources.",
            true, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var repo = context.Repository;
            var indexes = repo.Migrations.OneToOneIndexes;
            var points = context.Plan.LinkingPoints;
            bool any = false;
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                if (lp.Cardinality == null || string.IsNullOrEmpty(lp.Source)) continue; // RP.Map.SourceDeclared reports it
                var key = PlanKeys.Index("linkingPoints", i) + ".cardinality";
                if (!string.IsNullOrWhiteSpace(lp.Table) && lp.Key.Count > 0)
                {
                    var own = AppTableResult(context, lp, key);
                    if (own != null) { any = true; yield return own; }
                    continue;
                }
                var naming = indexes.Where(x => x.Sources.Contains(lp.Source, StringComparer.Ordinal)).ToList();
                // Only an index keyed per entity (entity_id and source, as SPEC §2's (entity_type, entity_id, source))
                // stops an entity from holding two ids of the source; (source, external_id) is another promise.
                var covering = naming.Where(PerEntity).ToList();
                var otherShape = naming.Where(x => !PerEntity(x)).ToList();
                if (lp.Cardinality == Cardinality.OneToOne && lp.EnforcedIn != EnforcedIn.App)
                {
                    any = true;
                    if (covering.Count == 0 && otherShape.Count > 0)
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                            "1:1 source '" + lp.Source + "' is only in " + PlanKeys.List(otherShape.Select(x => x.Name + " (" + string.Join(", ", x.Columns) + ")")) +
                            ", which does not stop one entity from holding two '" + lp.Source + "' ids; 1:1 needs a partial unique index on (entity_type, entity_id, source).",
                            key, PhaseName.Mapping, otherShape.Select(x => x.At)).At(context, otherShape[0].RelativePath, otherShape[0].Line);
                    else if (covering.Count > 0)
                        yield return context.Result(Rule, GateOutcome.Pass, lp.Source, "1:1 source '" + lp.Source + "' is enforced by index " + covering[0].Name + ".", key, PhaseName.Mapping,
                            covering.Select(x => x.At));
                    else
                    {
                        var where = indexes.Count == 0
                            ? "no partial unique index on " + repo.Layout.IdentityTable + " remains after the forward migrations"
                            : "the partial unique index" + (indexes.Count == 1 ? " " : "es ") + PlanKeys.List(indexes.Select(x => x.Name + " (" + PlanKeys.List(x.Sources) + ")")) + " do" + (indexes.Count == 1 ? "es" : "") + " not include it";
                        // Point at the last forward migration that names the source (an attempt that did not take
                        // effect, e.g. CREATE ... IF NOT EXISTS on an existing index), else at the 1:1 index itself.
                        var mention = LastMention(repo, lp.Source);
                        var first = indexes.FirstOrDefault(x => x.Name.IndexOf("one_to_one", StringComparison.OrdinalIgnoreCase) >= 0) ?? (indexes.Count > 0 ? indexes[0] : null);
                        var file = mention?.File ?? first?.RelativePath;
                        var line = mention?.Line ?? first?.Line;
                        var evidence = indexes.Select(x => x.At).ToList();
                        if (mention != null) { where += "; " + mention.Value.File + ":" + mention.Value.Line + " names it, but that statement does not leave it in a unique index"; evidence.Insert(0, mention.Value.File + ":" + mention.Value.Line); }
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source, "1:1 source '" + lp.Source + "' is not enforced in the database: " + where + ".", key, PhaseName.Mapping,
                            evidence).At(context, file, line);
                    }
                }
                else if (lp.Cardinality == Cardinality.OneToMany)
                {
                    any = true;
                    if (covering.Count == 0)
                        yield return context.Result(Rule, GateOutcome.Pass, lp.Source, "1:N source '" + lp.Source + "' is in no one-to-one index.", key, PhaseName.Mapping);
                    else
                        yield return context.Result(Rule, GateOutcome.Fail, lp.Source,
                            "1:N source '" + lp.Source + "' is in the one-to-one index " + covering[0].Name + " (" + covering[0].At + "), which forbids its second mapping.", key, PhaseName.Mapping,
                            covering.Select(x => x.At)).At(context, covering[0].RelativePath, covering[0].Line);
                }
            }
            if (!any)
                yield return context.Result(Rule, GateOutcome.Pass, "linkingPoints", "No linking point needs a one-to-one index.", "linkingPoints", PhaseName.Mapping);
        }

        /// <summary>
        /// A link kept in the app's own table (SPEC §8 <c>table</c>/<c>key</c>): 1:1 + db needs a UNIQUE constraint, primary key or
        /// unique index on exactly the key columns; a 1:N link must not have one (it would forbid the second mapping).
        /// </summary>
        private GateResult? AppTableResult(GateContext context, LinkingPoint lp, string key)
        {
            var repo = context.Repository;
            var columns = "(" + string.Join(", ", lp.Key) + ")";
            var table = MigrationState.LastPart(lp.Table!);
            var keys = repo.Migrations.UniqueKeysOf(lp.Table!).ToList();
            var exact = keys.Where(k => k.IsExactly(lp.Key)).ToList();
            var scanned = repo.Migrations.ForwardFiles.Count + " forward migration" + (repo.Migrations.ForwardFiles.Count == 1 ? "" : "s");
            if (lp.Cardinality == Cardinality.OneToOne && lp.EnforcedIn != EnforcedIn.App)
            {
                if (exact.Count > 0)
                    return context.Result(Rule, GateOutcome.Pass, lp.Source,
                        "1:1 link '" + lp.Source + "' in " + table + " is enforced by " + exact[0].Kind + " " + exact[0].Name + " on " + columns + " (" + exact[0].At + ").",
                        key, PhaseName.Mapping, exact.Select(x => x.At));
                var others = keys.Count == 0
                    ? "no UNIQUE constraint, primary key or unique index on " + table + " remains after the " + scanned
                    : table + " is unique only on " + PlanKeys.List(keys.Select(k => "(" + string.Join(", ", k.Columns) + ") [" + k.Name + ", " + k.At + "]"));
                var result = context.Result(Rule, GateOutcome.Fail, lp.Source,
                    "1:1 link '" + lp.Source + "' in " + table + " is not enforced in the database: it needs a UNIQUE constraint or unique index on exactly " + columns + "; " + others + ".",
                    key, PhaseName.Mapping, keys.Select(k => k.At));
                return keys.Count > 0 ? result.At(context, keys[0].RelativePath, keys[0].Line) : result;
            }
            if (lp.Cardinality == Cardinality.OneToMany)
            {
                if (exact.Count == 0)
                    return context.Result(Rule, GateOutcome.Pass, lp.Source,
                        "1:N link '" + lp.Source + "' in " + table + " has no unique key on " + columns + " in the " + scanned + ", so a second mapping is possible.", key, PhaseName.Mapping);
                return context.Result(Rule, GateOutcome.Fail, lp.Source,
                    "1:N link '" + lp.Source + "' in " + table + " has " + exact[0].Kind + " " + exact[0].Name + " on exactly " + columns + " (" + exact[0].At + "), which forbids its second mapping.",
                    key, PhaseName.Mapping, exact.Select(x => x.At)).At(context, exact[0].RelativePath, exact[0].Line);
            }
            return null;
        }

        private static bool PerEntity(IdentityIndex index)
            => index.Columns.Contains("entity_id", StringComparer.OrdinalIgnoreCase) && index.Columns.Contains("source", StringComparer.OrdinalIgnoreCase);

        /// <summary>The last line of a forward migration that names the source as a quoted literal.</summary>
        private static (string File, int Line)? LastMention(RepositorySnapshot repo, string source)
        {
            (string, int)? last = null;
            var literal = "'" + source + "'";
            var migrations = repo.Migrations;
            for (int f = 0; f < migrations.ForwardFiles.Count; f++)
            {
                var relative = migrations.ForwardFiles[f];
                // The text the migrations were loaded from (each file is read once per gate run, not once per source);
                // a file skipped then (too big, unreadable) is read here.
                var text = migrations.ForwardText(f);
                if (text == null)
                {
                    try { text = RepositoryPath.ReadText(repo.Layout.Resolve(relative), MigrationState.MaxMigrationBytes); }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is RolloutException) { continue; }
                }
                int line = LastLineNaming(text, literal);
                if (line > 0) last = (relative, line);
            }
            return last;
        }

        /// <summary>
        /// The 1-based number of the last line (split as <see cref="File.ReadAllLines(string)"/> splits: "\r\n", "\r" or "\n")
        /// that contains <paramref name="literal"/> and is not a <c>--</c> comment line; 0 when there is none.
        /// </summary>
        internal static int LastLineNaming(string text, string literal)
        {
            if (text.IndexOf(literal, StringComparison.Ordinal) < 0) return 0;
            int last = 0, line = 0;
            for (int start = 0; start < text.Length;)
            {
                int end = start;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                line++;
                int k = start;
                while (k < end && char.IsWhiteSpace(text[k])) k++;
                bool comment = k + 1 < end && text[k] == '-' && text[k + 1] == '-';
                if (!comment && text.IndexOf(literal, start, end - start, StringComparison.Ordinal) >= 0) last = line;
                start = end + (end + 1 < text.Length && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
            }
            return last;
        }
    }

    /// <summary>RP.Map.OnConflictDocumented: one result per route that writes; with a repository the code must agree.</summary>
    internal sealed class OnConflictDocumentedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.OnConflictDocumented", RuleSeverity.Error,
            "Every mutating route documents its writes and conflict handling, and its code agrees.",
            "A route with a mutating method (POST, PUT, PATCH, DELETE) or with writes must list writes covering each mutating method, each with an action, and an onConflict target for update and ignore. With -RepositoryPath, the code is followed through wrappers, helpers and repository imports (up to 6 calls deep) and must agree both ways, one result per write: every listed write is in the code (a write the code does not show is a Fail), the upsert's onConflict columns equal the plan's, ignoreDuplicates is set exactly for ignore, reject routes handle SQLSTATE 23505, and every table the code writes (.insert, .upsert, .update, .delete) is listed for that method.",
            "Document the route's writes (Add-RolloutRoute -Writes) with the action and onConflict target the code really uses, or change the code to match the plan.",
            false, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var routes = context.Plan.Routes;
            bool any = false;
            for (int r = 0; r < routes.Count; r++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var route = routes[r];
                var methods = RouteMethods.WritingMethods(route);
                var key = context.RouteKey(r);
                if (methods.Count == 0)
                {
                    // A route that writes nothing by the plan: its code must not write either.
                    if (context.RepositoryRoot != null)
                        foreach (var result in WriteComparison.Results(context, Rule, route, key, methods)) { any = true; yield return result; }
                    continue;
                }
                any = true;
                var problems = new List<string>();
                string focus = key;
                // writes: none, or entries that all name their methods, say that an unnamed method writes nothing (SPEC §8).
                bool unnamedWriteNothing = route.NoWrites || (route.Writes.Count > 0 && route.Writes.All(w => w.Method.Count > 0));
                foreach (var method in methods)
                {
                    int writes = 0;
                    for (int i = 0; i < route.Writes.Count; i++)
                    {
                        var w = route.Writes[i];
                        if (!RouteMethods.Covers(route, w, method)) continue; // the writes of this method (RouteMethods.WritesFor)
                        writes++;
                        var op = w.EffectiveOp;
                        if (w.Action == null && (op == null || op == WriteOp.Insert || op == WriteOp.Upsert))
                        { problems.Add(method + " write to " + w.Table + " has no action (update, ignore, reject, append or delete)"); focus = PlanKeys.Index(key + ".writes", i); }
                        else if (op == WriteOp.Upsert && (w.Action == WriteAction.Update || w.Action == WriteAction.Ignore) && !PlanKeys.HasColumns(w.OnConflict))
                        { problems.Add(method + " write to " + w.Table + " is '" + PlanEnum.Format(w.Action!.Value) + "' but names no onConflict target"); focus = PlanKeys.Index(key + ".writes", i); }
                    }
                    if (writes == 0 && !unnamedWriteNothing) { problems.Add(method + " writes are not documented (writes: with table and action, or writes: none)"); focus = key; }
                }
                if (problems.Count == 0 && context.RepositoryRoot != null)
                {
                    // With the repository: one result per listed write and per unlisted write in the code (SPEC §8).
                    foreach (var result in WriteComparison.Results(context, Rule, route, key, methods)) yield return result;
                    continue;
                }
                var pass = route.Writes.Count == 0 && route.NoWrites
                    ? PlanKeys.List(methods.Select(m => m.ToString())) + " documented as writing nothing (writes: none)" +
                      (context.RepositoryRoot != null ? "." : "; the code was not checked (no -RepositoryPath).")
                    : "Writes of " + PlanKeys.List(methods.Select(m => m.ToString())) + " are documented (" +
                    PlanKeys.List(route.Writes.Select(w => w.Table + " " + (w.Action.HasValue ? PlanEnum.Format(w.Action.Value) : w.EffectiveOp is WriteOp op ? PlanEnum.Format(op) : "?") + (w.OnConflict != null ? " on " + w.OnConflict : ""))) + ")" +
                    (context.RepositoryRoot != null ? "." : "; the code was not checked (no -RepositoryPath).");
                yield return context.Verdict(Rule, problems, pass, route.Path, focus, PhaseName.Mapping);
            }
            if (!any)
                yield return context.Result(Rule, GateOutcome.Pass, "routes", "The plan has no routes that write.", "routes", PhaseName.Mapping);
        }
    }

    /// <summary>
    /// The code part of RP.Map.OnConflictDocumented (SPEC §8), checked both ways: one result per listed write (is it in
    /// the code, with the planned op, onConflict, ignoreDuplicates and 23505 handling?) and one per write the code makes
    /// to a table no entry lists for that method. An rpc is checked one way only.
    /// </summary>
    internal static class WriteComparison
    {
        /// <summary>The primary key of a table in the migration state, or null (no migrations, no such table, or none).</summary>
        private static UniqueKey? PrimaryKey(GateContext context, string? table)
        {
            if (string.IsNullOrEmpty(table)) return null;
            return context.Repository.Migrations.UniqueKeysOf(table!).FirstOrDefault(k => k.Kind == "primary key");
        }

        public static IEnumerable<GateResult> Results(GateContext context, RolloutRule rule, RolloutRoute route, string key, IReadOnlyList<RouteMethod> writingMethods)
        {
            var file = context.Repository.Routes.Find(route.Path);
            // The code writes matched to a listed write so far (by reference), so that two listed writes of one table and
            // op match two different calls; a route has a handful.
            var used = new List<WriteFact>();
            var writesKey = route.Writes.Count > 0 ? key + ".writes" : "";
            for (int i = 0; i < route.Writes.Count; i++)
            {
                var w = route.Writes[i];
                var wkey = PlanKeys.Index(writesKey, i);
                var op = CodePlan.Op(w);
                var methods = new List<RouteMethod>(writingMethods.Count);
                foreach (var m in writingMethods) if (RouteMethods.Covers(route, w, m)) methods.Add(m);
                var target = CodePlan.WriteTarget(route.Path, methods, op, w.Table, w.Source);
                if (file == null)
                {
                    yield return context.Result(rule, GateOutcome.Fail, target,
                        "No route file for " + route.Path + ", so its " + op + " into " + w.Table + " is not in the code (RP.Docs.RoutesMatch).", wkey, PhaseName.Mapping);
                    continue;
                }
                var problems = new List<string>();
                var passes = new List<string>();
                var evidence = new List<string>();
                string? codeFile = null; int? codeLine = null;
                void Problem(string text, string at) { problems.Add(text); if (codeFile == null) { codeFile = FileOf(at); codeLine = LineOf(at); } if (!evidence.Contains(at)) evidence.Add(at); }
                foreach (var method in methods)
                {
                    var handler = file.Handler(method);
                    if (handler == null) continue; // RP.Docs.RoutesMatch reports a missing handler
                    var facts = handler.Facts;
                    var at = context.HandlerAt(file, handler);
                    if (facts == null) { Problem(method + " handler at " + at + " could not be analysed", at); continue; }
                    evidence.Add(at);
                    var write = Match(w, op, facts, used);
                    if (write == null)
                    {
                        var others = facts.Writes.Where(x => x.Table == null).ToList();
                        Problem(method + " handler at " + at + " shows no " + op + " into " + w.Table +
                            (facts.Followed.Count > 0 ? " (followed " + PlanKeys.List(facts.Followed.Take(6)) + ")" : "") +
                            (others.Count > 0 ? "; writes whose table is not a literal: " + PlanKeys.List(others.Select(x => x.Op + " at " + x.At)) : "") +
                            (facts.DepthLimited ? "; calls deeper than " + HandlerAnalyzer.MaxDepth + " were not followed" : ""), at);
                        continue;
                    }
                    used.Add(write);
                    var writeAt = write.At;
                    if (!evidence.Contains(writeAt)) evidence.Add(writeAt);
                    if (w.Source != null && write.Sources.Count > 0 && !ContainsOrdinal(write.Sources, w.Source))
                        Problem(method + " " + write.Op + " into " + w.Table + " at " + writeAt + " writes source " + PlanKeys.List(write.Sources.Select(x => "'" + x + "'")) + ", but the plan says '" + w.Source + "'", writeAt);
                    if (!OpFits(op, w, write, facts))
                    {
                        Problem(method + " handler " + write.Op + "s into " + w.Table + " at " + writeAt + ", but the plan's action '" + Spell(w) + "' means " + Means(w), writeAt);
                        continue;
                    }
                    var detail = CodePlan.Name(method) + " " + write.Op + " into " + w.Table + " at " + writeAt;
                    switch (write.Op == "upsert" || write.Op == "insert" ? w.Action : null)
                    {
                        case WriteAction.Update:
                        case WriteAction.Ignore when write.Op == "upsert":
                            var planned = PlanKeys.Columns(w.OnConflict);
                            var coded = write.OnConflict ?? Array.Empty<string>();
                            // Without onConflict PostgREST resolves conflicts on the table's primary key.
                            var primary = coded.Count == 0 && write.Op == "upsert" ? PrimaryKey(context, w.Table) : null;
                            if (primary != null)
                            {
                                coded = primary.Columns;
                                var pk = "the primary key (" + string.Join(", ", primary.Columns) + ") of " + w.Table + " at " + primary.RelativePath.Replace('\\', '/') + ":" + primary.Line;
                                detail += " without onConflict, so on " + pk;
                                if (!SameColumns(planned, coded))
                                    Problem(detail + ", but the plan says '" + string.Join(",", planned) + "'", writeAt);
                            }
                            else if (coded.Count == 0) Problem(detail + " has no onConflict, but the plan says " + Spell(w) + " on " + w.OnConflict, writeAt);
                            else if (!SameColumns(planned, coded))
                                Problem(detail + " uses onConflict '" + string.Join(",", coded) + "', but the plan says '" + string.Join(",", planned) + "'", writeAt);
                            if (write.IgnoreDuplicates != (w.Action == WriteAction.Ignore))
                                Problem(detail + (write.IgnoreDuplicates
                                    ? " sets ignoreDuplicates: true, so conflicts are ignored, but the plan says update"
                                    : " does not set ignoreDuplicates: true, so conflicts update the row, but the plan says ignore"), writeAt);
                            passes.Add(detail + (primary != null ? "" : " with onConflict " + string.Join(",", coded)) + (write.IgnoreDuplicates ? (primary != null ? ", with" : " and") + " ignoreDuplicates" : ""));
                            break;
                        case WriteAction.Ignore:
                        case WriteAction.Reject:
                            if (facts.UniqueViolationAt == null)
                                Problem(detail + " does not handle a unique violation (23505) anywhere the handler reaches, but the plan says " + Spell(w), writeAt);
                            else
                            {
                                if (!evidence.Contains(facts.UniqueViolationAt)) evidence.Add(facts.UniqueViolationAt);
                                passes.Add(detail + ", 23505 handled at " + facts.UniqueViolationAt);
                            }
                            break;
                        default:
                            passes.Add(detail);
                            break;
                    }
                }
                if (problems.Count == 0 && passes.Count == 0)
                {
                    yield return context.Result(rule, GateOutcome.Skip, target, "Not checked: the route file exports none of the methods this write is about (RP.Docs.RoutesMatch).", wkey, PhaseName.Mapping, evidence);
                    continue;
                }
                var result = context.Verdict(rule, problems, (passes.Count == 1 ? passes[0] : PlanKeys.List(passes)) + ", as planned.", target, wkey, PhaseName.Mapping, evidence);
                if (problems.Count > 0) result.At(context, codeFile, codeLine);
                yield return result;
            }

            // The other direction: every table the code writes is listed for that method.
            if (file == null) yield break;
            int unlisted = 0;
            // A Pages Router handler that never branches on req.method is one function for every method: its writes belong
            // to the route, not to each method (one that branches is read per method).
            bool shared = file.AcceptsAnyMethod;
            for (int mi = 0; mi < route.Methods.Count; mi++)
            {
                var method = route.Methods[mi];
                if (route.Methods.IndexOf(method) < mi) continue; // each method once, in the plan's order
                var handler = file.Handler(method);
                if (handler?.Facts == null) continue;
                HashSet<string>? reported = null;
                var writes = handler.Facts.Writes;
                for (int wi = 0; wi < writes.Count; wi++)
                {
                    var write = writes[wi];
                    if (write.Op == "rpc" || write.Table == null || used.Contains(write)) continue;
                    if (Listed(route, method, shared, write.Table)) continue;
                    var target = CodePlan.WriteTarget(route.Path, new[] { method }, write.Op, write.Table, write.Sources);
                    if (!(reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(target)) continue;
                    unlisted++;
                    var at = context.HandlerAt(file, handler);
                    yield return context.Result(rule, GateOutcome.Fail, target,
                        CodePlan.Name(method) + " handler at " + at + " " + Verb(write.Op) + " " + write.Table + " at " + write.At + ", which the plan's writes do not list for " + CodePlan.Name(method) + ".",
                        key, PhaseName.Mapping, new[] { at, write.At }).At(context, write.File, write.Line);
                }
            }
            if (route.Writes.Count == 0 && unlisted == 0 && (route.NoWrites || writingMethods.Count > 0))
            {
                var handlers = route.Methods.Distinct().Select(m => file.Handler(m)).Where(h => h?.Facts != null).ToList();
                if (handlers.Count == 0)
                    yield return context.Result(rule, GateOutcome.Skip, route.Path + " writes", "Not checked: the route file exports none of the plan's methods (RP.Docs.RoutesMatch).", key, PhaseName.Mapping);
                else
                    yield return context.Result(rule, GateOutcome.Pass, route.Path + " writes",
                        PlanKeys.List(handlers.Select(h => h!.Method + " (" + context.HandlerAt(file, h) + (h.Facts!.Followed.Count > 0 ? ", " + h.Facts.Followed.Count + " functions followed" : "") + ")")) +
                        " write no table, as planned (writes: none).", key, PhaseName.Mapping, handlers.Select(h => context.HandlerAt(file, h!)));
            }
        }

        /// <summary>
        /// The code write a listed write stands for in one handler: among the writes to its table (rpc only for an rpc),
        /// narrowed to those writing its source when any does, the first of the planned op not matched yet, else the first
        /// of the planned op, else the first to the table. Null when the handler writes nothing to the table.
        /// </summary>
        private static WriteFact? Match(RouteWrite w, string op, HandlerFacts facts, List<WriteFact> used)
        {
            var writes = facts.Writes;
            bool bySource = false;
            if (w.Source != null)
                for (int i = 0; i < writes.Count; i++)
                    if (Candidate(w, op, writes[i]) && ContainsOrdinal(writes[i].Sources, w.Source)) { bySource = true; break; }
            WriteFact? first = null, firstSameOp = null;
            for (int i = 0; i < writes.Count; i++)
            {
                var x = writes[i];
                if (!Candidate(w, op, x) || (bySource && !ContainsOrdinal(x.Sources, w.Source!))) continue;
                first ??= x;
                if (!OpFits(op, w, x, facts)) continue;
                firstSameOp ??= x;
                if (!used.Contains(x)) return x;
            }
            return firstSameOp ?? first;
        }

        private static bool Candidate(RouteWrite w, string op, WriteFact x) => string.Equals(x.Table, w.Table, StringComparison.Ordinal) && (x.Op == "rpc") == (op == "rpc");

        /// <summary>Whether the plan lists a write to <paramref name="table"/> for the method (for any method when the handler is shared).</summary>
        private static bool Listed(RolloutRoute route, RouteMethod method, bool shared, string table)
        {
            foreach (var x in route.Writes)
                if (string.Equals(x.Table, table, StringComparison.Ordinal) && (shared || RouteMethods.Covers(route, x, method))) return true;
            return false;
        }

        private static bool ContainsOrdinal(IReadOnlyList<string> list, string value)
        {
            for (int i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>The two column lists as sets (order and repeats aside), compared ordinally.</summary>
        private static bool SameColumns(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            for (int i = 0; i < a.Count; i++) if (!ContainsOrdinal(b, a[i])) return false;
            for (int i = 0; i < b.Count; i++) if (!ContainsOrdinal(a, b[i])) return false;
            return true;
        }

        private static bool OpFits(string op, RouteWrite w, WriteFact x, HandlerFacts facts)
        {
            // Old plans (no op): ignore was said of upserts and of inserts whose 23505 is caught.
            if (!w.Op.HasValue && w.Action == WriteAction.Ignore) return x.Op == "upsert" || x.Op == "insert";
            return op.Length == 0 || x.Op == op;
        }

        private static string Spell(RouteWrite w) => w.Action.HasValue ? PlanEnum.Format(w.Action.Value) : "";

        private static string Means(RouteWrite w)
        {
            switch (w.Action)
            {
                case WriteAction.Update: return w.Op == WriteOp.Update ? "a plain update" : "an upsert with onConflict that updates the row";
                case WriteAction.Ignore: return "an upsert with ignoreDuplicates, or an insert whose 23505 is caught";
                case WriteAction.Reject: return "an insert whose unique violation (23505) becomes an error response";
                case WriteAction.Delete: return "a delete";
                case WriteAction.Append: return "an insert whose key is generated";
                default: return "a" + (w.Op == WriteOp.Update || w.Op == WriteOp.Insert || w.Op == WriteOp.Upsert ? "n " : " ") + (w.Op.HasValue ? PlanEnum.Format(w.Op.Value) : "write");
            }
        }

        private static string Verb(string op) => op == "insert" ? "inserts into" : op == "upsert" ? "upserts into" : op == "update" ? "updates" : op == "delete" ? "deletes from" : op + "s";

        private static string FileOf(string at) => at.Substring(0, at.LastIndexOf(':'));
        private static int LineOf(string at) => int.TryParse(at.Substring(at.LastIndexOf(':') + 1), out var n) ? n : 1;
    }

    /// <summary>RP.Map.RemapSafe: one result per linking point.</summary>
    internal sealed class RemapSafeRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Map.RemapSafe", RuleSeverity.Error,
            "Every linking point says how a remap avoids stale attribution, and a remap check passed.",
            "Mapping and remapping must not leave stale attribution behind: every linking point states its remap strategy (remap:), and a validation check of kind remap is recorded as passed.",
            "Describe the remap behaviour of each linking point (Add-LinkingPoint -Remap ...) and add a check of kind remap that proves it (Add-ValidationCheck -Kind remap; Set-ValidationResult -Status pass -Evidence ...).",
            false, RulePhases.Mapping);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var points = context.Plan.LinkingPoints;
            var remapChecks = PlanKeys.Checks(context.Plan).Where(c => c.Check.Kind == CheckKind.Remap).ToList();
            var passed = remapChecks.FirstOrDefault(c => c.Check.Status == CheckStatus.Pass && !string.IsNullOrWhiteSpace(c.Check.Evidence));
            if (points.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Skip, "linkingPoints", "The plan has no linking points to remap.", "linkingPoints", PhaseName.Mapping);
                yield break;
            }
            for (int i = 0; i < points.Count; i++)
            {
                var lp = points[i];
                var key = PlanKeys.Index("linkingPoints", i);
                var problems = new List<string>();
                if (string.IsNullOrWhiteSpace(lp.Remap)) problems.Add("linking point '" + lp.Source + "' does not say how a remap avoids stale attribution (remap:)");
                if (passed.Check == null)
                    problems.Add(remapChecks.Count == 0 ? "no check of kind remap is recorded" : "no remap check has passed with evidence (" + PlanKeys.List(remapChecks.Select(c => "'" + c.Check.Id + "' is " + PlanEnum.Format(c.Check.Status))) + ")");
                var evidence = passed.Check != null ? new[] { context.PlanEvidence(passed.Key) } : null;
                yield return context.Verdict(Rule, problems,
                    "Remap of '" + lp.Source + "': " + lp.Remap + "; check '" + passed.Check?.Id + "' passed.", lp.Source,
                    string.IsNullOrWhiteSpace(lp.Remap) ? key : (passed.Check == null && remapChecks.Count > 0 ? remapChecks[0].Key + ".status" : key + ".remap"),
                    PhaseName.Mapping, evidence);
            }
        }
    }
}
