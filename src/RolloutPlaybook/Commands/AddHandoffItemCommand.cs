using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Adds an entry to the Manual Setup Handoff: an env var, a scope, a migration, a smoke test or an external
    /// app step (one parameter set each). A secret env var never has a value in the plan: there is no parameter
    /// for one, and -Value is refused with -Secret.
    /// </summary>
    /// <remarks>
    /// PowerShell parameter sets do not combine, so each kind of entry has three sets: the plan from the pipeline
    /// (EnvVar), a plan file (EnvVarPath) and a literal plan file (EnvVarLiteralPath).
    /// </remarks>
    [Cmdlet(VerbsCommon.Add, "HandoffItem", SupportsShouldProcess = true, DefaultParameterSetName = EnvVarSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffItemCommand : PlanEditingCmdlet
    {
        /// <summary>Handoff values are where credentials get pasted: long random strings count as secrets too.</summary>
        protected override bool ChecksRandomStrings => true;

        private const string EnvVarSet = "EnvVar";
        private const string EnvVarPathSet = "EnvVarPath";
        private const string EnvVarLiteralSet = "EnvVarLiteralPath";
        private const string ScopeSet = "Scope";
        private const string ScopePathSet = "ScopePath";
        private const string ScopeLiteralSet = "ScopeLiteralPath";
        private const string MigrationSet = "Migration";
        private const string MigrationPathSet = "MigrationPath";
        private const string MigrationLiteralSet = "MigrationLiteralPath";
        private const string SmokeTestSet = "SmokeTest";
        private const string SmokeTestPathSet = "SmokeTestPath";
        private const string SmokeTestLiteralSet = "SmokeTestLiteralPath";
        private const string StepSet = "ExternalAppStep";
        private const string StepPathSet = "ExternalAppStepPath";
        private const string StepLiteralSet = "ExternalAppStepLiteralPath";

        /// <summary>The plan to change; it is changed in place and written to the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EnvVarSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ScopeSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MigrationSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SmokeTestSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = StepSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The plan file(s) to edit in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvVarPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScopePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = MigrationPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = SmokeTestPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = StepPathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>The plan file(s) to edit in place, taken literally.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EnvVarLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ScopeLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = MigrationLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SmokeTestLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = StepLiteralSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>An environment variable name: upper-case letters, digits and '_'.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnvVarSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnvVarPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = EnvVarLiteralSet)]
        [ValidatePlanName(PlanPatterns.EnvVar, PlanNameRules.EnvVar)]
        public string EnvVar { get; set; } = "";

        /// <summary>The variable is a secret: its value is never stored.</summary>
        [Parameter(ParameterSetName = EnvVarSet)]
        [Parameter(ParameterSetName = EnvVarPathSet)]
        [Parameter(ParameterSetName = EnvVarLiteralSet)]
        public SwitchParameter Secret { get; set; }

        /// <summary>Where to set it locally (.env.local).</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvVarSet)]
        [Parameter(Mandatory = true, ParameterSetName = EnvVarPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = EnvVarLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Local { get; set; } = "";

        /// <summary>Where to set it for deployments.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvVarSet)]
        [Parameter(Mandatory = true, ParameterSetName = EnvVarPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = EnvVarLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Deploy { get; set; } = "";

        [Parameter(ParameterSetName = EnvVarSet)]
        [Parameter(ParameterSetName = EnvVarPathSet)]
        [Parameter(ParameterSetName = EnvVarLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string? Purpose { get; set; }

        /// <summary>An example value for a non-secret variable.</summary>
        [Parameter(ParameterSetName = EnvVarSet)]
        [Parameter(ParameterSetName = EnvVarPathSet)]
        [Parameter(ParameterSetName = EnvVarLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string? Value { get; set; }

        /// <summary>A scope or permission the external app needs.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScopeSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScopePathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScopeLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Scope { get; set; } = "";

        /// <summary>Why the scope is needed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ScopeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScopePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScopeLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = "";

        /// <summary>A migration file to apply, relative to the repository root.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = MigrationSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = MigrationPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = MigrationLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Migration { get; set; } = "";

        /// <summary>A smoke-test action, in the order they are run.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SmokeTestSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SmokeTestPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SmokeTestLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string SmokeTest { get; set; } = "";

        /// <summary>What the smoke test must show.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SmokeTestSet)]
        [Parameter(Mandatory = true, ParameterSetName = SmokeTestPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = SmokeTestLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Expect { get; set; } = "";

        /// <summary>A step of creating the external app, in order.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StepSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StepPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StepLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string ExternalAppStep { get; set; } = "";

        /// <summary>With a file: write the updated plan to the pipeline too.</summary>
        [Parameter(ParameterSetName = EnvVarPathSet)]
        [Parameter(ParameterSetName = EnvVarLiteralSet)]
        [Parameter(ParameterSetName = ScopePathSet)]
        [Parameter(ParameterSetName = ScopeLiteralSet)]
        [Parameter(ParameterSetName = MigrationPathSet)]
        [Parameter(ParameterSetName = MigrationLiteralSet)]
        [Parameter(ParameterSetName = SmokeTestPathSet)]
        [Parameter(ParameterSetName = SmokeTestLiteralSet)]
        [Parameter(ParameterSetName = StepPathSet)]
        [Parameter(ParameterSetName = StepLiteralSet)]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Replace an env var or scope with the same name (and, with a file, rewrite it even if it has comments).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private string Kind => ParameterSetName.EndsWith("LiteralPath", StringComparison.Ordinal)
            ? ParameterSetName.Substring(0, ParameterSetName.Length - "LiteralPath".Length)
            : ParameterSetName.EndsWith("Path", StringComparison.Ordinal) ? ParameterSetName.Substring(0, ParameterSetName.Length - "Path".Length) : ParameterSetName;

        protected override string Action
        {
            get
            {
                switch (Kind)
                {
                    case EnvVarSet: return "Add handoff env var '" + EnvVar + "'";
                    case ScopeSet: return "Add handoff scope '" + Scope + "'";
                    case MigrationSet: return "Add handoff migration '" + Migration + "'";
                    case SmokeTestSet: return "Add handoff smoke test '" + SmokeTest + "'";
                    default: return "Add external app step '" + ExternalAppStep + "'";
                }
            }
        }

        protected override bool ForceRewrite => Force;

        protected override void ProcessRecord()
        {
            if (ParameterSetName.EndsWith("LiteralPath", StringComparison.Ordinal)) EditFiles(LiteralPath, literal: true, PassThru);
            else if (ParameterSetName.EndsWith("Path", StringComparison.Ordinal)) EditFiles(Path, literal: false, PassThru);
            else EditPipelinePlan(Plan);
        }

        protected override void Edit(RolloutPlan plan)
        {
            var handoff = plan.Handoff;
            switch (Kind)
            {
                case EnvVarSet:
                    if (Secret && Value != null)
                        throw new RolloutException("SecretValueNotAllowed", RolloutErrorKind.SecurityError,
                            "Env var '" + EnvVar + "' is a secret: its value never goes into the plan (set it in " + Local + " and " + Deploy + "); drop -Value.", EnvVar);
                    var env = new HandoffEnvVar { Name = EnvVar, Secret = Secret, Purpose = Purpose, Local = Local, Deploy = Deploy, Value = Value };
                    PlanAuthoring.AddOrReplace(handoff.Env, env, e => e.Name == EnvVar, Force,
                        () => new RolloutException("HandoffEnvVarExists", RolloutErrorKind.ResourceExists,
                            "The handoff already has env var '" + EnvVar + "'; use -Force to replace it.", EnvVar));
                    break;
                case ScopeSet:
                    var scope = new HandoffScope { Name = Scope, Reason = Reason };
                    PlanAuthoring.AddOrReplace(handoff.Scopes, scope, s => s.Name == Scope, Force,
                        () => new RolloutException("HandoffScopeExists", RolloutErrorKind.ResourceExists,
                            "The handoff already has scope '" + Scope + "'; use -Force to replace it.", Scope));
                    if (!plan.Intake.SourceLimits.Scopes.Contains(Scope))
                        WriteWarning("Scope '" + Scope + "' is not among the intake scopes: RP.Docs.ScopesMatch fails until both lists agree (Set-RolloutPlan -Scope).");
                    break;
                case MigrationSet:
                    PlanAuthoring.ValidateMigrationPath(Migration);
                    var migration = Migration.Replace('\\', '/');
                    if (handoff.Migrations.Contains(migration))
                        throw new RolloutException("HandoffMigrationExists", RolloutErrorKind.ResourceExists,
                            "The handoff already lists migration '" + migration + "'.", migration);
                    handoff.Migrations.Add(migration);
                    break;
                case SmokeTestSet:
                    handoff.SmokeTests.Add(new SmokeTest { Action = SmokeTest, Expect = Expect });
                    break;
                default:
                    handoff.ExternalApp.Add(ExternalAppStep);
                    break;
            }
        }
    }
}
