using System;
using System.IO;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.PlanFiles
{
    /// <summary>
    /// Decides what the first-line <c># yaml-language-server: $schema=…</c> reference of a newly written YAML plan file
    /// points at, so that an editor validates it and completes its keys:
    /// <list type="number">
    /// <item>a copy of the schema inside the plan's repository, as a path relative to the plan file (the same line for
    /// everyone who clones it): <c>schemas/rollout-plan.schema.json</c>, <c>.vscode/rollout-plan.schema.json</c> or
    /// <c>rollout-plan.schema.json</c> in the plan's folder or any folder above it, up to the repository root (the folder
    /// holding <c>.git</c>);</item>
    /// <item>otherwise the copy in the installed module's folder (<see cref="InstalledCopy"/>), as a <c>file://</c> URI;</item>
    /// <item>otherwise nothing: the file is written without a modeline.</item>
    /// </list>
    /// A plan written back to its own file keeps whatever its first line says (the comment-keeping splice).
    /// </summary>
    public static class PlanSchemaReference
    {
        /// <summary>Where a repository's copy may sit, relative to each folder searched, in the order searched.</summary>
        private static readonly string[] RepositoryCopies =
        {
            PlanJsonSchema.FolderName + "/" + PlanJsonSchema.FileName,
            ".vscode/" + PlanJsonSchema.FileName,
            PlanJsonSchema.FileName,
        };

        /// <summary>The schema in the module's own folder; the module sets it when it is imported.</summary>
        public static string? InstalledCopy { get; set; }

        /// <summary>The reference for a plan file about to be written at <paramref name="planFile"/>, or null for none.</summary>
        public static string? For(string planFile) => For(planFile, InstalledCopy);

        /// <summary>The same, with the module's copy given (<see cref="InstalledCopy"/> is the module's).</summary>
        public static string? For(string planFile, string? installedCopy)
        {
            if (planFile == null) throw new ArgumentNullException(nameof(planFile));
            var planFolder = Path.GetDirectoryName(Path.GetFullPath(planFile));
            // The repository root ends the search: a copy above it is not part of what is committed.
            var root = RepositoryLocator.WorkTreeOf(planFile);
            for (var folder = planFolder; folder != null; folder = Path.GetDirectoryName(folder))
            {
                foreach (var copy in RepositoryCopies)
                {
                    var candidate = Path.Combine(folder, copy.Replace('/', Path.DirectorySeparatorChar));
                    if (File.Exists(candidate)) return Relative(planFolder!, candidate);
                }
                if (folder == root) break;
            }
            return installedCopy != null && File.Exists(installedCopy) ? new Uri(Path.GetFullPath(installedCopy)).AbsoluteUri : null;
        }

        /// <summary>The path of <paramref name="file"/> from <paramref name="folder"/>, with forward slashes (editors on every OS read them).</summary>
        internal static string Relative(string folder, string file)
        {
            var from = new Uri(AppendSeparator(Path.GetFullPath(folder)));
            var relative = Uri.UnescapeDataString(from.MakeRelativeUri(new Uri(Path.GetFullPath(file))).ToString());
            return relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
        }

        private static string AppendSeparator(string folder)
            => folder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? folder : folder + Path.DirectorySeparatorChar;
    }
}
