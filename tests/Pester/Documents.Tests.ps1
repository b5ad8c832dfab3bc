#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Rollout documents as a user scripts them: render, write into a repository, re-run, hand off env vars.

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/RolloutPlaybook/RolloutPlaybook.psd1" -Force
    $script:Example = "$PSScriptRoot/../../templates/examples/slack.rollout-plan.yaml"
    $script:Golden = "$PSScriptRoot/../fixtures/golden/documents"
}

Describe 'Export-RolloutDocument' {
    BeforeEach {
        $script:Repo = Join-Path ([System.IO.Path]::GetTempPath()) ("rp-pester-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $script:Repo | Out-Null
    }
    AfterEach { Remove-Item -LiteralPath $script:Repo -Recurse -Force -ErrorAction SilentlyContinue }

    It 'refuses a docs folder outside the repository' {
        $plan = Import-RolloutPlan $Example
        $plan.Repository.Docs = '../outside'
        { $plan | Export-RolloutDocument -RepositoryPath $Repo -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathOutsideRepository,RolloutPlaybook.Commands.ExportRolloutDocumentCommand'
        Get-ChildItem -LiteralPath $Repo | Should -BeNullOrEmpty
    }

    It 'does not overwrite a different file without -Force' {
        $file = Join-Path $Repo 'plan.md'
        Set-Content -LiteralPath $file -Value '# mine'
        { Import-RolloutPlan $Example | Export-RolloutDocument -Path $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'DocumentExists,RolloutPlaybook.Commands.ExportRolloutDocumentCommand'
        Import-RolloutPlan $Example | Export-RolloutDocument -Path $file -Force
        Get-Content -LiteralPath $file -Raw | Should -BeExactly (Get-Content -LiteralPath "$Golden/slack.ROLLOUT-PLAN.md" -Raw)
    }

    It 'writes nothing with -WhatIf' {
        Import-RolloutPlan $Example | Export-RolloutDocument -RepositoryPath $Repo -WhatIf
        Get-ChildItem -LiteralPath $Repo -Recurse | Should -BeNullOrEmpty
    }

    It 'writes src/docs/SLACK-ROLLOUT-PLAN.md with the ten sections and a Mermaid diagram' {
        $file = Import-RolloutPlan $Example | Export-RolloutDocument -RepositoryPath $Repo -PassThru
        $file.FullName | Should -Be (Join-Path $Repo 'src/docs/SLACK-ROLLOUT-PLAN.md' | Resolve-Path).Path
        $text = Get-Content -LiteralPath $file.FullName -Raw
        ($text -split "`n" | Where-Object { $_ -like '## *' }) | Should -Be @(
            '## A) Business Goal', '## B) Source Model', '## C) Linking Points', '## D) Mapping Rules + Cardinality',
            '## E) Delivery Phases', '## F) Agent-Team Plan', '## G) Risks + Mitigations', '## H) Manual Setup Handoff',
            '## I) Operational Go/No-Go', '## J) Open Questions and Assumptions')
        $text | Should -Match '```mermaid\nflowchart LR'
    }

    It 'changes no byte when run twice' {
        $first = Import-RolloutPlan $Example | Export-RolloutDocument -RepositoryPath $Repo -PassThru
        $hash = (Get-FileHash -LiteralPath $first.FullName).Hash
        $stamp = $first.LastWriteTimeUtc
        Start-Sleep -Milliseconds 50
        $second = Import-RolloutPlan $Example | Export-RolloutDocument -RepositoryPath $Repo -PassThru
        (Get-FileHash -LiteralPath $second.FullName).Hash | Should -Be $hash
        $second.LastWriteTimeUtc | Should -Be $stamp
    }

    It 'renders a new plan, saying what is missing' {
        $text = New-RolloutPlan -Connector x | Export-RolloutDocument
        $text | Should -Match 'No linking points yet: intake question 1 is open'
    }
}

Describe 'Export-SetupHandoff' {
    It 'lists every env var as .env.example lines with no secret value' {
        $plan = Import-RolloutPlan $Example
        $plan.Handoff.Env[0].Value = 'xoxb-never'
        $text = $plan | Export-SetupHandoff -Format DotEnv
        $text | Should -Not -Match 'xoxb-never'
        ($text -split "`n" | Where-Object { $_ -match '^[A-Z]' }) | Should -Be @('SLACK_BOT_TOKEN=', 'CRON_SECRET=', 'SLACK_SYNC_PAGE_CAP=5')
    }

    It 'writes Json for automation' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("handoff-" + [guid]::NewGuid().ToString('N') + '.json')
        try {
            Import-RolloutPlan $Example | Export-SetupHandoff -Path $path
            $handoff = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
            $handoff.connector | Should -Be 'slack'
            $handoff.smokeTests.Count | Should -Be 3
            $handoff.complete | Should -BeTrue
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }
}
