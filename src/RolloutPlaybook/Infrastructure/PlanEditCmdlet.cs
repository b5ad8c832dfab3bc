using System.Collections.Generic;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Base of every <c>Add-*</c>/<c>Set-*</c> cmdlet: it edits a plan from the pipeline and passes it on
    /// (so calls chain), or edits plan files in place with <c>-Path</c>/<c>-LiteralPath</c> — load, change and
    /// save atomically in one call, honouring <c>-WhatIf</c>/<c>-Confirm</c>. An edit that fails leaves the
    /// plan (and the file) as it was.
    /// </summary>
    public abstract class PlanEditCmdlet : PlanFileEditCmdlet
    {
        /// <summary>The plan file(s) to edit in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>The plan file(s) to edit in place, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet) EditFiles(Path, literal: false);
            else if (ParameterSetName == LiteralPathSet) EditFiles(LiteralPath, literal: true);
            else EditPipelinePlan();
        }
    }

    /// <summary>
    /// The editing machinery without the <c>-Path</c> parameters, for a cmdlet whose own <c>-Path</c> means
    /// something else (<c>Add-RolloutRoute -Path /api/...</c>): it declares its own file parameters and calls
    /// <see cref="PlanEditingCmdlet.EditFiles"/> or <see cref="EditPipelinePlan()"/>.
    /// </summary>
    public abstract class PlanFileEditCmdlet : PlanEditingCmdlet
    {
        protected const string PlanSet = "Plan";
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>The plan to change; it is changed in place and written to the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>With a file: write the updated plan to the pipeline too.</summary>
        [Parameter(ParameterSetName = "Path")]
        [Parameter(ParameterSetName = "LiteralPath")]
        public SwitchParameter PassThru { get; set; }

        protected void EditPipelinePlan() => EditPipelinePlan(Plan);

        protected void EditFiles(string[] paths, bool literal) => EditFiles(paths, literal, PassThru);
    }

    /// <summary>
    /// The editing machinery with no parameters at all, for a cmdlet that has parameter sets of its own
    /// (<c>Add-HandoffItem -EnvVar | -Scope | ...</c>): PowerShell parameter sets do not combine, so such a
    /// cmdlet declares the plan/file parameters itself, once per set of its own (EnvVar, EnvVarPath, ...).
    /// </summary>
    public abstract class PlanEditingCmdlet : RolloutCmdlet
    {
        /// <summary>The change this cmdlet makes; throws <see cref="RolloutException"/> when it cannot be made.</summary>
        protected abstract void Edit(RolloutPlan plan);

        /// <summary>Words for -WhatIf: "Add linking point 'slack_user'".</summary>
        protected abstract string Action { get; }

        /// <summary>Whether a file with hand-written comments may be rewritten (the cmdlet's -Force).</summary>
        protected virtual bool ForceRewrite => false;

        /// <summary>
        /// Parameters that name plan files on this machine (never stored in a plan), which the secret policy does not
        /// judge: a temp folder's GUID is not a key. <c>Add-RolloutRoute</c>'s <c>-Path</c> is a route, so it says otherwise.
        /// </summary>
        protected virtual bool IsFilePathParameter(string name)
            => name == "Path" || name == "LiteralPath" || name == "PlanPath" || name == "LiteralPlanPath";

        /// <summary>
        /// No secret values are stored: an argument that looks like a credential (the one policy of SecretDetector,
        /// as the loader applies it) is refused before anything changes, naming the parameter and never the value.
        /// </summary>
        private void RefuseSecretArguments()
        {
            foreach (var pair in MyInvocation.BoundParameters)
            {
                if (IsFilePathParameter(pair.Key)) continue;
                foreach (var text in Texts(pair.Value))
                {
                    var finding = Core.Security.SecretDetector.Detect(text);
                    if (finding.Found)
                        throw new RolloutException("SecretLikeValue", RolloutErrorKind.SecurityError,
                            "-" + pair.Key + " looks like " + finding.Description + " (the value is not shown); a plan never holds secret values: " +
                            "keep it in .env.local or the deploy settings and name the variable with Add-HandoffItem -EnvVar.", pair.Key);
                }
            }
        }

        private static IEnumerable<string> Texts(object? value)
        {
            if (value is PSObject pso && pso.BaseObject is PSCustomObject)
            {
                foreach (var property in pso.Properties)
                    foreach (var t in Texts(property.Value)) yield return t;
                yield break;
            }
            switch (value is PSObject wrapped ? wrapped.BaseObject : value)
            {
                case string s:
                    yield return s;
                    break;
                case System.Collections.IDictionary table:
                    foreach (System.Collections.DictionaryEntry e in table)
                        foreach (var t in Texts(e.Value)) yield return t;
                    break;
                case System.Collections.IEnumerable items:
                    foreach (var item in items)
                        foreach (var t in Texts(item)) yield return t;
                    break;
            }
        }

        protected void EditPipelinePlan(RolloutPlan plan)
        {
            try { RefuseSecretArguments(); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, plan);
                return;
            }
            if (!ShouldProcess("rollout plan '" + plan.Connector + "'", Action))
            {
                WriteObject(plan);
                return;
            }
            try
            {
                Edit(plan);
                IntakePolicy.Reconcile(plan);
                WriteObject(plan);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, plan);
            }
        }

        protected void EditFiles(string[] paths, bool literal, bool passThru)
        {
            try { RefuseSecretArguments(); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, paths);
                return;
            }
            foreach (var file in ResolveExistingFiles(paths, literal))
            {
                if (!ShouldProcess(file, Action)) continue;
                try
                {
                    // Read, change and write under the file's lock: concurrent edits of one file wait, none is lost or refused.
                    var plan = PlanFileStore.Edit(file, p => { Edit(p); IntakePolicy.Reconcile(p); },
                        new PlanSaveOptions { DropComments = ForceRewrite, Format = FormatOf(file) });
                    if (passThru) WriteObject(plan);
                }
                catch (RolloutException ex)
                {
                    WriteFailure(ex, file);
                }
            }
        }

        internal static PlanFormat FormatOf(string file)
            => file.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? PlanFormat.Json : PlanFormat.Yaml;
    }
}
