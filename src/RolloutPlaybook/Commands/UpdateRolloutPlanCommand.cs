using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using RolloutPlaybook.Core.Drafting;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Refreshes plans from their connector's code (SPEC §9): adds the routes, methods, guards, writes, env vars,
    /// migrations and linking points the code has and the plan lacks; reports what the plan has and the code no longer
    /// has (removed only with -Prune); never rewrites hand-written text. Writes one change record per item.
    /// </summary>
    [Cmdlet(VerbsData.Update, "RolloutPlan", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(PlanChange))]
    [OutputType(typeof(RolloutPlan))]
    public sealed class UpdateRolloutPlanCommand : RolloutCmdlet
    {
        private const string PlanSet = "Plan";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The plan to refresh; it is changed in place.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The plan file(s) to refresh in place; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The plan file(s) to refresh in place, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The application repository; default: the git work tree that holds the plan file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryPath { get; set; }

        /// <summary>Remove what the plan has and the code no longer has (otherwise it is only reported).</summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>Rewrite a plan file whole when its comments cannot be kept by splicing (the rewrite drops them).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Also write the updated plan to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        protected override void StopProcessing() => stop.Cancel();

        protected override void ProcessRecord()
        {
            try
            {
                if (ParameterSetName == PlanSet) RefreshPlan(Plan, null, ++piped, 0);
                else
                {
                    // Resolved first, so the progress can say "Plan 2 of 5".
                    var files = ResolveExistingFiles(ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet).ToList();
                    for (int i = 0; i < files.Count; i++)
                    {
                        try { RefreshPlan(PlanFileStore.Load(files[i]), files[i], i + 1, files.Count); }
                        catch (RolloutException ex) { WriteFailure(ex, files[i]); }
                    }
                    WriteProgress(new ProgressRecord(1, "Update-RolloutPlan", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        private int piped;

        protected override void EndProcessing()
        {
            if (piped > 0) WriteProgress(new ProgressRecord(1, "Update-RolloutPlan", "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Plan <paramref name="number"/> of <paramref name="count"/> (0: not known, the plans come from the pipeline).</summary>
        private void RefreshPlan(RolloutPlan plan, string? file, int number, int count)
        {
            try
            {
                var root = RepositoryRoot(plan, file);
                var record = new ProgressRecord(1, "Update-RolloutPlan",
                    "Plan " + number + (count > 0 ? " of " + count : "") + ": reading the code of connector '" + plan.Connector + "' in " + root);
                if (count > 0) record.PercentComplete = (number - 1) * 100 / count;
                WriteProgress(record);
                var facts = CodeFactsReader.Read(plan, root, stop.Token);
                var refresh = PlanRefresh.Compute(plan, facts, Prune);
                var target = file ?? "rollout plan '" + plan.Connector + "'";
                int changes = 0;
                foreach (var change in refresh.Changes) if (change.Kind == PlanChangeKind.Added || change.Kind == PlanChangeKind.Removed) changes++;
                if (refresh.ChangesPlan && ShouldProcess(target, "Update from the code of " + root + ": " + changes + " change" + (changes == 1 ? "" : "s")))
                {
                    refresh.Apply();
                    if (file != null)
                        PlanFileStore.Save(plan, file, new PlanSaveOptions { DropComments = Force, Format = PlanEditorCmdlet.FormatOf(file) });
                }
                else if (!refresh.ChangesPlan) WriteVerbose(target + ": the plan is current with the code; nothing written.");
                foreach (var change in refresh.Changes)
                {
                    change.PlanFile = file ?? plan.SourcePath;
                    WriteObject(change);
                }
                if (PassThru) WriteObject(plan);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, (object?)file ?? plan);
            }
        }

        /// <summary>-RepositoryPath, else the git work tree holding the plan file.</summary>
        private string RepositoryRoot(RolloutPlan plan, string? file)
        {
            if (RepositoryPath != null)
            {
                var full = ResolveNewFile(RepositoryPath);
                if (!Directory.Exists(full))
                    throw new RolloutException(ErrorIds.RepositoryNotFound, "Repository folder '" + RepositoryPath + "' does not exist.", RepositoryPath);
                return full;
            }
            var start = file ?? plan.SourcePath;
            var tree = Core.Repository.RepositoryLocator.WorkTreeOf(start);
            if (tree != null) return tree;
            throw new RolloutException(ErrorIds.RepositoryNotFound,
                "No repository for plan '" + plan.Connector + "': give -RepositoryPath" + (start == null ? " (the plan came from no file)." : " ('" + start + "' is in no git work tree)."), start);
        }
    }
}
