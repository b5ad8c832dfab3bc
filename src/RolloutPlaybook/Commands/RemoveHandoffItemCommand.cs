using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Removes items of the Manual Setup Handoff: environment variables, scopes, migrations, smoke tests and external-app
    /// steps, named with the same parameters as the <c>Add-Handoff*</c> cmdlets (any of them together; wildcards allowed).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "HandoffItem", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveHandoffItemCommand : PlanRemoveCmdlet
    {
        /// <summary>Environment variable names to remove.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HandoffItemCompleter))]
        public string[]? EnvVar { get; set; }

        /// <summary>Scopes to remove.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HandoffItemCompleter))]
        public string[]? Scope { get; set; }

        /// <summary>Migration paths to remove.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HandoffItemCompleter))]
        public string[]? Migration { get; set; }

        /// <summary>Smoke tests (their action, e.g. 'GET /api/slack/health') to remove.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HandoffItemCompleter))]
        public string[]? SmokeTest { get; set; }

        /// <summary>External-app setup steps to remove.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HandoffItemCompleter))]
        public string[]? ExternalAppStep { get; set; }

        protected override string Action
            => "Remove handoff " + string.Join("; ", Named().Select(n => n.Key + " " + Quoted(n.Value)));

        private IEnumerable<KeyValuePair<string, string[]>> Named()
        {
            if (EnvVar != null) yield return new KeyValuePair<string, string[]>("env var", EnvVar);
            if (Scope != null) yield return new KeyValuePair<string, string[]>("scope", Scope);
            if (Migration != null) yield return new KeyValuePair<string, string[]>("migration", Migration);
            if (SmokeTest != null) yield return new KeyValuePair<string, string[]>("smoke test", SmokeTest);
            if (ExternalAppStep != null) yield return new KeyValuePair<string, string[]>("external-app step", ExternalAppStep);
        }

        protected override void Edit(RolloutPlan plan)
        {
            if (!Named().Any())
                throw new RolloutException("HandoffItemRequired", RolloutErrorKind.InvalidArgument,
                    "Say which handoff items to remove: -EnvVar, -Scope, -Migration, -SmokeTest or -ExternalAppStep.");
            // Check every name before anything changes: a failed edit leaves the plan as it was.
            var copy = new SetupHandoff
            {
                Env = plan.Handoff.Env.ToList(), Scopes = plan.Handoff.Scopes.ToList(), Migrations = plan.Handoff.Migrations.ToList(),
                SmokeTests = plan.Handoff.SmokeTests.ToList(), ExternalApp = plan.Handoff.ExternalApp.ToList(),
            };
            var c = plan.Connector;
            Removed("env var", PlanRemoval.Remove(copy.Env, e => e.Name, Patterns(EnvVar), "HandoffItemNotFound", "handoff env var", c));
            Removed("scope", PlanRemoval.Remove(copy.Scopes, s => s.Name, Patterns(Scope), "HandoffItemNotFound", "handoff scope", c));
            Removed("migration", PlanRemoval.Remove(copy.Migrations, m => m, Patterns(Migration), "HandoffItemNotFound", "handoff migration", c));
            Removed("smoke test", PlanRemoval.Remove(copy.SmokeTests, s => s.Action, Patterns(SmokeTest), "HandoffItemNotFound", "smoke test", c));
            Removed("external-app step", PlanRemoval.Remove(copy.ExternalApp, s => s, Patterns(ExternalAppStep), "HandoffItemNotFound", "external-app step", c));
            plan.Handoff.Env = copy.Env; plan.Handoff.Scopes = copy.Scopes; plan.Handoff.Migrations = copy.Migrations;
            plan.Handoff.SmokeTests = copy.SmokeTests; plan.Handoff.ExternalApp = copy.ExternalApp;
        }
    }
}
