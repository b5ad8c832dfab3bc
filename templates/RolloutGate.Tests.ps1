<#
    The RolloutPlaybook review gate as Pester 5 tests: one test per rule and target of every rollout plan in the
    repository. Copy this file into the application repository (e.g. tests/RolloutGate.Tests.ps1) and run it in CI:

        Invoke-Pester -Path ./tests/RolloutGate.Tests.ps1 -CI

    Options, as Pester container data or environment variables:

        $container = New-PesterContainer -Path ./tests/RolloutGate.Tests.ps1 -Data @{ RepositoryPath = '.'; Rule = 'RP.Docs.*' }
        Invoke-Pester -Container $container -CI

    - RepositoryPath  the application repository root (default: $env:ROLLOUT_REPOSITORY_PATH, else the current folder)
    - PlanPath        plan files (default: src/docs/connectors/*/rollout-plan.yaml under the repository)
    - Rule            rule ids to run, wildcards allowed (default: every rule)
    - ModulePath      where RolloutPlaybook is (default: $env:ROLLOUTPLAYBOOK_MODULE, else the installed module)
    - ConnectionStringVariable
                      the environment variable holding a read-only connection string of the live database, e.g.
                      SUPABASE_DB_URL from a CI secret (default: $env:ROLLOUT_DB_VARIABLE); with it the RP.Db rules
                      run (Test-RolloutGate -ConnectionStringVariable), without it they are skipped

    Outcomes: Pass passes; Fail fails with the rule's message, evidence and recommendation; Warn is
    inconclusive; Skip and Waived are skipped with their reason (a waiver shows its expiry).
#>
param(
    [string] $RepositoryPath = $(if ($env:ROLLOUT_REPOSITORY_PATH) { $env:ROLLOUT_REPOSITORY_PATH } else { $PWD.Path }),
    [string[]] $PlanPath,
    [string[]] $Rule,
    [string] $ModulePath = $(if ($env:ROLLOUTPLAYBOOK_MODULE) { $env:ROLLOUTPLAYBOOK_MODULE } else { 'RolloutPlaybook' }),
    [string] $ConnectionStringVariable = $env:ROLLOUT_DB_VARIABLE
)

BeforeDiscovery {
    Import-Module $ModulePath -ErrorAction Stop

    $gate = @{ RepositoryPath = $RepositoryPath; ErrorAction = 'Stop' }
    $gate.Path = if ($PlanPath) { $PlanPath } else { [System.IO.Path]::Combine($RepositoryPath, 'src', 'docs', 'connectors', '*', 'rollout-plan.yaml') }
    if ($Rule) { $gate.Rule = $Rule }
    if ($ConnectionStringVariable) { $gate.ConnectionStringVariable = $ConnectionStringVariable }

    # Pester data must be plain hashtables: one per result, grouped per plan.
    $plans = [ordered]@{}
    foreach ($result in Test-RolloutGate @gate) {
        $name = if ($result.PlanFile) { '{0} ({1})' -f $result.Connector, [System.IO.Path]::GetFileName([System.IO.Path]::GetDirectoryName($result.PlanFile)) } else { $result.Connector }
        if (-not $plans.Contains($name)) { $plans[$name] = [System.Collections.Generic.List[hashtable]]::new() }
        $where = $result.PlanKey
        if ($result.PlanFile) { $where = '{0}:{1}' -f $result.PlanFile, $result.PlanLine }
        if ($result.CodeFile) { $where = '{0}:{1}' -f $result.CodeFile, $result.CodeLine }
        $expires = $null
        if ($result.WaiverExpires) { $expires = $result.WaiverExpires.ToString('yyyy-MM-dd') }
        $plans[$name].Add(@{
            RuleId         = $result.RuleId
            Category       = $result.Category
            Outcome        = [string]$result.Outcome
            Target         = $result.Target
            Message        = $result.Message
            Recommendation = $result.Recommendation
            Evidence       = @($result.Evidence) -join ', '
            Where          = $where
            WaiverReason   = $result.WaiverReason
            WaiverExpires  = $expires
        })
    }
    $gatePlans = foreach ($key in $plans.Keys) { @{ Plan = $key; Results = $plans[$key].ToArray() } }
}

Describe 'Rollout gate: <Plan>' -ForEach $gatePlans {
    It '<RuleId> <Target>' -ForEach $Results {
        switch ($Outcome) {
            'Skip' { Set-ItResult -Skipped -Because $Message }
            'Waived' { Set-ItResult -Skipped -Because ('waived until {0}: {1}' -f $WaiverExpires, $WaiverReason) }
            'Warn' { Set-ItResult -Inconclusive -Because $Message }
            'Fail' { throw ("{0}`nWhere: {1}`nEvidence: {2}`nRecommendation: {3}" -f $Message, $Where, $Evidence, $Recommendation) }
            default { $Outcome | Should -Be 'Pass' }
        }
    }
}
