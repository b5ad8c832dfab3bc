using System;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Core.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Api.Guarded: one result per planned handler, its guard against the route's <c>auth</c> (SPEC §8).</summary>
    internal sealed class GuardedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Api.Guarded", RuleSeverity.Error,
            "Every planned handler checks its caller as the route's auth says.",
            "Follows each handler through its wrappers and the functions it calls (same file or imported from the repository, up to 6 calls deep) and looks for the guard its route's auth names: session (Supabase auth.getUser/getSession/getClaims, NextAuth auth()/getServerSession, Clerk auth()/currentUser), admin or any role (requireRole, requireAdmin; a role guard also proves a session), cron (the Authorization bearer token compared with a cron secret env var), signature (HMAC + comparison, timingSafeEqual, Stripe constructEvent, Svix verify, clientState or a webhook secret compared), state (the OAuth state parameter compared with a stored value), or the names listed under repository.guards. none/public needs nothing, and a handler that only returns a fixed response needs no guard. A guard found only inside a branch is a Fail; one that lets the request through when its secret is unset (fail-open) is a Warn. One result per route and method.",
            "Call the guard the route's auth names at the start of the handler (or in its wrapper), or correct the plan's auth (auth: { GET: none, POST: admin } per method); list the app's own guard helpers under repository.guards.",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var inventory = context.Repository.Routes;
            bool any = false;
            for (int r = 0; r < context.Plan.Routes.Count; r++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var route = context.Plan.Routes[r];
                var key = context.RouteKey(r);
                var file = inventory.Find(route.Path);
                for (int mi = 0; mi < route.Methods.Count; mi++)
                {
                    var method = route.Methods[mi];
                    if (route.Methods.IndexOf(method) < mi) continue; // each method once, in the plan's order
                    any = true;
                    var target = CodePlan.HandlerTarget(route.Path, method);
                    var handler = file?.Handler(method);
                    if (file == null || handler == null)
                    {
                        yield return context.Result(Rule, GateOutcome.Skip, target,
                            "Not checked: " + (file == null ? "no route file for " + route.Path : file.RelativePath + " exports no " + CodePlan.Name(method) + " handler") + " (RP.Docs.RoutesMatch reports it).",
                            key + ".methods", PhaseName.Ops);
                        continue;
                    }
                    yield return Check(context, route, key, method, file, handler, target);
                }
            }
            if (!any) yield return context.Result(Rule, GateOutcome.Pass, "routes", "The plan lists no routes, so no handler needs a guard.", "routes", PhaseName.Ops);
        }

        private GateResult Check(GateContext context, RolloutRoute route, string key, RouteMethod method, RouteFile file, RouteHandler handler, string target)
        {
            var auth = CodePlan.AuthFor(route, method);
            var authKey = key + ".auth";
            var facts = handler.Facts;
            var at = context.HandlerAt(file, handler);
            if (facts == null)
                return context.Result(Rule, GateOutcome.Skip, target, "Not checked: the handler at " + at + " could not be analysed.", authKey, PhaseName.Ops, new[] { at });
            var evidence = new List<string> { at };
            string Followed() => facts.Followed.Count == 0 ? "" : " (followed " + PlanKeys.List(facts.Followed.Count <= 6 ? facts.Followed : facts.Followed.Take(6)) + (facts.Followed.Count > 6 ? ", …" : "") + ")";
            string Limit() => facts.DepthLimited ? "; calls deeper than " + HandlerAnalyzer.MaxDepth + " were not followed" : "";

            if (auth == "none" || auth == "public")
            {
                var strict = facts.Guards.Where(g => !g.Conditional).ToList();
                if (strict.Count == 0)
                    return context.Result(Rule, GateOutcome.Pass, target, CodePlan.Name(method) + " handler at " + at + " is public as planned (auth: " + auth + "); it calls no guard.", authKey, PhaseName.Ops, evidence);
                var g0 = strict[0];
                evidence.Add(g0.At);
                return context.Result(Rule, GateOutcome.Fail, target,
                    "The plan says " + CodePlan.Name(method) + " " + route.Path + " is public (auth: " + auth + "), but the handler at " + at + " checks the caller: " + g0.What + " at " + g0.At + ".",
                    authKey, PhaseName.Ops, evidence).At(context, g0.File, g0.Line);
            }
            if (facts.Guards.Count == 0 && facts.FixedResponse)
                return context.Result(Rule, GateOutcome.Pass, target, CodePlan.Name(method) + " handler at " + at + " only returns a fixed response (no data access, no call beyond response builders): it needs no guard.", authKey, PhaseName.Ops, evidence);

            var matching = new List<GuardFact>(facts.Guards.Count);
            for (int i = 0; i < facts.Guards.Count; i++) if (Satisfies(facts.Guards[i], auth)) matching.Add(facts.Guards[i]);
            if (matching.Count == 0)
            {
                var wanted = Describe(auth);
                var viaMiddleware = Middleware(context, route, auth, method, at, evidence);
                if (viaMiddleware != null) return viaMiddleware;
                var others = facts.Guards.Where(g => !g.Conditional).ToList();
                string found = others.Count == 0 ? "it calls no guard" + Followed() : "it only has " + PlanKeys.List(others.Select(g => g.What + " at " + g.At));
                if (auth != "" && auth != "session" && auth != "cron" && auth != "signature" && auth != "state")
                {
                    var roles = others.Where(g => g.Kind == "role" && g.Role != null).ToList();
                    if (roles.Count > 0) found = "it requires role " + PlanKeys.List(roles.Select(g => "'" + g.Role + "' (" + g.At + ")"));
                }
                evidence.AddRange(others.Select(g => g.At));
                return context.Result(Rule, GateOutcome.Fail, target,
                    CodePlan.Name(method) + " handler at " + at + " does not " + wanted + ": " + found + Limit() + ".", authKey, PhaseName.Ops, evidence).At(context, file.RelativePath, handler.Line);
            }
            // The guards on every path that do not fail open, their places added to the evidence in order.
            GuardFact? sure = null;
            foreach (var g in matching)
                if (!g.Conditional && !g.FailOpen) { sure ??= g; evidence.Add(g.At); }
            if (sure != null)
            {
                // evidence[1] is sure.At; Result keeps each evidence string once.
                return context.Result(Rule, GateOutcome.Pass, target,
                    CodePlan.Name(method) + " handler at " + at + " checks the caller as planned (auth: " + (auth.Length == 0 ? "any" : auth) + "): " + sure.What + " at " + evidence[1] + (sure.File != file.RelativePath || facts.Followed.Count > 0 ? Followed() : "") + ".",
                    authKey, PhaseName.Ops, evidence);
            }
            var open = matching.Where(g => !g.Conditional && g.FailOpen).ToList();
            if (open.Count > 0)
            {
                evidence.AddRange(open.Select(g => g.At));
                return context.Result(Rule, GateOutcome.Warn, target,
                    CodePlan.Name(method) + " handler at " + at + " checks the caller fail-open: " + open[0].What + " at " + open[0].At + " lets the request through when the secret or header is missing.",
                    authKey, PhaseName.Ops, evidence).At(context, open[0].File, open[0].Line);
            }
            evidence.AddRange(matching.Select(g => g.At));
            return context.Result(Rule, GateOutcome.Fail, target,
                CodePlan.Name(method) + " handler at " + at + " checks the caller only on some paths: " + matching[0].What + " at " + matching[0].At + " runs inside a branch.",
                authKey, PhaseName.Ops, evidence).At(context, matching[0].File, matching[0].Line);
        }

        /// <summary>
        /// A handler without a guard of its own that the app's middleware guards: Pass when the middleware's matcher covers
        /// the route, it establishes what the plan asks for on every path and answers the request itself; Warn when its
        /// decision depends on the request path (the gate cannot tell whether it rejects this route). Null otherwise.
        /// </summary>
        private GateResult? Middleware(GateContext context, RolloutRoute route, string auth, RouteMethod method, string at, List<string> evidence)
        {
            var mw = context.Repository.Middleware;
            if (mw == null || !mw.Answers || !mw.Covers(route.Path, out var matcher)) return null;
            var guard = mw.Guards.FirstOrDefault(g => !g.Conditional && !g.FailOpen && Satisfies(g, auth));
            if (guard == null) return null;
            var covered = matcher != null ? "its matcher '" + matcher + "' covers " + route.Path : "it has no matcher, so it runs for every path";
            var list = new List<string>(evidence) { mw.At, guard.At };
            var authKey = PlanKeys.Index("routes", context.Plan.Routes.IndexOf(route)) + ".auth";
            if (mw.BranchesOnPath)
                return context.Result(Rule, GateOutcome.Warn, CodePlan.HandlerTarget(route.Path, method),
                    CodePlan.Name(method) + " handler at " + at + " has no guard of its own; the middleware at " + mw.At + " checks the caller (" + guard.What + " at " + guard.At + "; " + covered +
                    "), but decides by the request path, so whether it rejects " + route.Path + " was not checked.", authKey, PhaseName.Ops, list.Distinct().ToList()).At(context, mw.File, mw.Line);
            return context.Result(Rule, GateOutcome.Pass, CodePlan.HandlerTarget(route.Path, method),
                CodePlan.Name(method) + " handler at " + at + " is guarded by the middleware at " + mw.At + " as planned (auth: " + (auth.Length == 0 ? "any" : auth) + "): " + guard.What + " at " + guard.At + "; " + covered + ".",
                authKey, PhaseName.Ops, list.Distinct().ToList());
        }

        /// <summary>Whether a found guard proves what the plan's auth value asks for.</summary>
        internal static bool Satisfies(GuardFact g, string auth)
        {
            switch (auth)
            {
                case "": return true;
                case "session": return g.Kind == "session" || g.Kind == "role" || IsRoleName(g.Kind);
                case "cron": return g.Kind == "cron";
                case "signature": return g.Kind == "signature";
                case "state": return g.Kind == "state";
                default:
                    if (g.Kind == auth) return true;
                    if (g.Kind != "role") return false;
                    return g.Role == null || g.Role.Split('|').Contains(auth, StringComparer.OrdinalIgnoreCase);
            }
        }

        private static bool IsRoleName(string kind) => kind != "session" && kind != "cron" && kind != "signature" && kind != "state" && kind != "none" && kind != "public";

        private static string Describe(string auth)
        {
            switch (auth)
            {
                case "": return "check the caller (the plan names no auth)";
                case "session": return "establish the signed-in user (auth: session)";
                case "cron": return "compare the bearer token with the cron secret (auth: cron)";
                case "signature": return "verify the request's signature or shared secret (auth: signature)";
                case "state": return "compare the OAuth state parameter with a stored value (auth: state)";
                default: return "require role '" + auth + "' (auth: " + auth + ")";
            }
        }
    }

    /// <summary>RP.Api.BodyValidated: one result per planned mutating handler that reads the request body.</summary>
    internal sealed class BodyValidatedRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Api.BodyValidated", RuleSeverity.Error,
            "Every planned mutating handler that reads the request body validates it.",
            "A POST, PUT, PATCH or DELETE handler that reads the body (.json(), .formData(), .text(), also in the functions it calls) must validate it: zod (.parse/.safeParse and their Async forms), valibot, yup or joi (.validate), ajv, superstruct, a function listed under repository.validators, or explicit type checks (typeof body.x, Array.isArray) of every field it reads. Presence checks and a bare JSON.parse are not validation (Fail); type checks of some of the fields it reads but not all are a Warn. One result per route and method.",
            "Parse the body with a schema before using it (const input = Schema.parse(await request.json())), or type-check every field it reads; list the app's own validator under repository.validators.",
            true, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var inventory = context.Repository.Routes;
            int checkedHandlers = 0, results = 0;
            for (int r = 0; r < context.Plan.Routes.Count; r++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var route = context.Plan.Routes[r];
                var key = context.RouteKey(r);
                var file = inventory.Find(route.Path);
                if (file == null) continue; // RP.Docs.RoutesMatch reports the missing file, RP.Api.Guarded skips its handlers
                for (int mi = 0; mi < route.Methods.Count; mi++)
                {
                    var method = route.Methods[mi];
                    if (!RouteMethods.IsMutating(method) || route.Methods.IndexOf(method) < mi) continue; // each mutating method once, in the plan's order
                    var handler = file.Handler(method);
                    if (handler?.Facts == null) continue;
                    checkedHandlers++;
                    var facts = handler.Facts;
                    if (facts.BodyReadAt == null) continue;
                    results++;
                    var target = CodePlan.HandlerTarget(route.Path, method);
                    var evidence = new List<string> { context.HandlerAt(file, handler), facts.BodyReadAt };
                    switch (facts.Validation)
                    {
                        case BodyValidation.Schema:
                        case BodyValidation.TypeChecks:
                            evidence.Add(facts.ValidationAt!);
                            yield return context.Result(Rule, GateOutcome.Pass, target,
                                CodePlan.Name(method) + " handler reads the request body at " + facts.BodyReadAt + " and validates it: " + facts.ValidationWhat + " at " + facts.ValidationAt + ".",
                                key, PhaseName.Ops, evidence);
                            break;
                        case BodyValidation.PartialTypeChecks:
                            evidence.Add(facts.ValidationAt!);
                            var missing = facts.FieldsRead.Except(facts.FieldsChecked).ToList();
                            yield return context.Result(Rule, GateOutcome.Warn, target,
                                CodePlan.Name(method) + " handler reads the request body at " + facts.BodyReadAt + " and has " + facts.ValidationWhat + " (" + facts.ValidationAt + "), but not of " +
                                PlanKeys.List(missing) + ".", key, PhaseName.Ops, evidence).At(context, File(facts.BodyReadAt), Line(facts.BodyReadAt));
                            break;
                        default:
                            yield return context.Result(Rule, GateOutcome.Fail, target,
                                CodePlan.Name(method) + " handler reads the request body at " + facts.BodyReadAt + " without validating it: no schema (zod, valibot, yup, joi, ajv, superstruct), no listed validator" +
                                (facts.FieldsRead.Count > 0 ? ", no type check of " + PlanKeys.List(facts.FieldsRead) : ", no type checks") + " (presence checks and JSON.parse are not validation).",
                                key, PhaseName.Ops, evidence).At(context, File(facts.BodyReadAt), Line(facts.BodyReadAt));
                            break;
                    }
                }
            }
            if (results == 0)
                yield return checkedHandlers == 0
                    ? (context.Plan.Routes.Any(x => x.Methods.Any(RouteMethods.IsMutating))
                        ? context.Result(Rule, GateOutcome.Skip, "routes", "Not checked: none of the plan's mutating handlers exists in the code (RP.Docs.RoutesMatch reports it).", "routes", PhaseName.Ops)
                        : context.Result(Rule, GateOutcome.Pass, "routes", "The plan lists no mutating handler, so no request body needs validating.", "routes", PhaseName.Ops))
                    : context.Result(Rule, GateOutcome.Pass, "routes", "None of the " + checkedHandlers + " planned mutating handlers reads a request body.", "routes", PhaseName.Ops);
        }

        private static string File(string at) => at.Substring(0, at.LastIndexOf(':'));
        private static int Line(string at) => int.Parse(at.Substring(at.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture);
    }
}
