#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Agent-team waves and handoff prompts as users meet them. Mirrors
# tests/RolloutPlaybook.Module.Tests/GetAgentWavesTests.cs and ExportAgentPromptTests.cs (which run in CI without pwsh).
# Build first (dotnet build -c Release), then: Invoke-Pester ./tests/Pester/Waves.Tests.ps1

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/RolloutPlaybook/RolloutPlaybook.psd1" -Force
    $examplePlan = [System.IO.Path]::GetFullPath("$PSScriptRoot/../../templates/examples/slack.rollout-plan.yaml")
}

Describe 'Get-AgentWaves' {
    It 'fails on a cycle with the cycle named' {
        $plan = Import-RolloutPlan $examplePlan
        $plan.Team.Tasks[0].DependsOn.Add('api-mappings')
        { $plan | Get-AgentWaves -ErrorAction Stop } | Should -Throw -ErrorId 'AgentTaskCycle,RolloutPlaybook.Commands.GetAgentWavesCommand' -ExpectedMessage '*sync-schema → api-mappings → sync-schema*'
    }

    It 'names both ids of an unknown dependency' {
        $plan = Import-RolloutPlan $examplePlan
        $plan.Team.Tasks[2].DependsOn.Add('sync-schma')
        { $plan | Get-AgentWaves -ErrorAction Stop } | Should -Throw -ErrorId 'AgentTaskUnknownDependency*' -ExpectedMessage "*'api-mappings'*'sync-schma'*"
    }

    It 'schedules the example plan into four waves' {
        $waves = Import-RolloutPlan $examplePlan | Get-AgentWaves
        $waves.Number | Should -Be 1, 2, 3, 4
        $waves[0].Agents | Should -Be 'schema-sync', 'analytics'
        $waves[0].Unblocks | Should -Be 'api-mappings', 'api-sync', 'review'
        $waves[1].Tasks.Id | Should -Be 'api-mappings', 'api-sync'
        $waves[0] | Should -BeOfType ([RolloutPlaybook.Model.AgentWave])
    }

    It 'gives the default team its playbook waves and the small team one generalist wave' {
        (New-RolloutPlan -Connector hubspot | Get-AgentWaves).Agents | Should -Be 'schema-sync', 'analytics', 'api-integration', 'ui-ops', 'review'
        (New-RolloutPlan -Connector close -Small | Get-AgentWaves).Tasks.Id | Should -Be 'generalist', 'review'
    }

    It 'narrows to one agent' {
        $mine = Get-AgentWaves -Path $examplePlan -Agent ui-ops
        $mine.Number | Should -Be 3
        $mine.Tasks.Id | Should -Be 'mapping-ui'
        $mine.Unblocks | Should -Be 'review'
    }

    It 'summarises the critical path, the agent waves and the Mermaid flowchart' {
        $summary = Get-AgentWaves -Path $examplePlan -Summary
        $summary.CriticalPath -join ' → ' | Should -Be 'sync-schema → api-mappings → mapping-ui → review'
        $summary.AgentWaves['api-integration'] | Should -Be 2
        Get-AgentWaves -Path $examplePlan -Mermaid | Should -BeLike 'flowchart LR*subgraph wave4*'
    }
}

Describe 'Export-AgentPrompt' {
    BeforeAll { $plan = Import-RolloutPlan $examplePlan }

    It 'writes the team prompt to the pipeline, the same text every time' {
        $first = $plan | Export-AgentPrompt -Agent Claude
        $first | Should -BeLike '# Slack connector rollout: agent-team handoff*CLAUDE.md*'
        $plan | Export-AgentPrompt -Agent Claude | Should -BeExactly $first
        $plan | Export-AgentPrompt -Agent Codex | Should -BeLike '*AGENTS.md*'
    }

    It 'renders one role and one wave' {
        $plan | Export-AgentPrompt -Role ui-ops | Should -BeLike '*?ui-ops? agent*## Before you start*?api-mappings?*'
        $plan | Export-AgentPrompt -Wave 2 | Should -BeLike '*wave 2 kickoff*?api-sync?*'
    }

    It 'writes files only when asked, and never over a file without -Force' {
        $file = Join-Path $TestDrive 'prompt.md'
        $plan | Export-AgentPrompt -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
        $plan | Export-AgentPrompt -Path $file -PassThru | Should -BeOfType ([System.IO.FileInfo])
        $before = Get-Item $file
        $plan | Export-AgentPrompt -Path $file -ErrorVariable same -ErrorAction SilentlyContinue
        $same | Should -BeNullOrEmpty -Because 'the same bytes again are no write and no error'
        (Get-Item $file).LastWriteTimeUtc | Should -Be $before.LastWriteTimeUtc
        $plan | Export-AgentPrompt -Role ui-ops -Path $file -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DocumentExists*'
        $plan | Export-AgentPrompt -Role review -Path $file -Force
        Get-Content $file -Raw | Should -BeLike '*?review? agent*'
    }
}
