using System;
using System.IO;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Renders the rollout plan Markdown (sections A–J). With -RepositoryPath it writes
    /// {docs}/{CONNECTOR}-ROLLOUT-PLAN.md inside the repository; with -Path, that file; with neither, the text.
    /// </summary>
    [Cmdlet(VerbsData.Export, "RolloutDocument", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportRolloutDocumentCommand : RolloutCmdlet
    {
        private const string PathSet = "Path";
        private const string RepositorySet = "RepositoryPath";

        /// <summary>The plan to render.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The file to write; with neither -Path nor -RepositoryPath the text goes to the pipeline.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The application repository root; the document goes to its docs folder.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RepositorySet)]
        [ValidateNotNullOrEmpty]
        public string RepositoryPath { get; set; } = "";

        /// <summary>A Scriban template file instead of the built-in one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Template { get; set; }

        /// <summary>State in the document when it was rendered (UTC); off by default so the same plan gives the same bytes.</summary>
        [Parameter]
        public SwitchParameter Timestamp { get; set; }

        /// <summary>Overwrite a file whose content differs from the rendered document.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private int rendered;

        protected override void EndProcessing()
        {
            if (rendered > 0) WriteProgress(new ProgressRecord(1, "Export-RolloutDocument", "Done") { RecordType = ProgressRecordType.Completed });
        }

        protected override void ProcessRecord()
        {
            // Plans come from the pipeline, so their number is not known ahead: say which one this is.
            WriteProgress(new ProgressRecord(1, "Export-RolloutDocument", "Plan " + ++rendered + ": rendering the document of '" + Plan.Connector + "'"));
            string? target = null;
            string text;
            try
            {
                if (ParameterSetName == PathSet && Path != null) target = ResolveNewFile(Path);
                else if (ParameterSetName == RepositorySet)
                {
                    var root = ResolveNewFile(RepositoryPath);
                    if (!Directory.Exists(root))
                        throw new RolloutException(ErrorIds.RepositoryNotFound, "Repository folder '" + RepositoryPath + "' does not exist.", RepositoryPath);
                    target = RolloutDocument.FullPath(Plan, root);
                }
                var options = new DocumentOptions
                {
                    TemplatePath = Template == null ? null : ResolveNewFile(Template),
                    Timestamp = Timestamp ? DateTime.UtcNow : (DateTime?)null,
                };
                text = RolloutDocument.Render(Plan, options);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Plan);
                return;
            }

            WriteDocument(target, text, "Write rollout document for '" + Plan.Connector + "'", Force, PassThru);
        }
    }
}
