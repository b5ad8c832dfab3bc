# templates/RolloutGate.Tests.ps1 as teams run it: a real, separate Pester run (in a fresh pwsh, so it cannot disturb
# this one) against the fixture application repository, under Pester 5 and Pester 6. Its passes, fails, skips and
# inconclusives are counted against Test-RolloutGate's own results, and its failure messages are checked.
# Run from the repository root after `dotnet build -c Release` and `dotnet restore build/Tools.csproj`.
BeforeDiscovery {
    # Both Pester versions build/Tools.csproj restores, found beside the Pester running this file.
    $pesterRoot = Split-Path -Path (Split-Path -Path (Get-Module -Name Pester).ModuleBase)
    $versions = foreach ($version in '5.9.1', '6.2.0') {
        @{ Version = $version; PesterPath = Join-Path -Path $pesterRoot -ChildPath "$version/tools/Pester.psd1" }
    }
}

BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    $manifest = Join-Path -Path $root -ChildPath 'out/RolloutPlaybook/RolloutPlaybook.psd1'
    $template = Join-Path -Path $root -ChildPath 'templates/RolloutGate.Tests.ps1'
    $appRepo = Join-Path -Path $root -ChildPath 'tests/fixtures/app-repo'
    Import-Module -Name $manifest -Force -ErrorAction Stop

    # What the template must report: one test per result of the same gate run.
    $plans = Join-Path -Path $appRepo -ChildPath 'src/docs/connectors/*/rollout-plan.yaml'
    $expected = Test-RolloutGate -Path $plans -RepositoryPath $appRepo
    $byOutcome = $expected | Group-Object -Property { [string]$_.Outcome } -AsHashTable
    $count = { param($outcome) if ($byOutcome -and $byOutcome.ContainsKey($outcome)) { $byOutcome[$outcome].Count } else { 0 } }

    function Invoke-GateTemplate {
        param([Parameter(Mandatory)] [string] $PesterManifest, [hashtable] $Data)
        $job = Start-Job -ScriptBlock {
            Import-Module -Name $using:PesterManifest -Force
            $container = New-PesterContainer -Path $using:template -Data $using:Data
            $configuration = New-PesterConfiguration
            $configuration.Run.Container = $container
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'None'
            $run = Invoke-Pester -Configuration $configuration
            [pscustomobject]@{
                PesterVersion = (Get-Module -Name Pester).Version.ToString()
                Result        = [string]$run.Result
                Total         = $run.TotalCount
                Passed        = $run.PassedCount
                Failed        = $run.FailedCount
                Skipped       = $run.SkippedCount
                Inconclusive  = $run.InconclusiveCount
                NotRun        = $run.NotRunCount
                Tests         = @($run.Tests | ForEach-Object {
                        [pscustomobject]@{
                            Name    = $_.ExpandedName
                            Block   = $_.Block.ExpandedName
                            Result  = [string]$_.Result
                            Message = (@($_.ErrorRecord) | ForEach-Object { $_.Exception.Message }) -join "`n"
                        }
                    })
            }
        }
        $job | Receive-Job -Wait -AutoRemoveJob
    }
}

Describe 'The gate template under Pester <Version>' -ForEach $versions {
    BeforeAll {
        $run = Invoke-GateTemplate -PesterManifest $PesterPath -Data @{ RepositoryPath = $appRepo; ModulePath = $manifest }
    }
    It 'runs under Pester <Version>' {
        Test-Path -LiteralPath $PesterPath | Should -BeTrue -Because 'dotnet restore build/Tools.csproj restores it'
        $run.PesterVersion | Should -Be $Version
    }
    It 'has one test per rule, target and plan, and counts them as the gate does' {
        $run.Total | Should -Be @($expected).Count
        $run.Passed | Should -Be (& $count 'Pass')
        $run.Failed | Should -Be (& $count 'Fail')
        $run.Failed | Should -BeGreaterThan 0 -Because 'the fixture repository drifts from its plans (tests/fixtures/app-repo/DRIFT.md)'
        # Pester 5 reports Warn as inconclusive; Pester 6 has no inconclusive result and counts it as skipped.
        ($run.Skipped + $run.Inconclusive) | Should -Be ((& $count 'Skip') + (& $count 'Waived') + (& $count 'Warn'))
        $run.Result | Should -Be 'Failed'
    }
    It 'names each test after the rule and target, grouped by plan' {
        $names = $run.Tests | ForEach-Object Name | Sort-Object
        $names | Should -Be ($expected | ForEach-Object { "$($_.RuleId) $($_.Target)" } | Sort-Object)
        $blocks = $expected | ForEach-Object { 'Rollout gate: {0} ({1})' -f $_.Connector, (Split-Path -Path (Split-Path -Path $_.PlanFile) -Leaf) }
        $run.Tests.Block | Sort-Object -Unique | Should -Be ($blocks | Sort-Object -Unique)
        $run.Tests.Block | Should -Contain 'Rollout gate: slack (slack)'
    }
    It 'fails with the message, where, evidence and recommendation of each failed result' {
        foreach ($result in $expected | Where-Object Outcome -eq 'Fail') {
            $test = $run.Tests | Where-Object { $_.Name -eq "$($result.RuleId) $($result.Target)" -and $_.Block -like "*$($result.Connector)*" -and $_.Result -eq 'Failed' }
            @($test).Count | Should -BeGreaterOrEqual 1 -Because "$($result.RuleId) $($result.Target) fails in the gate"
            $message = @($test)[0].Message
            $message | Should -BeLike "$($result.Message)*"
            $message | Should -Match ('Recommendation: ' + [regex]::Escape($result.Recommendation))
            $message | Should -Match 'Where: .+:\d+'
            $message | Should -Match 'Evidence: '
        }
    }
    It 'passes what passes and skips skipped rules with their reason' {
        $pass = $expected | Where-Object Outcome -eq 'Pass' | Select-Object -First 1
        ($run.Tests | Where-Object Name -eq "$($pass.RuleId) $($pass.Target)" | Select-Object -First 1).Result | Should -Be 'Passed'
    }
}

Describe 'The gate template with container data' {
    It 'runs only the rules asked for' {
        $pester = Join-Path -Path (Split-Path -Path (Split-Path -Path (Get-Module -Name Pester).ModuleBase)) -ChildPath '5.9.1/tools/Pester.psd1'
        $docs = Invoke-GateTemplate -PesterManifest $pester -Data @{ RepositoryPath = $appRepo; ModulePath = $manifest; Rule = 'RP.Docs.*' }
        $docs.Total | Should -Be @($expected | Where-Object RuleId -like 'RP.Docs.*').Count
        $docs.Total | Should -BeGreaterThan 0
        $docs.Tests.Name | ForEach-Object { $_ | Should -BeLike 'RP.Docs.*' }
    }
}
