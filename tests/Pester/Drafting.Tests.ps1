# Drafting and refreshing a plan from the code (SPEC §9) as a user sees it, mirroring
# tests/RolloutPlaybook.Module.Tests/DraftingCmdletTests.cs. Run from the repository root after
# `dotnet build -c Release`:  Invoke-Pester -Path tests/Pester/Drafting.Tests.ps1
BeforeAll {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$root/out/RolloutPlaybook/RolloutPlaybook.psd1" -Force -ErrorAction Stop
    $fixture = "$root/tests/fixtures/app-repo"

    # A copy of the fixture application, a git work tree of its own.
    function New-AppCopy {
        $app = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $app
        Copy-Item -Path "$fixture/*" -Destination $app -Recurse
        Copy-Item -LiteralPath "$fixture/.env.example" -Destination $app
        $null = New-Item -ItemType Directory -Path (Join-Path $app '.git')
        $app
    }
}

Describe 'New-RolloutPlan -RepositoryPath' {
    It 'drafts the routes, guards, writes, env vars and linking points of the code' {
        $plan = New-RolloutPlan -Connector slack -RepositoryPath $fixture
        $plan.Routes.Path | Should -Be @('/api/cron/slack-sync', '/api/slack/mappings/channels', '/api/slack/mappings/staff', '/api/slack/sync/channel/[channelId]', '/api/slack/test-connection')
        ($plan.Routes | Where-Object Path -eq '/api/cron/slack-sync').Auth | Should -Be 'cron'
        ($plan.Handoff.Env | Where-Object Secret).Name | Should -Be @('CRON_SECRET', 'SLACK_BOT_TOKEN')
        ($plan.LinkingPoints | Where-Object Source -eq slack_user).Cardinality | Should -Be '1:1'
        $plan.Assumptions -like 'From code: POST /api/slack/mappings/staff inserts into entity_external_ids*' | Should -HaveCount 1
    }
    It 'drafts the same bytes twice' {
        $a = Join-Path $TestDrive 'a.yaml'; $b = Join-Path $TestDrive 'b.yaml'
        New-RolloutPlan -Connector slack -RepositoryPath $fixture | Export-RolloutPlan -Path $a
        New-RolloutPlan -Connector slack -RepositoryPath $fixture | Export-RolloutPlan -Path $b
        (Get-FileHash $a).Hash | Should -Be (Get-FileHash $b).Hash
    }
    It 'reports a missing repository' {
        { New-RolloutPlan -Connector slack -RepositoryPath "$TestDrive/nope" -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryNotFound,RolloutPlaybook.Commands.NewRolloutPlanCommand'
    }
}

Describe 'Update-RolloutPlan' {
    It 'shows the change records under -WhatIf and writes nothing' {
        $app = New-AppCopy
        $file = "$app/src/docs/connectors/hubspot/rollout-plan.yaml"
        $before = (Get-FileHash $file).Hash
        $changes = Update-RolloutPlan -Path $file -WhatIf
        ($changes | Where-Object Kind -eq Added).Target | Should -Contain 'HUBSPOT_PORTAL_ID'
        ($changes | Where-Object Kind -eq NotInCode).Target | Should -Contain 'DELETE /api/hubspot/mappings/owners'
        $changes.Applied | Should -Not -Contain $true
        (Get-FileHash $file).Hash | Should -Be $before
    }
    It 'adds exactly what a plan lacks and leaves a current plan alone' {
        $app = New-AppCopy
        $file = Join-Path $app 'draft.yaml'
        $plan = New-RolloutPlan -Connector slack -RepositoryPath $app
        $plan.Routes.RemoveAt(4)
        $plan.Handoff.Env.RemoveAt(2)
        $plan | Export-RolloutPlan -Path $file
        $changes = Get-ChildItem -LiteralPath $file | Update-RolloutPlan -RepositoryPath $app
        $changes | ForEach-Object { "$($_.Kind) $($_.Item) $($_.Target)" } | Should -Be @('Added Route /api/slack/test-connection', 'Added EnvVar SLACK_SYNC_PAGE_CAP')
        $hash = (Get-FileHash $file).Hash
        Update-RolloutPlan -Path $file -RepositoryPath $app | Where-Object Kind -in Added, Removed | Should -BeNullOrEmpty
        (Get-FileHash $file).Hash | Should -Be $hash
    }
    It 'removes what the code dropped only with -Prune' {
        $app = New-AppCopy
        $file = "$app/src/docs/connectors/hubspot/rollout-plan.yaml"
        $comments = (Get-Content $file) -match '^\s*#'
        $comments | Should -Not -BeNullOrEmpty
        (Update-RolloutPlan -Path $file | Where-Object Kind -eq Removed) | Should -BeNullOrEmpty
        $after = Get-Content $file
        foreach ($comment in $comments) { $after | Should -Contain $comment }
        $removed = Update-RolloutPlan -Path $file -Prune | Where-Object Kind -eq Removed
        $removed.Target | Should -Be @('DELETE /api/hubspot/mappings/owners', 'supabase/migrations/20260303_hubspot_deals.sql')
        (Import-RolloutPlan $file).Handoff.Migrations | Should -Not -Contain 'supabase/migrations/20260303_hubspot_deals.sql'
    }
    It 'needs a repository for a plan that came from no file' {
        { New-RolloutPlan -Connector slack | Update-RolloutPlan -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepositoryNotFound,RolloutPlaybook.Commands.UpdateRolloutPlanCommand'
    }
}

Describe 'examples/adopt-existing-connector.ps1' {
    It 'adopts the fixture connector end to end: draft, review, gate' {
        $output = & "$root/examples/adopt-existing-connector.ps1" -OutputFolder (Join-Path $TestDrive 'adopt') 6>&1 | Out-String
        $output | Should -Match 'Update-RolloutPlan: the plan is current with the code.'
        Test-Path (Join-Path $TestDrive 'adopt/src/docs/connectors/slack/rollout-plan.yaml') | Should -BeTrue
    }
}
