using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Core.PlanFiles;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Infrastructure
{
    /// <summary>What every RolloutPlaybook cmdlet shares: error reporting and file-system path resolution.</summary>
    public abstract class RolloutCmdlet : PSCmdlet
    {
        /// <summary>Reports a failure for one item and goes on with the next.</summary>
        protected void WriteFailure(Exception exception, object? target = null)
        {
            foreach (var record in ErrorRecordFactory.Create(exception, target)) WriteError(record);
        }

        /// <summary>A plan file loaded, or null after its load errors were written (the next file goes on).</summary>
        protected RolloutPlan? LoadPlanOrWriteFailure(string file)
        {
            try { return PlanFileStore.Load(file); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, file);
                return null;
            }
        }

        /// <summary>Stops the cmdlet: nothing more can be done.</summary>
        protected void ThrowFailure(Exception exception, object? target = null)
            => ThrowTerminatingError(ErrorRecordFactory.Create(exception, target).First());

        /// <summary>
        /// File-system paths for <c>-Path</c> (wildcards) or <c>-LiteralPath</c>. A path that matches nothing is a
        /// non-terminating <c>RolloutPlanNotFound</c> error; the other paths still resolve.
        /// </summary>
        protected IEnumerable<string> ResolveExistingFiles(IEnumerable<string> paths, bool literal, string errorId = ErrorIds.RolloutPlanNotFound)
        {
            foreach (var path in paths)
            {
                var resolved = new List<string>();
                try
                {
                    if (literal)
                    {
                        var p = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                        if (!IsFileSystem(provider)) { WriteFailure(NotFileSystem(path)); continue; }
                        if (System.IO.File.Exists(p)) resolved.Add(p);
                    }
                    else
                    {
                        foreach (var p in SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider))
                        {
                            if (!IsFileSystem(provider)) { WriteFailure(NotFileSystem(path)); break; }
                            resolved.Add(p);
                        }
                    }
                }
                catch (ItemNotFoundException) { }
                catch (DriveNotFoundException) { }
                if (resolved.Count == 0)
                {
                    WriteFailure(new RolloutException(errorId, "Cannot find plan file '" + path + "'.", path));
                    continue;
                }
                foreach (var p in resolved) yield return p;
            }
        }

        /// <summary>
        /// The default plans of a repository (SPEC §2's <c>src/docs/connectors/*/rollout-plan.yaml</c>) that really are in
        /// it: a connector folder that is a symbolic link (or a chain of them) out of <paramref name="root"/> is reported as
        /// <c>PathOutsideRepository</c> and not read.
        /// </summary>
        protected IEnumerable<string> InsideRepository(IEnumerable<string> files, string root)
        {
            Core.IO.RepositoryPath repository;
            try { repository = Core.IO.RepositoryPath.Open(root); }
            catch (RolloutException ex)
            {
                WriteFailure(ex, root);
                yield break;
            }
            foreach (var file in files)
            {
                try { repository.EnsureInside(file, "plan file"); }
                catch (RolloutException ex)
                {
                    WriteFailure(ex, file);
                    continue;
                }
                yield return file;
            }
        }

        /// <summary>
        /// Where a rendered document goes: the pipeline when there is no <paramref name="target"/>, else the file
        /// (after ShouldProcess; DocumentFile's rules: identical bytes are not rewritten, other content needs -Force),
        /// with the outcome in the verbose stream and the FileInfo on -PassThru.
        /// </summary>
        protected void WriteDocument(string? target, string text, string action, bool force, bool passThru)
        {
            if (target == null)
            {
                WriteObject(text);
                return;
            }
            if (!ShouldProcess(target, action)) return;
            try
            {
                var outcome = Core.Rendering.DocumentFile.Write(target, text, force);
                WriteVerbose(target + ": " + outcome.ToString().ToLowerInvariant() + ".");
                if (passThru) WriteItem(target);
            }
            catch (RolloutException ex)
            {
                WriteFailure(ex, target);
            }
        }

        /// <summary>
        /// The file-system provider's item for a file just written (what <c>Get-Item</c> returns: PSPath, Mode, Length), so
        /// <c>-PassThru</c> output shows like any file and pipes into cmdlets that take <c>-LiteralPath</c> by property name.
        /// </summary>
        protected void WriteItem(string path)
        {
            // force: a dot-file such as .env.example is hidden on Unix and would not be found otherwise.
            foreach (var item in InvokeProvider.Item.Get(new[] { path }, true, true)) WriteObject(item);
        }

        /// <summary>A file-system path that may not exist yet (for writing).</summary>
        protected string ResolveNewFile(string path)
        {
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (!IsFileSystem(provider)) throw NotFileSystem(path);
            return full;
        }

        private static bool IsFileSystem(ProviderInfo provider) => string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

        private static RolloutException NotFileSystem(string path)
            => new RolloutException(ErrorIds.PathNotFileSystem, "'" + path + "' is not a file-system path.", path);
    }
}
