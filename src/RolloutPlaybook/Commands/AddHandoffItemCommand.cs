using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Deprecated: the one cmdlet for every kind of handoff entry, kept so scripts that use it go on working. Each kind
    /// has its own cmdlet now (Add-HandoffEnvVar, Add-HandoffScope, Add-HandoffMigration, Add-HandoffSmokeTest,
    /// Add-HandoffAppStep), with only its own parameters; this one takes the parameters of all of them, makes the same
    /// edit as the cmdlet of the kind given, and says which cmdlet to use instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "HandoffItem", SupportsShouldProcess = true, DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddHandoffItemCommand : PlanEditorCmdlet
    {
        private bool warned;

        [Parameter(Position = 0)]
        [ValidatePlanName(PlanPatterns.EnvVar, PlanNameRules.EnvVar)]
        public string? EnvVar { get; set; }

        [Parameter]
        public SwitchParameter Secret { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Local { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Deploy { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Purpose { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Value { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Scope { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Reason { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Migration { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SmokeTest { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Expect { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExternalAppStep { get; set; }

        private static readonly Dictionary<string, string> CmdletOf = new Dictionary<string, string>
        {
            { nameof(EnvVar), "Add-HandoffEnvVar" }, { nameof(Scope), "Add-HandoffScope" }, { nameof(Migration), "Add-HandoffMigration" },
            { nameof(SmokeTest), "Add-HandoffSmokeTest" }, { nameof(ExternalAppStep), "Add-HandoffAppStep" },
        };

        /// <summary>The parameters each kind takes besides its own; any other is an error, as a parameter set would make it.</summary>
        private static readonly Dictionary<string, string[]> Companions = new Dictionary<string, string[]>
        {
            { nameof(EnvVar), new[] { nameof(Secret), nameof(Local), nameof(Deploy), nameof(Purpose), nameof(Value) } },
            { nameof(Scope), new[] { nameof(Reason) } },
            { nameof(Migration), Array.Empty<string>() },
            { nameof(SmokeTest), new[] { nameof(Expect) } },
            { nameof(ExternalAppStep), Array.Empty<string>() },
        };

        protected override PlanEdit CreateEdit()
        {
            var bound = MyInvocation.BoundParameters;
            var kinds = CmdletOf.Keys.Where(bound.ContainsKey).ToList();
            if (kinds.Count != 1)
                throw new RolloutException(ErrorIds.HandoffItemKindRequired,
                    (kinds.Count == 0 ? "Say what to add" : "Add one kind of entry at a time") +
                    ": -EnvVar, -Scope, -Migration, -SmokeTest or -ExternalAppStep (or the cmdlet of that kind: " + string.Join(", ", CmdletOf.Values) + ").");
            var kind = kinds[0];
            var stray = Companions.Values.SelectMany(c => c).Distinct().Where(p => bound.ContainsKey(p) && !Companions[kind].Contains(p)).ToList();
            if (stray.Count > 0)
                throw new RolloutException(ErrorIds.HandoffItemParameterMismatch,
                    "-" + string.Join(", -", stray) + " does not go with -" + kind + " (" + CmdletOf[kind] + " lists what does).");
            if (!warned)
            {
                warned = true;
                WriteWarning("Add-HandoffItem -" + kind + " is deprecated: use " + CmdletOf[kind] + " (same parameters).");
            }
            switch (kind)
            {
                case nameof(EnvVar):
                    return new AddHandoffEnvVarEdit { Name = EnvVar!, Secret = Secret, Local = Required(Local, nameof(Local), kind), Deploy = Required(Deploy, nameof(Deploy), kind), Purpose = Purpose, Value = Value };
                case nameof(Scope):
                    return new AddHandoffScopeEdit { Name = Scope!, Reason = Required(Reason, nameof(Reason), kind) };
                case nameof(Migration):
                    return new AddHandoffMigrationEdit { Path = Migration! };
                case nameof(SmokeTest):
                    return new AddHandoffSmokeTestEdit { Action = SmokeTest!, Expect = Required(Expect, nameof(Expect), kind) };
                default:
                    return new AddHandoffAppStepEdit { Step = ExternalAppStep! };
            }
        }

        private static string Required(string? value, string name, string kind)
            => value ?? throw new RolloutException(ErrorIds.HandoffItemParameterMissing,
                "-" + kind + " needs -" + name + " (" + CmdletOf[kind] + " -" + kind + " … -" + name + " …).");
    }
}
