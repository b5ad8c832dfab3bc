using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Core.Planning;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Schedules a plan's agent-team task graph into dependency waves. Writes one AgentWave per wave; with
    /// -Summary the whole WavePlan (waves, critical path, waves per agent, Mermaid), with -Mermaid the flowchart text.
    /// A cycle or an unknown dependency is an error for that plan (there is no schedule to give); the other plans go on.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AgentWaves", DefaultParameterSetName = PlanSet)]
    [OutputType(typeof(AgentWave))]
    [OutputType(typeof(WavePlan), typeof(string))]
    public sealed class GetAgentWavesCommand : RolloutCmdlet
    {
        private const string PlanSet = "Plan";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The plan whose team is scheduled.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>Plan files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Plan files to read, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Only the waves these agents work in, narrowed to their tasks.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AgentNameCompleter))]
        public string[]? Agent { get; set; }

        /// <summary>Write the plan-level WavePlan instead of one object per wave.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Write the Mermaid flowchart of the task graph (waves as subgraphs) instead of wave objects.</summary>
        [Parameter]
        public SwitchParameter Mermaid { get; set; }

        protected override void BeginProcessing()
        {
            if (Summary && Mermaid)
                ThrowFailure(new RolloutException(ErrorIds.AgentWavesOutputConflict,
                    "Use -Summary or -Mermaid, not both: -Summary's WavePlan has the flowchart in its Mermaid property."));
            if (Agent != null && (Summary || Mermaid))
                ThrowFailure(new RolloutException(ErrorIds.AgentWavesOutputConflict,
                    "-Agent narrows the wave objects; it cannot be combined with -Summary or -Mermaid (the WavePlan's AgentWaves lists every agent's waves)."));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PlanSet)
            {
                Write(Plan);
                return;
            }
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (var file in ResolveExistingFiles(literal ? LiteralPath : Path, literal))
            {
                var plan = LoadPlanOrWriteFailure(file);
                if (plan != null) Write(plan);
            }
        }

        private void Write(RolloutPlan plan)
        {
            WavePlan waves;
            try { waves = WaveScheduler.Schedule(plan); }
            catch (RolloutException ex)
            {
                // One error for this plan; the other plans of the pipeline are still scheduled.
                WriteFailure(ex, plan);
                return;
            }
            if (Summary) { WriteObject(waves); return; }
            if (Mermaid) { WriteObject(WaveScheduler.ToMermaid(waves)); return; }
            if (Agent == null)
            {
                foreach (var w in waves.Waves) WriteObject(w);
                return;
            }
            var known = new HashSet<string>(waves.AgentWaves.Keys, StringComparer.OrdinalIgnoreCase);
            foreach (var name in Agent.Where(a => !known.Contains(a)))
                WriteFailure(new RolloutException(ErrorIds.AgentRoleNotFound,
                    "Plan '" + plan.Connector + "' has no task for agent '" + name + "'; its agents are " +
                    (known.Count == 0 ? "none" : string.Join(", ", waves.AgentWaves.Keys.Select(k => "'" + k + "'"))) + ".", name));
            foreach (var w in WaveScheduler.WavesOf(waves, Agent)) WriteObject(w);
        }
    }
}
