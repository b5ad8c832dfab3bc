# The gate as a user sees it, mirroring tests/RolloutPlaybook.Module.Tests/Gate*Tests.cs. Run from the repository root
# after `dotnet build -c Release`:  Invoke-Pester -Path tests/Pester/Gate.Tests.ps1
BeforeAll {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$root/out/RolloutPlaybook/RolloutPlaybook.psd1" -Force -ErrorAction Stop
    # A copy outside any git work tree: without -RepositoryPath its repository rules Skip (SPEC §8 finds the
    # repository from the plan's git work tree, which for the shipped example would be this project).
    Copy-Item "$root/templates/examples/slack.rollout-plan.yaml" "$TestDrive/slack.rollout-plan.yaml"
    $example = "$TestDrive/slack.rollout-plan.yaml"
    $appRepo = "$root/tests/fixtures/app-repo"
    $hubspot = "$appRepo/src/docs/connectors/hubspot/rollout-plan.yaml"
    $slack = "$appRepo/src/docs/connectors/slack/rollout-plan.yaml"
}

Describe 'Test-RolloutGate: bad input' {
    It 'needs -OutputPath with -OutputFormat' {
        { Test-RolloutGate -Path $example -OutputFormat JUnit -ErrorAction Stop } |
            Should -Throw -ErrorId 'GateOutputPathRequired,RolloutPlaybook.Commands.TestRolloutGateCommand'
    }
    It 'reports a missing repository' {
        { Test-RolloutGate -Path $example -RepositoryPath "$TestDrive/nope" -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryNotFound,RolloutPlaybook.Commands.TestRolloutGateCommand'
    }
    It 'reports a missing plan file and goes on with the others' {
        $results = Test-RolloutGate -Path "$TestDrive/missing.yaml", $example -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'RolloutPlanNotFound,RolloutPlaybook.Commands.TestRolloutGateCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $results | Should -Not -BeNullOrEmpty
    }
    It 'rejects a plan path that escapes the repository' {
        $plan = New-RolloutPlan -Connector acme
        $plan.Repository.Routes = '../../etc'
        { $plan | Test-RolloutGate -RepositoryPath $TestDrive -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand'
    }
    It 'knows no rule RP.Sync.Nope' {
        { Get-RolloutRule -Id RP.Sync.Nope -ErrorAction Stop } |
            Should -Throw -ErrorId 'RolloutRuleNotFound,RolloutPlaybook.Commands.GetRolloutRuleCommand'
    }
}

Describe 'Test-RolloutGate: results' {
    It 'passes the example plan and skips repository rules without -RepositoryPath' {
        $results = Import-RolloutPlan $example | Test-RolloutGate
        $results.Where({ $_.Outcome -eq 'Fail' }) | Should -BeNullOrEmpty
        ($results | Where-Object RuleId -eq 'RP.Docs.RoutesMatch').Outcome | Should -Be 'Skip'
        ($results | Where-Object { $_.RuleId -eq 'RP.Map.SourceDeclared' -and $_.Target -eq 'slack_channel' }).PlanLine | Should -Be 31
    }
    It 'works in an if with -Quiet' {
        $verdict = if (Test-RolloutGate -Path $slack -RepositoryPath $appRepo -Quiet) { 'open' } else { 'closed' }
        $verdict | Should -Be 'open'
        New-RolloutPlan -Connector acme | Test-RolloutGate -Quiet | Should -BeFalse
    }
    It 'never says open with -Quiet while repository rules were skipped' {
        Test-RolloutGate -Path $example -Quiet -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeFalse
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*repository rule result(s) were skipped*'
    }
    It 'filters by rule, category and phase' {
        (Test-RolloutGate -Path $example -Rule 'RP.Sync.*').RuleId | Sort-Object -Unique |
            Should -Be @('RP.Sync.OverlapSafe', 'RP.Sync.PageCapSafe', 'RP.Sync.RateBudget', 'RP.Sync.RestartSafe')
        (Test-RolloutGate -Path $example -Category Handoff).Category | Sort-Object -Unique | Should -Be 'Handoff'
        (Test-RolloutGate -Path $example -Phase sync -Rule RP.Phase.ChecksDefined).Target | Should -Be 'sync'
    }
    It 'writes <Format> reports' -ForEach @(
        @{ Format = 'JUnit'; File = 'gate.xml'; Text = '<testsuites' }
        @{ Format = 'NUnit3'; File = 'gate.xml'; Text = '<test-run' }
        @{ Format = 'Sarif'; File = 'gate.sarif'; Text = '"version": "2.1.0"' }
        @{ Format = 'Markdown'; File = 'gate.md'; Text = '# Rollout gate: PASSED' }
    ) {
        Test-RolloutGate -Path $example -OutputFormat $Format -OutputPath "$TestDrive/$File" | Out-Null
        Get-Content -Raw "$TestDrive/$File" | Should -BeLike "*$Text*"
    }
    It 'writes no report with -WhatIf' {
        Test-RolloutGate -Path $example -OutputFormat JUnit -OutputPath "$TestDrive/whatif.xml" -WhatIf | Out-Null
        "$TestDrive/whatif.xml" | Should -Not -Exist
    }
}

Describe 'Test-RolloutGate: the fixture repository' {
    It 'finds no Fail in the clean slack connector' {
        Test-RolloutGate -Path $slack -RepositoryPath $appRepo | Where-Object Outcome -eq 'Fail' | Should -BeNullOrEmpty
    }
    It 'finds <Rule> <Target> at <File>:<Line>' -ForEach @(
        @{ Rule = 'RP.Docs.RoutesMatch'; Target = '/api/hubspot/mappings/owners'; File = 'src/app/api/hubspot/mappings/owners/route.ts'; Line = 1 }
        @{ Rule = 'RP.Docs.RoutesMatch'; Target = '/api/hubspot/mappings/companies'; File = 'src/app/api/hubspot/mappings/companies/route.ts'; Line = 28 }
        @{ Rule = 'RP.Map.OneToOneEnforced'; Target = 'hubspot_owner'; File = 'supabase/migrations/20260301_hubspot_companies.sql'; Line = 11 }
        @{ Rule = 'RP.Map.OneToOneEnforced'; Target = 'hubspot_company'; File = 'supabase/migrations/20260302_hubspot_company_index.sql'; Line = 2 }
        @{ Rule = 'RP.Map.OnConflictDocumented'; Target = '/api/hubspot/sync/deals POST upsert hubspot_deals'; File = 'src/app/api/hubspot/sync/deals/route.ts'; Line = 17 }
        @{ Rule = 'RP.Docs.EnvMatch'; Target = 'HUBSPOT_PORTAL_ID'; File = 'src/lib/hubspot/client.ts'; Line = 13 }
    ) {
        $fail = @(Test-RolloutGate -Path $hubspot -RepositoryPath $appRepo -Rule $Rule | Where-Object { $_.Outcome -eq 'Fail' -and $_.Target -eq $Target })
        $fail.Count | Should -Be 1
        $fail[0].CodeFile | Should -Be $File
        $fail[0].CodeLine | Should -Be $Line
    }
}

Describe 'Get-RolloutRule' {
    It 'lists the catalogue' {
        (Get-RolloutRule).Count | Should -BeGreaterOrEqual 22
        (Get-RolloutRule 'RP.Sync.*').Count | Should -Be 4
        Get-RolloutRule -Category Docs | Where-Object NeedsRepository | ForEach-Object Id |
            Should -Be @('RP.Docs.RoutesMatch', 'RP.Docs.MigrationsMatch', 'RP.Docs.EnvMatch', 'RP.Docs.DocumentCurrent')
    }
}

Describe 'Test-RolloutGate: repository layouts (Pages Router, a link in the app table, env.example)' {
    BeforeAll {
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
