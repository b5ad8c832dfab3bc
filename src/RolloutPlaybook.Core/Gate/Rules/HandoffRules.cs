using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Security;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Rules
{
    /// <summary>RP.Handoff.Complete: one result per handoff part (externalApp, scopes, env, migrations, smokeTests).</summary>
    internal sealed class HandoffCompleteRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Handoff.Complete", RuleSeverity.Error,
            "The setup handoff is complete and executable by a non-author.",
            "The Manual Setup Handoff needs external app steps (custom pattern), scopes each with a reason, env vars each with where to set them locally and in deployment, the migrations to apply, and an ordered smoke-test sequence with an expectation for each step.",
            "Complete the handoff (Add-HandoffAppStep, Add-HandoffScope -Reason, Add-HandoffEnvVar -Local -Deploy, Add-HandoffMigration, Add-HandoffSmokeTest -Expect).",
            false, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            var plan = context.Plan;
            var h = plan.Handoff;

            if (plan.Pattern == ConnectorPattern.Custom || h.ExternalApp.Count > 0)
                yield return h.ExternalApp.Count == 0
                    ? context.Result(Rule, GateOutcome.Fail, "externalApp", "A custom connector's handoff has no external app steps (how to create and install the app).", "handoff", PhaseName.Ops)
                    : context.Result(Rule, GateOutcome.Pass, "externalApp", h.ExternalApp.Count + " external app step(s).", "handoff.externalApp", PhaseName.Ops);

            var noReason = h.Scopes.Select((s, i) => (s, i)).Where(x => string.IsNullOrWhiteSpace(x.s.Reason)).ToList();
            if (h.Scopes.Count == 0)
                yield return context.Result(Rule, GateOutcome.Fail, "scopes", "The handoff names no scopes or permissions to grant.", "handoff", PhaseName.Ops);
            else if (noReason.Count > 0)
                yield return context.Result(Rule, GateOutcome.Fail, "scopes", "Scope(s) without a reason: " + PlanKeys.List(noReason.Select(x => x.s.Name)) + ".",
                    PlanKeys.Index("handoff.scopes", noReason[0].i), PhaseName.Ops);
            else
                yield return context.Result(Rule, GateOutcome.Pass, "scopes", h.Scopes.Count + " scope(s), each with its reason.", "handoff.scopes", PhaseName.Ops);

            if (h.Env.Count == 0)
                yield return context.Result(Rule, GateOutcome.Fail, "env", "The handoff names no env vars (secrets and settings with their exact names).", "handoff", PhaseName.Ops);
            else
            {
                var problems = new List<string>();
                int first = -1;
                for (int i = 0; i < h.Env.Count; i++)
                {
                    var e = h.Env[i];
                    var missing = new List<string>();
                    if (string.IsNullOrWhiteSpace(e.Local)) missing.Add("where to set it locally (local)");
                    if (string.IsNullOrWhiteSpace(e.Deploy)) missing.Add("where to set it in deployment (deploy)");
                    if (missing.Count == 0) continue;
                    if (first < 0) first = i;
                    problems.Add(e.Name + " does not say " + string.Join(" or ", missing));
                }
                yield return context.Verdict(Rule, problems, h.Env.Count + " env var(s), each with its local and deploy place.", "env",
                    first < 0 ? "handoff.env" : PlanKeys.Index("handoff.env", first), PhaseName.Ops);
            }

            yield return h.Migrations.Count == 0
                ? context.Result(Rule, GateOutcome.Fail, "migrations", "The handoff names no migration files to apply.", "handoff", PhaseName.Ops)
                : context.Result(Rule, GateOutcome.Pass, "migrations", h.Migrations.Count + " migration(s) to apply.", "handoff.migrations", PhaseName.Ops);

            var noExpect = h.SmokeTests.Select((s, i) => (s, i)).Where(x => string.IsNullOrWhiteSpace(x.s.Expect)).ToList();
            if (h.SmokeTests.Count == 0)
                yield return context.Result(Rule, GateOutcome.Fail, "smokeTests", "The handoff has no smoke-test sequence.", "handoff", PhaseName.Ops);
            else if (noExpect.Count > 0)
                yield return context.Result(Rule, GateOutcome.Fail, "smokeTests", "Smoke test step(s) without an expected result: " + PlanKeys.List(noExpect.Select(x => (x.i + 1) + ". " + x.s.Action)) + ".",
                    PlanKeys.Index("handoff.smokeTests", noExpect[0].i), PhaseName.Ops);
            else
                yield return context.Result(Rule, GateOutcome.Pass, "smokeTests", h.SmokeTests.Count + " ordered smoke test step(s), each with its expectation.", "handoff.smokeTests", PhaseName.Ops);
        }
    }

    /// <summary>RP.Handoff.NoSecretValues: one Fail per key holding a secret-looking value, or one Pass.</summary>
    internal sealed class NoSecretValuesRule : IGateRule
    {
        /// <summary>The rule's id, texts, phases and needs, as <c>Get-RolloutRule</c> lists them.</summary>
        public static readonly RolloutRule Info = new RolloutRule("RP.Handoff.NoSecretValues", RuleSeverity.Error,
            "No secret-looking value anywhere in the plan.",
            "Plan files are committed: no value in the plan may look like a credential (API tokens, keys, private keys, JWTs, long random strings), and an env var marked secret never has a value. The message names the key and the kind of secret, never the value.",
            "Remove the value from the plan, rotate the credential if it was ever committed, and keep it in the env files named by the handoff.",
            false, RulePhases.Ops);

        public RolloutRule Rule => Info;

        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            int found = 0;
            for (int i = 0; i < context.Plan.Handoff.Env.Count; i++)
            {
                var e = context.Plan.Handoff.Env[i];
                if (e.Secret && !string.IsNullOrEmpty(e.Value))
                {
                    found++;
                    var key = PlanKeys.Index("handoff.env", i) + ".value";
                    yield return context.Result(Rule, GateOutcome.Fail, key, "Env var " + e.Name + " is marked secret but the plan holds a value for it.", key, PhaseName.Ops);
                }
            }
            foreach (var (key, text) in PlanText.Strings(context.Plan))
            {
                var finding = SecretDetector.Detect(text);
                if (!finding.Found) continue;
                found++;
                yield return context.Result(Rule, GateOutcome.Fail, key, key + " holds what looks like " + finding.Description + ".", key, PhaseName.Ops);
            }
            if (found == 0)
                yield return context.Result(Rule, GateOutcome.Pass, "plan", "No value in the plan looks like a secret.", "", PhaseName.Ops);
        }
    }

    /// <summary>Every text value of a plan with its plan-file key path (camelCase, [i] for list items).</summary>
    internal static class PlanText
    {
        public static IEnumerable<(string Key, string Text)> Strings(RolloutPlan plan) => Walk(plan, "");

        private static IEnumerable<(string, string)> Walk(object? value, string path)
        {
            switch (value)
            {
                case null: yield break;
                case string s: yield return (path, s); yield break;
                case IList list:
                    for (int i = 0; i < list.Count; i++)
                        foreach (var x in Walk(list[i], path + "[" + i + "]")) yield return x;
                    yield break;
            }
            // Plan objects: walk their file keys, as the plan file has them.
            if (value.GetType().Namespace != typeof(RolloutPlan).Namespace || value is RateLimit) yield break;
            foreach (var property in PlanType.Of(value.GetType()).Properties)
            {
                if (property.Kind != PlanValueKind.Text && property.Kind != PlanValueKind.Object
                    && !(property.Kind == PlanValueKind.List && (property.ItemKind == PlanValueKind.Text || property.ItemKind == PlanValueKind.Object))) continue;
                foreach (var x in Walk(property.Get(value), path.Length == 0 ? property.Key : path + "." + property.Key)) yield return x;
            }
        }
    }
}
