# SPEC §8 plan keys and repository layouts as a user meets them in pwsh. Run after `dotnet build -c Release`:
#   Invoke-Pester -Path tests/Pester/PlanFormat8.Tests.ps1
BeforeAll {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$root/out/RolloutPlaybook/RolloutPlaybook.psd1" -Force -ErrorAction Stop

    function New-AppRepository([string] $Path) {
        foreach ($file in @{
            'pages/api/slack/mappings.ts' = "import { requireRole } from '@/lib/auth';`nexport default async function handler(req, res) {`n  await requireRole('admin');`n  if (req.method === 'GET') return res.json([]);`n  if (req.method === 'POST') return res.status(201).end();`n}`n"
            'supabase/migrations/001.sql' = "CREATE TABLE slack_alert_channels (id uuid primary key, slack_connection_id uuid, alert_type text, UNIQUE (slack_connection_id, alert_type));`n"
            'env.example'                 = "# SLACK_BOT_TOKEN=xoxb-...`n"
            '.git/HEAD'                   = "ref: refs/heads/main`n"
        }.GetEnumerator()) {
            $target = Join-Path $Path $file.Key
            New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
            Set-Content -LiteralPath $target -Value $file.Value -NoNewline
        }
    }
}

Describe 'SPEC §8 plan keys' {
    It 'takes a per-method auth and writes: none, and writes them back' {
        $file = Join-Path $TestDrive 'auth.yaml'
        New-RolloutPlan -Connector slack |
            Add-RolloutRoute -Route /api/slack/events -Method GET, POST -Auth @{ GET = 'none'; POST = 'signature' } -Writes none |
            Export-RolloutPlan -Path $file
        Get-Content -Raw $file | Should -BeLike "*auth: { GET: none, POST: signature }*writes: none*"
        $route = (Import-RolloutPlan $file).Routes[0]
        $route.Auth.For('POST') | Should -Be 'signature'
        $route.NoWrites | Should -BeTrue
    }
    It 'refuses a write whose op and action disagree' {
        { New-RolloutPlan -Connector slack | Add-RolloutRoute -Route /api/slack/x -Method POST -Writes @{ table = 't'; op = 'update'; action = 'update' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidRouteWrite,RolloutPlaybook.Commands.AddRolloutRouteCommand'
    }
    It 'reports a bad op in a plan file with its position' {
        $file = Join-Path $TestDrive 'bad.yaml'
        Set-Content -LiteralPath $file -Value "schemaVersion: 1`nconnector: slack`nroutes:`n  - path: /api/slack/x`n    methods: [POST]`n    writes:`n      - { table: t, op: insert, onConflict: a }`n"
        $err = $null
        Import-RolloutPlan $file -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RolloutPlanInvalid,*'
        "$($err[0])" | Should -BeLike '*bad.yaml:7:*routes`[0`].writes`[0`].op*'
    }
}

Describe 'SPEC §8 repository layouts' {
    BeforeAll {
        $repo = Join-Path $TestDrive 'app'
        New-AppRepository $repo
        $plan = Join-Path $repo 'src/docs/connectors/slack/rollout-plan.yaml'
        New-Item -ItemType Directory -Path (Split-Path $plan) -Force | Out-Null
        New-RolloutPlan -Connector slack |
            Add-RolloutRoute -Route /api/slack/mappings -Method GET, POST -Auth admin -Writes none |
            Add-LinkingPoint -Source slack_alert -Entity alert -Cardinality 1:1 -Table slack_alert_channels -Key slack_connection_id, alert_type |
            Add-HandoffEnvVar -EnvVar SLACK_BOT_TOKEN -Secret -Local .env.local -Deploy vercel |
            Export-RolloutPlan -Path $plan
    }
    It 'finds the repository from the plan file and reads a Pages Router route' {
        $result = Test-RolloutGate -Path $plan -Rule RP.Docs.RoutesMatch
        $result.Outcome | Should -Be 'Pass'
        $result.Evidence | Should -Contain 'pages/api/slack/mappings.ts:2'
    }
    It 'checks a link kept in the app table against its UNIQUE constraint' {
        (Test-RolloutGate -Path $plan -Rule RP.Map.OneToOneEnforced).Outcome | Should -Be 'Pass'
    }
    It 'counts a commented assignment in env.example' {
        (Test-RolloutGate -Path $plan -Rule RP.Docs.EnvMatch).Message | Should -BeLike '*in the handoff and env.example*'
    }
    It 'is not open with -Quiet when the plan is kept outside any repository' {
        $outside = Join-Path $TestDrive 'outside.yaml'
        Copy-Item $plan $outside
        Test-RolloutGate -Path $outside -Rule RP.Docs.* -Quiet -WarningAction SilentlyContinue | Should -BeFalse
        Test-RolloutGate -Path $plan -Rule RP.Docs.RoutesMatch, RP.Map.OneToOneEnforced, RP.Docs.EnvMatch -Quiet | Should -BeTrue
    }
}
