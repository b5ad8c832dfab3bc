# The installable package as a user gets it: build/Publish-Local.ps1 publishes out/RolloutPlaybook with PSResourceGet to
# a local feed, Find-PSResource finds it by command, Install-PSResource installs it, and a fresh pwsh imports it BY NAME
# and runs the gate. Everything PSResourceGet and PowerShell keep per user (repositories, installed modules) goes to a
# temporary HOME, so the machine's own settings are neither read nor changed.
# Run from the repository root after `dotnet build -c Release`.
BeforeAll {
    $root = (Resolve-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
    $built = Join-Path -Path $root -ChildPath 'out/RolloutPlaybook'
    $appRepo = Join-Path -Path $root -ChildPath 'tests/fixtures/app-repo'
    $props = [xml](Get-Content -LiteralPath (Join-Path -Path $root -ChildPath 'Directory.Build.props') -Raw)
    $version = @($props.Project.PropertyGroup.RolloutPlaybookVersion | Where-Object { $_ })[0]
    $dataHome = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'home')
    $feed = Join-Path -Path $TestDrive -ChildPath 'feed'

    # Runs a script block in a new pwsh process whose per-user folders are all under the temporary home: PSResourceGet's
    # repository store and CurrentUser installs, and the user module path (PSModulePath is left for it to recompute).
    function Invoke-Fresh {
        param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [object[]] $ArgumentList)
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        $env:HOME = $dataHome.FullName
        $env:XDG_CONFIG_HOME = (New-Item -ItemType Directory -Path (Join-Path -Path $dataHome.FullName -ChildPath '.config') -Force).FullName
        # It must exist: .NET reports a missing LocalApplicationData folder as '', and PSResourceGet would then keep its
        # repository store in the working folder.
        $env:XDG_DATA_HOME = (New-Item -ItemType Directory -Path (Join-Path -Path $dataHome.FullName -ChildPath '.local/share') -Force).FullName
        $env:PSModulePath = $null
        try {
            Start-Job -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList -WorkingDirectory $TestDrive | Receive-Job -Wait -AutoRemoveJob
        }
        finally {
            foreach ($name in $saved.Keys) { Set-Item -Path "env:$name" -Value $saved[$name] }
        }
    }
}

Describe 'The package (PSResourceGet, local feed)' -Skip:$IsWindows {
    BeforeAll {
        $published = Invoke-Fresh -ArgumentList (Join-Path -Path $root -ChildPath 'build/Publish-Local.ps1'), $built, $feed -ScriptBlock {
            param($publishScript, $modulePath, $feedPath)
            $package = & $publishScript -ModulePath $modulePath -FeedPath $feedPath -Repository RolloutPlaybookTest
            $byCommand = Find-PSResource -CommandName Test-RolloutGate -Repository RolloutPlaybookTest
            $byName = Find-PSResource -Name RolloutPlaybook -Repository RolloutPlaybookTest
            Install-PSResource -Name RolloutPlaybook -Repository RolloutPlaybookTest -TrustRepository -Scope CurrentUser
            $installed = Get-InstalledPSResource -Name RolloutPlaybook
            [pscustomobject]@{
                Package           = $package.FullName
                CommandFoundIn    = @($byCommand | ForEach-Object { $_.ParentResource.Name })
                CommandNames      = @($byCommand | ForEach-Object { $_.Names })
                Version           = [string]$byName.Version
                Tags              = @($byName.Tags)
                LicenseUri        = [string]$byName.LicenseUri
                InstalledLocation = $installed.InstalledLocation
                InstalledVersion  = [string]$installed.Version
            }
        }
        $looseFolder = (New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'loose-plan') -Force).FullName
        $imported = Invoke-Fresh -ArgumentList $appRepo, $looseFolder -ScriptBlock {
            param($repository, $looseFolder)
            Import-Module -Name RolloutPlaybook -ErrorAction Stop
            $module = Get-Module -Name RolloutPlaybook
            $plans = Join-Path -Path $repository -ChildPath 'src/docs/connectors/*/rollout-plan.yaml'
            $results = Test-RolloutGate -Path $plans -RepositoryPath $repository
            [pscustomobject]@{
                ModuleBase = $module.ModuleBase
                Version    = [string]$module.Version
                Commands   = @($module.ExportedCmdlets.Keys | Sort-Object)
                Outcomes   = @($results | ForEach-Object { "$($_.RuleId)|$($_.Target)|$($_.Outcome)" } | Sort-Object)
                Files      = @(Get-ChildItem -LiteralPath $module.ModuleBase -File -Recurse -Depth 1 | ForEach-Object { [IO.Path]::GetRelativePath($module.ModuleBase, $_.FullName) -replace '\\', '/' } | Sort-Object)
                Quiet      = Test-RolloutGate -Path $plans -RepositoryPath $repository -Quiet
                # A plan written where no repository holds the schema points at the installed module's copy.
                Modeline   = New-RolloutPlan -Connector slack | Export-RolloutPlan -Path (Join-Path -Path $looseFolder -ChildPath 'rollout-plan.yaml') -PassThru |
                    Get-Content -TotalCount 1
                SchemaFile = Join-Path -Path $module.ModuleBase -ChildPath 'schemas/rollout-plan.schema.json'
                SchemaUri  = [System.Uri]::new((Join-Path -Path $module.ModuleBase -ChildPath 'schemas/rollout-plan.schema.json'), [System.UriKind]::Absolute).AbsoluteUri
            }
        }
    }

    It 'publishes RolloutPlaybook.<version>.nupkg to the feed' {
        $published.Package | Should -Be (Join-Path -Path $feed -ChildPath "RolloutPlaybook.$version.nupkg")
        $published.Package | Should -Exist
    }
    It 'is found by Find-PSResource -CommandName Test-RolloutGate' {
        $published.CommandFoundIn | Should -Be @('RolloutPlaybook')
        $published.CommandNames | Should -Contain 'Test-RolloutGate'
        $published.Tags | Should -Contain 'PSCommand_Export-RolloutPlan'
    }
    It 'carries the one version of Directory.Build.props and the license link' {
        $version | Should -Match '^\d+\.\d+\.\d+$'
        $published.Version | Should -Be $version
        $published.LicenseUri | Should -BeLike '*/LICENSE'
    }
    It 'keeps the repository registration in the (temporary) user data folder, not in the working folder' {
        Join-Path -Path $dataHome.FullName -ChildPath '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist
        Join-Path -Path $root -ChildPath 'PSResourceGet' | Should -Not -Exist
        Join-Path -Path $root -ChildPath 'NuGet' | Should -Not -Exist
    }
    It 'installs with Install-PSResource into the (temporary) user module folder' {
        $published.InstalledVersion | Should -Be $version
        $published.InstalledLocation | Should -BeLike "$($dataHome.FullName)*"
    }
    It 'imports by name in a fresh pwsh, from the installed copy' {
        $imported.ModuleBase | Should -BeLike "$($dataHome.FullName)*RolloutPlaybook*$version"
        $imported.Version | Should -Be $version
        $imported.Commands | Should -Contain 'Test-RolloutGate'
    }
    It 'ships LICENSE, the third-party notices and the plan schema' {
        $imported.Files | Should -Contain 'LICENSE'
        $imported.Files | Should -Contain 'THIRD-PARTY-NOTICES.txt'
        $imported.Files | Should -Contain 'schemas/rollout-plan.schema.json'
    }
    It 'points a plan written outside a repository at the installed schema' {
        $imported.SchemaUri | Should -BeLike 'file:///*/schemas/rollout-plan.schema.json'
        $imported.Modeline | Should -BeExactly ('# yaml-language-server: $schema=' + $imported.SchemaUri)
        $imported.SchemaFile | Should -Exist
    }
    It 'runs the gate as the built module does' {
        Import-Module -Name (Join-Path -Path $built -ChildPath 'RolloutPlaybook.psd1') -ErrorAction Stop
        $plans = Join-Path -Path $appRepo -ChildPath 'src/docs/connectors/*/rollout-plan.yaml'
        $expected = Test-RolloutGate -Path $plans -RepositoryPath $appRepo | ForEach-Object { "$($_.RuleId)|$($_.Target)|$($_.Outcome)" } | Sort-Object
        $imported.Outcomes | Should -Be $expected
        $imported.Outcomes | Where-Object { $_ -like '*|Fail' } | Should -Not -BeNullOrEmpty
        $imported.Quiet | Should -BeFalse
    }
}
