using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Adds an invariant: a read-only query that returns the rows breaking a fact the live database must hold
    /// (SPEC §10). <c>Test-RolloutGate -Database</c> runs it (RP.Db.Invariants) and fails when it returns rows.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "RolloutInvariant", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutInvariantCommand : PlanEditorCmdlet
    {

        /// <summary>The invariant's id (no-stale-attribution).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePattern(PlanPatterns.Identifier, Options = RegexOptions.None)]
        [ArgumentCompleter(typeof(InvariantIdCompleter))]
        public string Id { get; set; } = "";

        /// <summary>One SELECT that returns the rows breaking the invariant (no rows: it holds).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Sql { get; set; } = "";

        /// <summary>What the invariant promises, in words.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Description { get; set; }


        protected override PlanEdit CreateEdit() => new AddInvariantEdit { Id = Id, Sql = Sql, Description = Description };

    }
}
