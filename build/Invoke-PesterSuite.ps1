<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester) in this PowerShell against the built module folder.
.DESCRIPTION
    Pester is not installed by hand: build/Tools.csproj restores it from NuGet into the NuGet package
    cache, and this script imports it from there by path. Writes an NUnit XML result file when asked, and
    beside it '<name>.counts.json' with the run's own counts (what build/Write-TestSummary.ps1 adds up, so a
    result file that could not be written still counts). Exits 0 only when every test ran and passed.
#>
[CmdletBinding()]
param(
    [string] $PesterVersion = '5.9.1',
    [string[]] $Path = (Join-Path $PSScriptRoot '..' 'tests' 'Pester'),
    [string] $ResultPath,
    [string] $Output = 'Normal'
)
$ErrorActionPreference = 'Stop'
# Plain text from this process and the fresh pwsh processes tests start: escape sequences in a failure
# message are not valid XML and would break the NUnit result file.
$env:NO_COLOR = '1'
$PSStyle.OutputRendering = 'PlainText'

$packages = $env:NUGET_PACKAGES
if (-not $packages) {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
}
$pesterManifest = Join-Path $packages.Trim() 'pester' $PesterVersion 'tools' 'Pester.psd1'
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    throw "Pester $PesterVersion is not in the NuGet cache ($pesterManifest): run 'dotnet restore build/Tools.csproj' first."
}
Import-Module $pesterManifest -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Output
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
}
$result = $null
try { $result = Invoke-Pester -Configuration $configuration }
catch { Write-Host "Pester $PesterVersion stopped: $_" }
if ($null -eq $result) {
    $counts = [ordered]@{ passed = 0; failed = 1; skipped = 0 }
    "Pester $PesterVersion did not finish: counted as one failure"
}
else {
    $failedBlocks = $result.FailedBlocksCount + $result.FailedContainersCount
    $counts = [ordered]@{ passed = $result.PassedCount; failed = $result.FailedCount + $failedBlocks; skipped = $result.SkippedCount + $result.NotRunCount }
    foreach ($test in @($result.Skipped) + @($result.NotRun)) { if ($test) { "skipped: $($test.ExpandedPath)" } }
    "Pester $PesterVersion`: $($counts.passed) passed, $($counts.failed) failed, $($counts.skipped) skipped"
}
if ($ResultPath) {
    $counts | ConvertTo-Json | Set-Content -LiteralPath ([IO.Path]::ChangeExtension($ResultPath, '.counts.json'))
}
exit $(if ($null -ne $result -and $result.Result -eq 'Passed' -and $counts.failed -eq 0) { 0 } else { 1 })
