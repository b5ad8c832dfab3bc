using System.IO;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Rendering;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Renders the agent-team handoff prompt for Claude Code or Codex: the whole team (default), one agent's role
    /// (-Role) or one wave's kickoff (-Wave). Without -Path the text goes to the pipeline; -Path writes a file.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AgentPrompt", SupportsShouldProcess = true, DefaultParameterSetName = TeamSet)]
    [OutputType(typeof(string))]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAgentPromptCommand : RolloutCmdlet
    {
        private const string TeamSet = "Team";
        private const string RoleSet = "Role";
        private const string WaveSet = "Wave";

        /// <summary>The plan the prompt is written from.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>The coding agent the prompt is for: Claude (Claude Code, default) or Codex.</summary>
        [Parameter(Position = 0)]
        public AgentTool Agent { get; set; } = AgentTool.Claude;

        /// <summary>One agent's prompt: its tasks, what it waits for and what it unblocks.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RoleSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AgentNameCompleter))]
        public string Role { get; set; } = "";

        /// <summary>One wave's kickoff prompt.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WaveSet)]
        [ArgumentCompleter(typeof(WaveNumberCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int Wave { get; set; }

        /// <summary>The file to write; without it the prompt text goes to the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>A Scriban template file used instead of the built-in agent-prompt.md.scriban.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Template { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>With -Path: write the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var request = new AgentPromptRequest
            {
                Tool = Agent,
                Role = ParameterSetName == RoleSet ? Role : null,
                Wave = ParameterSetName == WaveSet ? Wave : (int?)null,
            };
            string text;
            try
            {
                if (Template != null) request.TemplatePath = ResolveNewFile(Template);
                text = AgentPromptRenderer.Render(Plan, request);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Plan);
                return;
            }
            if (Path == null)
            {
                WriteObject(text);
                return;
            }
            string target;
            try { target = ResolveNewFile(Path); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, Path);
                return;
            }
            WriteDocument(target, text, "Write " + Agent + " agent prompt for '" + Plan.Connector + "'", Force, PassThru);
        }
    }
}
