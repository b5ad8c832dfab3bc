using System;
using System.Collections.Generic;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>The environment variables the connector's code reads, and what <c>.env.example</c> documents.</summary>
    public sealed class EnvUsage
    {
        private EnvUsage(IReadOnlyList<EnvRead> reads, IReadOnlyDictionary<string, int>? example) { Reads = reads; EnvExample = example; }

        /// <summary>Every read, ordered by file then line then name.</summary>
        public IReadOnlyList<EnvRead> Reads { get; }
        /// <summary>Names defined in <c>.env.example</c> with their line; null when the file does not exist.</summary>
        public IReadOnlyDictionary<string, int>? EnvExample { get; }

        public static EnvUsage Scan(RepositoryLayout layout, RouteInventory routes)
        {
            if (layout == null) throw new ArgumentNullException(nameof(layout));
            if (routes == null) throw new ArgumentNullException(nameof(routes));
            return new EnvUsage(Array.Empty<EnvRead>(), null);
        }
    }
}
