#
# Module manifest for RolloutPlaybook. The build writes the real ModuleVersion (from
# Directory.Build.props) into the copy under out/RolloutPlaybook; import that copy.
#
@{
    RootModule             = 'RolloutPlaybook.psm1'
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5d0f4a3e-8b1c-4c57-9f2e-6a3b7e1d2c90'
    Author                 = 'RolloutPlaybook contributors'
    CompanyName            = 'RolloutPlaybook'
    Copyright              = '(c) RolloutPlaybook contributors. MIT License.'
    Description            = 'Plan-as-code for data-enrichment connector rollouts: plan files, agent waves, rollout documents and a review gate for pwsh, scripts and Pester.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @(
        'RolloutPlaybook.Plan.format.ps1xml'
        'RolloutPlaybook.Waves.format.ps1xml'
        'RolloutPlaybook.Authoring.format.ps1xml'
        'RolloutPlaybook.Gate.format.ps1xml'
        'RolloutPlaybook.Drafting.format.ps1xml'
    )
    CmdletsToExport        = @(
        'New-RolloutPlan'
        'Import-RolloutPlan'
        'Export-RolloutPlan'
        'Add-LinkingPoint'
        'Add-RolloutRoute'
        'Set-SyncStrategy'
        'Add-RolloutMetric'
        'Add-AgentTask'
        'Add-ValidationCheck'
        'Set-ValidationResult'
        'Add-HandoffItem'
        'Add-RolloutNote'
        'Add-GateWaiver'
        'Set-RolloutPlan'
        'Set-RolloutPhase'
        'Remove-AgentTask'
        'Get-AgentWaves'
        'Test-RolloutGate'
        'Get-RolloutRule'
        'Export-RolloutDocument'
        'Export-SetupHandoff'
        'Export-AgentPrompt'
        'Update-RolloutPlan'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('rollout', 'connector', 'playbook', 'plan-as-code', 'gate', 'pester', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/rolloutplaybook/RolloutPlaybook'
            LicenseUri   = 'https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/LICENSE'
            ReleaseNotes = 'First release: plan files, plan/gate/wave/document cmdlets, help for every cmdlet, Windows PowerShell 5.1 and PowerShell 7.4+ from one module, isolated YamlDotNet/Scriban. Full history: https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/CHANGELOG.md'
        }
    }
}
