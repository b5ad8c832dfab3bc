using System.Collections.Generic;
using System.Threading;
using RolloutPlaybook.Model;

// Stand-ins until the repository scanners (Core/Repository) are in this build.
namespace RolloutPlaybook.Core.Gate
{
    public sealed class RepositorySnapshot
    {
        public const bool ScannersAvailable = false;
        public RepositorySnapshot(RolloutPlan plan, string root, CancellationToken cancel) { }
        internal CodeFindings CheckConflictHandling(RolloutRoute route, IReadOnlyList<RouteMethod> methods) => new CodeFindings();
    }

    internal sealed class CodeFindings
    {
        public List<string> Problems { get; } = new List<string>();
        public List<string> Evidence { get; } = new List<string>();
        public string? File { get; set; }
        public int? Line { get; set; }
    }
}

namespace RolloutPlaybook.Core.Gate.Rules
{
    internal abstract class UnavailableRule : IGateRule
    {
        public abstract RolloutRule Rule { get; }
        public IEnumerable<GateResult> Evaluate(GateContext context)
        {
            yield return context.Result(Rule, GateOutcome.Skip, "repository", "Not checked: the repository scanners are not part of this build.", "repository");
        }
    }
    internal sealed class OneToOneEnforcedRule : UnavailableRule { public override RolloutRule Rule => RuleCatalog.MapOneToOneEnforced; }
    internal sealed class RoutesMatchRule : UnavailableRule { public override RolloutRule Rule => RuleCatalog.DocsRoutesMatch; }
    internal sealed class MigrationsMatchRule : UnavailableRule { public override RolloutRule Rule => RuleCatalog.DocsMigrationsMatch; }
    internal sealed class EnvMatchRule : UnavailableRule { public override RolloutRule Rule => RuleCatalog.DocsEnvMatch; }
    internal sealed class DocumentCurrentRule : UnavailableRule { public override RolloutRule Rule => RuleCatalog.DocsDocumentCurrent; }
}
