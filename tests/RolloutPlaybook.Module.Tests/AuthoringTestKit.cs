using System.Linq;
using System.Management.Automation;

namespace RolloutPlaybook.Module.Tests
{
    /// <summary>Assertions shared by the authoring tests.</summary>
    internal static class AuthoringTestKit
    {
        /// <summary>Exactly one error, with this ErrorId (FullyQualifiedErrorId starts with "Id,") and category.</summary>
        public static ErrorRecord AssertFailure(this ScriptResult result, string errorId, ErrorCategory category)
        {
            var all = result.AllErrors.ToList();
            var record = Assert.Single(all);
            Assert.StartsWith(errorId + ",", record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            return record;
        }

        /// <summary>The completion texts TabExpansion2 offers with the cursor at the end of <paramref name="input"/>.</summary>
        public static string[] Complete(this PowerShellSession ps, string input)
        {
            var result = ps.Run("TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length", input);
            result.AssertNoErrors();
            var completion = (CommandCompletion)Assert.Single(result.Output).BaseObject;
            return completion.CompletionMatches.Select(m => m.CompletionText).ToArray();
        }

        /// <summary>A new plan in the global variable $plan (no intake given).</summary>
        public static void NewPlanVariable(this PowerShellSession ps, string extra = "")
            => ps.Run("$global:plan = New-RolloutPlan -Connector slack " + extra).AssertNoErrors();

        /// <summary>The plan in the global variable $plan.</summary>
        public static RolloutPlaybook.Model.RolloutPlan Plan(this PowerShellSession ps) => (RolloutPlaybook.Model.RolloutPlan)Unwrap(ps.GetVariable("plan"))!;

        public static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;

        /// <summary>A new plan in $plan piped into <paramref name="pipeline"/>, which must succeed and pass the same plan on, changed.</summary>
        public static RolloutPlaybook.Model.RolloutPlan Run(PowerShellSession ps, string pipeline)
        {
            ps.NewPlanVariable();
            var result = ps.Run("$plan | " + pipeline);
            result.AssertNoErrors();
            var plan = result.Single<RolloutPlaybook.Model.RolloutPlan>();
            Assert.Same(Unwrap(ps.GetVariable("plan")), plan);
            return plan;
        }

        /// <summary>A new plan in $plan piped into <paramref name="command"/>; the result as it is, errors included.</summary>
        public static ScriptResult OnNewPlan(PowerShellSession ps, string command)
        {
            ps.NewPlanVariable();
            return ps.Run("$plan | " + command);
        }

        public const string PlanWithComments = "# Slack plan, reviewed by the data team\nschemaVersion: 1\nconnector: slack # the slug\n";
    }
}
