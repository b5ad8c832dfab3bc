using System.Collections.Generic;
using System.Linq;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>
    /// The review gate's rules (SPEC §5), with stable ids. Each rule declares its own id and texts once (a rule class's
    /// static <c>Info</c>); the catalogue only lists the rules, in the order <c>Get-RolloutRule</c> and the reports show them.
    /// An explicit list rather than reflection: the order is part of the output, and a new rule is one line here
    /// (a test checks by reflection that every <see cref="IGateRule"/> class is listed).
    /// </summary>
    public static class RuleCatalog
    {
        /// <summary>The evaluated rules in catalogue order (the waiver check runs inside the engine).</summary>
        internal static IReadOnlyList<IGateRule> CreateRules() => new IGateRule[]
        {
            new BuildChecksPassRule(), new SourceDeclaredRule(), new OneToOneEnforcedRule(), new OnConflictDocumentedRule(), new RemapSafeRule(),
            new RestartSafeRule(), new OverlapSafeRule(), new PageCapSafeRule(), new RateBudgetRule(), new NoiseExcludedRule(),
            new RoutesMatchRule(), new GuardedRule(), new BodyValidatedRule(), new MigrationsMatchRule(), new ScopesMatchRule(), new EnvMatchRule(), new DocumentCurrentRule(),
            new HandoffCompleteRule(), new NoSecretValuesRule(), new TeamAcyclicRule(), new TeamOrderRule(), new ChecksDefinedRule(), new OpenQuestionsRule(),
            new MigrationsAppliedRule(), new OneToOneLiveRule(), new NoDuplicateMappingsRule(), new InvariantsRule(),
        };

        /// <summary>Every rule in catalogue order: the evaluated rules, then the engine's own waiver check.</summary>
        public static IReadOnlyList<RolloutRule> All { get; } = CreateRules().Select(r => r.Rule).Append(WaiverBook.ExpiredRule).ToArray();
    }
}
