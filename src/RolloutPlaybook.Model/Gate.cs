using System;
using System.Collections.Generic;

namespace RolloutPlaybook.Model
{
    /// <summary>What a gate rule found for one target.</summary>
    public enum GateOutcome
    {
        /// <summary>The rule holds for the target.</summary>
        Pass,
        /// <summary>The rule does not hold: the gate is closed.</summary>
        Fail,
        /// <summary>Worth a look, but it does not close the gate.</summary>
        Warn,
        /// <summary>Not evaluated (the reason is the message), e.g. a repository rule without -RepositoryPath.</summary>
        Skip,
        /// <summary>A Fail that a waiver in the plan accepts until it expires.</summary>
        Waived,
    }

    /// <summary>The report files <c>Test-RolloutGate -OutputFormat</c> writes.</summary>
    public enum GateReportFormat { JUnit, NUnit3, Sarif, Markdown }

    /// <summary>How bad a rule's failure is: an Error closes the gate, a Warning only warns.</summary>
    public enum RuleSeverity { Error, Warning }

    /// <summary>
    /// The categories of gate rules: the middle part of a rule id (<c>RP.Map.RemapSafe</c>). <c>-Category</c> of
    /// <c>Get-RolloutRule</c> and <c>Test-RolloutGate</c> accepts these names.
    /// </summary>
    public enum RuleCategory { Build, Map, Sync, Analytics, Docs, Api, Handoff, Team, Phase, Intake, Db, Gate }

    /// <summary>A rule of the review gate, as <c>Get-RolloutRule</c> lists it.</summary>
    public sealed class RolloutRule
    {
        /// <summary>A rule; its <see cref="Category"/> is the middle part of <paramref name="id"/> (RP.&lt;Category&gt;.&lt;Name&gt;).</summary>
        public RolloutRule(string id, RuleSeverity severity, string synopsis, string description, string recommendation,
            bool needsRepository, IReadOnlyList<PhaseName> phases, bool needsDatabase = false)
        {
            var parts = (id ?? throw new ArgumentNullException(nameof(id))).Split('.');
            if (parts.Length != 3 || parts[0] != "RP" || !Enum.IsDefined(typeof(RuleCategory), parts[1]))
                throw new ArgumentException("A rule id is RP.<Category>.<Name> with a RuleCategory; got '" + id + "'.", nameof(id));
            Id = id; Category = (RuleCategory)Enum.Parse(typeof(RuleCategory), parts[1]); Severity = severity; Synopsis = synopsis; Description = description;
            Recommendation = recommendation; NeedsRepository = needsRepository; Phases = phases; NeedsDatabase = needsDatabase;
        }

        /// <summary>The stable id, e.g. <c>RP.Sync.RateBudget</c>.</summary>
        public string Id { get; }
        /// <summary>The middle part of the id.</summary>
        public RuleCategory Category { get; }
        public RuleSeverity Severity { get; }
        public string Synopsis { get; }
        public string Description { get; }
        public string Recommendation { get; }
        /// <summary>The rule reads the application repository (<c>-RepositoryPath</c>); without it the rule is skipped.</summary>
        public bool NeedsRepository { get; }
        /// <summary>The rule reads the live database (<c>-Database</c>); without it the rule is skipped.</summary>
        public bool NeedsDatabase { get; }
        /// <summary>The rollout phases the rule is about (for <c>-Phase</c>).</summary>
        public IReadOnlyList<PhaseName> Phases { get; }

        public override string ToString() => Id;
    }

    /// <summary>One gate result: one rule applied to one target of one plan.</summary>
    public sealed class GateResult
    {
        public string RuleId { get; set; } = "";
        public string Category { get; set; } = "";
        public GateOutcome Outcome { get; set; }
        /// <summary>What the result is about: a source, a route path, a phase, an env var, ...</summary>
        public string Target { get; set; } = "";
        /// <summary>What is wrong (or right), in the plan's terms.</summary>
        public string Message { get; set; } = "";
        /// <summary>What was looked at, as <c>file:line</c> (plan file or repository-relative code file).</summary>
        public string[] Evidence { get; set; } = Array.Empty<string>();
        public string Recommendation { get; set; } = "";
        /// <summary>The connector of the plan the result is about.</summary>
        public string Connector { get; set; } = "";
        /// <summary>The plan file (null for a plan made in memory).</summary>
        public string? PlanFile { get; set; }
        /// <summary>The line of the plan key the result concerns (null when unknown).</summary>
        public int? PlanLine { get; set; }
        /// <summary>The plan key path the result concerns, e.g. <c>linkingPoints[0].cardinality</c>.</summary>
        public string? PlanKey { get; set; }
        /// <summary>The phase the target belongs to, when it belongs to one.</summary>
        public PhaseName? Phase { get; set; }
        /// <summary>For a finding in the application's code: the repository-relative file ('/' separators).</summary>
        public string? CodeFile { get; set; }
        public int? CodeLine { get; set; }
        /// <summary>The repository root the code file is relative to.</summary>
        public string? RepositoryRoot { get; set; }
        /// <summary>Why the failure is accepted (Waived results).</summary>
        public string? WaiverReason { get; set; }
        /// <summary>Until when the failure is accepted (Waived results).</summary>
        public DateTime? WaiverExpires { get; set; }

        public override string ToString() => RuleId + " " + Outcome + " " + Target + ": " + Message;
    }
}
