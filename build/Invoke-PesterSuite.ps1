<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester) in this PowerShell against the built module folder.
.DESCRIPTION
    Pester is not installed by hand: build/Tools.csproj restores it from NuGet into the NuGet package
    cache, and this script imports it from there by path. Writes an NUnit XML result file when asked and
    exits with the number of failed tests (0 when all passed).
#>
[CmdletBinding()]
param(
    [string] $PesterVersion = '5.9.1',
    [string[]] $Path = (Join-Path $PSScriptRoot '..' 'tests' 'Pester'),
    [string] $ResultPath,
    [string] $Output = 'Normal'
)
$ErrorActionPreference = 'Stop'

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
$result = Invoke-Pester -Configuration $configuration
"Pester $PesterVersion`: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
exit ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
