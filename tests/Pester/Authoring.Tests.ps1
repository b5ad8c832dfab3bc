#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The authoring cmdlets as a user's script sees them: pipelines, plan files edited in place, errors with stable ids,
# -WhatIf, the comment rule, tab completion and the Slack scenario. Mirrors the module tests named by
# cmdlet (AddRolloutRouteTests, SetRolloutPlanTests, …), EditCmdletBadInputTests, PlanFileEditTests and CompletionTests.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/RolloutPlaybook/RolloutPlaybook.psd1" -Force
    $script:RepoRoot = [IO.Path]::GetFullPath("$PSScriptRoot/../..")
    $script:ExamplePlan = [IO.Path]::Combine($RepoRoot, 'templates', 'examples', 'slack.rollout-plan.yaml')

    function Get-Completion([string] $InputScript) {
        (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText
    }

    function New-PlanFile([string] $Name = 'rollout-plan.yaml') {
        $file = [IO.Path]::Combine($TestDrive, $Name)
        New-RolloutPlan -Connector slack | Export-RolloutPlan -Path $file -Force
        $file
    }
}

Describe 'Bad input is refused with a stable ErrorId and changes nothing' {
    BeforeEach { $plan = New-RolloutPlan -Connector slack }

    It 'refuses a route path that is not a URL path' {
        { $plan | Add-RolloutRoute -Route slack/mappings -Method GET } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RolloutPlaybook.Commands.AddRolloutRouteCommand'
    }
    It 'refuses a route path outside /api/ unless the plan names that routeBase' {
        { $plan | Add-RolloutRoute -Route /slack/mappings -Method GET -ErrorAction Stop } | Should -Throw -ErrorId 'RoutePathOutsideRouteBase,RolloutPlaybook.Commands.AddRolloutRouteCommand'
        $plan.Routes.Count | Should -Be 0
        $plan | Set-RolloutPlan -RepositoryRouteBase /slack | Add-RolloutRoute -Route /slack/mappings -Method GET -Auth none | Out-Null
        $plan.Routes[0].Path | Should -Be '/slack/mappings'
    }
    It 'refuses an env var name that is not upper case' {
        { $plan | Add-HandoffEnvVar -EnvVar slack_token -Local .env.local -Deploy vercel } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RolloutPlaybook.Commands.AddHandoffEnvVarCommand'
    }
    It 'refuses an upsert write without its conflict target (OnConflictRequired)' {
        $plan | Add-RolloutRoute -Route /api/slack/m -Method POST -Writes @{ table = 't'; action = 'update' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OnConflictRequired,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $plan.Routes | Should -BeNullOrEmpty
    }
    It 'refuses a write entry with an unknown key (InvalidRouteWrite)' {
        $plan | Add-RolloutRoute -Route /api/slack/m -Method POST -Writes @{ table = 't'; action = 'reject'; conflict = 'x' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRouteWrite,*'
    }
    It 'refuses an existing task id (AgentTaskExists) unless -Force' {
        $plan | Add-AgentTask -Id review -Agent review -Title again -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AgentTaskExists,*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        ($plan | Add-AgentTask -Id review -Agent review -Title again -Force).Team.Tasks[-1].Title | Should -Be 'again'
    }
    It 'refuses a pass without evidence (EvidenceRequired)' {
        $plan | Add-ValidationCheck -Phase sync -Id sync-lint -Description lint | Set-ValidationResult -Id sync-lint -Status pass -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EvidenceRequired,*'
        $plan.Phases.Sync.Checks[0].Status | Should -Be 'Pending'
    }
    It 'refuses a value for a secret (SecretValueNotAllowed)' {
        $plan | Add-HandoffEnvVar -EnvVar SLACK_BOT_TOKEN -Secret -Value xoxb-1 -Local .env.local -Deploy vercel -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SecretValueNotAllowed,*'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }
    It 'refuses a migration outside the repository (PathOutsideRepository)' {
        $plan | Add-HandoffMigration -Migration ../other/1.sql -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PathOutsideRepository,*'
    }
    It 'adds one kind of note at a time' {
        { $plan | Add-RolloutNote -Assumption a -Risk r } | Should -Throw -ErrorId 'RolloutNoteRequired,RolloutPlaybook.Commands.AddRolloutNoteCommand'
    }
}

Describe 'Authoring a plan in a pipeline' {
    It 'chains every cmdlet on one plan' {
        $plan = New-RolloutPlan -Connector slack |
            Set-RolloutPlan -UrgentPhase sync -RateLimit 50/1m -SuccessCriteria '100 channels' |
            Add-RolloutRoute -Route /api/cron/slack-sync -Method GET -Auth cron -Writes @{ table = 'slack_messages'; method = 'GET'; action = 'ignore'; onConflict = 'channel_id,message_ts' } |
            Set-SyncStrategy -Trigger cron -Schedule 5m -Lease 4m -CallInterval '1.2s' |
            Add-RolloutMetric -Name response_time -Definition 'first reply' -Exclude bot |
            Remove-AgentTask -Id * | Add-AgentTask -Id a -Agent schema-sync -Title A | Add-AgentTask -Id b -Agent review -Title B -DependsOn a |
            Set-RolloutPhase -Phase ops -Scope 'Health' -Deliverable card |
            Add-ValidationCheck -Phase sync -Id lint -Description Lint -Kind lint | Set-ValidationResult -Id lint -Status pass -Evidence 'npm run lint' |
            Add-HandoffEnvVar -EnvVar CRON_SECRET -Secret -Local .env.local -Deploy Vercel |
            Add-RolloutNote -Risk r -Mitigation m |
            Add-GateWaiver -Rule RP.Sync.RateBudget -Reason r -Expires 2030-01-01
        $plan.Routes[0].Writes[0].OnConflict | Should -Be 'channel_id,message_ts'
        $plan.Sync.CallInterval.ToString() | Should -Be '1.2s'
        $plan.Team.Tasks.Id -join ',' | Should -Be 'a,b'
        $plan.Phases.Sync.Checks[0].Status | Should -Be 'Pass'
        $plan.OpenQuestions | Where-Object { $_ -like 'Intake Q3*' } | Should -BeNullOrEmpty
    }
    It 'changes nothing with -WhatIf' {
        $plan = New-RolloutPlan -Connector slack | Add-AgentTask -Id docs -Agent ui-ops -Title Docs -WhatIf
        $plan.Team.Tasks.Count | Should -Be 5
    }
}

Describe 'Editing plan files in place' {
    It 'edits a file with -Path and adds a route with -Route' {
        $file = New-PlanFile
        Add-AgentTask -Path $file -Id docs -Agent ui-ops -Title Docs
        Add-RolloutRoute -Path $file -Route /api/slack/x -Method GET
        Add-HandoffSmokeTest -LiteralPath $file -SmokeTest 'GET /api/slack/x' -Expect 200
        $plan = Import-RolloutPlan $file
        $plan.Team.Tasks.Id | Should -Contain 'docs'
        $plan.Routes[0].Path | Should -Be '/api/slack/x'
        $plan.Handoff.SmokeTests[0].Expect | Should -Be '200'
    }
    It 'leaves the file bytes unchanged with -WhatIf' {
        $file = New-PlanFile
        $before = [IO.File]::ReadAllBytes($file)
        Set-SyncStrategy -Path $file -PageCap 5 -WhatIf
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($file)) | Should -Be ([Convert]::ToBase64String($before))
    }
    It 'keeps the comments of a file it edits, changing only the edited lines' {
        $file = [IO.Path]::Combine($TestDrive, 'commented.yaml')
        [IO.File]::WriteAllText($file, "# reviewed by the data team`nschemaVersion: 1`nconnector: slack # the slug`n")
        Add-AgentTask -Path $file -Id docs -Agent ui-ops -Title Docs
        [IO.File]::ReadAllText($file) | Should -Be "# reviewed by the data team`nschemaVersion: 1`nconnector: slack # the slug`nteam:`n  tasks:`n    - id: docs`n      agent: ui-ops`n      title: Docs`n"
    }
    It 'does not overwrite a file that changed on disk since import' {
        $file = New-PlanFile
        $plan = Import-RolloutPlan $file | Add-AgentTask -Id docs -Agent ui-ops -Title Docs
        Add-RolloutNote -Path $file -Assumption 'edited elsewhere'
        $plan | Export-RolloutPlan -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RolloutPlanChangedOnDisk,*'
    }
}

Describe 'Tab completion' {
    It 'completes task ids from the pipeline plan variable' {
        $global:plan = New-RolloutPlan -Connector slack
        (Get-Completion '$plan | Add-AgentTask -Id x -Agent review -Title t -DependsOn a') -join ',' | Should -Be 'analytics,api-integration'
    }
    It 'completes check ids from the plan file given by -Path' {
        (Get-Completion "Set-ValidationResult -Path '$ExamplePlan' -Id mapping") -join ',' | Should -Be 'mapping-remap,mapping-unique'
    }
    It 'completes agents and closed sets' {
        (Get-Completion 'Add-AgentTask -Agent u') -join ',' | Should -Be 'ui-ops'
        (Get-Completion 'Set-ValidationResult -Status p') -join ',' | Should -Be 'Pass,Pending'
    }
}

Describe 'The Slack scenario' {
    It 'builds the example plan byte for byte' {
        # Laid out as the example is (templates/examples below a schemas/ copy), so the schema line is the example's too.
        New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'schemas') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path -Path $TestDrive -ChildPath 'schemas/rollout-plan.schema.json') -Value '{}'
        $folder = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'templates/examples') -Force
        $out = Join-Path -Path $folder.FullName -ChildPath 'slack.yaml'
        & (Join-Path -Path $RepoRoot -ChildPath 'examples/build-slack-plan.ps1') -OutputPath $out
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($out)) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($ExamplePlan)))
    }
}

Describe 'Per-method auth, writes: none and op in the plan file' {
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
