using System.Management.Automation;
using System.Text.RegularExpressions;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// <c>ValidatePattern</c> that says what is expected in words, as the file loader does ("'Slack User' is not a source
    /// name: lower-case letters, digits and '_', starting with a letter"), instead of showing the regular expression.
    /// A value that looks like a credential is not repeated.
    /// </summary>
    public sealed class ValidatePlanNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private readonly Regex regex;
        private readonly string description;

        public ValidatePlanNameAttribute(string pattern, string description)
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant);
            this.description = description;
        }

        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var text = value as string ?? value?.ToString() ?? "";
            if (regex.IsMatch(text)) return;
            var shown = Core.Security.SecretDetector.Detect(text).Found ? "The value (not shown: it looks like a secret)" : "'" + text + "'";
            throw new ValidationMetadataException(shown + " is not " + description + ".");
        }
    }

    /// <summary>What each plan name must look like, in words (the same words as the file loader's errors).</summary>
    public static class PlanNameRules
    {
        public const string Source = "a source name: lower-case letters, digits and '_', starting with a letter (e.g. slack_user)";
        public const string Connector = "a connector slug: lower-case letters, digits and '-', starting with a letter (e.g. slack)";
        public const string EnvVar = "an environment variable name: upper-case letters, digits and '_', starting with a letter (e.g. SLACK_BOT_TOKEN)";
        public const string RoutePath = "a route path: / then letters, digits, '-', '_', '.', '/' and [name] segments (e.g. /api/slack/mappings/[id]; under /api/ unless the plan's repository.routeBase names another base)";
        public const string Identifier = "an id: letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. sync-schema)";
        public const string RuleId = "a gate rule id: RP.<Category>.<Name> (e.g. RP.Sync.RateBudget; Get-RolloutRule lists them)";
    }
}
