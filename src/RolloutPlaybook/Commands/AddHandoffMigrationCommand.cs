using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a migration file to apply to the Manual Setup Handoff (a .sql file inside the repository).</summary>
    [Cmdlet(VerbsCommon.Add, "HandoffMigration", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffMigrationCommand : PlanEditorCmdlet
    {
        /// <summary>A migration file to apply, relative to the repository root.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Migration { get; set; } = "";

        protected override PlanEdit CreateEdit() => new AddHandoffMigrationEdit { Path = Migration };
    }
}
