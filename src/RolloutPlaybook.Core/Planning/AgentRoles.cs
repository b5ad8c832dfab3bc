using System;
using System.Collections.Generic;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>
    /// The agent roles of the playbook's team (SPEC §3): their names, the default split, the order the gate expects
    /// (RP.Team.Order) and each role's focus as the agent prompt states it. Plans may name any other agent.
    /// </summary>
    public static class AgentRoles
    {
        public const string SchemaSync = "schema-sync";
        public const string ApiIntegration = "api-integration";
        public const string Analytics = "analytics";
        public const string UiOps = "ui-ops";
        public const string Review = "review";
        /// <summary>The small team's one builder (<c>New-RolloutPlan -Small</c>).</summary>
        public const string Generalist = "generalist";

        /// <summary>The four builders of the default split (waves 1 schema-sync + analytics, 2 api-integration, 3 ui-ops).</summary>
        public static readonly IReadOnlyList<string> Builders = new[] { SchemaSync, ApiIntegration, Analytics, UiOps };

        /// <summary>The default team: the four builders, then the reviewer.</summary>
        public static readonly IReadOnlyList<string> DefaultTeam = new[] { SchemaSync, ApiIntegration, Analytics, UiOps, Review };

        /// <summary>Whether an agent name is this role (agent names compare without case).</summary>
        public static bool Is(string? agent, string role) => string.Equals(agent, role, StringComparison.OrdinalIgnoreCase);

        /// <summary>What an agent of the role works on, one sentence for its prompt; other agents do their listed tasks.</summary>
        public static string Focus(string? agent)
        {
            switch (agent)
            {
                case SchemaSync: return "Migrations, the sync engine, and state/lease/watermark correctness.";
                case ApiIntegration: return "Endpoints, request validation, auth guards and idempotent writes (documented onConflict behaviour).";
                case Analytics: return "Metric logic, recompute behaviour and edge cases (noise exclusions).";
                case UiOps: return "Mapping UX, sync status and health indicators, and documentation alignment.";
                case Review: return "Strict review after merges: check every item of the quality bar below against the code and the plan, and record the go/no-go.";
                case Generalist:
                    return "The whole connector end to end (mapping, sync, analytics, ops): the team is small, so one agent does what " +
                        SchemaSync + ", " + ApiIntegration + ", " + Analytics + " and " + UiOps + " would.";
                default: return "The tasks listed for this agent.";
            }
        }
    }
}
