using System;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// Options of the route scan. The quick per-handler patterns are fixed; what the plan names (<c>repository.guards</c>,
    /// <c>validators</c>) reaches the analysis through <see cref="CodeRecognition"/>, not through here.
    /// </summary>
    public sealed class RouteScanOptions
    {
        public const string DefaultAuthGuardPattern = @"requireRole\(|requireAuth\(|getServerSession\(";
        public const string DefaultValidationPattern = @"(?<!\bJSON)\.parse\(|\.safeParse\(";

        /// <summary>Called with each route file and its lexed text once it is read (the drafter reads writes from it without a second read).</summary>
        internal Action<RouteFile, ScriptSource>? SourceRead { get; set; }
    }
}
