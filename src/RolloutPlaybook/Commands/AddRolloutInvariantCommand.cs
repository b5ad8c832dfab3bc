using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;
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
    public sealed class AddRolloutInvariantCommand : PlanEditCmdlet
    {
        private static readonly string[] ReadingWords = { "select", "with", "values", "table" };

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

        /// <summary>Replace an invariant with the same id (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add invariant '" + Id + "'";

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            var sql = Sql.Trim();
            var refusal = InvariantSql.Refusal(sql);
            if (refusal != null && refusal.Kind != LiveQueryFailure.Error && refusal.Kind != LiveQueryFailure.RefusedWrite)
                throw new RolloutException("InvariantNotAQuery", RolloutErrorKind.InvalidArgument,
                    "Invariant '" + Id + "' cannot be run by the gate: " + refusal.Message.Replace(", and nothing of it was run", "").Replace(", so it was not sent", "") + ". An invariant is one SELECT that returns the rows that break it.", Id);
            var invariant = new PlanInvariant { Id = Id, Description = Description, Sql = sql };
            PlanAuthoring.AddOrReplace(plan.Invariants, invariant, i => i.Id == Id, Force,
                () => new RolloutException("RolloutInvariantExists", RolloutErrorKind.ResourceExists,
                    "Plan '" + plan.Connector + "' already has invariant '" + Id + "'; use -Force to replace it.", Id));
            var first = InvariantSql.FirstKeyword(sql);
            if (!ReadingWords.Contains(first))
                WriteWarning("Invariant '" + Id + "' starts with '" + first.ToUpperInvariant() + "', not SELECT: the gate does not send it, and RP.Db.Invariants warns instead of checking anything.");
            else if (refusal != null && refusal.Kind == LiveQueryFailure.RefusedWrite)
                WriteWarning("Invariant '" + Id + "' will not be run by the gate: " + refusal.Message.Replace(", so it was not sent", "") + "; RP.Db.Invariants warns instead of checking anything.");
        }
    }
}
