<#
.SYNOPSIS
    Builds the Slack connector's rollout plan from nothing with the RolloutPlaybook cmdlets and writes it.
.DESCRIPTION
    The whole plan of templates/examples/slack.rollout-plan.yaml, authored from PowerShell: intake,
    mapping matrix, routes with their conflict handling, sync strategy, metric, phases and their checks,
    a custom agent team, the setup handoff, notes and a waiver. The file it writes is byte for byte the
    example plan. Calls with many parameters are splatted; the plan flows along pipelines.
.PARAMETER OutputPath
    Where to write the plan file (its folder must exist).
.EXAMPLE
    ./examples/build-slack-plan.ps1 -OutputPath src/docs/connectors/slack/rollout-plan.yaml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $OutputPath
)
$ErrorActionPreference = 'Stop'

# Intake: everything the playbook's five questions ask is given, so no intake assumption remains.
$intake = @{
    Connector       = 'slack'
    DisplayName     = 'Slack'
    ExternalSystem  = 'Slack Web API'
    Pattern         = 'Custom'
    Why             = 'Measure how fast staff answer partners in shared Slack channels'
    UrgentPhase     = 'Sync'
    SuccessCriteria = '100 channels syncing without errors', 'response-time dashboard used in the weekly pod review'
    RateLimit       = '50/1m'
    Retention       = '90 days of history on the free plan'
    Scope           = 'channels:read', 'channels:history', 'users:read'
}
$plan = New-RolloutPlan @intake

$settings = @{
    Unlock               = 'pod-level response-time dashboard', 'partner health score input'
    Auth                 = 'bot token'
    PullMode             = 'incremental'
    Health               = 'last successful run age', 'failed units per run'
    Alert                = 'run stuck over 30m', '3 consecutive failed runs'
    RepositoryRoutes     = 'src/app/api'
    RepositoryMigrations = 'supabase/migrations'
    RepositoryDocs       = 'src/docs'
    RepositoryCode       = 'src/lib/slack', 'src/lib/connectors/slack.ts'
}
# Mapping matrix: one row per entity_external_ids source.
$staff = @{
    Source      = 'slack_user'
    Entity      = 'staff'
    Cardinality = '1:1'
    Purpose     = 'primary'
    ExternalId  = 'Slack user ID (U…)'
    Metadata    = 'slack_name', 'slack_email'
    Remap       = 'reclassify synced messages on map and unmap'
}
$channels = @{
    Source      = 'slack_channel'
    Entity      = 'partners'
    Cardinality = '1:N'
    Purpose     = 'partner channel'
    ExternalId  = 'Slack channel ID (C…)'
    Metadata    = 'channel_name', 'is_shared'
    Remap       = "re-attribute the channel's messages to the new partner on remap"
}
# Sync: restart-safe, overlap-safe, page-capped and paced for 50 requests a minute.
$sync = @{
    Trigger          = 'cron'
    Schedule         = '5m'
    Cursor           = 'message_ts'
    Watermark        = 'latest_ts', 'oldest_ts'
    WatermarkAdvance = 'after-write'
    IdempotencyKey   = 'channel_id,message_ts'
    Lease            = '4m'
    Overlap          = '0s'
    PageSize         = 200
    PageCap          = 5
    Resume           = 'cursor'
    UnitsPerRun      = 20
    CallInterval     = '1.2s'
}
$metric = @{
    Name       = 'response_time'
    Definition = 'first staff reply after a partner message, within its thread'
    Exclude    = 'bot', 'system', 'channel_join', 'channel_leave'
    Recompute  = 'mapping-change', 'nightly'
    Version    = 1
}
$plan |
    Set-RolloutPlan @settings |
    Add-LinkingPoint @staff |
    Add-LinkingPoint @channels |
    # Routes and what each mutation does on a conflict.
    Add-RolloutRoute -Route /api/slack/mappings/staff -Method GET, POST, DELETE -Auth admin -Writes @(
        @{ table = 'entity_external_ids'; source = 'slack_user'; method = 'POST'; action = 'reject' }
        @{ table = 'entity_external_ids'; source = 'slack_user'; method = 'DELETE'; action = 'delete' }
    ) |
    Add-RolloutRoute -Route /api/slack/mappings/channels -Method GET, POST -Auth admin -Writes @(
        @{ table = 'entity_external_ids'; source = 'slack_channel'; method = 'POST'; action = 'update'; onConflict = 'source,external_id' }
    ) |
    Add-RolloutRoute -Route '/api/slack/sync/channel/[channelId]' -Method POST -Auth admin -Writes @(
        @{ table = 'slack_messages'; action = 'ignore'; onConflict = 'channel_id,message_ts' }
    ) |
    Add-RolloutRoute -Route /api/cron/slack-sync -Method GET -Auth cron -Writes @(
        @{ table = 'slack_messages'; method = 'GET'; action = 'ignore'; onConflict = 'channel_id,message_ts' }
    ) |
    Set-SyncStrategy @sync |
    Add-RolloutMetric @metric |
    Out-Null

# Phases: scope and deliverables, then the validation checklist with its evidence.
$phases = @(
    @{ Phase = 'mapping'; Scope = 'Connection, staff and channel mapping'; Deliverable = 'mapping endpoints', 'mapping UI' }
    @{ Phase = 'sync'; Scope = 'Incremental message sync with lease, watermarks and page cap'; Deliverable = 'slack_messages and slack_sync_runs migrations', 'cron sync route' }
    @{ Phase = 'analytics'; Scope = 'Response-time metric per partner channel'; Deliverable = 'response_time metric', 'nightly recompute job' }
    @{ Phase = 'ops'; Scope = 'Health indicators, alerts and the setup handoff'; Deliverable = 'sync status card', 'alert rules', 'setup handoff' }
)
foreach ($phase in $phases) {
    $plan | Set-RolloutPhase @phase | Out-Null
}

$checks = @(
    @{ Phase = 'mapping'; Id = 'mapping-remap'; Kind = 'remap'; Description = 'Unmapping a staff user clears attribution on synced messages' }
    @{ Phase = 'mapping'; Id = 'mapping-unique'; Kind = 'test'; Description = 'A second staff mapping for one Slack user is rejected with 409' }
    @{ Phase = 'sync'; Id = 'sync-restart'; Kind = 'test'; Description = 'A run killed mid-channel resumes from the persisted cursor without duplicates' }
    @{ Phase = 'sync'; Id = 'sync-lint'; Kind = 'lint'; Description = 'Connector lint passes' }
    @{ Phase = 'sync'; Id = 'sync-typecheck'; Kind = 'typecheck'; Description = 'Connector typecheck passes' }
    @{ Phase = 'sync'; Id = 'sync-build'; Kind = 'build'; Description = 'Production build passes' }
    @{ Phase = 'analytics'; Id = 'analytics-noise'; Kind = 'test'; Description = 'Bot, system and join/leave messages are excluded from response time' }
    @{ Phase = 'ops'; Id = 'ops-smoke'; Kind = 'smoke'; Description = 'The smoke-test sequence passes on a fresh workspace' }
)
foreach ($check in $checks) {
    $plan | Add-ValidationCheck @check | Out-Null
}

$evidence = [ordered]@{
    'mapping-remap'  = 'jest run 2026-11-20, test "unmap clears sender_staff_id"'
    'mapping-unique' = 'jest run 2026-11-20, test "duplicate slack_user mapping returns 409"'
    'sync-lint'      = 'npm run lint 2026-11-21, 0 problems'
    'sync-typecheck' = 'npx tsc --noEmit 2026-11-21'
    'sync-build'     = 'next build 2026-11-21'
}
foreach ($id in $evidence.Keys) {
    $plan | Set-ValidationResult -Id $id -Status pass -Evidence $evidence[$id] | Out-Null
}

# A custom agent team instead of the default one.
$plan | Remove-AgentTask -Id * | Out-Null
$tasks = @(
    @{ Id = 'sync-schema'; Agent = 'schema-sync'; Phase = 'sync'; Title = 'slack_messages + slack_sync_runs migrations, lease and watermarks' }
    @{ Id = 'metrics'; Agent = 'analytics'; Phase = 'analytics'; Title = 'response_time metric with noise exclusions and recompute on mapping change' }
    @{ Id = 'api-mappings'; Agent = 'api-integration'; Phase = 'mapping'; DependsOn = 'sync-schema'; Title = 'Staff and channel mapping endpoints with auth, validation and conflict handling' }
    @{ Id = 'api-sync'; Agent = 'api-integration'; Phase = 'sync'; DependsOn = 'sync-schema'; Title = 'Channel sync and cron routes, idempotent message writes' }
    @{ Id = 'mapping-ui'; Agent = 'ui-ops'; Phase = 'mapping'; DependsOn = 'api-mappings', 'api-sync'; Title = 'Mapping UX, sync status and health indicators, docs alignment' }
    @{ Id = 'review'; Agent = 'review'; DependsOn = 'sync-schema', 'metrics', 'api-mappings', 'api-sync', 'mapping-ui'; Title = 'Strict review against the gate after merges' }
)
foreach ($task in $tasks) {
    $plan | Add-AgentTask @task | Out-Null
}

# The Manual Setup Handoff, executable by a non-author.
$steps = 'Create the Slack app from its manifest', 'Install it to the workspace', 'Copy the bot token'
foreach ($step in $steps) {
    $plan | Add-HandoffAppStep -ExternalAppStep $step | Out-Null
}
$scopes = [ordered]@{
    'channels:read'    = 'list channels to map'
    'channels:history' = 'read message metadata'
    'users:read'       = 'map Slack users to staff'
}
foreach ($scope in $scopes.Keys) {
    $plan | Add-HandoffScope -Scope $scope -Reason $scopes[$scope] | Out-Null
}
$envVars = @(
    @{ EnvVar = 'SLACK_BOT_TOKEN'; Secret = $true; Purpose = 'Web API calls'; Local = '.env.local'; Deploy = 'Vercel project settings (Production, Preview)' }
    @{ EnvVar = 'CRON_SECRET'; Secret = $true; Purpose = 'authenticates the cron sync route'; Local = '.env.local'; Deploy = 'Vercel project settings (Production)' }
    @{ EnvVar = 'SLACK_SYNC_PAGE_CAP'; Purpose = 'pages per channel per run'; Local = '.env.local'; Deploy = 'Vercel project settings (Production, Preview)'; Value = 5 }
)
foreach ($envVar in $envVars) {
    $plan | Add-HandoffEnvVar @envVar | Out-Null
}
foreach ($migration in 'supabase/migrations/20260210_slack_messages.sql', 'supabase/migrations/20260211_slack_one_to_one_index.sql') {
    $plan | Add-HandoffMigration -Migration $migration | Out-Null
}
$smokeTests = [ordered]@{
    'POST /api/slack/test-connection'                          = '200 and the workspace name'
    'POST /api/slack/mappings/staff with a test user'          = '201 and the mapping row'
    'GET /api/cron/slack-sync with the CRON_SECRET bearer token' = '200 and a sync run with 0 failed units'
}
foreach ($smokeTest in $smokeTests.Keys) {
    $plan | Add-HandoffSmokeTest -SmokeTest $smokeTest -Expect $smokeTests[$smokeTest] | Out-Null
}

# Risks, assumptions, open questions and a waiver; then write the file.
$waiver = @{
    Rule    = 'RP.Sync.RateBudget'
    Target  = 'backfill'
    Reason  = 'one-off backfill'
    Expires = '2026-12-31'
}
$plan |
    Add-RolloutNote -Risk 'private channels need a manual invite' -Mitigation 'warn at mapping time' |
    Add-RolloutNote -Risk 'free-plan retention hides history older than 90 days' -Mitigation 'backfill once on install and say so in the UI' |
    Add-RolloutNote -Assumption 'History older than 90 days is not needed' |
    Add-RolloutNote -OpenQuestion 'Keep sender_is_staff denormalized or compute at query time?' |
    Add-GateWaiver @waiver |
    Export-RolloutPlan -Path $OutputPath -Force
