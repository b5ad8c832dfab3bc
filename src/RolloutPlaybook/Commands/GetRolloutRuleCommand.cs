using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Lists the review gate's rules with their descriptions and recommendations.</summary>
    [Cmdlet(VerbsCommon.Get, "RolloutRule")]
    [OutputType(typeof(RolloutRule))]
    public sealed class GetRolloutRuleCommand : RolloutCmdlet
    {
        /// <summary>Rule ids; wildcards allowed. Default: every rule.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RuleId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Only rules of these categories.</summary>
        [Parameter]
        [ValidateEnumName(typeof(RuleCategory))]
        [ArgumentCompleter(typeof(EnumNameCompleter<RuleCategory>))]
        public string[]? Category { get; set; }

        protected override void ProcessRecord()
        {
            var rules = RuleCatalog.All.Where(r => Category == null || Category.Any(c => string.Equals(c, r.Category.ToString(), System.StringComparison.OrdinalIgnoreCase))).ToList();
            if (Id == null)
            {
                WriteObject(rules, enumerateCollection: true);
                return;
            }
            foreach (var pattern in Id)
            {
                var matches = rules.Where(r => Wildcard.IsMatch(r.Id, pattern)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                    WriteFailure(new RolloutException(ErrorIds.RolloutRuleNotFound,
                        "There is no gate rule '" + pattern + "'. Get-RolloutRule lists them all (ids look like RP.Sync.RateBudget).", pattern));
                WriteObject(matches, enumerateCollection: true);
            }
        }
    }
}
