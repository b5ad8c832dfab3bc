using System.IO;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Writes a plan file atomically (YAML, or JSON); with no path, back to the file the plan came from.</summary>
    [Cmdlet(VerbsData.Export, "RolloutPlan", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportRolloutPlanCommand : RolloutCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The plan to write.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The file to write; default: the file the plan was imported from.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The file to write, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>Yaml (default; .json files default to Json) or Json.</summary>
        [Parameter]
        public PlanFileFormat Format { get; set; }

        /// <summary>Overwrite a file that changed on disk since import, that holds another plan, or that has comments.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string target;
            try
            {
                var given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
                if (given != null) target = ResolveNewFile(given);
                else if (Plan.SourcePath != null) target = Plan.SourcePath;
                else
                {
                    WriteFailure(new RolloutException(ErrorIds.RolloutPlanPathRequired,
                        "Plan '" + Plan.Connector + "' was not imported from a file: say where to write it with -Path.", Plan));
                    return;
                }
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Plan);
                return;
            }

            if (!ShouldProcess(target, "Write rollout plan '" + Plan.Connector + "'")) return;
            var format = MyInvocation.BoundParameters.ContainsKey(nameof(Format))
                ? (Format == PlanFileFormat.Json ? PlanFormat.Json : PlanFormat.Yaml)
                : PlanEditorCmdlet.FormatOf(target);
            try
            {
                PlanFileStore.Save(Plan, target, new PlanSaveOptions { Format = format, Force = Force });
                if (PassThru) WriteItem(target);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, target);
            }
        }
    }

    /// <summary>The formats a plan file is written in.</summary>
    public enum PlanFileFormat { Yaml, Json }
}
