using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
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
    public sealed class RemoveHandoffItemCommand : PlanEditorCmdlet
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

        protected override PlanEdit CreateEdit() => new RemoveHandoffItemsEdit
        {
            EnvVars = PlanRemoveCmdlet.PatternList(EnvVar),
            Scopes = PlanRemoveCmdlet.PatternList(Scope),
            Migrations = PlanRemoveCmdlet.PatternList(Migration),
            SmokeTests = PlanRemoveCmdlet.PatternList(SmokeTest),
            AppSteps = PlanRemoveCmdlet.PatternList(ExternalAppStep),
        };
    }
}
