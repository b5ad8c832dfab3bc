<#
.SYNOPSIS
    Adopts a connector that is already in production: drafts its plan from the code, reviews the open
    questions, and runs the review gate against the same code.
.DESCRIPTION
    Works on a copy of the fixture application (tests/fixtures/app-repo) without its hand-written Slack plan,
    as a team that has the connector but no plan would start:

      1. New-RolloutPlan -RepositoryPath drafts the plan from the connector's code and it is saved where the
         repository keeps plans;
      2. the open questions the code raised (and the intake items it cannot answer) are listed for review;
      3. the rollout document is rendered and Test-RolloutGate checks the draft against the code: every
         repository Fail is also one of the draft's open questions;
      4. Update-RolloutPlan -WhatIf confirms the plan is current with the code.
.PARAMETER Connector
    The connector to adopt.
.PARAMETER OutputFolder
    Where the copy of the application goes (replaced on every run).
.EXAMPLE
    ./examples/adopt-existing-connector.ps1
.EXAMPLE
    ./examples/adopt-existing-connector.ps1 -Connector hubspot
#>
[CmdletBinding()]
param(
    [ValidatePattern('^[a-z][a-z0-9-]*$')]
    [string] $Connector = 'slack',

    [string] $OutputFolder = (Join-Path -Path $PSScriptRoot -ChildPath '../out/adopt')
)
$ErrorActionPreference = 'Stop'

if (-not (Get-Module -Name RolloutPlaybook)) {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../out/RolloutPlaybook/RolloutPlaybook.psd1')
}

# A copy of the application, as a team with the connector but without its plan has it.
$fixture = Join-Path -Path $PSScriptRoot -ChildPath '../tests/fixtures/app-repo'
if (Test-Path -LiteralPath $OutputFolder) { Remove-Item -LiteralPath $OutputFolder -Recurse -Force }
$null = New-Item -ItemType Directory -Path $OutputFolder
Copy-Item -Path (Join-Path -Path $fixture -ChildPath '*') -Destination $OutputFolder -Recurse
Copy-Item -LiteralPath (Join-Path -Path $fixture -ChildPath '.env.example') -Destination $OutputFolder
$repo = (Resolve-Path -LiteralPath $OutputFolder).ProviderPath
$planFolder = Join-Path -Path $repo -ChildPath "src/docs/connectors/$Connector"
Remove-Item -LiteralPath $planFolder -Recurse -Force -ErrorAction SilentlyContinue
Remove-Item -Path (Join-Path -Path $repo -ChildPath "src/docs/$($Connector.ToUpperInvariant())-ROLLOUT-PLAN.md") -ErrorAction SilentlyContinue

# 1. Draft the plan from the code and save it where the repository keeps plans.
$planFile = Join-Path -Path $planFolder -ChildPath 'rollout-plan.yaml'
$null = New-Item -ItemType Directory -Path $planFolder -Force
$plan = New-RolloutPlan -Connector $Connector -RepositoryPath $repo
$plan | Export-RolloutPlan -Path $planFile
Write-Host "Drafted $planFile from the code of $repo"
$plan.Routes | Format-Table -AutoSize | Out-Host
$plan.LinkingPoints | Format-Table -AutoSize | Out-Host

# 2. Review: what the code raised, and what only people can answer (the intake items).
$fromCode, $intake = $plan.OpenQuestions.Where({ $_ -notlike 'Intake Q*' }, 'Split')
Write-Host "Open questions raised by the code ($($fromCode.Count)):"
$fromCode | ForEach-Object { Write-Host "  - $_" }
Write-Host "Intake items to answer ($($intake.Count)):"
$intake | ForEach-Object { Write-Host "  - $_" }
Write-Host "$(@($plan.Assumptions -like 'From code:*').Count) assumptions record where each drafted item is in the code."

# 3. Render the rollout document, then gate the draft against the same code.
$plan | Export-RolloutDocument -RepositoryPath $repo -Force
$repositoryRules = (Get-RolloutRule | Where-Object NeedsRepository).Id
$results = Test-RolloutGate -Path $planFile -RepositoryPath $repo -Rule $repositoryRules
$results | Group-Object -Property Outcome -NoElement | Format-Table -AutoSize | Out-Host
$fails = $results | Where-Object Outcome -eq Fail
foreach ($fail in $fails) {
    $question = $plan.OpenQuestions | Where-Object { $_.Contains($fail.Target) } | Select-Object -First 1
    if (-not $question) { throw "$($fail.RuleId) $($fail.Target) is a Fail that is not an open question of the draft: $($fail.Message)" }
    Write-Host "$($fail.RuleId) $($fail.Target): already an open question ($question)"
}

# 4. The plan is current with its code: a refresh would change nothing.
$pending = Update-RolloutPlan -Path $planFile -RepositoryPath $repo -WhatIf | Where-Object Kind -in Added, Removed, NotInCode
if ($pending) { $pending | Format-Table | Out-Host; throw 'The draft is not current with its code.' }
Write-Host 'Update-RolloutPlan: the plan is current with the code.'
