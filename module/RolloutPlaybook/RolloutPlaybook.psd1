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
    Description            = 'Plan-as-code for data-enrichment connector rollouts: plan files, agent waves, rollout documents and a review gate for pwsh, scripts and Pester. Needs PowerShell 7.4+ (or Windows PowerShell 5.1).'
    # 5.1 is the Desktop minimum; on Core the module needs 7.4 (.NET 8), which the manifest cannot express per
    # edition: RolloutPlaybook.psm1 stops PowerShell 7.0-7.3 with a clear message.
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    TypesToProcess         = @('RolloutPlaybook.types.ps1xml')
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
        'Add-HandoffEnvVar'
        'Add-HandoffScope'
        'Add-HandoffMigration'
        'Add-HandoffSmokeTest'
        'Add-HandoffAppStep'
        'Add-RolloutNote'
        'Add-GateWaiver'
        'Set-RolloutPlan'
        'Set-RolloutPhase'
        'Set-AgentTask'
        'Remove-AgentTask'
        'Remove-LinkingPoint'
        'Remove-RolloutRoute'
        'Remove-RouteWrite'
        'Remove-RolloutMetric'
        'Remove-ValidationCheck'
        'Remove-HandoffItem'
        'Remove-RolloutNote'
        'Remove-GateWaiver'
        'Add-RolloutInvariant'
        'Remove-RolloutInvariant'
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
            # Find-PSResource -CommandName searches PSCommand_<name> tags, which PSResourceGet 1.2 does not derive
            # from CmdletsToExport: one tag per exported cmdlet (ManifestTests checks both lists agree).
            Tags         = @(
                'rollout', 'connector', 'playbook', 'plan-as-code', 'gate', 'pester', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS'
                'PSCommand_New-RolloutPlan'
                'PSCommand_Import-RolloutPlan'
                'PSCommand_Export-RolloutPlan'
                'PSCommand_Add-LinkingPoint'
                'PSCommand_Add-RolloutRoute'
                'PSCommand_Set-SyncStrategy'
                'PSCommand_Add-RolloutMetric'
                'PSCommand_Add-AgentTask'
                'PSCommand_Add-ValidationCheck'
                'PSCommand_Set-ValidationResult'
                'PSCommand_Add-HandoffItem'
                'PSCommand_Add-HandoffEnvVar'
                'PSCommand_Add-HandoffScope'
                'PSCommand_Add-HandoffMigration'
                'PSCommand_Add-HandoffSmokeTest'
                'PSCommand_Add-HandoffAppStep'
                'PSCommand_Add-RolloutNote'
                'PSCommand_Add-GateWaiver'
                'PSCommand_Set-RolloutPlan'
                'PSCommand_Set-RolloutPhase'
                'PSCommand_Set-AgentTask'
                'PSCommand_Remove-AgentTask'
                'PSCommand_Remove-LinkingPoint'
                'PSCommand_Remove-RolloutRoute'
                'PSCommand_Remove-RouteWrite'
                'PSCommand_Remove-RolloutMetric'
                'PSCommand_Remove-ValidationCheck'
                'PSCommand_Remove-HandoffItem'
                'PSCommand_Remove-RolloutNote'
                'PSCommand_Remove-GateWaiver'
                'PSCommand_Get-AgentWaves'
                'PSCommand_Test-RolloutGate'
                'PSCommand_Get-RolloutRule'
                'PSCommand_Export-RolloutDocument'
                'PSCommand_Export-SetupHandoff'
                'PSCommand_Export-AgentPrompt'
                'PSCommand_Add-RolloutInvariant'
                'PSCommand_Remove-RolloutInvariant'
                'PSCommand_Update-RolloutPlan'
            )
            ProjectUri   = 'https://github.com/rolloutplaybook/RolloutPlaybook'
            LicenseUri   = 'https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/LICENSE'
            ReleaseNotes = 'JSON Schema of the plan file (editor validation and completion), installable package with license and third-party notices, faster gate and documents. Full history: https://github.com/rolloutplaybook/RolloutPlaybook/blob/main/CHANGELOG.md'
        }
    }
}
