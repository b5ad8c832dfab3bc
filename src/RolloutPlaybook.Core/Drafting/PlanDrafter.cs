using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Drafting
{
    /// <summary>One item a draft inferred from the code, with the assumption and open questions that go with it.</summary>
    public sealed class DraftItem
    {
        internal DraftItem(PlanItemKind kind, string key, string target, string? at, string assumption, IReadOnlyList<string> questions)
        {
            Kind = kind; Key = key; Target = target; At = at; Assumption = assumption; Questions = questions;
        }

        public PlanItemKind Kind { get; }
        /// <summary>Identifies the item across drafts: <c>route /api/x</c>, <c>method POST /api/x</c>, <c>env NAME</c>, ...</summary>
        public string Key { get; }
        public string Target { get; }
        /// <summary><c>file:line</c> where the code shows it.</summary>
        public string? At { get; }
        /// <summary>The <c>assumptions</c> line recording the inference.</summary>
        public string Assumption { get; }
        /// <summary>The open questions it raises (what looks like a defect).</summary>
        public IReadOnlyList<string> Questions { get; }
    }

    /// <summary>A plan drafted from code and the items it was drafted from.</summary>
    public sealed class PlanDraft
    {
        internal PlanDraft(RolloutPlan plan, IReadOnlyList<DraftItem> items) { Plan = plan; Items = items; }

        public RolloutPlan Plan { get; }
        public IReadOnlyList<DraftItem> Items { get; }
    }

    /// <summary>
    /// Drafts a plan from <see cref="CodeFacts"/> (SPEC §9): routes, methods, guards as found, writes, env vars,
    /// migrations and linking points; every inference an assumption with its file:line, every apparent defect an open
    /// question, and the intake policy for what code cannot say. The same facts give the same plan, item for item.
    /// </summary>
    public static class PlanDrafter
    {
        /// <summary>The prefix of every assumption a draft records.</summary>
        public const string AssumptionPrefix = "From code: ";

        /// <summary>
        /// Whether <paramref name="assumption"/> is one a draft recorded for the item <paramref name="target"/> (as
        /// Update-RolloutPlan names it) or, for a route, for any of its methods and writes. Hand-written assumptions
        /// never match: they lack <see cref="AssumptionPrefix"/>.
        /// </summary>
        public static bool IsAssumptionAbout(string assumption, PlanItemKind kind, string target)
        {
            if (assumption == null || !assumption.StartsWith(AssumptionPrefix, StringComparison.Ordinal)) return false;
            var rest = assumption.Substring(AssumptionPrefix.Length);
            switch (kind)
            {
                case PlanItemKind.Route:
                    // "route P is …", "GET, POST P is exported …", "POST P upserts t …": P stands as a word of its own.
                    var path = target.TrimEnd('/');
                    return rest.Split(' ').Any(word => string.Equals(word.TrimEnd('.', ','), path, StringComparison.Ordinal));
                case PlanItemKind.Method:
                    return rest.StartsWith(target + " is exported at ", StringComparison.Ordinal);
                case PlanItemKind.LinkingPoint:
                    return rest.StartsWith("linking point " + target + " ", StringComparison.Ordinal);
                case PlanItemKind.EnvVar:
                    return rest.StartsWith("env var " + target + " ", StringComparison.Ordinal);
                case PlanItemKind.Migration:
                    return rest.StartsWith("migration " + target + " ", StringComparison.Ordinal);
                case PlanItemKind.Write:
                    // The refresh names a stale write "P table"; its draft said "METHODS P verb table …".
                    var cut = target.LastIndexOf(' ');
                    if (cut <= 0) return false;
                    var words = rest.Split(' ');
                    int at = Array.IndexOf(words, target.Substring(0, cut));
                    return at >= 0 && at + 2 < words.Length && words[at + 2] == target.Substring(cut + 1);
                default:
                    return false;
            }
        }

        private static readonly string[] SecretWords = { "TOKEN", "SECRET", "KEY", "PASSWORD" };

        /// <summary>A new plan for <paramref name="request"/> (intake as given) drafted from <paramref name="facts"/>.</summary>
        public static PlanDraft Draft(NewPlanRequest request, CodeFacts facts, RepositorySettings? repository = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (facts == null) throw new ArgumentNullException(nameof(facts));
            var plan = PlanFactory.Create(request);
            if (repository != null) plan.Repository = repository;
            var items = Fill(plan, facts);
            // Linking points found in the code answer intake Q1 and Q2.
            IntakePolicy.Reconcile(plan);
            return new PlanDraft(plan, items);
        }

        /// <summary>Adds the code's items to an empty plan and returns them.</summary>
        private static List<DraftItem> Fill(RolloutPlan plan, CodeFacts facts)
        {
            var items = new List<DraftItem>();
            foreach (var route in facts.Routes)
            {
                var (planned, routeItems) = DraftRoute(route, facts);
                plan.Routes.Add(planned);
                items.AddRange(routeItems);
            }
            foreach (var point in LinkingPoints(facts))
            {
                plan.LinkingPoints.Add(point.Point);
                items.Add(point.Item);
            }
            foreach (var env in facts.Env)
            {
                plan.Handoff.Env.Add(new HandoffEnvVar { Name = env.Name, Secret = IsSecretName(env.Name) });
                items.Add(EnvItem(env, facts.HasEnvExample));
            }
            foreach (var migration in facts.Migrations)
            {
                plan.Handoff.Migrations.Add(migration.RelativePath);
                items.Add(new DraftItem(PlanItemKind.Migration, "migration " + migration.RelativePath, migration.RelativePath, migration.RelativePath + ":" + migration.Line,
                    AssumptionPrefix + "migration " + migration.RelativePath + " " + migration.Reason + " (" + migration.RelativePath + ":" + migration.Line + ").", Array.Empty<string>()));
            }
            var assumptions = new HashSet<string>(plan.Assumptions, StringComparer.Ordinal);
            var questions = new HashSet<string>(plan.OpenQuestions, StringComparer.Ordinal);
            // A configured repository path that does not exist: the gate fails every rule that reads it, so the draft asks.
            foreach (var missing in facts.MissingPaths)
            {
                var q = missing.Key + ": " + missing.Message + " Which folder was meant?";
                if (questions.Add(q)) plan.OpenQuestions.Add(q);
            }
            foreach (var item in items)
            {
                if (assumptions.Add(item.Assumption)) plan.Assumptions.Add(item.Assumption);
                foreach (var q in item.Questions) if (questions.Add(q)) plan.OpenQuestions.Add(q);
            }
            return items;
        }

        /// <summary>True when a variable's name says it holds a secret (TOKEN, SECRET, KEY or PASSWORD as a word part).</summary>
        public static bool IsSecretName(string name)
        {
            foreach (var part in (name ?? "").Split('_'))
                foreach (var word in SecretWords)
                    if (part == word || part == word + "S") return true;
            return false;
        }

        internal static DraftItem EnvItem(CodeEnvVar env, bool hasExample)
        {
            var at = env.ReadAt.Count > 0 ? env.ReadAt[0] : null;
            var questions = new List<string>();
            if (hasExample && !env.Documented)
                questions.Add(env.Name + " is read at " + string.Join(", ", env.ReadAt) + " but the env example file does not document it: add it there, or is it set elsewhere?");
            return new DraftItem(PlanItemKind.EnvVar, "env " + env.Name, env.Name, at,
                AssumptionPrefix + "env var " + env.Name + (IsSecretName(env.Name) ? " (secret by its name)" : "") + " is read at " + string.Join(", ", env.ReadAt) + ".", questions);
        }

        /// <summary>A route with its methods, auth and writes, and its items (route, one per method, one per write).</summary>
        internal static (RolloutRoute Route, List<DraftItem> Items) DraftRoute(CodeRoute route, CodeFacts facts)
        {
            var planned = new RolloutRoute { Path = route.PlanPath };
            var items = new List<DraftItem>();
            var first = route.Handlers.Count > 0 ? route.At(route.Handlers[0].Line) : route.RelativePath + ":1";
            var routeQuestions = new List<string>();
            if (route.Handlers.Count == 0)
                routeQuestions.Add("Route file " + route.RelativePath + " (" + route.PlanPath + ") exports no handler the drafter recognises: which methods does it serve?");
            planned.Methods.AddRange(route.Handlers.Select(h => h.Method));
            planned.Auth = RouteAuth(route, routeQuestions);
            items.Add(new DraftItem(PlanItemKind.Route, "route " + route.PlanPath, route.PlanPath, first,
                AssumptionPrefix + "route " + route.PlanPath + " is " + first + (route.InConnectorFolder ? "" : " (outside the connector's route folder; its folder names the connector)") + ".",
                routeQuestions));

            foreach (var h in route.Handlers)
                items.Add(MethodItem(route, h));

            var writes = DraftWrites(route, facts);
            foreach (var w in writes)
            {
                planned.Writes.Add(w.Write);
                items.Add(w.Item);
            }
            // A route whose handlers change nothing the drafter can see says so (writes: none).
            planned.NoWrites = writes.Count == 0 && route.Handlers.Any(h => RouteMethods.IsMutating(h.Method));
            return (planned, items);
        }

        internal static DraftItem MethodItem(CodeRoute route, CodeHandler h)
        {
            var target = Gate.Rules.CodePlan.Name(h.Method) + " " + route.PlanPath;
            // Questions start with the gate's target for the handler (path, then method), so a gate result and the
            // question about the same thing are easy to pair.
            var handler = Gate.Rules.CodePlan.HandlerTarget(route.PlanPath, h.Method);
            var questions = new List<string>();
            bool mutating = RouteMethods.IsMutating(h.Method);
            if (h.Guard == null && mutating && !h.FixedResponse)
                questions.Add(handler + " changes data but no auth guard was found (" + route.At(h.Line) + "): add one, or is it meant to be public?");
            // A GET that writes (an OAuth callback storing tokens, say) changes data too, whatever its method says.
            var written = h.Writes.FirstOrDefault(w => w.Table != null);
            if (h.Guard == null && !mutating && written != null)
                questions.Add(handler + " writes " + written.Table + " (" + written.At + ") but no caller check was found: add one (an OAuth callback compares its state parameter with the one it issued), or is it meant to be public?");
            if (h.Guard != null && h.GuardConditional)
                questions.Add(handler + " checks the caller (" + h.Guard + " at " + h.GuardAt + ") on only some paths through the handler: should every path check it?");
            if (h.Guard != null && h.GuardFailOpen)
                questions.Add(handler + " lets the request through when the secret of its " + h.Guard + " check (" + h.GuardAt + ") is unset: should it refuse instead?");
            if (mutating && h.BodyReadAt != null && h.ValidationAt == null)
                questions.Add(handler + " reads the request body at " + h.BodyReadAt + " without validating it: add validation (a schema, or type checks of every field), or why is it safe?");
            else if (mutating && h.PartialValidation)
                questions.Add(handler + " type-checks only some of the body fields it reads (" + h.BodyReadAt + "): check the others too?");
            var guard = h.Guard == null ? (h.FixedResponse ? "a fixed response, no guard needed" : "no auth guard found") : "guard " + h.Guard + " at " + h.GuardAt;
            return new DraftItem(PlanItemKind.Method, "method " + target, target, route.At(h.Line),
                AssumptionPrefix + target + " is exported at " + route.At(h.Line) + "; " + guard + ".", questions);
        }

        /// <summary>
        /// The route's <c>auth</c>: the guard every handler shows (<c>none</c> when no handler has one), or one value per
        /// method when the handlers differ (<c>auth: { GET: none, POST: admin }</c>).
        /// </summary>
        private static RouteAuth? RouteAuth(CodeRoute route, List<string> questions)
        {
            if (route.Handlers.Count == 0) return null;
            // A handler that only returns a fixed response needs no guard: it takes the route's value, not its own.
            string? only = null;
            bool differ = false;
            foreach (var h in route.Handlers)
            {
                if (h.Guard == null && h.FixedResponse) continue;
                var guard = h.Guard ?? "none";
                if (only == null) only = guard;
                else if (!string.Equals(only, guard, StringComparison.Ordinal)) { differ = true; break; }
            }
            if (only == null) return new RouteAuth("none");
            if (!differ) return new RouteAuth(only);
            var deciding = route.Handlers.Where(h => h.Guard != null || !h.FixedResponse).ToList();
            var perMethod = new System.Collections.Hashtable();
            foreach (var h in deciding) perMethod[h.Method.ToString()] = h.Guard ?? "none";
            foreach (var h in route.Handlers.Except(deciding)) perMethod[h.Method.ToString()] = "none";
            return new RouteAuth(perMethod);
        }

        private sealed class WriteGroup
        {
            public CodeWrite First = null!;
            public List<RouteMethod> Methods = new List<RouteMethod>();
            public List<string> At = new List<string>();
        }

        /// <summary>
        /// The route's writes: one entry per distinct (table, op, source, conflict handling), naming its methods unless
        /// they are exactly the route's mutating methods. A mutating method that writes nothing visible is a question.
        /// </summary>
        internal static List<(RouteWrite Write, DraftItem Item)> DraftWrites(CodeRoute route, CodeFacts facts)
        {
            var groups = new List<WriteGroup>();
            var index = new Dictionary<string, WriteGroup>(StringComparer.Ordinal);
            foreach (var h in route.Handlers)
            {
                foreach (var w in h.Writes)
                {
                    if (w.Table == null) continue;
                    var key = WriteKey(w);
                    if (!index.TryGetValue(key, out var group))
                    {
                        group = new WriteGroup { First = w };
                        index.Add(key, group);
                        groups.Add(group);
                    }
                    if (!group.Methods.Contains(h.Method)) group.Methods.Add(h.Method);
                    group.At.Add(w.At);
                }
            }
            var mutating = route.Handlers.Select(h => h.Method).Where(RouteMethods.IsMutating).ToList();
            var result = new List<(RouteWrite, DraftItem)>();
            foreach (var g in groups)
            {
                var w = g.First;
                var write = new RouteWrite { Table = w.Table!, Source = w.Source, Op = ToOp(w.Op) };
                bool namesMethods = !(mutating.Count > 0 && g.Methods.Count == mutating.Count && mutating.All(g.Methods.Contains));
                var sorted = g.Methods.OrderBy(m => m).ToList();
                if (namesMethods) write.Method.AddRange(sorted);
                var methods = sorted.Count == 1 ? Gate.Rules.CodePlan.Name(sorted[0]) : string.Join(", ", sorted);
                var target = methods + " " + route.PlanPath + " " + OpVerb(w.Op) + " " + w.Table;
                var gateTarget = Gate.Rules.CodePlan.WriteTarget(route.PlanPath, sorted, PlanEnum.Format(ToOp(w.Op)), w.Table, w.Source);
                var questions = new List<string>();
                switch (w.Op)
                {
                    case CodeWriteOp.Upsert:
                        write.Action = w.IgnoreDuplicates ? WriteAction.Ignore : WriteAction.Update;
                        if (w.OnConflict != null && w.OnConflict.Count > 0) write.OnConflict = string.Join(",", w.OnConflict);
                        else questions.Add(gateTarget + " at " + g.At[0] + " has no onConflict: which conflict target is meant (the upsert falls back to the primary key)?");
                        break;
                    case CodeWriteOp.Insert:
                        if (w.Handles23505) write.Action = w.Skips23505 ? WriteAction.Ignore : WriteAction.Reject;
                        else
                        {
                            // No unique violation is handled: the row's key is taken to be generated (append), unless
                            // the table has a unique key a second insert can hit.
                            write.Action = WriteAction.Append;
                            if (facts.UniqueKeys.TryGetValue(w.Table!, out var keys) && keys.Count > 0)
                                questions.Add(gateTarget + " at " + g.At[0] + " does not handle a unique violation (23505), but " + w.Table + " has unique key " + keys[0] + ": what should the caller see on a conflict?");
                        }
                        break;
                }
                var details = (w.Source != null ? " source " + w.Source : "") + (write.OnConflict != null ? " onConflict " + write.OnConflict : "") + (w.IgnoreDuplicates ? " ignoreDuplicates" : "");
                result.Add((write, new DraftItem(PlanItemKind.Write, "write " + route.PlanPath + " " + WriteKey(w) + " " + methods, target, g.At[0],
                    AssumptionPrefix + target + details + " at " + string.Join(", ", g.At) + ".", questions)));
            }
            return result;
        }

        private static WriteOp ToOp(CodeWriteOp op)
        {
            switch (op)
            {
                case CodeWriteOp.Insert: return WriteOp.Insert;
                case CodeWriteOp.Upsert: return WriteOp.Upsert;
                case CodeWriteOp.Update: return WriteOp.Update;
                case CodeWriteOp.Delete: return WriteOp.Delete;
                default: return WriteOp.Rpc;
            }
        }

        internal static string WriteKey(CodeWrite w) =>
            w.Table + "|" + w.Op + "|" + (w.Source ?? "") + "|" + (w.OnConflict == null ? "" : string.Join(",", w.OnConflict)) + "|" + (w.IgnoreDuplicates ? "i" : "") + (w.Skips23505 ? "s" : "");

        private static string OpVerb(CodeWriteOp op)
        {
            switch (op)
            {
                case CodeWriteOp.Insert: return "inserts into";
                case CodeWriteOp.Upsert: return "upserts into";
                case CodeWriteOp.Update: return "updates";
                case CodeWriteOp.Delete: return "deletes from";
                default: return "calls";
            }
        }

        // PlanPatterns.Source with the static Regex.IsMatch's options (none), built once instead of looked up per write.
        private static readonly System.Text.RegularExpressions.Regex SourcePattern = new System.Text.RegularExpressions.Regex(PlanPatterns.Source);

        /// <summary>
        /// One linking point per identity-table source the code writes, in order of first write: 1:1 enforced in the
        /// database when a remaining unique index keyed per entity names it, else 1:N kept in the app.
        /// </summary>
        internal static List<(LinkingPoint Point, DraftItem Item)> LinkingPoints(CodeFacts facts)
        {
            var seen = new Dictionary<string, (string? Entity, List<string> At)>(StringComparer.Ordinal);
            var order = new List<string>();
            // Whether a source value is a plan source (SourcePattern), per distinct value: many writes name the same few.
            var isSource = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var route in facts.Routes)
                foreach (var h in route.Handlers)
                    foreach (var w in h.Writes)
                    {
                        if (w.Table != facts.IdentityTable || w.Source == null) continue;
                        if (!isSource.TryGetValue(w.Source, out var matches)) isSource.Add(w.Source, matches = SourcePattern.IsMatch(w.Source));
                        if (!matches) continue;
                        if (!seen.TryGetValue(w.Source, out var entry))
                        {
                            entry = (null, new List<string>());
                            order.Add(w.Source);
                        }
                        if (entry.Entity == null && w.EntityType != null) entry.Entity = w.EntityType;
                        entry.At.Add(w.At);
                        seen[w.Source] = entry;
                    }
            var result = new List<(LinkingPoint, DraftItem)>();
            foreach (var source in order.OrderBy(s => s, StringComparer.Ordinal))
            {
                var (entity, at) = seen[source];
                var index = facts.IdentityIndexes.FirstOrDefault(x => x.Sources.Contains(source, StringComparer.Ordinal)
                    && x.Columns.Contains("entity_id", StringComparer.OrdinalIgnoreCase) && x.Columns.Contains("source", StringComparer.OrdinalIgnoreCase));
                var point = new LinkingPoint
                {
                    Source = source,
                    Entity = entity,
                    Cardinality = index != null ? Cardinality.OneToOne : Cardinality.OneToMany,
                    EnforcedIn = index != null ? EnforcedIn.Db : EnforcedIn.App,
                };
                var how = index != null ? "1:1 enforced in the database by " + index.Name + " (" + index.At + ")" : "1:N kept in the app (no unique index per entity names it)";
                var questions = new List<string>();
                if (entity == null) questions.Add("Linking point " + source + " (written at " + at[0] + "): which internal entity does it link to?");
                result.Add((point, new DraftItem(PlanItemKind.LinkingPoint, "source " + source, source, at[0],
                    AssumptionPrefix + "linking point " + source + (entity != null ? " -> " + entity : "") + " is written to " + facts.IdentityTable + " at " + string.Join(", ", at.Distinct(StringComparer.Ordinal)) + "; " + how + ".",
                    questions)));
            }
            return result;
        }
    }
}
