using System;
using System.Collections.Generic;
using System.Management.Automation;
using RolloutPlaybook.Core.Authoring;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that edits a plan (<c>Add-*</c>, <c>Set-*</c>, <c>Remove-*</c>): the plan from the pipeline
    /// (<c>-Plan</c>), changed and passed on so calls chain, or plan files edited in place (<c>-Path</c> with wildcards,
    /// <c>-LiteralPath</c>, <c>-PassThru</c>), with <c>-WhatIf</c>/<c>-Confirm</c> and <c>-Force</c>. A cmdlet only binds its
    /// own parameters into one <see cref="PlanEdit"/>; <see cref="PlanEditor"/> checks, applies and saves it. An edit that
    /// fails leaves the plan (and the file) as it was.
    /// </summary>
    public abstract class PlanEditorCmdlet : RolloutCmdlet
    {
        protected const string PlanSet = "Plan";
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        private PlanEditContext? context;

        /// <summary>The plan to change; it is changed in place and written to the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The plan file(s) to edit in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The plan file(s) to edit in place, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>With a file: write the updated plan to the pipeline too.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Replace an item with the same key; with a file, rewrite it whole when its comments cannot be kept.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>This cmdlet's change, bound from its parameters.</summary>
        protected abstract PlanEdit CreateEdit();

        /// <summary>A change with no rules of its own to keep, made by <paramref name="apply"/> (which may call <see cref="Warn"/> and <see cref="Note"/>).</summary>
        protected PlanEdit Change(string summary, Action<RolloutPlan> apply)
            => PlanEdit.Of(summary, (plan, c) =>
            {
                context = c;
                try { apply(plan); }
                finally { context = null; }
            });

        /// <summary>Inside <see cref="Change"/>: the running edit's context (warnings and notes).</summary>
        protected PlanEditContext EditContext => context ?? throw new InvalidOperationException("Warnings and notes are for edits");

        /// <summary>Inside <see cref="Change"/>: a warning shown once the edit is made.</summary>
        protected void Warn(string message) => EditContext.Warn(message);

        /// <summary>Inside <see cref="Change"/>: a note for the verbose stream.</summary>
        protected void Note(string message) => EditContext.Note(message);

        /// <summary>
        /// Parameters that name plan files on this machine (never stored in a plan), which the secret policy does not judge:
        /// a temp folder's GUID is not a key.
        /// </summary>
        protected virtual bool IsFilePathParameter(string name) => name == nameof(Path) || name == nameof(LiteralPath);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet) EditFiles(Path, literal: false);
            else if (ParameterSetName == LiteralPathSet) EditFiles(LiteralPath, literal: true);
            else EditPlan(Plan);
        }

        /// <summary>Edits a plan in memory and writes it to the pipeline (also when the edit fails or -WhatIf: the pipeline goes on).</summary>
        protected void EditPlan(RolloutPlan plan)
        {
            PlanEdit edit;
            try { edit = CreateEdit(); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, plan);
                return;
            }
            if (!ShouldProcess("rollout plan '" + plan.Connector + "'", edit.Summary))
            {
                WriteObject(plan);
                return;
            }
            try
            {
                Report(PlanEditor.Apply(plan, edit, Force, Arguments()));
                WriteObject(plan);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, plan);
            }
        }

        /// <summary>Edits plan files in place, each under its lock, keeping their comments and layout.</summary>
        protected void EditFiles(string[] paths, bool literal)
        {
            PlanEdit edit;
            try
            {
                edit = CreateEdit();
                PlanEditor.RefuseSecrets(Arguments());
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, paths);
                return;
            }
            foreach (var file in ResolveExistingFiles(paths, literal))
            {
                if (!ShouldProcess(file, edit.Summary)) continue;
                try
                {
                    var plan = PlanEditor.ApplyToFile(file, edit, Force,
                        new PlanSaveOptions { DropComments = Force, Format = FormatOf(file) }, out var notices);
                    Report(notices);
                    if (PassThru) WriteObject(plan);
                }
                catch (RolloutException ex)
                {
                    WriteFailure(ex, file);
                }
            }
        }

        private void Report(IEnumerable<PlanEditNotice> notices)
        {
            foreach (var notice in notices)
            {
                if (notice.IsWarning) WriteWarning(notice.Message);
                else WriteVerbose(notice.Message);
            }
        }

        /// <summary>Every text the bound parameters hold (file paths aside), by parameter name, for the secret policy.</summary>
        private IEnumerable<KeyValuePair<string, string>> Arguments()
        {
            foreach (var pair in MyInvocation.BoundParameters)
            {
                if (IsFilePathParameter(pair.Key)) continue;
                foreach (var text in Texts(pair.Value)) yield return new KeyValuePair<string, string>(pair.Key, text);
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
                case RolloutPlan _:
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

        internal static PlanFormat FormatOf(string file)
            => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? PlanFormat.Json : PlanFormat.Yaml;
    }
}
