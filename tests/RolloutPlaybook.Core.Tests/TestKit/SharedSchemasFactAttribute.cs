using System.IO;

namespace RolloutPlaybook.Core.Tests.TestKit
{
    /// <summary>
    /// A fact that needs the published report schemas in <c>../shared/schemas</c> (present in CI beside the clone).
    /// Where they are absent the fact is reported as skipped with that reason, decided at discovery: xunit 2.9 has
    /// no runtime skip, so the attribute sets <see cref="FactAttribute.Skip"/> itself.
    /// </summary>
    public sealed class SharedSchemasFactAttribute : FactAttribute
    {
        public SharedSchemasFactAttribute()
        {
            if (!Directory.Exists(TestPaths.SharedSchemas))
                Skip = "needs the published report schemas in " + TestPaths.SharedSchemas + " (../shared/schemas beside the clone, as in CI); absent here";
        }
    }
}
