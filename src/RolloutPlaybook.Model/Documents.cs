namespace RolloutPlaybook.Model
{
    /// <summary>The formats <c>Export-SetupHandoff</c> writes.</summary>
    public enum HandoffFormat
    {
        /// <summary>The Manual Setup Handoff as Markdown (default).</summary>
        Markdown,
        /// <summary>The same facts as JSON with a fixed key order, for automation.</summary>
        Json,
        /// <summary><c>.env.example</c> lines: every variable by name, never a secret's value.</summary>
        DotEnv,
    }
}
