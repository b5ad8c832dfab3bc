# What only a real host shows: tab completion through TabExpansion2, the default views as Out-String renders them
# at 80 and 120 columns, Get-Help -Full (and the online link), and the root module's PowerShell 7.4 check.
# Run from the repository root after `dotnet build -c Release`:  Invoke-Pester -Path tests/Pester/Host.Tests.ps1
BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    $manifest = Join-Path -Path $root -ChildPath 'out/RolloutPlaybook/RolloutPlaybook.psd1'
    Import-Module -Name $manifest -Force -ErrorAction Stop
    $example = Join-Path -Path $root -ChildPath 'templates/examples/slack.rollout-plan.yaml'
    $rendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    function Get-Completion {
        param([Parameter(Mandatory)] [string] $InputScript)
        $completion = TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length
        @($completion.CompletionMatches | ForEach-Object CompletionText)
    }
}

AfterAll {
    $PSStyle.OutputRendering = $rendering
}

Describe 'Tab completion (TabExpansion2)' {
    Context 'values from the plan at hand' {
        BeforeAll {
            Push-Location -Path (Split-Path -Path $example)
        }
        AfterAll {
            Pop-Location
        }
        It 'completes check ids from the plan file given by -Path' {
            Get-Completion 'Set-ValidationResult -Path ./slack.rollout-plan.yaml -Id sync' |
                Should -Be @('sync-restart', 'sync-lint', 'sync-typecheck', 'sync-build')
        }
        It 'completes sources and task ids from the file' {
            Get-Completion 'Add-LinkingPoint -Path ./slack.rollout-plan.yaml -Source slack_c' | Should -Be @('slack_channel')
            Get-Completion 'Add-AgentTask -Path ./slack.rollout-plan.yaml -DependsOn api' | Should -Be @('api-mappings', 'api-sync')
        }
        It 'completes task ids from a plan variable at the head of the pipeline' {
            $global:rpCompletionPlan = Import-RolloutPlan -Path $example
            try {
                Get-Completion '$rpCompletionPlan | Remove-AgentTask -Id m' | Should -Be @('metrics', 'mapping-ui')
            }
            finally {
                Remove-Variable -Name rpCompletionPlan -Scope Global
            }
        }
        It 'completes from Import-RolloutPlan at the head of the pipeline' {
            Get-Completion 'Import-RolloutPlan ./slack.rollout-plan.yaml | Set-ValidationResult -Id o' | Should -Be @('ops-smoke')
        }
        It 'offers nothing (and no error) where no plan is at hand' {
            Get-Completion 'Set-ValidationResult -Path ./no-such-plan.yaml -Id ' | Should -BeNullOrEmpty
        }
    }

    Context 'gate rule ids' {
        It 'completes rule ids for Test-RolloutGate -Rule and Get-RolloutRule -Id' {
            $rules = Get-RolloutRule | Where-Object Id -like 'RP.Sync.*' | ForEach-Object Id
            $rules | Should -Not -BeNullOrEmpty
            Get-Completion 'Test-RolloutGate -Rule RP.Sync.' | Should -Be $rules
            Get-Completion 'Get-RolloutRule -Id RP.Sync.' | Should -Be $rules
        }
    }

    Context 'closed sets (enumerations)' {
        It 'completes <Text>' -ForEach @(
            @{ Text = 'Set-SyncStrategy -Trigger '; Expected = 'Cron', 'Manual', 'Webhook' }
            @{ Text = 'Set-SyncStrategy -WatermarkAdvance '; Expected = 'AfterWrite', 'BeforeWrite' }
            @{ Text = 'Add-ValidationCheck -Kind t'; Expected = 'Test', 'Typecheck' }
            @{ Text = 'Set-ValidationResult -Status p'; Expected = 'Pass', 'Pending' }
            @{ Text = 'Add-RolloutRoute -Method P'; Expected = 'PATCH', 'POST', 'PUT' }
            @{ Text = 'Set-RolloutPlan -PullMode '; Expected = 'Hybrid', 'Incremental', 'Snapshot' }
        ) {
            Get-Completion $Text | Should -Be $Expected
        }
        It 'accepts what it completed' {
            $plan = New-RolloutPlan -Connector acme | Set-SyncStrategy -Trigger Cron -WatermarkAdvance AfterWrite
            $plan.Sync.Trigger | Should -Be 'Cron'
            $plan.Sync.WatermarkAdvance | Should -Be 'AfterWrite'
        }
    }
}

Describe 'Default views at 80 and 120 columns (Out-String -Width)' {
    BeforeAll {
        $plan = Import-RolloutPlan -Path $example
        $gate = Test-RolloutGate -Path $example
    }
    It 'keeps every line of <Name> within <Width> columns and shows its key column' -ForEach @(
        @{ Name = 'the plan'; Width = 80; Key = 'slack' }
        @{ Name = 'the plan'; Width = 120; Key = 'slack' }
        @{ Name = 'the linking points'; Width = 80; Key = 'slack_channel' }
        @{ Name = 'the linking points'; Width = 120; Key = 'slack_channel' }
        @{ Name = 'the waves'; Width = 80; Key = 'schema-sync' }
        @{ Name = 'the waves'; Width = 120; Key = 'api-mappings' }
        @{ Name = 'the gate results'; Width = 80; Key = 'RP.Map.SourceDeclared' }
        @{ Name = 'the gate results'; Width = 120; Key = 'RP.Map.SourceDeclared' }
        @{ Name = 'the rules'; Width = 80; Key = 'RP.Sync.RateBudget' }
        @{ Name = 'the rules'; Width = 120; Key = 'RP.Sync.RateBudget' }
    ) {
        $objects = switch ($Name) {
            'the plan' { , $plan }
            'the linking points' { $plan.LinkingPoints }
            'the waves' { $plan | Get-AgentWaves }
            'the gate results' { $gate }
            'the rules' { Get-RolloutRule }
        }
        $text = $objects | Out-String -Width $Width
        $lines = $text -split "`n" | ForEach-Object TrimEnd
        $lines | Where-Object { $_.Length -gt $Width } | Should -BeNullOrEmpty
        $text | Should -Match ([regex]::Escape($Key))
        # A table view, not the list a type without a view would get.
        ($lines | Where-Object { $_ -match '^-+( +-+)+ *$' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-Help -Full' {
    BeforeDiscovery {
        $cmdlets = (Import-PowerShellDataFile -Path (Join-Path -Path $PSScriptRoot -ChildPath '../../out/RolloutPlaybook/RolloutPlaybook.psd1')).CmdletsToExport
    }
    It 'documents <_> fully, with an online version' -ForEach $cmdlets {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape("$_ ["))   # not the engine's generated stub
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($parameter in @($help.Parameters.Parameter)) {
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
        $online = @($help.RelatedLinks.NavigationLink)[0]
        $online.LinkText | Should -Be 'Online Version:'
        $online.Uri | Should -Be "https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/docs/help/$_.md"
        Test-Path -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath "../../docs/help/$_.md") | Should -BeTrue
    }
    It 'renders the full help of Test-RolloutGate as a user reads it' {
        $text = Get-Help -Name Test-RolloutGate -Full | Out-String -Width 120
        foreach ($heading in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'RELATED LINKS') {
            $text | Should -Match "(?m)^$heading"
        }
        $text | Should -Match '-RepositoryPath <String>'
        $text | Should -Match 'EXAMPLE 1'
        $text | Should -Match 'Online Version: https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/docs/help/Test-RolloutGate.md'
    }
    It 'has the about topics, with every plan-file section' {
        Get-Help -Name about_RolloutPlaybook | Out-String | Should -Match 'RolloutPlaybook'
        $planFile = Get-Help -Name about_RolloutPlaybook_PlanFile | Out-String
        foreach ($key in 'schemaVersion', 'linkingPoints', 'watermarkAdvance', 'smokeTests', 'waivers', 'repository') {
            $planFile | Should -Match $key
        }
    }
}

Describe 'The root module on an older PowerShell 7' {
    It 'stops PowerShell 7.0-7.3 with "needs PowerShell 7.4" before loading the .NET 8 assembly' {
        # A copy of the module whose version check sees 7.3 (the only change), imported in a fresh process.
        $copy = Join-Path -Path $TestDrive -ChildPath 'RolloutPlaybook'
        Copy-Item -Path (Split-Path -Path $manifest) -Destination $copy -Recurse
        $psm1 = Join-Path -Path $copy -ChildPath 'RolloutPlaybook.psm1'
        $text = Get-Content -LiteralPath $psm1 -Raw
        $text | Should -Match ([regex]::Escape('$PSVersionTable.PSVersion -lt'))
        $text.Replace('$PSVersionTable.PSVersion -lt', '[version]''7.3.1'' -lt').Replace('this is PowerShell $($PSVersionTable.PSVersion)', 'this is PowerShell 7.3.1') |
            Set-Content -LiteralPath $psm1 -NoNewline
        $outcome = Start-Job -ScriptBlock {
            try {
                Import-Module -Name (Join-Path -Path $using:copy -ChildPath 'RolloutPlaybook.psd1') -ErrorAction Stop
                'imported'
            }
            catch {
                $_.Exception.GetType().FullName
                $_.Exception.Message
                @(Get-Module -Name RolloutPlaybook).Count
            }
        } | Receive-Job -Wait -AutoRemoveJob
        $outcome[0] | Should -Be 'System.PlatformNotSupportedException'
        $outcome[1] | Should -BeLike 'RolloutPlaybook needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell 7.3.1.*'
        $outcome[2] | Should -Be 0
    }
}
