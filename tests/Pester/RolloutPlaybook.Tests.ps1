#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The foundation as users meet it: create, save, hand-edit, load back. Mirrors
# tests/RolloutPlaybook.Module.Tests/FoundationCmdletTests.cs (which runs in CI without pwsh).
# Build first (dotnet build -c Release), then: Invoke-Pester ./tests/Pester

BeforeAll {
    $repoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
    Import-Module ([System.IO.Path]::Combine($repoRoot, 'out', 'RolloutPlaybook', 'RolloutPlaybook.psd1')) -Force
    $examplePlan = [System.IO.Path]::Combine($repoRoot, 'templates', 'examples', 'slack.rollout-plan.yaml')
}

Describe 'Creating, saving and loading a plan' {
    It 'round-trips a plan built in a pipeline' {
        $file = Join-Path $TestDrive 'slack.yaml'
        New-RolloutPlan -Connector slack |
            Add-LinkingPoint -Source slack_user -Entity staff -Cardinality 1:1 |
            Export-RolloutPlan -Path $file

        $plan = Import-RolloutPlan $file
        $plan.Connector | Should -Be 'slack'
        $plan.SourcePath | Should -Be $file
        $plan.LinkingPoints[0].Source | Should -Be 'slack_user'
        $plan.LinkingPoints[0].Cardinality | Should -Be '1:1'
        $plan.LinkingPoints[0].EnforcedIn | Should -Be 'db'
        $plan | Should -BeOfType ([RolloutPlaybook.Model.RolloutPlan])
    }

    It 'changes no byte when an imported plan is written back unchanged' {
        $file = Join-Path $TestDrive 'copy.yaml'
        Copy-Item $examplePlan $file
        $before = [System.IO.File]::ReadAllBytes($file)
        Import-RolloutPlan $file | Export-RolloutPlan
        [System.IO.File]::ReadAllBytes($file) | Should -Be $before
    }

    It 'writes JSON that loads back to the same plan' {
        # Laid out as the example is (templates/examples below a schemas/ copy), so the schema line is the example's too.
        New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'schemas') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path -Path $TestDrive -ChildPath 'schemas/rollout-plan.schema.json') -Value '{}'
        $folder = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'templates/examples') -Force
        $json = Join-Path -Path $TestDrive -ChildPath 'plan.json'
        $yaml = Join-Path -Path $folder.FullName -ChildPath 'back.yaml'
        Import-RolloutPlan $examplePlan | Export-RolloutPlan -Path $json
        Import-RolloutPlan $json | Export-RolloutPlan -Path $yaml -Format Yaml
        [System.IO.File]::ReadAllText($yaml) | Should -Be ([System.IO.File]::ReadAllText($examplePlan))
    }

    It 'applies the intake policy: every intake item not given is an assumption and an open question' {
        $plan = New-RolloutPlan -Connector slack -UrgentPhase sync
        $plan.OpenQuestions | Should -HaveCount 4
        $plan.OpenQuestions | Should -Not -Match '^Intake Q3'
        ($plan | Add-LinkingPoint slack_user staff 1:1).OpenQuestions | Should -Not -Match '^Intake Q[12]'
    }

    It 'gives the default team unless -Small' {
        (New-RolloutPlan slack).Team.Tasks.Agent | Should -Be @('schema-sync', 'analytics', 'api-integration', 'ui-ops', 'review')
        (New-RolloutPlan slack -Small).Team.Tasks.Agent | Should -Be @('generalist', 'review')
    }

    It 'edits a plan file in place with -Path, and -WhatIf writes nothing' {
        $file = Join-Path $TestDrive 'inplace.yaml'
        Copy-Item $examplePlan $file
        $before = [System.IO.File]::ReadAllBytes($file)
        Add-LinkingPoint -Path $file -Source slack_team -Entity workspace -Cardinality 1:1 -WhatIf
        [System.IO.File]::ReadAllBytes($file) | Should -Be $before
        Add-LinkingPoint -Path $file -Source slack_team -Entity workspace -Cardinality 1:1
        (Import-RolloutPlan $file).LinkingPoints.Source | Should -Contain 'slack_team'
    }
}

Describe 'Bad input gets a clear, positioned error' {
    It 'reports every problem of a hand-edited file, and still loads the good files' {
        $dir = Join-Path $TestDrive 'mixed'
        New-Item -ItemType Directory $dir | Out-Null
        Copy-Item $examplePlan (Join-Path $dir 'good.yaml')
        Set-Content -Path (Join-Path $dir 'bad.yaml') -Value "schemaVersion: 1`nconnector: slack`nlinkingPoints:`n  - source: a`n    cardinality: 1-1`n  - source: b`n    cardinalty: `"1:1`"" -NoNewline
        $plans = Get-ChildItem $dir -Filter *.yaml | Import-RolloutPlan -ErrorVariable problems -ErrorAction SilentlyContinue
        $plans | Should -HaveCount 1
        $problems | Should -HaveCount 2
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'RolloutPlanInvalid,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($problems[0])" | Should -BeLike '*bad.yaml:5:18: linkingPoints`[0`].cardinality: expected "1:1" or "1:N", got "1-1"'
        "$($problems[1])" | Should -BeLike "*did you mean 'cardinality'?"
    }

    It 'refuses to overwrite a plan file changed on disk since import' {
        $file = Join-Path $TestDrive 'changed.yaml'
        Copy-Item $examplePlan $file
        $plan = Import-RolloutPlan $file
        Add-Content -Path $file -Value '# edited meanwhile'
        { $plan | Export-RolloutPlan -ErrorAction Stop } | Should -Throw -ErrorId 'RolloutPlanChangedOnDisk,RolloutPlaybook.Commands.ExportRolloutPlanCommand'
    }

    It 'refuses a duplicate linking point unless -Force' {
        $plan = New-RolloutPlan slack | Add-LinkingPoint slack_user staff 1:1
        { $plan | Add-LinkingPoint slack_user partners 1:N -ErrorAction Stop } | Should -Throw -ErrorId 'LinkingPointExists,RolloutPlaybook.Commands.AddLinkingPointCommand'
        ($plan | Add-LinkingPoint slack_user partners 1:N -Force).LinkingPoints[0].Entity | Should -Be 'partners'
    }

    It 'refuses a connector that is not a slug' {
        { New-RolloutPlan -Connector 'Slack Connector' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RolloutPlaybook.Commands.NewRolloutPlanCommand'
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $manifest = [System.IO.Path]::Combine($repoRoot, 'out', 'RolloutPlaybook', 'RolloutPlaybook.psd1')
        { Test-ModuleManifest -Path $manifest -ErrorAction Stop } | Should -Not -Throw
    }
}
