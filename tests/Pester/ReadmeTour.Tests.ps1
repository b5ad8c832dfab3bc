# The README's PowerShell blocks, verbatim and in order, in a fresh folder and a fresh pwsh that finds the module
# by name (the clone's out folder on PSModulePath, as the README says), and examples/run-example.ps1 as command 1
# runs it. Run from the repository root after `dotnet build -c Release`.
BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    $out = Join-Path -Path $root -ChildPath 'out'
}

Describe 'The README tour' {
    BeforeAll {
        $readme = Get-Content -LiteralPath (Join-Path -Path $root -ChildPath 'README.md') -Raw
        $blocks = [regex]::Matches($readme, '(?s)```powershell\n(.*?)```') | ForEach-Object { $_.Groups[1].Value }
        $tour = Join-Path -Path $TestDrive -ChildPath 'tour.ps1'
        $blocks -join "`n" | Set-Content -LiteralPath $tour
        $folder = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'fresh')

        $run = Start-Job -ScriptBlock {
            Set-Location -LiteralPath $using:folder
            $env:PSModulePath = $using:out + [System.IO.Path]::PathSeparator + $env:PSModulePath
            $Error.Clear()
            $output = & $using:tour 2>&1 | Out-String -Width 120
            [pscustomobject]@{
                ExitCode   = $LASTEXITCODE
                Errors     = @($Error | ForEach-Object { "$($_.InvocationInfo.ScriptLineNumber): $($_.Exception.Message)" })
                ModuleBase = (Get-Module -Name RolloutPlaybook).ModuleBase
                Output     = $output
            }
        } | Receive-Job -Wait -AutoRemoveJob
    }
    It 'has PowerShell blocks to run' {
        $blocks.Count | Should -BeGreaterOrEqual 5
        $blocks[0] | Should -Match '(?m)^Import-Module RolloutPlaybook$'
    }
    It 'runs every block without an error' {
        $run.Errors | Should -BeNullOrEmpty
    }
    It 'imports the module by name' {
        $run.ModuleBase | Should -Be (Join-Path -Path $out -ChildPath 'RolloutPlaybook')
    }
    It 'leaves the files the tour says it writes' {
        $plan = Join-Path -Path $folder -ChildPath 'src/docs/connectors/slack/rollout-plan.yaml'
        $plan | Should -Exist
        (Get-Content -LiteralPath $plan -TotalCount 1) | Should -BeLike '# yaml-language-server: $schema=*'
        Join-Path -Path $folder -ChildPath 'src/docs/SLACK-ROLLOUT-PLAN.md' | Should -Exist
        Join-Path -Path $folder -ChildPath 'wave-2.md' | Should -Exist
    }
    It 'records the failed lint check the tour sets in place' {
        Import-Module -Name (Join-Path -Path $out -ChildPath 'RolloutPlaybook/RolloutPlaybook.psd1') -ErrorAction Stop
        $plan = Import-RolloutPlan -Path (Join-Path -Path $folder -ChildPath 'src/docs/connectors/slack/rollout-plan.yaml')
        $lint = $plan.Phases.Sync.Checks | Where-Object Id -eq 'sync-lint'
        $lint.Status | Should -Be 'Fail'
        $lint.Evidence | Should -Be 'lint: 3 errors'
    }
    It 'ends with exit 1: the gate is closed in a folder without the application code' {
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Not -Match 'gate open'
        $run.Output | Should -Match 'RP\.Docs\.RoutesMatch'
    }
}

Describe 'README command 1: examples/run-example.ps1 in a fresh pwsh' {
    BeforeAll {
        # As command 1 runs it: pwsh -NoProfile -File (the pwsh running these tests, in a new process).
        $example = Join-Path -Path $TestDrive -ChildPath 'example'
        $pwsh = Join-Path -Path $PSHOME -ChildPath $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $script = Join-Path -Path $root -ChildPath 'examples/run-example.ps1'
        $output = & $pwsh -NoProfile -NonInteractive -File $script -OutputFolder $example 2>&1 | Out-String
        $exitCode = $LASTEXITCODE
        $run = [pscustomobject]@{ Output = $output; Errors = @($output -split "`n" | Where-Object { $_ -match 'Exception|Error' }) }
    }
    It 'imports the built module itself and runs without an error' {
        $exitCode | Should -Be 0
        $run.Errors | Should -BeNullOrEmpty
    }
    It 'builds the example plan byte for byte, below a schema line that points at the repository''s copy' {
        $run.Output | Should -Match 'Identical to the bundled example below the schema line: True'
        $built = [System.IO.File]::ReadAllText((Join-Path -Path $example -ChildPath 'src/docs/connectors/slack/rollout-plan.yaml'))
        $bundled = [System.IO.File]::ReadAllText((Join-Path -Path $root -ChildPath 'templates/examples/slack.rollout-plan.yaml'))
        $built.Substring($built.IndexOf("`n")) | Should -BeExactly $bundled.Substring($bundled.IndexOf("`n"))
        $built.Substring(0, $built.IndexOf("`n")) | Should -BeExactly '# yaml-language-server: $schema=../../../../schemas/rollout-plan.schema.json'
        Join-Path -Path $example -ChildPath 'schemas/rollout-plan.schema.json' | Should -Exist
    }
    It 'shows the plan, the waves and the gate tally' {
        $run.Output | Should -Match 'slack_channel'
        $run.Output | Should -Match 'api-mappings'
        $run.Output | Should -Match 'Gate: Pass \d+'
        Join-Path -Path $example -ChildPath 'src/docs/SLACK-ROLLOUT-PLAN.md' | Should -Exist
        Join-Path -Path $example -ChildPath '.env.example' | Should -Exist
        Join-Path -Path $example -ChildPath 'gate.junit.xml' | Should -Exist
    }
    It 'is idiomatic PowerShell: no backtick continuations, no .NET path or file calls' {
        foreach ($script in Get-ChildItem -Path (Join-Path -Path $root -ChildPath 'examples') -Filter *.ps1) {
            $text = Get-Content -LiteralPath $script.FullName -Raw
            $text | Should -Not -Match '`\r?\n' -Because "$($script.Name) should splat instead"
            $text | Should -Not -Match '\[(System\.)?IO\.(Path|File|Directory)\]::' -Because "$($script.Name) should use Join-Path, Get-Content, New-Item"
        }
    }
}
