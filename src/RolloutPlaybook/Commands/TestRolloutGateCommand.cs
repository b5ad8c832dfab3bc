using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using RolloutPlaybook.Completers;
using RolloutPlaybook.Core.Database;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.Gate;
using RolloutPlaybook.Core.Gate.Reports;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Infrastructure;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Commands
{
    /// <summary>
    /// Runs the review gate on plans (from the pipeline or plan files) and, with -RepositoryPath, on the application
    /// repository: one result per rule and target, streamed; -Quiet gives one boolean; -OutputFormat writes a report.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "RolloutGate", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GateResult))]
    [OutputType(typeof(bool))]
    public sealed class TestRolloutGateCommand : RolloutCmdlet, IDisposable
    {
        private const string PlanSet = "Plan";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly IGateEngine engine = new GateEngine();
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly List<GateResult> collected = new List<GateResult>();
        private string? repositoryRoot;
        private ILiveDatabase? database;
        private string? databaseUnavailable;
        private bool databaseAsked;
        private bool failed;
        private int plans;
        /// <summary>How many plans -Path named (0 for pipeline plans, whose number is not known ahead).</summary>
        private int planTotal;
        private readonly List<string> skippedRepository = new List<string>();
        /// <summary>Database rules the gate could not run although the database was asked for (the driver does not load here).</summary>
        private readonly List<string> skippedDatabase = new List<string>();

        /// <summary>The plan to check (from Import-RolloutPlan or New-RolloutPlan).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
        [ValidateNotNull]
        public RolloutPlan Plan { get; set; } = null!;

        /// <summary>Plan files to check; wildcards allowed. Default: src/docs/connectors/*/rollout-plan.yaml under -RepositoryPath (or the current folder).</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Plan files to check, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The application repository's root folder; default: the git work tree that holds the plan file (a plan made in memory has none: its repository rules are skipped).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RepositoryPath { get; set; }

        /// <summary>Only these rules (ids, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Only rules of these categories.</summary>
        [Parameter]
        [ValidateEnumName(typeof(RuleCategory))]
        [ArgumentCompleter(typeof(EnumNameCompleter<RuleCategory>))]
        public string[]? Category { get; set; }

        /// <summary>Only rules and targets of these phases.</summary>
        [Parameter]
        [PlanEnumTransformation(typeof(PhaseName))]
        [ArgumentCompleter(typeof(PlanValueCompleter<PhaseName>))]
        public PhaseName[]? Phase { get; set; }

        /// <summary>Also read the live database (SPEC §10): the RP.Db rules, read-only, with the connection string given below.</summary>
        [Parameter]
        public SwitchParameter Database { get; set; }

        /// <summary>The database's connection string (URL or key-value form) as a SecureString; implies -Database.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? ConnectionString { get; set; }

        /// <summary>The environment variable that holds the connection string (e.g. SUPABASE_DB_URL); implies -Database.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentVariableCompleter))]
        public string? ConnectionStringVariable { get; set; }

        /// <summary>Seconds a database query may run before the server cancels it (statement_timeout).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int StatementTimeout { get; set; } = 10;

        /// <summary>Write one boolean instead of the results: true when nothing failed.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Also write a report file in this format (needs -OutputPath).</summary>
        [Parameter]
        public GateReportFormat OutputFormat { get; set; }

        /// <summary>The report file to write.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        private bool Reporting => MyInvocation.BoundParameters.ContainsKey(nameof(OutputFormat)) || OutputPath != null;

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(OutputFormat)) && OutputPath == null)
                ThrowFailure(new RolloutException(ErrorIds.GateOutputPathRequired,
                    "-OutputFormat " + OutputFormat + " writes a report file: say where with -OutputPath.", OutputFormat));
            if (OutputPath != null && !MyInvocation.BoundParameters.ContainsKey(nameof(OutputFormat)))
                OutputFormat = FormatOf(OutputPath);
            if (RepositoryPath != null)
            {
                string full;
                try { full = ResolveNewFile(RepositoryPath); }
                catch (RolloutException ex) { ThrowFailure(ex, RepositoryPath); return; }
                if (!Directory.Exists(full))
                    ThrowFailure(new RolloutException(ErrorIds.RepositoryNotFound,
                        "Repository folder '" + RepositoryPath + "' does not exist.", RepositoryPath));
                repositoryRoot = full;
            }
            databaseAsked = Database || ConnectionString != null || ConnectionStringVariable != null;
            if (databaseAsked) OpenDatabase();
        }

        /// <summary>Opens the read-only connection once for all plans; the connection string is never kept, written or shown.</summary>
        private void OpenDatabase()
        {
            if (ConnectionString != null && ConnectionStringVariable != null)
                ThrowFailure(new RolloutException(ErrorIds.DatabaseConnectionAmbiguous,
                    "Give the connection string once: -ConnectionString or -ConnectionStringVariable, not both.", "ConnectionString"));
            string? text = null;
            if (ConnectionString != null)
                text = new System.Net.NetworkCredential(string.Empty, ConnectionString).Password;
            else if (ConnectionStringVariable != null)
            {
                text = Environment.GetEnvironmentVariable(ConnectionStringVariable);
                if (string.IsNullOrWhiteSpace(text))
                    ThrowFailure(new RolloutException(ErrorIds.DatabaseConnectionStringVariableNotSet,
                        "Environment variable '" + ConnectionStringVariable + "' is not set or empty: set it to the database's connection string (for example from a CI secret).", ConnectionStringVariable));
            }
            else
                ThrowFailure(new RolloutException(ErrorIds.DatabaseConnectionStringRequired,
                    "-Database reads the live database: give its connection string with -ConnectionString (a SecureString) or -ConnectionStringVariable NAME (an environment variable).", "Database"));
            if (LiveDatabaseConnector.Unavailable != null)
            {
                databaseUnavailable = LiveDatabaseConnector.Unavailable;
                WriteWarning(databaseUnavailable);
                return;
            }
            try { database = LiveDatabaseConnector.Open(text!, TimeSpan.FromSeconds(StatementTimeout), stop.Token); }
            catch (RolloutException ex) { ThrowFailure(ex, "database"); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { throw new PipelineStoppedException(); }
            WriteVerbose("Reading database " + database!.Name + " read-only (statement timeout " + StatementTimeout + " s).");
            var roleWarning = database.Role.Warning();
            if (roleWarning != null) WriteWarning(roleWarning);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PlanSet)
            {
                Evaluate(Plan);
                return;
            }
            bool literal = ParameterSetName == LiteralPathSet;
            // The default plans are the repository's own (SPEC §2), wherever the script runs from.
            var defaultPlans = PlanFilePaths.Pattern(repositoryRoot);
            var paths = literal ? LiteralPath : Path ?? new[] { defaultPlans };
            // Resolved first, so progress can say "plan 2 of 5"; default plans only from inside the repository.
            var resolved = ResolveExistingFiles(paths, literal);
            if (!literal && Path == null) resolved = InsideRepository(resolved, repositoryRoot ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            var files = resolved.ToList();
            planTotal = files.Count;
            foreach (var file in files)
            {
                var plan = LoadPlanOrWriteFailure(file);
                if (plan == null) { failed = true; continue; }
                Evaluate(plan);
            }
        }

        private void Evaluate(RolloutPlan plan)
        {
            plans++;
            // A waiver of a rule the gate does not have waives nothing: say so rather than let it look like it works.
            foreach (var waiver in plan.Waivers.Where(w => !RuleCatalog.All.Any(r => string.Equals(r.Id, w.Rule, StringComparison.OrdinalIgnoreCase))))
            {
                var nearest = Core.Authoring.PlanRemoval.Nearest(waiver.Rule, RuleCatalog.All.Select(r => r.Id));
                WriteWarning("Plan '" + plan.Connector + "': the waiver of '" + waiver.Rule + "' names no rule of the gate" +
                    (nearest != null ? " (did you mean '" + nearest + "'?)" : "") + ", so it waives nothing (Remove-GateWaiver removes it).");
            }
            int index = plans;
            var activity = planTotal > 1 ? "Plan " + index + " of " + planTotal + ": '" + plan.Connector + "'"
                : index > 1 ? "Plan " + index + ": '" + plan.Connector + "'" : "Plan '" + plan.Connector + "'";
            // SPEC §8: without -RepositoryPath, the git work tree that holds the plan file is the repository.
            var root = repositoryRoot;
            if (root == null && plan.SourcePath != null)
            {
                root = Core.Repository.RepositoryLocator.WorkTreeOf(plan.SourcePath);
                if (root != null) WriteVerbose("Plan '" + plan.Connector + "': repository " + root + " (the git work tree holding " + plan.SourcePath + ").");
            }
            // The rules whose Skip keeps the gate closed: every repository rule, and the database rules only when the
            // database was asked for (-Database, -ConnectionString or -ConnectionStringVariable; without them they are
            // opt-in, and their Skip says so).
            var needsRepository = new HashSet<string>(engine.Rules
                .Where(r => r.NeedsDatabase ? databaseAsked : r.NeedsRepository).Select(r => r.Id), StringComparer.Ordinal);
            var options = new GateOptions
            {
                RepositoryRoot = root,
                Rules = Rule ?? Array.Empty<string>(),
                Categories = Category ?? Array.Empty<string>(),
                Phases = Phase ?? Array.Empty<PhaseName>(),
                Cancellation = stop.Token,
                Database = database,
                DatabaseUnavailable = databaseUnavailable,
                // Overall progress runs once over all the plans (not from 0% for each); the rule is the status.
                Progress = p => WriteProgress(new ProgressRecord(1, "Test-RolloutGate", activity + ": " + p.Rule.Id)
                {
                    PercentComplete = planTotal > 1 ? Math.Min(100, ((index - 1) * 100 + p.Percent) / planTotal) : p.Percent,
                    CurrentOperation = p.Rule.NeedsDatabase && database != null ? "Querying database " + database.Name
                        : p.Rule.NeedsRepository && root != null ? "Scanning " + root : p.Rule.Synopsis,
                }),
            };
            try
            {
                foreach (var result in engine.Evaluate(plan, options))
                {
                    if (result.Outcome == GateOutcome.Fail) failed = true;
                    // Only a Skip for want of the repository or the database keeps the gate closed; a rule's own
                    // "nothing to check" Skip (a plan without invariants) does not.
                    if (result.Outcome == GateOutcome.Skip && needsRepository.Contains(result.RuleId))
                    {
                        if (result.Target == "repository") skippedRepository.Add(plan.Connector + " " + result.RuleId);
                        else if (result.Target == "database") skippedDatabase.Add(plan.Connector + " " + result.RuleId);
                        else if (!engine.Rules.Any(r => r.Id == result.RuleId && r.NeedsDatabase)) skippedRepository.Add(plan.Connector + " " + result.RuleId);
                    }
                    if (Reporting) collected.Add(result);
                    if (!Quiet) WriteObject(result);
                }
            }
            catch (RolloutException ex)
            {
                failed = true;
                WriteFailure(ex, plan);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected override void EndProcessing()
        {
            WriteProgress(new ProgressRecord(1, "Test-RolloutGate", "Done") { RecordType = ProgressRecordType.Completed });
            if (Reporting) WriteReport();
            if (Quiet)
            {
                // SPEC §8: the gate is never "open" while a repository rule was not checked.
                if (!failed && skippedRepository.Count > 0)
                    WriteWarning("The gate is not open: " + skippedRepository.Count + " repository rule result(s) were skipped (" +
                        string.Join(", ", skippedRepository.Distinct().Take(5)) + (skippedRepository.Distinct().Count() > 5 ? ", ..." : "") +
                        "). Give -RepositoryPath, or gate a plan file kept in the application's git work tree.");
                if (!failed && skippedDatabase.Count > 0)
                    WriteWarning("The gate is not open: " + skippedDatabase.Count + " database rule result(s) were not checked (" +
                        string.Join(", ", skippedDatabase.Distinct().Take(5)) + (skippedDatabase.Distinct().Count() > 5 ? ", ..." : "") +
                        "): " + (databaseUnavailable ?? "the database could not be read").TrimEnd('.') + ".");
                WriteObject(!failed && plans > 0 && skippedRepository.Count == 0 && skippedDatabase.Count == 0);
            }
        }

        protected override void StopProcessing() => stop.Cancel();

        public void Dispose()
        {
            database?.Dispose();
            database = null;
            stop.Dispose();
        }

        private void WriteReport()
        {
            string target;
            try { target = ResolveNewFile(OutputPath!); }
            catch (RolloutException ex) { WriteFailure(ex, OutputPath); return; }
            if (!ShouldProcess(target, "Write " + OutputFormat + " gate report")) return;
            var writer = GateReportWriters.For(OutputFormat);
            var version = typeof(TestRolloutGateCommand).Assembly.GetName().Version;
            var text = writer.Write(collected, new GateReportOptions
            {
                ToolVersion = version == null ? "0.0.0" : version.Major + "." + version.Minor + "." + version.Build,
                BaseDirectory = repositoryRoot ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            });
            try
            {
                ReportFile.WriteAtomically(target, GateReportWriters.Encode(text));
                WriteVerbose("Wrote " + OutputFormat + " gate report " + target);
            }
            catch (RolloutException ex) { WriteFailure(ex, target); }
        }

        private static GateReportFormat FormatOf(string path)
        {
            var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (ext == ".sarif" || ext == ".json") return GateReportFormat.Sarif;
            if (ext == ".md") return GateReportFormat.Markdown;
            return GateReportFormat.JUnit;
        }
    }
}
