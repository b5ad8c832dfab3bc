# Loads the cmdlet assembly built for this edition of PowerShell: net472 for Windows PowerShell 5.1,
# net8.0 for PowerShell 7.4+. The assembly keeps its dependencies (the core, YamlDotNet, Scriban) in
# its own 'dependencies' folder and, on PowerShell 7, in its own AssemblyLoadContext.
# The manifest says PowerShellVersion 5.1 (it cannot name a minimum per edition), so PowerShell 7.0-7.3
# (.NET Core 3.1 to .NET 7) would accept it and then fail on the .NET 8 assembly: say so plainly instead.
if ($PSVersionTable.PSEdition -eq 'Core' -and $PSVersionTable.PSVersion -lt [version]'7.4') {
    $message = "RolloutPlaybook needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell $($PSVersionTable.PSVersion). " +
        'Its core/ assemblies are built for .NET 8. Install PowerShell 7.4+: https://aka.ms/powershell'
    throw [System.PlatformNotSupportedException]::new($message)
}
$edition = if ($PSVersionTable.PSEdition -eq 'Core') { 'core' } else { 'desktop' }
# .NET's Path.Combine rather than Join-Path: the root module must load in hosts without Microsoft.PowerShell.Management.
$assembly = [System.IO.Path]::Combine($PSScriptRoot, $edition, 'RolloutPlaybook.dll')
$binary = Import-Module -Name $assembly -PassThru -ErrorAction Stop
Export-ModuleMember -Cmdlet @($binary.ExportedCmdlets.Keys)
