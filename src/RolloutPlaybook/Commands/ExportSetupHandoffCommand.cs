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
    /// Renders the Manual Setup Handoff on its own: Markdown, Json (for automation) or DotEnv (.env.example lines,
    /// never a secret's value). With -Path it writes the file; without, the text goes to the pipeline.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SetupHandoff", SupportsShouldProcess = true)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportSetupHandoffCommand : RolloutCmdlet
    {
        /// <summary>The plan whose handoff to render.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The file to write; without it the text goes to the pipeline.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Markdown (default), Json or DotEnv; with -Path, .json and .env files default to their format.</summary>
        [Parameter]
        public HandoffFormat Format { get; set; }

        /// <summary>A Scriban template file instead of the built-in one (Markdown and DotEnv).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Template { get; set; }

        /// <summary>State in the output when it was rendered (UTC).</summary>
        [Parameter]
        public SwitchParameter Timestamp { get; set; }

        /// <summary>Overwrite a file whose content differs from the rendered handoff.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string? target = null;
            string text;
            try
            {
                if (Path != null) target = ResolveNewFile(Path);
                var format = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) || target == null ? Format : FormatOf(target);
                var options = new DocumentOptions
                {
                    TemplatePath = Template == null ? null : ResolveNewFile(Template),
                    Timestamp = Timestamp ? DateTime.UtcNow : (DateTime?)null,
                };
                text = SetupHandoffDocument.Render(Plan, format, options);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Plan);
                return;
            }

            WriteDocument(target, text, "Write setup handoff for '" + Plan.Connector + "'", Force, PassThru);
        }

        /// <summary>The format a file name implies: .json is Json, .env / .env.* / *.env is DotEnv, anything else Markdown.</summary>
        internal static HandoffFormat FormatOf(string path)
        {
            var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
            if (name.EndsWith(".json", StringComparison.Ordinal)) return HandoffFormat.Json;
            if (name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal) || name.EndsWith(".env.example", StringComparison.Ordinal))
                return HandoffFormat.DotEnv;
            return HandoffFormat.Markdown;
        }
    }
}
