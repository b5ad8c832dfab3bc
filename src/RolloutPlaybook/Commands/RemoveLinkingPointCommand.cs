using System;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Removes linking points (rows of the mapping matrix) by source; wildcards allowed.</summary>
    [Cmdlet(VerbsCommon.Remove, "LinkingPoint", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class RemoveLinkingPointCommand : PlanEditorCmdlet
    {
        /// <summary>The sources to remove; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SourceCompleter))]
        public string[] Source { get; set; } = Array.Empty<string>();

        protected override PlanEdit CreateEdit() => new RemoveLinkingPointsEdit { Sources = PlanRemoveCmdlet.Patterns(Source).ToList() };
    }
}
