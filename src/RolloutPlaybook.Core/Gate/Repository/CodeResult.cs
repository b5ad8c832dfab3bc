using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate.Repository
{
    internal static class CodeResult
    {
        /// <summary>Marks a result as a finding in a code file (SARIF points there).</summary>
        public static GateResult At(this GateResult result, GateContext context, string? relativePath, int? line)
        {
            if (relativePath == null) return result;
            result.CodeFile = relativePath; result.CodeLine = line; result.RepositoryRoot = context.Repository.Layout.Root;
            return result;
        }
    }
}
