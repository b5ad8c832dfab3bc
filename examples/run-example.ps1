<#
.SYNOPSIS
    The main job on the bundled example: build the Slack plan with the cmdlets, check it against the
    bundled example plan, schedule its agent waves, render its documents and run the review gate.
.DESCRIPTION
    Writes into out/example (a stand-in application repository): the plan file at
    src/docs/connectors/slack/rollout-plan.yaml, the rollout document at src/docs/SLACK-ROLLOUT-PLAN.md,
    the setup handoff as .env.example lines, and JUnit/SARIF gate reports. Uses only the module's cmdlets
    and the core language, so it runs in pwsh, Windows PowerShell and ../shared/tools/psrun alike.
.EXAMPLE
    ../shared/tools/psrun/psrun -Module out/RolloutPlaybook/RolloutPlaybook.psd1 -File examples/run-example.ps1
#>
param(
    [string] $OutputFolder = [System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'example')
)
$ErrorActionPreference = 'Stop'
$repo = [System.IO.Path]::GetFullPath($OutputFolder)
$planFolder = [System.IO.Path]::Combine($repo, 'src', 'docs', 'connectors', 'slack')
$null = [System.IO.Directory]::CreateDirectory($planFolder)
$planFile = [System.IO.Path]::Combine($planFolder, 'rollout-plan.yaml')
$example = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', 'templates', 'examples', 'slack.rollout-plan.yaml'))

# 1. Author the whole plan from PowerShell.
if ([System.IO.File]::Exists($planFile)) { [System.IO.File]::Delete($planFile) }
& ([System.IO.Path]::Combine($PSScriptRoot, 'build-slack-plan.ps1')) -OutputPath $planFile
$same = [System.Linq.Enumerable]::SequenceEqual([System.IO.File]::ReadAllBytes($planFile), [System.IO.File]::ReadAllBytes($example))
"Plan written to $planFile; identical to the bundled example: $same"

# 2. Load it back and show it.
# (Each result goes through Out-Default on its own, so each gets its table view, as at a prompt.)
$plan = Import-RolloutPlan -LiteralPath $planFile
$plan | Out-Default
$plan.LinkingPoints | Out-Default

# 3. The agent team in dependency waves.
$plan | Get-AgentWaves | Out-Default

# 4. The documents: rollout plan Markdown under the repository, setup handoff as .env.example lines.
$document = $plan | Export-RolloutDocument -RepositoryPath $repo -Force -PassThru
"Rollout document: $($document.FullName)"
$plan | Export-SetupHandoff -Format DotEnv -Path ([System.IO.Path]::Combine($repo, '.env.example')) -Force -PassThru | ForEach-Object { "Setup handoff: $($_.FullName)" }

# 5. The review gate (plan rules; repository rules are skipped: out/example holds no application code).
$results = $plan | Test-RolloutGate -OutputFormat JUnit -OutputPath ([System.IO.Path]::Combine($repo, 'gate.junit.xml'))
$results | Where-Object { $_.Outcome -ne 'Pass' -and $_.Outcome -ne 'Skip' } | Out-Default
$counts = @{}
foreach ($r in $results) { $counts["$($r.Outcome)"] = 1 + [int]$counts["$($r.Outcome)"] }
'Gate: ' + ((@('Pass', 'Fail', 'Warn', 'Waived', 'Skip') | Where-Object { $counts[$_] } | ForEach-Object { "$_ $($counts[$_])" }) -join ', ')
