using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds a row of the mapping matrix: an entity_external_ids source, its entity and cardinality.</summary>
    [Cmdlet(VerbsCommon.Add, "LinkingPoint", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddLinkingPointCommand : PlanEditCmdlet
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

        /// <summary>Replace a linking point with the same source (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string Action => "Add linking point '" + Source + "'";

        protected override bool ForceRewrite => Force;

        protected override void Edit(RolloutPlan plan)
        {
            int existing = plan.LinkingPoints.FindIndex(lp => lp.Source == Source);
            if (existing >= 0 && !Force)
                throw new RolloutException("LinkingPointExists", RolloutErrorKind.ResourceExists,
                    "Plan '" + plan.Connector + "' already has linking point '" + Source + "'; use -Force to replace it.", Source);
            if ((Table == null) != (Key == null))
                throw new RolloutException("InvalidLinkingPoint", RolloutErrorKind.InvalidArgument,
                    "Linking point '" + Source + "': -Table and -Key go together (the app's own table and the columns that identify one link).", Source);
            var enforcedIn = MyInvocation.BoundParameters.ContainsKey(nameof(EnforcedIn))
                ? EnforcedIn
                : Cardinality == Cardinality.OneToOne ? EnforcedIn.Db : EnforcedIn.App;
            if (Cardinality == Cardinality.OneToMany && enforcedIn == EnforcedIn.Db)
                WriteWarning("Linking point '" + Source + "' is 1:N but enforced in the DB: a partial unique index on it would reject its second mapping (RP.Map.OneToOneEnforced fails).");
            var point = new LinkingPoint
            {
                Source = Source,
                Purpose = Purpose,
                ExternalId = ExternalId,
                Entity = Entity,
                Cardinality = Cardinality,
                EnforcedIn = enforcedIn,
                Remap = Remap,
                Table = Table,
            };
            if (Key != null) point.Key.AddRange(Key.Distinct());
            if (Metadata != null) point.Metadata.AddRange(Metadata.Where(m => !string.IsNullOrEmpty(m)));
            if (existing >= 0) plan.LinkingPoints[existing] = point;
            else plan.LinkingPoints.Add(point);
        }
    }
}
