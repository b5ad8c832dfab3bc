using RolloutPlaybook.Tests.LiveDatabase;

namespace RolloutPlaybook.Core.Tests.Database
{
    /// <summary>One throwaway PostgreSQL cluster for every live-database test class of this assembly.</summary>
    [CollectionDefinition(Name)]
    public sealed class LiveDatabaseCollection : ICollectionFixture<PostgresCluster>
    {
        public const string Name = "LiveDatabase";
    }
}
