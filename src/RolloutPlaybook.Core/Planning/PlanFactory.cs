using System.Collections.Generic;
using RolloutPlaybook.Core.Errors;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Planning
{
    /// <summary>What <c>New-RolloutPlan</c> is told; everything left null is an intake item not given.</summary>
    public sealed class NewPlanRequest
    {
        public string Connector { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? ExternalSystem { get; set; }
        public ConnectorPattern? Pattern { get; set; }
        public string? Why { get; set; }
        public PhaseName? UrgentPhase { get; set; }
        public IList<string>? SuccessCriteria { get; set; }
        public RateLimit? RateLimit { get; set; }
        public string? Retention { get; set; }
        public IList<string>? Scopes { get; set; }
        public bool Small { get; set; }
    }

    /// <summary>Builds new plans: the four phases, the playbook's default team, and the intake policy.</summary>
    public static class PlanFactory
    {
        public static RolloutPlan Create(NewPlanRequest request)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(request.Connector ?? "", PlanPatterns.Connector))
                throw new RolloutException(ErrorIds.InvalidConnectorName,
                    "Connector '" + request.Connector + "' is not a slug: use lower-case letters, digits and '-', starting with a letter (it ends up in file names).", request.Connector);
            var plan = new RolloutPlan
            {
                Connector = request.Connector!,
                DisplayName = request.DisplayName,
                ExternalSystem = request.ExternalSystem,
                Pattern = request.Pattern,
            };
            plan.Goal.Why = request.Why;
            if (request.SuccessCriteria != null) plan.Goal.SuccessCriteria.AddRange(request.SuccessCriteria);
            plan.Intake.UrgentPhase = request.UrgentPhase;
            plan.Intake.SourceLimits.RateLimit = request.RateLimit;
            plan.Intake.SourceLimits.Retention = request.Retention;
            if (request.Scopes != null) plan.Intake.SourceLimits.Scopes.AddRange(request.Scopes);
            plan.Team.Small = request.Small;
            plan.Team.Tasks.AddRange(DefaultTeam(request.Small));
            IntakePolicy.Apply(plan);
            return plan;
        }

        /// <summary>SPEC §3 default team: waves 1 schema-sync + analytics, 2 api-integration, 3 ui-ops, 4 review.</summary>
        public static IEnumerable<AgentTask> DefaultTeam(bool small)
        {
            if (small)
            {
                yield return new AgentTask { Id = AgentRoles.Generalist, Agent = AgentRoles.Generalist, Title = "Mapping, sync, analytics and ops work end to end" };
                yield return new AgentTask { Id = AgentRoles.Review, Agent = AgentRoles.Review, Title = "Strict review against the review gate after merges", DependsOn = { AgentRoles.Generalist } };
                yield break;
            }
            // Each task is named after its agent.
            yield return new AgentTask { Id = AgentRoles.SchemaSync, Agent = AgentRoles.SchemaSync, Phase = PhaseName.Sync, Title = "Migrations, sync engine, state/lease/watermark correctness" };
            yield return new AgentTask { Id = AgentRoles.Analytics, Agent = AgentRoles.Analytics, Phase = PhaseName.Analytics, Title = "Metric logic, recompute behavior, edge cases" };
            yield return new AgentTask { Id = AgentRoles.ApiIntegration, Agent = AgentRoles.ApiIntegration, Phase = PhaseName.Mapping, Title = "Endpoints, validation, auth, idempotent writes", DependsOn = { AgentRoles.SchemaSync } };
            yield return new AgentTask { Id = AgentRoles.UiOps, Agent = AgentRoles.UiOps, Phase = PhaseName.Ops, Title = "Mapping UX, status/health indicators, documentation alignment", DependsOn = { AgentRoles.ApiIntegration } };
            yield return new AgentTask { Id = AgentRoles.Review, Agent = AgentRoles.Review, Title = "Strict review against the review gate after merges", DependsOn = { AgentRoles.SchemaSync, AgentRoles.Analytics, AgentRoles.ApiIntegration, AgentRoles.UiOps } };
        }
    }
}
