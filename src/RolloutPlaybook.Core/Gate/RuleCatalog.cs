using System.Collections.Generic;
using RolloutPlaybook.Core.Gate.Rules;
using RolloutPlaybook.Core.Gate.Repository;
using RolloutPlaybook.Model;

namespace RolloutPlaybook.Core.Gate
{
    /// <summary>The review gate's rules (SPEC §5), with stable ids. <see cref="All"/> is what <c>Get-RolloutRule</c> lists.</summary>
    public static class RuleCatalog
    {
        private static readonly PhaseName[] AllPhases = { PhaseName.Mapping, PhaseName.Sync, PhaseName.Analytics, PhaseName.Ops };
        private static readonly PhaseName[] Mapping = { PhaseName.Mapping };
        private static readonly PhaseName[] Sync = { PhaseName.Sync };
        private static readonly PhaseName[] Analytics = { PhaseName.Analytics };
        private static readonly PhaseName[] Ops = { PhaseName.Ops };

        public static readonly RolloutRule BuildChecksPass = new RolloutRule("RP.Build.ChecksPass", RuleSeverity.Error,
            "Lint, typecheck and build checks are recorded as passed, with evidence.",
            "The plan must record at least one check of each kind lint, typecheck and build (in any phase), and every one of them must have status pass and evidence of the run.",
            "Add the missing checks (Add-ValidationCheck -Kind lint|typecheck|build), run them, and record the result with evidence (Set-ValidationResult -Status pass -Evidence '...').",
            false, AllPhases);

        public static readonly RolloutRule MapSourceDeclared = new RolloutRule("RP.Map.SourceDeclared", RuleSeverity.Error,
            "Every linking point has a valid unique source, an entity, an external id and a cardinality.",
            "Each linking point is one entity_external_ids.source: its source name must follow ^[a-z][a-z0-9_]*$ and be unique in the plan, and it must name the internal entity, the external id it stores and its cardinality (1:1 or 1:N). A plan without linking points fails.",
            "Complete the linking point in the plan (Add-LinkingPoint -Source ... -Entity ... -ExternalId ... -Cardinality 1:1|1:N), one per source.",
            false, Mapping);

        public static readonly RolloutRule MapOneToOneEnforced = new RolloutRule("RP.Map.OneToOneEnforced", RuleSeverity.Error,
            "Strict 1:1 sources are enforced by a partial unique index in the migrations; 1:N sources are not in one.",
            "Applies the forward migrations in file-name order and reads the partial UNIQUE indexes on entity_external_ids that remain. Every linking point with cardinality 1:1 enforced in db must be covered by such an index (WHERE source IN (...) or source = '...'); a 1:N source in such an index is a Fail, because the index would forbid its second mapping.",
            "Add (or re-create) the partial unique index on entity_external_ids(entity_type, entity_id, source) WHERE source IN (...) in a new migration so that it lists exactly the strict 1:1 sources.",
            true, Mapping);

        public static readonly RolloutRule MapOnConflictDocumented = new RolloutRule("RP.Map.OnConflictDocumented", RuleSeverity.Error,
            "Every mutating route documents its writes and conflict handling, and its code agrees.",
            "A route with a mutating method (POST, PUT, PATCH, DELETE) or with writes must list writes covering each mutating method, each with an action, and an onConflict target for update and ignore. With -RepositoryPath, the code is followed through wrappers, helpers and repository imports (up to 6 calls deep) and must agree both ways, one result per write: every listed write is in the code (a write the code does not show is a Fail), the upsert's onConflict columns equal the plan's, ignoreDuplicates is set exactly for ignore, reject routes handle SQLSTATE 23505, and every table the code writes (.insert, .upsert, .update, .delete) is listed for that method.",
            "Document the route's writes (Add-RolloutRoute -Writes) with the action and onConflict target the code really uses, or change the code to match the plan.",
            false, Mapping);

        public static readonly RolloutRule MapRemapSafe = new RolloutRule("RP.Map.RemapSafe", RuleSeverity.Error,
            "Every linking point says how a remap avoids stale attribution, and a remap check passed.",
            "Mapping and remapping must not leave stale attribution behind: every linking point states its remap strategy (remap:), and a validation check of kind remap is recorded as passed.",
            "Describe the remap behaviour of each linking point (Add-LinkingPoint -Remap ...) and add a check of kind remap that proves it (Add-ValidationCheck -Kind remap; Set-ValidationResult -Status pass -Evidence ...).",
            false, Mapping);

        public static readonly RolloutRule SyncRestartSafe = new RolloutRule("RP.Sync.RestartSafe", RuleSeverity.Error,
            "Incremental sync names its cursor and watermarks, advances them after the write, and has an idempotency key.",
            "An incremental or hybrid sync must be able to restart at any point without losing or duplicating data: it names the cursor and the watermarks, advances the watermarks after the write (watermarkAdvance: after-write), and writes idempotently (idempotencyKey). A snapshot sync passes.",
            "Set the sync strategy (Set-SyncStrategy -Cursor ... -Watermarks ... -WatermarkAdvance after-write -IdempotencyKey ...).",
            false, Sync);

        public static readonly RolloutRule SyncOverlapSafe = new RolloutRule("RP.Sync.OverlapSafe", RuleSeverity.Error,
            "A lease exists, outlasts the worst-case run and fits in the schedule.",
            "Two runs must never work on the same units at once. The worst-case run is unitsPerRun x (1 + pageCap) x callInterval; the lease must be longer than that, and (for a scheduled sync) no longer than the schedule interval, so a crashed run's lease has expired before the next run starts.",
            "Set lease, unitsPerRun, pageCap and callInterval (Set-SyncStrategy) so that worst-case run < lease <= schedule; lower unitsPerRun or pageCap if the run does not fit.",
            false, Sync);

        public static readonly RolloutRule SyncPageCapSafe = new RolloutRule("RP.Sync.PageCapSafe", RuleSeverity.Error,
            "A page cap exists and capped work resumes from a persisted cursor.",
            "A run reads at most pageCap pages per unit; the rest must resume from the persisted cursor on the next run (resume: cursor with a cursor named), not restart from the beginning.",
            "Set a page cap and resume from the cursor (Set-SyncStrategy -PageCap 5 -Resume cursor -Cursor ...).",
            false, Sync);

        public static readonly RolloutRule SyncRateBudget = new RolloutRule("RP.Sync.RateBudget", RuleSeverity.Error,
            "The calls of one run fit the source's rate limit.",
            "A run makes up to unitsPerRun x (1 + pageCap) calls spaced callInterval apart. They fit the source rate limit (intake sourceLimits.rateLimit) when the run makes no more calls than the limit allows in one window, or when the call spacing keeps the rate at or below the limit.",
            "State the source's rate limit (New-RolloutPlan -RateLimit 50/1m) and raise callInterval or lower unitsPerRun/pageCap until the run fits it.",
            false, Sync);

        public static readonly RolloutRule AnalyticsNoiseExcluded = new RolloutRule("RP.Analytics.NoiseExcluded", RuleSeverity.Error,
            "Every metric says which noise it excludes.",
            "Metrics must exclude non-conversation and system noise as defined: every metric lists its excludes (bots, system messages, joins/leaves, ...). A plan without metrics is skipped.",
            "List what each metric excludes (Add-RolloutMetric -Exclude bot, system, ...).",
            false, Analytics);

        public static readonly RolloutRule DocsRoutesMatch = new RolloutRule("RP.Docs.RoutesMatch", RuleSeverity.Error,
            "Plan routes and methods equal the route files and their exported handlers.",
            "Every route in the plan has a route file exporting exactly the plan's methods (export async function POST, export const POST = withAuth(handler), export { handler as POST }), and every route file under the connector's route folder is in the plan. One result per plan route and per unplanned route file; guards and body validation are RP.Api.Guarded and RP.Api.BodyValidated.",
            "Make the plan and the code agree: add the route or method to the plan (Add-RolloutRoute) or to the code, or remove the one that is gone.",
            true, Ops);

        public static readonly RolloutRule ApiGuarded = new RolloutRule("RP.Api.Guarded", RuleSeverity.Error,
            "Every planned handler checks its caller as the route's auth says.",
            "Follows each handler through its wrappers and the functions it calls (same file or imported from the repository, up to 6 calls deep) and looks for the guard its route's auth names: session (Supabase auth.getUser/getSession/getClaims, NextAuth auth()/getServerSession, Clerk auth()/currentUser), admin or any role (requireRole, requireAdmin; a role guard also proves a session), cron (the Authorization bearer token compared with a cron secret env var), signature (HMAC + comparison, timingSafeEqual, Stripe constructEvent, Svix verify, clientState or a webhook secret compared), state (the OAuth state parameter compared with a stored value), or the names listed under repository.guards. none/public needs nothing, and a handler that only returns a fixed response needs no guard. A guard found only inside a branch is a Fail; one that lets the request through when its secret is unset (fail-open) is a Warn. One result per route and method.",
            "Call the guard the route's auth names at the start of the handler (or in its wrapper), or correct the plan's auth (auth: { GET: none, POST: admin } per method); list the app's own guard helpers under repository.guards.",
            true, Ops);

        public static readonly RolloutRule ApiBodyValidated = new RolloutRule("RP.Api.BodyValidated", RuleSeverity.Error,
            "Every planned mutating handler that reads the request body validates it.",
            "A POST, PUT, PATCH or DELETE handler that reads the body (.json(), .formData(), .text(), also in the functions it calls) must validate it: zod (.parse/.safeParse and their Async forms), valibot, yup or joi (.validate), ajv, superstruct, a function listed under repository.validators, or explicit type checks (typeof body.x, Array.isArray) of every field it reads. Presence checks and a bare JSON.parse are not validation (Fail); type checks of some of the fields it reads but not all are a Warn. One result per route and method.",
            "Parse the body with a schema before using it (const input = Schema.parse(await request.json())), or type-check every field it reads; list the app's own validator under repository.validators.",
            true, Ops);

        public static readonly RolloutRule DocsMigrationsMatch = new RolloutRule("RP.Docs.MigrationsMatch", RuleSeverity.Error,
            "The migrations named in the handoff exist.",
            "Every migration file the setup handoff tells a non-author to apply must exist in the repository.",
            "Fix the file name in the handoff (Add-HandoffMigration ...) or add the migration.",
            true, Ops);

        public static readonly RolloutRule DocsScopesMatch = new RolloutRule("RP.Docs.ScopesMatch", RuleSeverity.Error,
            "The handoff scopes equal the intake scopes.",
            "The scopes the setup handoff asks for must be exactly the scopes the source needs (intake sourceLimits.scopes): none missing, none extra.",
            "Add the missing scopes to the handoff (Add-HandoffScope ... -Reason ...) or to the intake, and remove extra ones.",
            false, Ops);

        public static readonly RolloutRule DocsEnvMatch = new RolloutRule("RP.Docs.EnvMatch", RuleSeverity.Error,
            "Every env var the connector's code reads is in the handoff, and handoff env vars are in .env.example.",
            "Reads process.env.NAME (and process.env['NAME']) in the connector's code: its route files, src/lib/{connector}/** and src/lib/connectors/{connector}* (or repository.code). Each variable read must be in the setup handoff; each handoff variable must appear in .env.example when that file exists.",
            "Add the variable to the handoff (Add-HandoffEnvVar NAME -Local ... -Deploy ...) and to .env.example (Export-SetupHandoff -Format DotEnv).",
            true, Ops);

        public static readonly RolloutRule DocsDocumentCurrent = new RolloutRule("RP.Docs.DocumentCurrent", RuleSeverity.Error,
            "The rollout Markdown on disk equals what Export-RolloutDocument renders now.",
            "The rollout plan document (src/docs/{CONNECTOR}-ROLLOUT-PLAN.md) must be the rendering of the current plan, so the document never drifts from the plan.",
            "Render the document again (Export-RolloutDocument -RepositoryPath .) and commit it.",
            true, Ops);

        public static readonly RolloutRule HandoffComplete = new RolloutRule("RP.Handoff.Complete", RuleSeverity.Error,
            "The setup handoff is complete and executable by a non-author.",
            "The Manual Setup Handoff needs external app steps (custom pattern), scopes each with a reason, env vars each with where to set them locally and in deployment, the migrations to apply, and an ordered smoke-test sequence with an expectation for each step.",
            "Complete the handoff (Add-HandoffAppStep, Add-HandoffScope -Reason, Add-HandoffEnvVar -Local -Deploy, Add-HandoffMigration, Add-HandoffSmokeTest -Expect).",
            false, Ops);

        public static readonly RolloutRule HandoffNoSecretValues = new RolloutRule("RP.Handoff.NoSecretValues", RuleSeverity.Error,
            "No secret-looking value anywhere in the plan.",
            "Plan files are committed: no value in the plan may look like a credential (API tokens, keys, private keys, JWTs, long random strings), and an env var marked secret never has a value. The message names the key and the kind of secret, never the value.",
            "Remove the value from the plan, rotate the credential if it was ever committed, and keep it in the env files named by the handoff.",
            false, Ops);

        public static readonly RolloutRule TeamAcyclic = new RolloutRule("RP.Team.Acyclic", RuleSeverity.Error,
            "The task graph is acyclic, its dependencies exist and every task has an agent.",
            "The agent-team task graph must be schedulable in waves: task ids are unique, every dependsOn names an existing task, no task depends on itself through a cycle, and every task names its agent.",
            "Fix the dependencies (Add-AgentTask -DependsOn ...) so they name existing tasks without a cycle, and give every task an agent.",
            false, AllPhases);

        public static readonly RolloutRule TeamOrder = new RolloutRule("RP.Team.Order", RuleSeverity.Warning,
            "api-integration after schema-sync, ui-ops after api-integration, review last.",
            "The playbook's execution order: api-integration tasks depend (directly or not) on schema-sync tasks, ui-ops tasks on api-integration tasks, and review tasks on every other task. A different order is a warning.",
            "Add the dependencies (Add-AgentTask -DependsOn ...) so the waves follow the playbook order.",
            false, AllPhases);

        public static readonly RolloutRule PhaseChecksDefined = new RolloutRule("RP.Phase.ChecksDefined", RuleSeverity.Error,
            "Each phase has checks; a pass without evidence is a Fail.",
            "Every one of the four phases (mapping, sync, analytics, ops) has at least one validation check, and every check recorded as pass carries its evidence.",
            "Add checks to the phase (Add-ValidationCheck -Phase ...) and record evidence with each result (Set-ValidationResult -Evidence ...).",
            false, AllPhases);

        public static readonly RolloutRule IntakeOpenQuestions = new RolloutRule("RP.Intake.OpenQuestions", RuleSeverity.Warning,
            "Open questions remain (Warn).",
            "Open questions of the plan (including unanswered intake items) are listed as a warning until they are answered and removed.",
            "Answer the open questions and remove them from the plan (or supply the intake item they stand for).",
            false, AllPhases);

        public static readonly RolloutRule DbMigrationsApplied = new RolloutRule("RP.Db.MigrationsApplied", RuleSeverity.Error,
            "The live database has applied exactly the repository's forward migrations.",
            "Reads the applied migrations from supabase_migrations.schema_migrations (as the Supabase CLI records them) and matches them by version, the file name's leading digits, against the repository's forward migrations (_down.sql rollbacks are never expected). A forward migration that is not applied is a Fail; so is an applied version that no migration file has.",
            "Apply the missing migrations (supabase db push, or run them in order), or add the file of a migration that was applied by hand to the repository.",
            true, Ops, needsDatabase: true);

        public static readonly RolloutRule DbOneToOneLive = new RolloutRule("RP.Db.OneToOneLive", RuleSeverity.Error,
            "The live unique indexes enforce every strict 1:1 source and no 1:N one.",
            "Reads the valid unique indexes and constraints on the identity table (entity_external_ids) from the database catalogue. Every linking point with cardinality 1:1 enforced in db must be covered by one keyed per entity (entity_id and source) whose predicate includes the source; a 1:N source covered by one is a Fail. A migration file proves nothing if it was never applied or the index was dropped by hand.",
            "Re-create the partial unique index on entity_external_ids(entity_type, entity_id, source) WHERE source IN (...) in the database (apply the migration that defines it), after removing duplicate mappings it would reject.",
            false, Mapping, needsDatabase: true);

        public static readonly RolloutRule DbNoDuplicateMappings = new RolloutRule("RP.Db.NoDuplicateMappings", RuleSeverity.Error,
            "No entity holds two external ids of a 1:1 source, and no external id maps to two entities.",
            "Counts, per linking point, the identity-table rows that break its cardinality in the live data: entities holding more than one external id of a 1:1 source, and external ids of any source mapped to more than one entity. Up to 5 offending rows are shown, secret-checked.",
            "Resolve the duplicate mappings (keep one, remap the rest and reclassify what they attributed), then make sure the unique index that prevents them exists.",
            false, Mapping, needsDatabase: true);

        public static readonly RolloutRule DbInvariants = new RolloutRule("RP.Db.Invariants", RuleSeverity.Error,
            "Every invariant query of the plan returns no rows.",
            "Runs each query of the plan's invariants: alone, in a READ ONLY transaction under the statement timeout, and expects no rows (each row is a breach, e.g. stale attribution after a remap). Rows are a Fail with the count and up to 5 rows, secret-checked; a query that errors or times out is a Fail naming the error; a query that tries to write or to control the transaction is refused and reported as a Warn.",
            "Fix the data the query returns (and the code path that wrote it), or correct the query (Add-RolloutInvariant -Force); an invariant is one read-only SELECT.",
            false, AllPhases, needsDatabase: true);

        public static readonly RolloutRule WaiverExpired = new RolloutRule("RP.Gate.WaiverExpired", RuleSeverity.Error,
            "A waiver in the plan has expired.",
            "A waiver turns a Fail of its rule (and target) into Waived until its expiry day. After that day the waiver is a Fail of its own and no longer waives anything.",
            "Fix what the waiver covered, or renew the waiver with a new expiry date and reason (Add-GateWaiver).",
            false, AllPhases);

        /// <summary>Every rule in catalogue order.</summary>
        public static IReadOnlyList<RolloutRule> All { get; } = new[]
        {
            BuildChecksPass, MapSourceDeclared, MapOneToOneEnforced, MapOnConflictDocumented, MapRemapSafe,
            SyncRestartSafe, SyncOverlapSafe, SyncPageCapSafe, SyncRateBudget, AnalyticsNoiseExcluded,
            DocsRoutesMatch, ApiGuarded, ApiBodyValidated, DocsMigrationsMatch, DocsScopesMatch, DocsEnvMatch, DocsDocumentCurrent,
            HandoffComplete, HandoffNoSecretValues, TeamAcyclic, TeamOrder, PhaseChecksDefined, IntakeOpenQuestions,
            DbMigrationsApplied, DbOneToOneLive, DbNoDuplicateMappings, DbInvariants, WaiverExpired,
        };

        /// <summary>The evaluated rules (the waiver check runs inside the engine).</summary>
        internal static IReadOnlyList<IGateRule> CreateRules() => new IGateRule[]
        {
            new BuildChecksPassRule(), new SourceDeclaredRule(), new OneToOneEnforcedRule(), new OnConflictDocumentedRule(), new RemapSafeRule(),
            new RestartSafeRule(), new OverlapSafeRule(), new PageCapSafeRule(), new RateBudgetRule(), new NoiseExcludedRule(),
            new RoutesMatchRule(), new GuardedRule(), new BodyValidatedRule(), new MigrationsMatchRule(), new ScopesMatchRule(), new EnvMatchRule(), new DocumentCurrentRule(),
            new HandoffCompleteRule(), new NoSecretValuesRule(), new TeamAcyclicRule(), new TeamOrderRule(), new ChecksDefinedRule(), new OpenQuestionsRule(),
            new MigrationsAppliedRule(), new OneToOneLiveRule(), new NoDuplicateMappingsRule(), new InvariantsRule(),
        };
    }
}
