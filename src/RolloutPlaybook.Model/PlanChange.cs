namespace RolloutPlaybook.Model
{
    /// <summary>What <c>Update-RolloutPlan</c> did (or, under -WhatIf, would do) with one item.</summary>
    public enum PlanChangeKind
    {
        /// <summary>The code has it and the plan did not: added to the plan.</summary>
        Added,
        /// <summary>The plan had it and the code no longer has it: removed (only with -Prune).</summary>
        Removed,
        /// <summary>The plan has it and the code no longer has it: reported, kept (use -Prune to remove).</summary>
        NotInCode,
        /// <summary>The plan and the code disagree about it: reported, the plan's text is kept.</summary>
        Differs,
    }

    /// <summary>The kind of plan item a change is about.</summary>
    public enum PlanItemKind { Route, Method, Guard, Write, EnvVar, Migration, LinkingPoint }

    /// <summary>One change record of <c>Update-RolloutPlan</c>: what, where in the code, what it did.</summary>
    public sealed class PlanChange
    {
        public PlanChange(string connector, PlanChangeKind kind, PlanItemKind item, string target, string? code, string message)
        {
            Connector = connector; Kind = kind; Item = item; Target = target; Code = code; Message = message;
        }

        public string Connector { get; }
        public PlanChangeKind Kind { get; }
        public PlanItemKind Item { get; }
        /// <summary>The item: a route path, <c>POST /api/x</c>, a table write, an env var name, a migration, a source.</summary>
        public string Target { get; }
        /// <summary>Where the code shows it (<c>file:line</c>); null when the code no longer has it.</summary>
        public string? Code { get; }
        public string Message { get; }
        /// <summary>True when the change is in the plan (and its file); false under -WhatIf and for reports.</summary>
        public bool Applied { get; set; }
        /// <summary>The plan file updated; null for a plan from the pipeline that came from no file.</summary>
        public string? PlanFile { get; set; }

        public override string ToString() => Kind + " " + Item + " " + Target;
    }
}
