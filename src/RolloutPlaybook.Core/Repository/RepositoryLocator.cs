using System;
using System.IO;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>Finds the application repository a plan file belongs to: the git work tree that holds it (SPEC §8).</summary>
    public static class RepositoryLocator
    {
        /// <summary>
        /// The nearest folder at or above the plan file's folder that has a <c>.git</c> folder or file (a worktree or
        /// submodule has a <c>.git</c> file); null when the file is in no git work tree.
        /// </summary>
        public static string? WorkTreeOf(string? planFile)
        {
            if (string.IsNullOrWhiteSpace(planFile)) return null;
            string? dir;
            try { dir = Path.GetDirectoryName(Path.GetFullPath(planFile)); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException) { return null; }
            while (!string.IsNullOrEmpty(dir))
            {
                var git = Path.Combine(dir, ".git");
                if (Directory.Exists(git) || File.Exists(git)) return dir;
                dir = Path.GetDirectoryName(dir);
            }
            return null;
        }
    }
}
