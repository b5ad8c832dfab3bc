# Loads the cmdlet assembly built for this edition of PowerShell: net472 for Windows PowerShell 5.1,
# net8.0 for PowerShell 7.4+. The assembly keeps its dependencies (the core, YamlDotNet, Scriban) in
# its own 'dependencies' folder and, on PowerShell 7, in its own AssemblyLoadContext.
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'core' } else { 'desktop' }
$assembly = [System.IO.Path]::Combine($PSScriptRoot, $edition, 'RolloutPlaybook.dll')
$binary = Import-Module -Name $assembly -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
