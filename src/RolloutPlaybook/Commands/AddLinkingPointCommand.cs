using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a row of the mapping matrix: an entity_external_ids source, its entity and cardinality.</summary>
    [Cmdlet(VerbsCommon.Add, "LinkingPoint", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddLinkingPointCommand : PlanEditorCmdlet
    {
        /// <summary>The entity_external_ids.source value: lower-case letters, digits and '_'.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidatePlanName(PlanPatterns.Source, PlanNameRules.Source)]
        [ArgumentCompleter(typeof(SourceCompleter))]
        public string Source { get; set; } = "";

        /// <summary>The internal entity type (entity_type) the source links to.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Entity { get; set; } = "";

        /// <summary>1:1 or 1:N (also OneToOne, OneToMany).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [PlanEnumTransformation(typeof(Cardinality))]
        [ArgumentCompleter(typeof(PlanValueCompleter<Cardinality>))]
        public Cardinality Cardinality { get; set; }

        /// <summary>What the external id is (e.g. "Slack user ID (U…)").</summary>
        [Parameter]
        public string? ExternalId { get; set; }

        /// <summary>db (a partial unique index) or app; default: db for 1:1, app for 1:N.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(EnforcedIn))]
        [ArgumentCompleter(typeof(PlanValueCompleter<EnforcedIn>))]
        public EnforcedIn EnforcedIn { get; set; }

        [Parameter]
        public string? Purpose { get; set; }

        /// <summary>Keys kept in entity_external_ids.metadata.</summary>
        [Parameter]
        public string[]? Metadata { get; set; }

        /// <summary>How a remap avoids stale attribution.</summary>
        [Parameter]
        public string? Remap { get; set; }

        /// <summary>The app's own table that keeps this link when it is not the identity table (e.g. slack_alert_channels).</summary>
        [Parameter]
        [ValidatePattern(PlanPatterns.SqlName, Options = RegexOptions.None)]
        public string? Table { get; set; }

        /// <summary>The columns of -Table that identify one link (a 1:1 + db link is enforced by a UNIQUE on exactly these).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[A-Za-z_][A-Za-z0-9_]*$", Options = RegexOptions.None)]
        public string[]? Key { get; set; }


        protected override PlanEdit CreateEdit() => new AddLinkingPointEdit
        {
            Source = Source, Entity = Entity, Cardinality = Cardinality, ExternalId = ExternalId, Purpose = Purpose,
            EnforcedIn = MyInvocation.BoundParameters.ContainsKey(nameof(EnforcedIn)) ? EnforcedIn : (EnforcedIn?)null,
            Metadata = Metadata, Remap = Remap, Table = Table, Key = Key,
        };

    }
}
