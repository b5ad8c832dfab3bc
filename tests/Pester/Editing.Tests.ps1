#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Editing a heavily commented plan file through every adder, setter and remover: each edit changes the lines of the
# item it edits and nothing else (a line diff of the file before and after), and every comment of the file survives.
# The fixture tags each item's lines with a trailing comment ('# lp1', '# r1w2', ...) so the diff can tell whose lines changed.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/RolloutPlaybook/RolloutPlaybook.psd1" -Force
    $script:Fixture = [IO.Path]::GetFullPath("$PSScriptRoot/../fixtures/commented/rollout-plan.yaml")

    # The lines only in $Before and the lines only in $After (longest common subsequence, like git diff).
    function Compare-Lines([string[]] $Before, [string[]] $After) {
        $n = $Before.Count; $m = $After.Count
        $lcs = New-Object 'int[,]' ($n + 1), ($m + 1)
        for ($i = $n - 1; $i -ge 0; $i--) {
            for ($j = $m - 1; $j -ge 0; $j--) {
                $lcs[$i, $j] = if ($Before[$i] -ceq $After[$j]) { $lcs[($i + 1), ($j + 1)] + 1 } else { [Math]::Max($lcs[($i + 1), $j], $lcs[$i, ($j + 1)]) }
            }
        }
        $removed = [Collections.Generic.List[string]]::new(); $added = [Collections.Generic.List[string]]::new()
        $i = 0; $j = 0
        while ($i -lt $n -or $j -lt $m) {
            if ($i -lt $n -and $j -lt $m -and $Before[$i] -ceq $After[$j]) { $i++; $j++ }
            elseif ($j -lt $m -and ($i -eq $n -or $lcs[$i, ($j + 1)] -ge $lcs[($i + 1), $j])) { $added.Add($After[$j]); $j++ }
            else { $removed.Add($Before[$i]); $i++ }
        }
        [pscustomobject]@{ Removed = $removed.ToArray(); Added = $added.ToArray() }
    }

    function Get-Tag([string] $Line) { if ($Line -match '#\s*(\S+)\s*$' -and $Line -notmatch '^\s*#') { $Matches[1] } }
}

Describe 'Editing a commented plan file changes only the edited item' {
    BeforeAll {
        $script:File = Join-Path $TestDrive 'rollout-plan.yaml'
        Copy-Item -LiteralPath $Fixture -Destination $File
        $script:Comments = [IO.File]::ReadAllLines($Fixture) | Where-Object { $_ -match '^\s*#' -and $_ -notmatch 'Partners own shared channels' }
    }

    # Kind: Add (only new lines, no comment in them), Change (the target's lines, keeping their comments), Remove (only the target's lines,
    # and the full-line comments right above it).
    It '<Command>' -ForEach @(
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-LinkingPoint -Path $File -Source slack_bot -Entity staff -Cardinality 1:1' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutRoute -Path $File -Route /api/slack/extra -Method GET -Auth admin' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutMetric -Path $File -Name threads_per_day -Definition ''threads a day''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-AgentTask -Path $File -Id docs -Agent ui-ops -Title Docs -DependsOn review' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-ValidationCheck -Path $File -Phase sync -Id sync.build -Kind build -Description Build' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffEnvVar -Path $File -EnvVar SLACK_SIGNING_SECRET -Secret -Local .env.local -Deploy Vercel' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffScope -Path $File -Scope chat:write -Reason ''post replies''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffMigration -Path $File -Migration supabase/migrations/20260103_extra.sql' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffSmokeTest -Path $File -SmokeTest ''GET /api/slack/extra'' -Expect 200' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffAppStep -Path $File -ExternalAppStep ''Enable events''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutNote -Path $File -Assumption ''Bots are not staff''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutNote -Path $File -OpenQuestion ''Which workspace?''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutNote -Path $File -Risk ''Scope creep'' -Mitigation ''one connector at a time''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-GateWaiver -Path $File -Rule RP.Docs.EnvMatch -Reason ''env file later'' -Expires 2030-01-01' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutInvariant -Path $File -Id no-orphans -Sql ''select 1 where false''' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-HandoffItem -Path $File -EnvVar SLACK_APP_ID -Local .env.local -Deploy Vercel' }
        @{ Kind = 'Add'; Targets = @(); Command = 'Add-RolloutRoute -PlanPath $File -Path /api/slack/old-spelling -Method GET -Auth admin' }
        @{ Kind = 'Change'; Targets = @('c1'); Command = 'Set-ValidationResult -Path $File -Id sync.lint -Status pass -Evidence ''npm run lint, 2026-11-30''' }
        @{ Kind = 'Change'; Targets = @('pagecap'); Command = 'Set-SyncStrategy -Path $File -PageCap 50' }
        @{ Kind = 'Change'; Targets = @('displayName'); Command = 'Set-RolloutPlan -Path $File -DisplayName ''Slack Web API''' }
        @{ Kind = 'Change'; Targets = @('phases'); Command = 'Set-RolloutPhase -Path $File -Phase sync -Scope ''Full and incremental sync''' }
        @{ Kind = 'Change'; Targets = @('t3'); Command = 'Set-AgentTask -Path $File -Id review -Title ''Strict review'' -DependsOn sync, schema' }
        @{ Kind = 'Change'; Targets = @('lp1'); Command = 'Add-LinkingPoint -Path $File -Source slack_user -ExternalId ''Slack user ID'' -Entity employees -Cardinality 1:1 -Remap ''reclassify messages'' -Force' }
        @{ Kind = 'Remove'; Targets = @('r1w2'); Command = 'Remove-RouteWrite -Path $File -Route /api/slack/mappings/staff -Table slack_audit' }
        @{ Kind = 'Remove'; Targets = @('r2'); Command = 'Remove-RolloutRoute -Path $File -Route /api/slack/health' }
        @{ Kind = 'Remove'; Targets = @('m2'); Command = 'Remove-RolloutMetric -Path $File -Name unanswered_threads' }
        @{ Kind = 'Remove'; Targets = @('c2'); Command = 'Remove-ValidationCheck -Path $File -Id sync.restart' }
        @{ Kind = 'Change'; Targets = @('t2', 't3'); Gone = @('t2'); Command = 'Remove-AgentTask -Path $File -Id sync -DropDependencies' }
        @{ Kind = 'Remove'; Targets = @('e2', 's2', 'g2', 'k2', 'x2'); Command = 'Remove-HandoffItem -Path $File -EnvVar SLACK_TEAM_ID -Scope users:read -Migration supabase/migrations/20260102_more.sql -SmokeTest ''POST /api/slack/mappings/staff'' -ExternalAppStep ''Install it to the workspace''' }
        @{ Kind = 'Remove'; Targets = @('a2', 'q2', 'risk2'); Command = 'Remove-RolloutNote -Path $File -Assumption ''Channels are shared'' -OpenQuestion ''Is history needed?'' -Risk ''Token leak''' }
        @{ Kind = 'Remove'; Targets = @('w2'); Command = 'Remove-GateWaiver -Path $File -Rule RP.Team.Order' }
        @{ Kind = 'Remove'; Targets = @('lp2'); Command = 'Remove-LinkingPoint -Path $File -Source slack_channel' }
    ) {
        $before = [IO.File]::ReadAllLines($File)
        Invoke-Expression $Command -ErrorVariable err -WarningAction SilentlyContinue
        $err | Should -BeNullOrEmpty
        $after = [IO.File]::ReadAllLines($File)
        $diff = Compare-Lines $before $after
        switch ($Kind) {
            'Add' {
                $diff.Removed | Should -BeNullOrEmpty
                $diff.Added | Should -Not -BeNullOrEmpty
                $diff.Added | Where-Object { $_ -match '#' } | Should -BeNullOrEmpty
            }
            'Change' {
                $diff.Removed | Should -Not -BeNullOrEmpty
                foreach ($line in $diff.Removed) { Get-Tag $line | Should -BeIn $Targets -Because "only the edited item's lines change ('$line')" }
                foreach ($line in $diff.Added) { if ($line -match '#') { Get-Tag $line | Should -BeIn $Targets -Because "a changed line keeps its comment ('$line')" } }
                foreach ($target in $Gone) { $after | Where-Object { (Get-Tag $_) -eq $target } | Should -BeNullOrEmpty }
            }
            'Remove' {
                $diff.Added | Should -BeNullOrEmpty
                $diff.Removed | Should -Not -BeNullOrEmpty
                foreach ($line in $diff.Removed) {
                    if ($line -notmatch '^\s*#') { Get-Tag $line | Should -BeIn $Targets -Because "only the removed item's lines go ('$line')" }
                }
                foreach ($target in $(if ($Gone) { $Gone } else { $Targets })) { $after | Where-Object { (Get-Tag $_) -eq $target } | Should -BeNullOrEmpty }
            }
        }
    }

    It 'kept every comment of the file and still loads as the edited plan' {
        $text = [IO.File]::ReadAllLines($File)
        foreach ($comment in $Comments) { $text | Should -Contain $comment }
        $plan = Import-RolloutPlan -LiteralPath $File
        $plan.DisplayName | Should -Be 'Slack Web API'
        $plan.LinkingPoints.Source | Should -Be @('slack_user', 'slack_bot')
        $plan.LinkingPoints[0].Entity | Should -Be 'employees'
        $plan.Team.Tasks.Id | Should -Be @('schema', 'review', 'docs')
        $plan.Team.Tasks[1].DependsOn | Should -Be 'schema'
        $plan.Team.Tasks[1].Title | Should -Be 'Strict review'
        $plan.Phases.Sync.Checks.Id | Should -Be @('sync.lint', 'sync.build')
        $plan.Sync.PageCap | Should -Be 50
    }

    It 'writes the same bytes as the canonical writer when the file has no comments and the canonical layout' {
        $canonical = Join-Path $TestDrive 'canonical.yaml'
        Import-RolloutPlan -LiteralPath $File | Export-RolloutPlan -Path $canonical
        Add-AgentTask -Path $canonical -Id extra -Agent review -Title Extra -DependsOn docs
        Remove-LinkingPoint -Path $canonical -Source slack_bot
        $expected = Join-Path $TestDrive 'expected.yaml'
        Import-RolloutPlan -LiteralPath $canonical | Export-RolloutPlan -Path $expected -Force
        $bytes = [IO.File]::ReadAllBytes($canonical)
        $plan = Import-RolloutPlan -LiteralPath $canonical
        $fresh = Join-Path $TestDrive 'fresh.yaml'
        $plan | Export-RolloutPlan -LiteralPath $fresh -Force
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($fresh)) | Should -Be ([Convert]::ToBase64String($bytes))
    }
}

Describe '1:1, 1:N, db and app are the one spelling everywhere' {
    BeforeAll {
        $script:Plan = Import-RolloutPlan -LiteralPath $Fixture
        function Get-Completion([string] $InputScript) { (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText }
    }
    It 'shows them in the default view and as the values themselves' {
        $text = $Plan.LinkingPoints | Format-Table | Out-String -Width 120
        $text | Should -Match 'slack_user\s.*\s1:1\s+db\b'
        $text | Should -Match 'slack_channel\s.*\s1:N\s+app\b'
        "$($Plan.LinkingPoints[0].Cardinality)" | Should -BeExactly '1:1'
        "$($Plan.LinkingPoints[1].EnforcedIn)" | Should -BeExactly 'app'
    }
    It 'compares with them in Where-Object (any case; the old member names still work)' {
        ($Plan.LinkingPoints | Where-Object Cardinality -eq '1:1').Source | Should -Be 'slack_user'
        ($Plan.LinkingPoints | Where-Object Cardinality -eq '1:n').Source | Should -Be 'slack_channel'
        ($Plan.LinkingPoints | Where-Object EnforcedIn -eq 'db').Source | Should -Be 'slack_user'
        ($Plan.LinkingPoints | Where-Object Cardinality -eq 'OneToMany').Source | Should -Be 'slack_channel'
        ($Plan.LinkingPoints | Where-Object Cardinality -ne '1:1').Source | Should -Be 'slack_channel'
    }
    It 'completes them' {
        Get-Completion 'Add-LinkingPoint -Cardinality ' | Should -Be @('1:1', '1:N')
        Get-Completion 'Add-LinkingPoint -EnforcedIn ' | Should -Be @('db', 'app')
    }
    It 'takes them as parameters and names them in errors' {
        $p = New-RolloutPlan -Connector slack | Add-LinkingPoint -Source a -Entity staff -Cardinality 1:N -EnforcedIn app
        $p.LinkingPoints[0].Cardinality | Should -Be '1:N'
        { New-RolloutPlan -Connector slack | Add-LinkingPoint -Source a -Entity staff -Cardinality 2:2 } | Should -Throw '*expected "1:1" or "1:N"*'
    }
}

Describe 'Default views read at 80 and 120 columns' {
    BeforeAll {
        $script:Example = [IO.Path]::GetFullPath("$PSScriptRoot/../../templates/examples/slack.rollout-plan.yaml")
        $script:AppRepo = [IO.Path]::GetFullPath("$PSScriptRoot/../fixtures/app-repo")
    }
    It 'keeps the waves'' Unblocks readable at 80 columns (no two-letter wrapping)' {
        $lines = (Import-RolloutPlan -LiteralPath $Example | Get-AgentWaves | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^\s+1 ' }) | Should -Match 'api-mappings'
    }
    It 'shows whole gate messages at 120 columns and the end of a long target' {
        $text = Test-RolloutGate -Path "$AppRepo/src/docs/connectors/hubspot/rollout-plan.yaml" -RepositoryPath $AppRepo |
            Where-Object RuleId -eq 'RP.Docs.MigrationsMatch' | Out-String -Width 120
        $text | Should -Match '60303_hubspot_deals\.sql'
        $text | Should -Match 'does not exist in the repository'
        $text -split "`n" | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
    }
    It 'shows a whole mapping row at 80 columns: source, entity, cardinality, enforcement' {
        $lines = (Import-RolloutPlan -LiteralPath $Example).LinkingPoints | Out-String -Width 80
        $lines | Should -Match 'slack_user\s+staff\s+1:1\s+db'
        $lines | Should -Match 'slack_channel\s+partners\s+1:N\s+app'
    }
    It 'prints phases and smoke tests as text, not type names' {
        $plan = Import-RolloutPlan -LiteralPath $Example
        $phases = $plan.Phases | Out-String -Width 80
        $phases | Should -Not -Match 'RolloutPlaybook\.Model'
        $phases | Should -Match 'Sync\s+: Incremental message sync'
        ($plan.Handoff | Out-String -Width 120) | Should -Not -Match 'RolloutPlaybook\.Model'
    }
}

Describe 'The edit cmdlets'' shape' {
    BeforeAll {
        $script:File = Join-Path $TestDrive 'shape.yaml'
    }
    BeforeEach {
        New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $File -Force
    }

    It 'gives every editor the same plan and file parameters and no sets of its own' {
        foreach ($command in Get-Command -Module RolloutPlaybook -Verb Add, Set, Remove) {
            ($command.ParameterSets.Name | Sort-Object) -join ',' | Should -Be 'LiteralPath,Path,Plan' -Because $command.Name
            foreach ($name in 'Plan', 'Path', 'LiteralPath', 'PassThru', 'Force', 'WhatIf') { $command.Parameters.Keys | Should -Contain $name -Because $command.Name }
            $command.Parameters['Plan'].Aliases | Should -Contain 'InputObject'
        }
    }

    It 'has one cmdlet per handoff kind, and Add-HandoffItem still works with a warning naming it' {
        $plan = New-RolloutPlan -Connector slack | Add-HandoffItem -Migration supabase/migrations/1.sql -WarningVariable warned -WarningAction SilentlyContinue
        $plan.Handoff.Migrations | Should -Be 'supabase/migrations/1.sql'
        "$warned" | Should -Match 'deprecated: use Add-HandoffMigration'
        (Get-Command Add-HandoffEnvVar).Parameters.Keys | Should -Not -Contain 'Reason'
        { New-RolloutPlan -Connector slack | Add-HandoffScope users:read -Reason r -Expect e } | Should -Throw -ErrorId 'NamedParameterNotFound,RolloutPlaybook.Commands.AddHandoffScopeCommand'
    }

    It 'takes the route as -Route and the plan file as -Path; -Path as the route still works with a warning' {
        Add-RolloutRoute -Path $File -Route /api/slack/new -Method GET -WarningVariable none
        $none | Should -BeNullOrEmpty
        $plan = New-RolloutPlan -Connector slack | Add-RolloutRoute -Path /api/slack/old -Method GET -WarningVariable warned -WarningAction SilentlyContinue
        $plan.Routes.Path | Should -Be '/api/slack/old'
        "$warned" | Should -Match 'deprecated: use -Route /api/slack/old'
        (Import-RolloutPlan $File).Routes.Path | Should -Be '/api/slack/new'
    }

    It 'refuses a -Path edit that depends on a task the file does not have yet, naming the way out, and takes it in one pipeline' {
        Add-AgentTask -Path $File -Id wire-ui -Agent ui-ops -Title 'Wire the UI' -DependsOn later-task -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentTaskDependencyNotFound,*'
        "$($err[0])" | Should -Match 'one pipeline'
        Import-RolloutPlan $File | Add-AgentTask wire-ui ui-ops 'Wire the UI' -DependsOn later-task |
            Add-AgentTask later-task api-integration 'Later' | Export-RolloutPlan -Path $File -Force
        (Import-RolloutPlan $File).Team.Tasks.Where({ $_.Id -eq 'wire-ui' }).DependsOn | Should -Be 'later-task'
    }

    It 'keeps 1:1 and db through Export-Clixml and Import-Clixml' {
        $xml = Join-Path $TestDrive 'lp.xml'
        (New-RolloutPlan -Connector slack | Add-LinkingPoint slack_user staff 1:1).LinkingPoints[0] | Export-Clixml -LiteralPath $xml
        $back = Import-Clixml -LiteralPath $xml
        $back.Cardinality | Should -BeExactly '1:1'
        $back.EnforcedIn | Should -BeExactly 'db'
        @($back) | Where-Object Cardinality -eq '1:1' | Should -HaveCount 1
        (New-RolloutPlan -Connector slack | Add-LinkingPoint slack_user staff $back.Cardinality).LinkingPoints[0].Cardinality.ToString() | Should -Be '1:1'
    }
}
