<#
.SYNOPSIS
    The main job on the bundled example: build the Slack plan with the cmdlets, check it against the
    bundled example plan, schedule its agent waves, render its documents and run the review gate.
.DESCRIPTION
    Writes into out/example (a stand-in application repository): the plan file at
    src/docs/connectors/slack/rollout-plan.yaml, the rollout document at src/docs/SLACK-ROLLOUT-PLAN.md,
    the setup handoff as .env.example lines, and a JUnit report of the review gate run against that stand-in
    repository (which has no application code, so its route and migration rules fail).
    Imports the module built into out/RolloutPlaybook unless a RolloutPlaybook module is already loaded
    (for example one installed with Install-PSResource and imported by name).
.PARAMETER OutputFolder
    The stand-in application repository to write into. Default: out/example.
.PARAMETER ModulePath
    The module manifest to import. Default: the build output, out/RolloutPlaybook/RolloutPlaybook.psd1.
.EXAMPLE
    dotnet pwsh -NoProfile -File examples/run-example.ps1
#>
[CmdletBinding()]
param(
    [string] $OutputFolder = (Join-Path -Path $PSScriptRoot -ChildPath '../out/example'),
    [string] $ModulePath = (Join-Path -Path $PSScriptRoot -ChildPath '../out/RolloutPlaybook/RolloutPlaybook.psd1')
)
$ErrorActionPreference = 'Stop'

if (-not (Get-Module -Name RolloutPlaybook)) {
    Import-Module -Name $ModulePath
}

$repo = New-Item -ItemType Directory -Path $OutputFolder -Force
$planFolder = New-Item -ItemType Directory -Path (Join-Path -Path $repo.FullName -ChildPath 'src/docs/connectors/slack') -Force
$planFile = Join-Path -Path $planFolder.FullName -ChildPath 'rollout-plan.yaml'
$example = Join-Path -Path $PSScriptRoot -ChildPath '../templates/examples/slack.rollout-plan.yaml'

# 1. Author the whole plan from PowerShell. The repository keeps a copy of the plan file's schema, so the plan's
#    first line points editors at it by a path that is the same in every clone.
$schemaFolder = New-Item -ItemType Directory -Path (Join-Path -Path $repo.FullName -ChildPath 'schemas') -Force
Copy-Item -LiteralPath (Join-Path -Path (Get-Module -Name RolloutPlaybook).ModuleBase -ChildPath 'schemas/rollout-plan.schema.json') -Destination $schemaFolder
Remove-Item -LiteralPath $planFile -ErrorAction Ignore
& (Join-Path -Path $PSScriptRoot -ChildPath 'build-slack-plan.ps1') -OutputPath $planFile
"Plan written to $planFile; $(Get-Content -LiteralPath $planFile -TotalCount 1)"
# The bundled example sits elsewhere, so its schema line differs; everything below it is the same.
$comparison = @{
    ReferenceObject  = Get-Content -LiteralPath $example | Select-Object -Skip 1
    DifferenceObject = Get-Content -LiteralPath $planFile | Select-Object -Skip 1
    SyncWindow       = 0
}
"Identical to the bundled example below the schema line: $(-not (Compare-Object @comparison))"

# 2. Load it back and show it. Out-Default gives each result its own table view, as at a prompt.
$plan = Import-RolloutPlan -LiteralPath $planFile
$plan | Out-Default
$plan.LinkingPoints | Out-Default

# 3. The agent team in dependency waves.
$plan | Get-AgentWaves | Out-Default

# 4. The documents: the rollout plan Markdown under the repository, the setup handoff as .env.example lines.
$document = $plan | Export-RolloutDocument -RepositoryPath $repo.FullName -Force -PassThru
"Rollout document: $($document.FullName)"
$handoff = @{
    Format   = 'DotEnv'
    Path     = Join-Path -Path $repo.FullName -ChildPath '.env.example'
    Force    = $true
    PassThru = $true
}
$plan | Export-SetupHandoff @handoff | ForEach-Object { "Setup handoff: $($_.FullName)" }

# 5. The review gate against the stand-in repository: the plan rules pass; it holds the plan and its documents
#    but no application code yet, so the route and migration rules fail, naming what the team must build.
$gate = @{
    RepositoryPath = $repo.FullName
    OutputFormat   = 'JUnit'
    OutputPath     = Join-Path -Path $repo.FullName -ChildPath 'gate.junit.xml'
}
$results = $plan | Test-RolloutGate @gate
$results | Where-Object Outcome -NotIn 'Pass', 'Skip' | Out-Default
$counts = $results | Group-Object -Property Outcome | Sort-Object -Property { $_.Group[0].Outcome } | ForEach-Object { "$($_.Name) $($_.Count)" }
"Gate: $($counts -join ', ')"
