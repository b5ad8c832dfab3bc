using System;
using System.IO;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>Reads plan files. Each plan remembers its file; a bad file is one error per problem, the others still load.</summary>
    [Cmdlet(VerbsData.Import, "RolloutPlan", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(RolloutPlan))]
    public sealed class ImportRolloutPlanCommand : RolloutCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Plan files to read; wildcards allowed. Default: the plans under src/docs/connectors of the current folder.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Plan files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            var paths = literal ? LiteralPath : Path ?? new[] { DefaultPattern };
            var files = ResolveExistingFiles(paths, literal);
            if (!literal && Path == null) files = InsideRepository(files, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            foreach (var file in files)
            {
                WriteVerbose("Reading plan file " + file);
                var plan = LoadPlanOrWriteFailure(file);
                if (plan != null) WriteObject(plan);
            }
        }

        /// <summary>SPEC §2: <c>src/docs/connectors/{connector}/rollout-plan.yaml</c>.</summary>
        private static string DefaultPattern => PlanFilePaths.Pattern(null);
    }
}
