using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace RolloutPlaybook.Core.Errors
{
    /// <summary>
    /// Every ErrorId the module raises, each with its one kind (the PowerShell ErrorCategory it becomes). A
    /// <see cref="RolloutException"/> takes its kind from here, so an id always comes with the same category.
    /// Users read the list in docs/help/about_RolloutPlaybook_Errors.md; ErrorIdCatalogueTests keep the three in step.
    /// </summary>
    public static class ErrorIds
    {
        // InvalidData
        [Kind(RolloutErrorKind.InvalidData)] public const string AgentTaskCycle = nameof(AgentTaskCycle);
        [Kind(RolloutErrorKind.InvalidData)] public const string AgentTaskDuplicate = nameof(AgentTaskDuplicate);
        [Kind(RolloutErrorKind.InvalidData)] public const string AgentTaskIdMissing = nameof(AgentTaskIdMissing);
        [Kind(RolloutErrorKind.InvalidData)] public const string AgentTaskUnknownDependency = nameof(AgentTaskUnknownDependency);
        [Kind(RolloutErrorKind.InvalidData)] public const string RolloutPlanInvalid = nameof(RolloutPlanInvalid);
        [Kind(RolloutErrorKind.InvalidData)] public const string TemplateFailed = nameof(TemplateFailed);
        [Kind(RolloutErrorKind.InvalidData)] public const string TemplateInvalid = nameof(TemplateInvalid);

        // InvalidArgument
        [Kind(RolloutErrorKind.InvalidArgument)] public const string AgentPromptScopeConflict = nameof(AgentPromptScopeConflict);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string AgentTaskDependsOnItself = nameof(AgentTaskDependsOnItself);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string AgentWavesOutputConflict = nameof(AgentWavesOutputConflict);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string AmbiguousRoute = nameof(AmbiguousRoute);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string DatabaseConnectionAmbiguous = nameof(DatabaseConnectionAmbiguous);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string DatabaseConnectionStringInvalid = nameof(DatabaseConnectionStringInvalid);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string DatabaseConnectionStringRequired = nameof(DatabaseConnectionStringRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string DocumentPathIsFolder = nameof(DocumentPathIsFolder);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string EvidenceRequired = nameof(EvidenceRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string GateOutputPathRequired = nameof(GateOutputPathRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string HandoffItemKindRequired = nameof(HandoffItemKindRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string HandoffItemParameterMismatch = nameof(HandoffItemParameterMismatch);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string HandoffItemParameterMissing = nameof(HandoffItemParameterMissing);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string HandoffItemRequired = nameof(HandoffItemRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidConnectorName = nameof(InvalidConnectorName);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidLinkingPoint = nameof(InvalidLinkingPoint);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidMigrationPath = nameof(InvalidMigrationPath);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidRepositorySetting = nameof(InvalidRepositorySetting);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidRolloutNote = nameof(InvalidRolloutNote);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidRoutePath = nameof(InvalidRoutePath);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvalidRouteWrite = nameof(InvalidRouteWrite);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string InvariantNotAQuery = nameof(InvariantNotAQuery);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string OnConflictRequired = nameof(OnConflictRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string PathNotFileSystem = nameof(PathNotFileSystem);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RolloutNoteRequired = nameof(RolloutNoteRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RolloutPlanPathRequired = nameof(RolloutPlanPathRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RouteMethodRequired = nameof(RouteMethodRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RoutePathOutsideRouteBase = nameof(RoutePathOutsideRouteBase);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RoutePatternInvalid = nameof(RoutePatternInvalid);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string RouteRequired = nameof(RouteRequired);
        [Kind(RolloutErrorKind.InvalidArgument)] public const string TemplateNotSupported = nameof(TemplateNotSupported);

        // ObjectNotFound
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string AgentRoleNotFound = nameof(AgentRoleNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string AgentTaskDependencyNotFound = nameof(AgentTaskDependencyNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string AgentTaskNotFound = nameof(AgentTaskNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string AgentWaveNotFound = nameof(AgentWaveNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string DatabaseConnectionStringVariableNotSet = nameof(DatabaseConnectionStringVariableNotSet);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string DatabaseNotFound = nameof(DatabaseNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string GateRuleNotFound = nameof(GateRuleNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string GateWaiverNotFound = nameof(GateWaiverNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string HandoffItemNotFound = nameof(HandoffItemNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string LinkingPointNotFound = nameof(LinkingPointNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RepositoryNotFound = nameof(RepositoryNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutInvariantNotFound = nameof(RolloutInvariantNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutMetricNotFound = nameof(RolloutMetricNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutNoteNotFound = nameof(RolloutNoteNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutPlanNotFound = nameof(RolloutPlanNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutRouteNotFound = nameof(RolloutRouteNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RolloutRuleNotFound = nameof(RolloutRuleNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string RouteWriteNotFound = nameof(RouteWriteNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string TemplateNotFound = nameof(TemplateNotFound);
        [Kind(RolloutErrorKind.ObjectNotFound)] public const string ValidationCheckNotFound = nameof(ValidationCheckNotFound);

        // ResourceExists
        [Kind(RolloutErrorKind.ResourceExists)] public const string AgentTaskExists = nameof(AgentTaskExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string DocumentExists = nameof(DocumentExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string GateWaiverExists = nameof(GateWaiverExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string HandoffEnvVarExists = nameof(HandoffEnvVarExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string HandoffMigrationExists = nameof(HandoffMigrationExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string HandoffScopeExists = nameof(HandoffScopeExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string LinkingPointExists = nameof(LinkingPointExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string RolloutInvariantExists = nameof(RolloutInvariantExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string RolloutMetricExists = nameof(RolloutMetricExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string RolloutNoteExists = nameof(RolloutNoteExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string RolloutPlanFileExists = nameof(RolloutPlanFileExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string RolloutRouteExists = nameof(RolloutRouteExists);
        [Kind(RolloutErrorKind.ResourceExists)] public const string ValidationCheckExists = nameof(ValidationCheckExists);

        // InvalidOperation
        [Kind(RolloutErrorKind.InvalidOperation)] public const string AgentTaskHasDependents = nameof(AgentTaskHasDependents);
        [Kind(RolloutErrorKind.InvalidOperation)] public const string RolloutPlanChangedOnDisk = nameof(RolloutPlanChangedOnDisk);
        [Kind(RolloutErrorKind.InvalidOperation)] public const string RolloutPlanHasComments = nameof(RolloutPlanHasComments);
        [Kind(RolloutErrorKind.InvalidOperation)] public const string RolloutPlanLocked = nameof(RolloutPlanLocked);

        // WriteError
        [Kind(RolloutErrorKind.WriteError)] public const string DocumentWriteFailed = nameof(DocumentWriteFailed);
        [Kind(RolloutErrorKind.WriteError)] public const string GateReportWriteFailed = nameof(GateReportWriteFailed);
        [Kind(RolloutErrorKind.WriteError)] public const string RolloutPlanWriteFailed = nameof(RolloutPlanWriteFailed);

        // ReadError
        [Kind(RolloutErrorKind.ReadError)] public const string DocumentReadFailed = nameof(DocumentReadFailed);
        [Kind(RolloutErrorKind.ReadError)] public const string RolloutPlanReadFailed = nameof(RolloutPlanReadFailed);

        // LimitsExceeded
        [Kind(RolloutErrorKind.LimitsExceeded)] public const string TemplateLimitExceeded = nameof(TemplateLimitExceeded);
        [Kind(RolloutErrorKind.LimitsExceeded)] public const string TemplateOutputTooLarge = nameof(TemplateOutputTooLarge);
        [Kind(RolloutErrorKind.LimitsExceeded)] public const string TemplateTimeout = nameof(TemplateTimeout);

        // SecurityError
        [Kind(RolloutErrorKind.SecurityError)] public const string PathOutsideRepository = nameof(PathOutsideRepository);
        [Kind(RolloutErrorKind.SecurityError)] public const string SecretLikeValue = nameof(SecretLikeValue);
        [Kind(RolloutErrorKind.SecurityError)] public const string SecretValueNotAllowed = nameof(SecretValueNotAllowed);

        // PermissionDenied
        [Kind(RolloutErrorKind.PermissionDenied)] public const string DocumentReadOnly = nameof(DocumentReadOnly);
        [Kind(RolloutErrorKind.PermissionDenied)] public const string RolloutPlanReadOnly = nameof(RolloutPlanReadOnly);

        // ConnectionError
        [Kind(RolloutErrorKind.ConnectionError)] public const string DatabaseConnectionFailed = nameof(DatabaseConnectionFailed);
        [Kind(RolloutErrorKind.ConnectionError)] public const string DatabaseConnectionLost = nameof(DatabaseConnectionLost);
        [Kind(RolloutErrorKind.ConnectionError)] public const string DatabaseUnreachable = nameof(DatabaseUnreachable);

        // AuthenticationError
        [Kind(RolloutErrorKind.AuthenticationError)] public const string DatabaseAuthenticationFailed = nameof(DatabaseAuthenticationFailed);

        // OperationTimeout
        [Kind(RolloutErrorKind.OperationTimeout)] public const string DatabaseTimeout = nameof(DatabaseTimeout);

        /// <summary>The kind of <paramref name="errorId"/>; an id missing from the catalogue is an <see cref="ArgumentException"/>.</summary>
        public static RolloutErrorKind KindOf(string errorId)
            => Table.TryGetValue(errorId, out var kind) ? kind : throw new ArgumentException("'" + errorId + "' is not in the ErrorIds catalogue.", nameof(errorId));

        /// <summary>Every id with its kind, in ordinal order of the id.</summary>
        public static IReadOnlyDictionary<string, RolloutErrorKind> All => Table;

        private static readonly SortedDictionary<string, RolloutErrorKind> Table = new SortedDictionary<string, RolloutErrorKind>(
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .ToDictionary(f => (string)f.GetRawConstantValue()!, f => f.GetCustomAttribute<KindAttribute>()!.Kind, StringComparer.Ordinal),
            StringComparer.Ordinal);

        /// <summary>The kind of the id it stands on.</summary>
        [AttributeUsage(AttributeTargets.Field)]
        private sealed class KindAttribute : Attribute
        {
            public KindAttribute(RolloutErrorKind kind) => Kind = kind;
            public RolloutErrorKind Kind { get; }
        }
    }
}
