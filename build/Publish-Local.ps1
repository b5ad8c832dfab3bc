<#
.SYNOPSIS
    Publishes the built module folder (out/RolloutPlaybook) with PSResourceGet to a local file feed.
.DESCRIPTION
    The way PowerShell modules are distributed, on this machine: registers the feed folder as a trusted
    PSResourceGet repository (once), and publishes the module into it as RolloutPlaybook.<version>.nupkg.
    Then, in any pwsh:

        Install-PSResource -Name RolloutPlaybook -Repository RolloutPlaybookLocal
        Import-Module RolloutPlaybook

    Re-publishing a version replaces that version's package in the feed (a local feed only; a gallery never
    accepts the same version twice). Run it with the pinned pwsh after a build:
    dotnet pwsh -NoProfile -File build/Publish-Local.ps1
.PARAMETER ModulePath
    The module folder to publish. Default: out/RolloutPlaybook.
.PARAMETER FeedPath
    The local feed folder. Default: out/feed.
.PARAMETER Repository
    The PSResourceGet repository name of the feed. Default: RolloutPlaybookLocal.
.OUTPUTS
    System.IO.FileInfo: the published package.
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType([System.IO.FileInfo])]
param(
    [string] $ModulePath = (Join-Path -Path $PSScriptRoot -ChildPath '../out/RolloutPlaybook'),
    [string] $FeedPath = (Join-Path -Path $PSScriptRoot -ChildPath '../out/feed'),
    [string] $Repository = 'RolloutPlaybookLocal'
)
$ErrorActionPreference = 'Stop'

$manifestPath = Join-Path -Path $ModulePath -ChildPath 'RolloutPlaybook.psd1'
if (-not (Test-Path -LiteralPath $manifestPath)) {
    throw "No module at $ModulePath (RolloutPlaybook.psd1 missing): build it first with 'dotnet build -c Release'."
}
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
$version = $manifest.ModuleVersion
$feed = New-Item -ItemType Directory -Path $FeedPath -Force

$registered = Get-PSResourceRepository -Name $Repository -ErrorAction Ignore
if (-not $registered) {
    Register-PSResourceRepository -Name $Repository -Uri $feed.FullName -Trusted
}
elseif ($registered.Uri.LocalPath.TrimEnd('/', '\') -ne $feed.FullName.TrimEnd('/', '\')) {
    throw "Repository '$Repository' is registered for $($registered.Uri) , not $($feed.FullName): pass -Repository with another name, or -FeedPath $($registered.Uri.LocalPath)."
}

$package = Join-Path -Path $feed.FullName -ChildPath "RolloutPlaybook.$version.nupkg"
if ($PSCmdlet.ShouldProcess($package, "Publish RolloutPlaybook $version from $ModulePath")) {
    Remove-Item -LiteralPath $package -ErrorAction Ignore
    Publish-PSResource -Path (Resolve-Path -LiteralPath $ModulePath).Path -Repository $Repository
    Get-Item -LiteralPath $package
}
