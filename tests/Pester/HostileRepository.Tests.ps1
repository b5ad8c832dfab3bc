# Issue 13: every repository-reading cmdlet against tests/fixtures/hostile-repo, built in $TestDrive (link chains out,
# a chain to /dev/zero, FIFOs, a link loop). Mirrors tests/RolloutPlaybook.Module.Tests/HostileRepositoryTests.cs.
BeforeAll {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$root/out/RolloutPlaybook/RolloutPlaybook.psd1" -Force -ErrorAction Stop
    $fx = & "$root/tests/fixtures/hostile-repo/New-HostileRepository.ps1" -Path $TestDrive
}

Describe 'A hostile repository' {
    It 'Test-RolloutGate reads nothing outside it and finishes' {
        $job = Start-ThreadJob { param($plan, $repo, $manifest) Import-Module $manifest; Test-RolloutGate -Path $plan -RepositoryPath $repo } -ArgumentList $fx.SlackPlan, $fx.Repo, "$root/out/RolloutPlaybook/RolloutPlaybook.psd1"
        $done = Wait-Job $job -Timeout 60
        $done | Should -Not -BeNullOrEmpty -Because 'a FIFO or a device must not be read'
        $results = Receive-Job $job
        $results | Should -Not -BeNullOrEmpty
        ($results | ForEach-Object { $_.Message + ' ' + ($_.Evidence -join ' ') }) -join "`n" | Should -Not -Match 'HOSTILE_LEAKED_VAR|outside-bait|/api/slack/escape'
        Remove-Job $job -Force
    }
    It 'Export-RolloutDocument refuses a docs folder that is a link chain out, as the gate does' {
        foreach ($docs in 'docs-out', 'hop/docs') {
            $plan = Import-RolloutPlan $fx.SlackPlan
            $plan.Repository.Docs = $docs
            { $plan | Export-RolloutDocument -RepositoryPath $fx.Repo -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'PathOutsideRepository,RolloutPlaybook.Commands.ExportRolloutDocumentCommand'
            { $plan | Test-RolloutGate -RepositoryPath $fx.Repo -ErrorAction Stop } |
                Should -Throw -ErrorId 'PathOutsideRepository,RolloutPlaybook.Commands.TestRolloutGateCommand'
        }
        Get-ChildItem -LiteralPath (Join-Path $fx.Outside 'docs') | Should -BeNullOrEmpty
    }
    It 'Import-RolloutPlan with no path reads no plan through a connector folder that links out' {
        Push-Location $fx.Repo
        try { $plans = Import-RolloutPlan -ErrorVariable err -ErrorAction SilentlyContinue } finally { Pop-Location }
        $plans.Connector | Should -Contain 'slack'
        $plans.Connector | Should -Not -Contain 'outside-bait'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'PathOutsideRepository,RolloutPlaybook.Commands.ImportRolloutPlanCommand'
    }
    It 'Import-RolloutPlan refuses a FIFO and a device quickly' -Skip:$IsWindows {
        foreach ($path in "$($fx.Repo)/supabase/migrations/20990101_fifo.sql", "$($fx.Repo)/supabase/migrations/20990102_zero.sql", '/dev/zero') {
            Import-RolloutPlan -LiteralPath $path -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'RolloutPlanInvalid,RolloutPlaybook.Commands.ImportRolloutPlanCommand'
            $err[0].Exception.Message | Should -Match 'not a regular file'
        }
    }
}
