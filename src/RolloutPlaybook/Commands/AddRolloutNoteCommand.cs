using System;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Adds an assumption, an open question, or a risk with its mitigation (one parameter set each).</summary>
    /// <remarks>Each kind has three sets (pipeline plan, -Path, -LiteralPath): PowerShell parameter sets do not combine.</remarks>
    [Cmdlet(VerbsCommon.Add, "RolloutNote", SupportsShouldProcess = true, DefaultParameterSetName = AssumptionSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class AddRolloutNoteCommand : PlanEditingCmdlet
    {
        private const string AssumptionSet = "Assumption";
        private const string AssumptionPathSet = "AssumptionPath";
        private const string AssumptionLiteralSet = "AssumptionLiteralPath";
        private const string QuestionSet = "OpenQuestion";
        private const string QuestionPathSet = "OpenQuestionPath";
        private const string QuestionLiteralSet = "OpenQuestionLiteralPath";
        private const string RiskSet = "Risk";
        private const string RiskPathSet = "RiskPath";
        private const string RiskLiteralSet = "RiskLiteralPath";

        /// <summary>The plan to change; it is changed in place and written to the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = AssumptionSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = QuestionSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RiskSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The plan file(s) to edit in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AssumptionPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = QuestionPathSet)]
        [Parameter(Mandatory = true, ParameterSetName = RiskPathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>The plan file(s) to edit in place, taken literally.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = AssumptionLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = QuestionLiteralSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RiskLiteralSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AssumptionSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AssumptionPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AssumptionLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Assumption { get; set; } = "";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuestionSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuestionPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuestionLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string OpenQuestion { get; set; } = "";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RiskSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RiskPathSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RiskLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string Risk { get; set; } = "";

        /// <summary>How the risk is handled.</summary>
        [Parameter(ParameterSetName = RiskSet)]
        [Parameter(ParameterSetName = RiskPathSet)]
        [Parameter(ParameterSetName = RiskLiteralSet)]
        [ValidateNotNullOrEmpty]
        public string? Mitigation { get; set; }

        /// <summary>With a file: write the updated plan to the pipeline too.</summary>
        [Parameter(ParameterSetName = AssumptionPathSet)]
        [Parameter(ParameterSetName = AssumptionLiteralSet)]
        [Parameter(ParameterSetName = QuestionPathSet)]
        [Parameter(ParameterSetName = QuestionLiteralSet)]
        [Parameter(ParameterSetName = RiskPathSet)]
        [Parameter(ParameterSetName = RiskLiteralSet)]
        public SwitchParameter PassThru { get; set; }

        /// <summary>With a file: rewrite it even if it has hand-written comments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool ForceRewrite => Force;

        private string Kind => ParameterSetName.StartsWith(AssumptionSet, StringComparison.Ordinal) ? AssumptionSet
            : ParameterSetName.StartsWith(QuestionSet, StringComparison.Ordinal) ? QuestionSet : RiskSet;

        protected override string Action
            => Kind == AssumptionSet ? "Add assumption '" + Assumption + "'"
             : Kind == QuestionSet ? "Add open question '" + OpenQuestion + "'"
             : "Add risk '" + Risk + "'";

        protected override void ProcessRecord()
        {
            if (ParameterSetName.EndsWith("LiteralPath", StringComparison.Ordinal)) EditFiles(LiteralPath, literal: true, PassThru);
            else if (ParameterSetName.EndsWith("Path", StringComparison.Ordinal)) EditFiles(Path, literal: false, PassThru);
            else EditPipelinePlan(Plan);
        }

        protected override void Edit(RolloutPlan plan)
        {
            switch (Kind)
            {
                case AssumptionSet:
                    if (plan.Assumptions.Contains(Assumption))
                        throw Exists("assumption", Assumption);
                    plan.Assumptions.Add(Assumption);
                    break;
                case QuestionSet:
                    if (plan.OpenQuestions.Contains(OpenQuestion))
                        throw Exists("open question", OpenQuestion);
                    plan.OpenQuestions.Add(OpenQuestion);
                    break;
                default:
                    if (plan.Risks.Exists(r => r.Risk == Risk))
                        throw Exists("risk", Risk);
                    plan.Risks.Add(new RiskItem { Risk = Risk, Mitigation = Mitigation });
                    break;
            }
        }

        private static RolloutException Exists(string what, string text)
            => new RolloutException("RolloutNoteExists", RolloutErrorKind.ResourceExists, "The plan already has the " + what + " '" + text + "'.", text);
    }
}
