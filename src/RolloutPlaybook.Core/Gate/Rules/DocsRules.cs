using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Core.IO;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Docs.RoutesMatch: one result per plan route and per unplanned route file of the connector.</summary>
    internal sealed class RoutesMatchRule : IGateRule
    {

        /// <summary>Where the App Router file of a plan path would be (the path below routeBase, under the routes folder).</summary>
        private static string ExpectedRouteFile(RepositoryLayout layout, string planPath)
        {
            var below = planPath.StartsWith(layout.RouteBase + "/", StringComparison.Ordinal) ? planPath.Substring(layout.RouteBase.Length) : planPath.Substring(planPath.IndexOf('/', 1) < 0 ? planPath.Length : planPath.IndexOf('/', 1));
            return layout.Relative(layout.RoutesRoot) + below + "/route.ts" + (layout.PagesRoot != null ? " or " + layout.Relative(layout.PagesRoot) + planPath.Substring(4) + ".ts" : "");
        }

        /// <summary>The methods a route file exports, in its order: <c>GET, POST</c>.</summary>
        private static string Methods(RouteFile file)
            => file.Handlers.Count == 1 ? CodePlan.Name(file.Handlers[0].Method) : PlanKeys.List(file.Handlers.Select(h => CodePlan.Name(h.Method)));

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.RoutesMatch", RuleSeverity.Error,
            "Plan routes and methods equal the route files and their exported handlers.",
            "Every route in the plan has a route file exporting exactly the plan's methods (export async function POST, export const POST = withAuth(handler), export { handler as POST }), and every route file under the connector's route folder is in the plan. One result per plan route and per unplanned route file; guards and body validation are RP.Api.Guarded and RP.Api.BodyValidated.",
            "Make the plan and the code agree: add the route or method to the plan (Add-RolloutRoute) or to the code, or remove the one that is gone.",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var repo = context.Repository;
            var inventory = repo.Routes;
            var planned = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < context.Plan.Routes.Count; r++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var route = context.Plan.Routes[r];
                var key = context.RouteKey(r);
                var file = inventory.Find(route.Path);
                if (file != null) planned.Add(file.RelativePath);
                if (file == null)
                {
                    yield return context.Result(Rule, GateOutcome.Fail, route.Path,
                        "No route file for " + route.Path + " (expected " + ExpectedRouteFile(repo.Layout, route.Path) + ").", key + ".path", PhaseName.Ops);
                    continue;
                }
                var problems = new List<string>();
                string? codeFile = null; int? codeLine = null;
                void Problem(string text, int line) { problems.Add(text); if (codeFile == null) { codeFile = file.RelativePath; codeLine = line; } }
                foreach (var m in route.Methods)
                    if (file.Handler(m) == null) Problem(file.RelativePath + " exports no " + m + " handler, but the plan lists " + m, 1);
                var handlers = file.Handlers;
                if (!file.AcceptsAnyMethod)
                    for (int i = 0; i < handlers.Count; i++)
                        if (!route.Methods.Contains(handlers[i].Method)) Problem(file.At(handlers[i].Line) + " exports " + handlers[i].Method + ", which the plan does not list", handlers[i].Line);
                var evidence = new List<string>(Math.Max(1, handlers.Count));
                for (int i = 0; i < handlers.Count; i++) evidence.Add(context.HandlerAt(file, handlers[i]));
                if (evidence.Count == 0) evidence.Add(file.RelativePath);
                var result = context.Verdict(Rule, problems,
                    file.RelativePath + " exports " + Methods(file) + " as planned.",
                    route.Path, key, PhaseName.Ops, evidence);
                if (problems.Count > 0) result.At(context, codeFile, codeLine);
                yield return result;
            }
            foreach (var file in inventory.Routes.Where(f => f.InConnectorFolder && !planned.Contains(f.RelativePath)))
            {
                var line = file.Handlers.Count > 0 ? file.Handlers[0].Line : 1;
                yield return context.Result(Rule, GateOutcome.Fail, file.PlanPath,
                    "Route file " + file.RelativePath + " (" + file.PlanPath + ", " + PlanKeys.List(file.Handlers.Select(h => h.Method.ToString())) + ") is not in the plan.",
                    "routes", PhaseName.Ops, new[] { file.At(line) }).At(context, file.RelativePath, line);
            }
            foreach (var file in inventory.Routes.Where(f => f.NamedForConnector && !planned.Contains(f.RelativePath)))
            {
                var line = file.Handlers.Count > 0 ? file.Handlers[0].Line : 1;
                yield return context.Result(Rule, GateOutcome.Warn, file.PlanPath,
                    "Route file " + file.RelativePath + " (" + file.PlanPath + ", " + PlanKeys.List(file.Handlers.Select(h => h.Method.ToString())) + ") lies in a folder named for the connector but is not in the plan.",
                    "routes", PhaseName.Ops, new[] { file.At(line) }).At(context, file.RelativePath, line);
            }
        }
    }

    /// <summary>RP.Docs.MigrationsMatch: one result per handoff migration.</summary>
    internal sealed class MigrationsMatchRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.MigrationsMatch", RuleSeverity.Error,
            "The migrations named in the handoff exist.",
            "Every migration file the setup handoff tells a non-author to apply must exist in the repository.",
            "Fix the file name in the handoff (Add-HandoffMigration ...) or add the migration.",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var repo = context.Repository;
            var list = context.Plan.Handoff.Migrations;
            if (list.Count == 0)
            {
                yield return context.Result(Rule, GateOutcome.Skip, "migrations", "The handoff names no migrations (RP.Handoff.Complete reports it).", "handoff", PhaseName.Ops);
                yield break;
            }
            for (int i = 0; i < list.Count; i++)
            {
                var name = list[i];
                var key = PlanKeys.Index("handoff.migrations", i);
                bool exists;
                try { exists = repo.Migrations.Exists(name) || File.Exists(repo.Layout.Resolve(name)); }
                catch (RolloutException) { exists = false; }
                yield return exists
                    ? context.Result(Rule, GateOutcome.Pass, name, "Migration " + name + " exists.", key, PhaseName.Ops, new[] { name.Replace('\\', '/') + ":1" })
                    : context.Result(Rule, GateOutcome.Fail, name, "The handoff names migration " + name + ", which does not exist in the repository.", key, PhaseName.Ops);
            }
        }
    }

    /// <summary>RP.Docs.ScopesMatch: handoff scopes = intake scopes, one result.</summary>
    internal sealed class ScopesMatchRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.ScopesMatch", RuleSeverity.Error,
            "The handoff scopes equal the intake scopes.",
            "The scopes the setup handoff asks for must be exactly the scopes the source needs (intake sourceLimits.scopes): none missing, none extra.",
            "Add the missing scopes to the handoff (Add-HandoffScope ... -Reason ...) or to the intake, and remove extra ones.",
            false, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var intake = context.Plan.Intake.SourceLimits.Scopes;
            var handoff = context.Plan.Handoff.Scopes.Select(s => s.Name).ToList();
            var missing = intake.Where(s => !handoff.Contains(s, StringComparer.Ordinal)).Distinct().ToList();
            var extra = handoff.Where(s => !intake.Contains(s, StringComparer.Ordinal)).Distinct().ToList();
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add("the handoff does not ask for " + PlanKeys.List(missing) + " (intake scopes)");
            if (extra.Count > 0) problems.Add("the handoff asks for " + PlanKeys.List(extra) + ", which the intake does not list");
            if (intake.Count == 0 && handoff.Count == 0) problems.Add("neither the intake nor the handoff names any scopes");
            yield return context.Verdict(Rule, problems, "Handoff and intake both name " + PlanKeys.List(intake) + ".", "scopes",
                missing.Count > 0 || intake.Count == 0 ? "handoff.scopes" : "intake.sourceLimits.scopes", PhaseName.Ops,
                new[] { context.PlanEvidence("intake.sourceLimits.scopes"), context.PlanEvidence("handoff.scopes") });
        }
    }

    /// <summary>RP.Docs.EnvMatch: one result per env var read by the connector's code or named in the handoff.</summary>
    internal sealed class EnvMatchRule : IGateRule
    {
        internal static readonly HashSet<string> PlatformEnv = new HashSet<string>(StringComparer.Ordinal)
        {
            "NODE_ENV", "NEXT_RUNTIME", "NEXT_PHASE", "VERCEL", "VERCEL_ENV", "VERCEL_URL", "VERCEL_REGION", "CI", "PORT",
            // The application's own Supabase project: set up before any connector, so not a connector's handoff.
            "NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
            "SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_SECRET_KEY",
        };

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.EnvMatch", RuleSeverity.Error,
            "Every env var the connector's code reads is in the handoff, and handoff env vars are in .env.example.",
            "Reads process.env.NAME (and process.env['NAME']) in the connector's code: its route files, src/lib/{connector}/** and src/lib/connectors/{connector}* (or repository.code). Each variable read must be in the setup handoff; each handoff variable must appear in .env.example when that file exists.",
            "Add the variable to the handoff (Add-HandoffEnvVar NAME -Local ... -Deploy ...) and to .env.example (Export-SetupHandoff -Format DotEnv).",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var repo = context.Repository;
            var usage = repo.Env;
            var handoff = context.Plan.Handoff.Env;
            // Variables the platform sets (NODE_ENV, VERCEL_ENV, ...) are not the connector's to hand off.
            var names = usage.Reads.Select(r => r.Name).Where(n => !PlatformEnv.Contains(n) || handoff.Any(e => e.Name == n))
                .Concat(handoff.Select(e => e.Name)).Distinct(StringComparer.Ordinal).ToList();
            var example = usage.EnvExample;
            var exampleFile = PlanKeys.List(usage.EnvExampleFiles);
            foreach (var name in names)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var reads = usage.Reads.Where(r => r.Name == name).ToList();
                int index = handoff.FindIndex(e => e.Name == name);
                var key = index >= 0 ? PlanKeys.Index("handoff.env", index) : "handoff.env";
                var evidence = reads.Select(r => r.At).ToList();
                if (index < 0)
                {
                    yield return context.Result(Rule, GateOutcome.Fail, name,
                        "The connector's code reads process.env." + name + " (" + PlanKeys.List(evidence) + "), but the setup handoff does not name it.", key, PhaseName.Ops, evidence)
                        .At(context, reads[0].RelativePath, reads[0].Line);
                    continue;
                }
                if (example != null && !example.ContainsKey(name))
                {
                    yield return context.Result(Rule, GateOutcome.Fail, name, "Handoff env var " + name + " is missing from " + exampleFile + ".", key, PhaseName.Ops, evidence)
                        .At(context, usage.EnvExampleFiles[0], 1);
                    continue;
                }
                var documented = usage.DocumentedAt(name);
                if (documented != null) evidence.Add(documented);
                yield return context.Result(Rule, GateOutcome.Pass, name,
                    name + " is in the handoff" + (documented != null ? " and " + usage.EnvExampleFileOf![name] : "; no env example file to check (" + PlanKeys.List(RepositoryLayout.DefaultEnvExamples) + " or repository.envExample)") +
                    (reads.Count > 0 ? "; read at " + PlanKeys.List(reads.Select(r => r.At)) : "; the connector's code does not read it") + ".",
                    key, PhaseName.Ops, evidence);
            }
            if (names.Count == 0)
                yield return context.Result(Rule, GateOutcome.Pass, "env", "The connector's code reads no env vars and the handoff names none.", "handoff", PhaseName.Ops);
        }
    }

    /// <summary>RP.Docs.DocumentCurrent: the rollout Markdown on disk against a fresh rendering.</summary>
    internal sealed class DocumentCurrentRule : IGateRule
    {
        /// <summary>The rollout document renderer: what Export-RolloutDocument writes for the plan now.</summary>
        internal static readonly Func<RolloutPlan, string> DefaultRenderer = plan => RolloutPlaybook.Core.Rendering.RolloutDocument.Render(plan);

        private readonly Func<RolloutPlan, string> render;

        public DocumentCurrentRule() : this(DefaultRenderer) { }

        internal DocumentCurrentRule(Func<RolloutPlan, string> render) { this.render = render; }

        /// <summary>A rendered rollout document is a few hundred KiB at most; a bigger file is not one.</summary>
        internal const long MaxDocumentBytes = 16L * 1024 * 1024;

        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Docs.DocumentCurrent", RuleSeverity.Error,
            "The rollout Markdown on disk equals what Export-RolloutDocument renders now.",
            "The rollout plan document (src/docs/{CONNECTOR}-ROLLOUT-PLAN.md) must be the rendering of the current plan, so the document never drifts from the plan.",
            "Render the document again (Export-RolloutDocument -RepositoryPath .) and commit it.",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var layout = context.Repository.Layout;
            var relative = layout.Relative(layout.RolloutDocumentPath);
            if (!File.Exists(layout.RolloutDocumentPath))
            {
                yield return context.Result(Rule, GateOutcome.Fail, relative, "The rollout document " + relative + " does not exist.", "", PhaseName.Ops);
                yield break;
            }
            string? read = null, unreadable = null;
            try { read = RepositoryPath.ReadText(layout.RolloutDocumentPath, MaxDocumentBytes); }
            catch (FileRefusedException ex) { unreadable = ex.Reason; }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { unreadable = "cannot be read (" + ex.Message + ")"; }
            if (read == null)
            {
                yield return context.Result(Rule, GateOutcome.Fail, relative, "The rollout document " + relative + " " + unreadable + ".", "", PhaseName.Ops);
                yield break;
            }
            var expected = render(context.Plan).Replace("\r\n", "\n");
            var actual = read.Replace("\r\n", "\n");
            int line = FirstDifferingLine(actual, expected);
            if (line < 0)
            {
                yield return context.Result(Rule, GateOutcome.Pass, relative, relative + " is the rendering of the current plan.", "", PhaseName.Ops, new[] { relative + ":1" });
                yield break;
            }
            yield return context.Result(Rule, GateOutcome.Fail, relative,
                relative + " differs from the current plan's rendering from line " + (line + 1) + " on.", "", PhaseName.Ops, new[] { relative + ":" + (line + 1) })
                .At(context, relative, line + 1);
        }

        /// <summary>The reference comparison: both texts normalised (CRLF as LF, final line breaks dropped) and split into lines.</summary>
        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n');

        /// <summary>
        /// The number of leading lines two documents share, or -1 when they are the same: what the reference gives, both
        /// <see cref="Normalize"/>d, compared whole and then split at '\n' and counted while equal, <c>a[line] == e[line]</c>
        /// (<see cref="FirstDifferingLineBySplitting"/>). Here the texts (CRLF already LF) are compared in place up to their
        /// lengths without the final line breaks, and the shared lines are counted in the common prefix: no copy of a
        /// document of a few hundred KiB, no line strings.
        /// </summary>
        internal static int FirstDifferingLine(string actual, string expected)
        {
            int la = TrimmedLength(actual), le = TrimmedLength(expected);
            if (la == le && string.CompareOrdinal(actual, 0, expected, 0, la) == 0) return -1;
            // p: the length of the common prefix of the trimmed texts.
            int min = Math.Min(la, le), p = 0;
            const int Chunk = 1024;
            while (p + Chunk <= min && string.CompareOrdinal(actual, p, expected, p, Chunk) == 0) p += Chunk;
            while (p < min && actual[p] == expected[p]) p++;
            // Every line that ends inside the common prefix is shared; the line the prefix ends in is shared too when one
            // text ends there and the other has a line break there (its line ends at the same place, and the shorter text
            // has no more lines).
            int line = 0;
            for (int i = actual.IndexOf('\n', 0, p); i >= 0; i = i + 1 < p ? actual.IndexOf('\n', i + 1, p - i - 1) : -1) line++;
            if ((p == la && p < le && expected[p] == '\n') || (p == le && p < la && actual[p] == '\n')) line++;
            return line;
        }

        /// <summary>The reference for <see cref="FirstDifferingLine"/> (the tests hold the two equal).</summary>
        internal static int FirstDifferingLineBySplitting(string actual, string expected)
        {
            var a0 = Normalize(actual); var e0 = Normalize(expected);
            if (a0 == e0) return -1;
            var a = a0.Split('\n'); var e = e0.Split('\n');
            int line = 0;
            while (line < a.Length && line < e.Length && a[line] == e[line]) line++;
            return line;
        }

        private static int TrimmedLength(string text)
        {
            int n = text.Length;
            while (n > 0 && text[n - 1] == '\n') n--;
            return n;
        }
    }
}
