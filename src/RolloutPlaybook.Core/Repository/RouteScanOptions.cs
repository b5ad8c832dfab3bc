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

        /// <summary>
        /// With code analysis on a machine of more than one core, route files are read, lexed and indexed on a second
        /// thread ahead of their analysis (<see cref="RouteReadAhead"/>). False: everything on the scan's thread (the
        /// benchmark's one-thread row, and the tests that compare both).
        /// </summary>
        internal bool ReadAhead { get; set; } = true;

        /// <summary>
        /// Called on the scan's thread with each file's path once its handlers are analysed (tests stop a scan midway with
        /// it). With the read-ahead, a file analysed as it was listed may turn out not to be a route (another file has its
        /// plan path and sorts first); its module is then taken back out of the graph.
        /// </summary>
        internal Action<string>? FileAnalysed { get; set; }

        /// <summary>After a scan: how many route files the read-ahead thread prepared (0 when it did not run).</summary>
        internal int PreparedAside { get; set; }
    }
}
