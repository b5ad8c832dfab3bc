using System;
using System.Collections.Generic;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// What PostgreSQL would hold after applying the forward migrations (<c>*.sql</c> in file-name order, <c>_down.sql</c>
    /// excluded): the partial unique indexes on <c>entity_external_ids</c> that enforce 1:1 sources.
    /// </summary>
    public sealed class MigrationState
    {
        private readonly HashSet<string> files;

        private MigrationState(IReadOnlyList<string> forward, HashSet<string> allFiles, IReadOnlyList<IdentityIndex> indexes)
        {
            ForwardFiles = forward; files = allFiles; OneToOneIndexes = indexes;
        }

        /// <summary>Forward migrations, relative paths, in file-name (ordinal) order.</summary>
        public IReadOnlyList<string> ForwardFiles { get; }
        /// <summary>Partial unique indexes on entity_external_ids in the final state, ordered by name.</summary>
        public IReadOnlyList<IdentityIndex> OneToOneIndexes { get; }

        public static MigrationState Load(RepositoryLayout layout)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            return new MigrationState(Array.Empty<string>(), new HashSet<string>(StringComparer.Ordinal), Array.Empty<IdentityIndex>());
        }

        /// <summary>True when a repository-relative path names an existing file inside the repository.</summary>
        public bool Exists(string relativePath) => relativePath != null && files.Contains(relativePath.Replace('\\', '/'));
    }
}
