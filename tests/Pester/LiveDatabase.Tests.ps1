# Test-RolloutGate -Database from the real pwsh against a throwaway PostgreSQL cluster of its own
# (tests/fixtures/livedb/cluster.sh: the fixture app's migrations in gate_clean, and gate_planted with one migration
# not applied, the 1:1 index dropped by hand, duplicate mappings and a stale attribution). Mirrors
# tests/RolloutPlaybook.Module.Tests/LiveDatabaseCmdletTests.cs. Skipped with the reason when PostgreSQL is not
# installed, unless RP_REQUIRE_LIVE_DB=1 (CI), where that is a failure.
BeforeAll {
    $root = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$root/out/RolloutPlaybook/RolloutPlaybook.psd1" -Force -ErrorAction Stop
    $appRepo = "$root/tests/fixtures/app-repo"
    $slack = "$appRepo/src/docs/connectors/slack/rollout-plan.yaml"
    $stale = "select m.channel_id, m.message_ts from slack_messages m where m.sender_staff_id is not null and not exists " +
             "(select 1 from entity_external_ids e where e.source = 'slack_user' and e.entity_id = m.sender_staff_id and e.external_id = m.slack_user_id)"

    $script:cluster = $null
    $script:skipReason = ''
    $script:clusterDir = Join-Path ([IO.Path]::GetTempPath()) ('rp-pester-livedb-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    if ($IsWindows) {
        $script:skipReason = 'the PostgreSQL test cluster script needs bash'
    } else {
        $lines = & bash "$root/tests/fixtures/livedb/cluster.sh" start $script:clusterDir
        if ($LASTEXITCODE -eq 3) { $script:skipReason = ($lines -join ' ') -replace '^SKIP: ', '' }
        elseif ($LASTEXITCODE -ne 0) { throw "The test PostgreSQL cluster did not start (exit $LASTEXITCODE): $lines" }
        else {
            $script:cluster = @{}
            foreach ($line in $lines) { $k, $v = $line -split '=', 2; $script:cluster[$k] = $v }
        }
    }
    if (-not $script:cluster -and $env:RP_REQUIRE_LIVE_DB -eq '1') { throw "RP_REQUIRE_LIVE_DB=1 but no PostgreSQL test cluster: $script:skipReason" }

    function Get-ReaderUrl([string] $Database) {
        "postgresql://$($cluster.READER):$($cluster.READERPASSWORD)@$($cluster.PGHOST):$($cluster.PGPORT)/$Database`?sslmode=disable"
    }
    function Invoke-Psql([string] $Database, [string] $Sql) {
        $env:PGPASSWORD = $cluster.SUPERPASSWORD
        try { (& psql -X -q -A -t -h $cluster.PGHOST -p $cluster.PGPORT -U $cluster.SUPERUSER -d $Database -c $Sql) -join "`n" }
        finally { Remove-Item Env:PGPASSWORD -ErrorAction Ignore }
    }
}

AfterAll {
    if ($script:cluster) { & bash "$root/tests/fixtures/livedb/cluster.sh" stop $script:clusterDir | Out-Null }
    Remove-Item Env:RP_PESTER_DB_URL -ErrorAction Ignore
}

Describe 'Test-RolloutGate -Database' {
    BeforeEach {
        if (-not $script:cluster) { Set-ItResult -Skipped -Because $script:skipReason }
    }

    It 'passes every database rule on the clean database (SecureString, key-value form)' {
        $secure = ConvertTo-SecureString "Host=$($cluster.PGHOST);Port=$($cluster.PGPORT);Database=gate_clean;Username=$($cluster.READER);Password=$($cluster.READERPASSWORD)" -AsPlainText -Force
        $plan = Import-RolloutPlan $slack | Add-RolloutInvariant -Id no-stale-attribution -Sql $stale
        $results = $plan | Test-RolloutGate -RepositoryPath $appRepo -ConnectionString $secure -Category Db
        $results.Count | Should -Be 7
        $results | Where-Object Outcome -ne Pass | Should -BeNullOrEmpty
        ($results | Where-Object RuleId -eq RP.Db.MigrationsApplied).Evidence | Should -Contain 'database gate_clean: applied migrations (select version::text from supabase_migrations.schema_migrations order by version) (6 rows)'
        $plan | Test-RolloutGate -RepositoryPath $appRepo -ConnectionString $secure -Category Db -Quiet | Should -BeTrue
    }

    It 'catches each planted problem exactly once (URL form from an environment variable)' {
        $env:RP_PESTER_DB_URL = Get-ReaderUrl gate_planted
        $plan = Import-RolloutPlan $slack |
            Add-RolloutInvariant -Id no-stale-attribution -Sql $stale |
            Add-RolloutInvariant -Id tidy-up -Sql 'delete from slack_messages where sender_staff_id is null' -WarningAction SilentlyContinue
        $problems = $plan | Test-RolloutGate -RepositoryPath $appRepo -ConnectionStringVariable RP_PESTER_DB_URL -Category Db |
            Where-Object Outcome -ne Pass | ForEach-Object { "$($_.RuleId) $($_.Outcome) $($_.Target)" } | Sort-Object
        $problems | Should -Be @(
            'RP.Db.Invariants Fail no-stale-attribution'
            'RP.Db.Invariants Warn tidy-up'
            'RP.Db.MigrationsApplied Fail supabase/migrations/20260212_slack_backfill_guard.sql'
            'RP.Db.NoDuplicateMappings Fail slack_channel'
            'RP.Db.NoDuplicateMappings Fail slack_user'
            'RP.Db.OneToOneLive Fail slack_user'
        )
        Invoke-Psql gate_planted 'select count(*) from slack_messages where sender_staff_id is null' | Should -Be '1'
        $plan | Test-RolloutGate -RepositoryPath $appRepo -ConnectionStringVariable RP_PESTER_DB_URL -Category Db -Quiet | Should -BeFalse
    }

    It 'never writes, even as a superuser and with commit; delete' {
        $before = Invoke-Psql gate_clean 'select count(*) from entity_external_ids'
        $secure = ConvertTo-SecureString "postgresql://$($cluster.SUPERUSER):$($cluster.SUPERPASSWORD)@$($cluster.PGHOST):$($cluster.PGPORT)/gate_clean" -AsPlainText -Force
        $plan = New-RolloutPlan -Connector acme
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'escape'; Sql = 'commit; delete from entity_external_ids' })
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'wipe'; Sql = 'delete from entity_external_ids' })
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'cte'; Sql = 'with gone as (delete from entity_external_ids returning 1) select count(*) from gone' })
        $marker = Join-Path ([IO.Path]::GetTempPath()) ('rp-pester-pwn-' + [guid]::NewGuid().ToString('N'))
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'program'; Sql = "copy (select 1) to program 'touch $marker'" })
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'terminate'; Sql = 'select pg_terminate_backend(pg_backend_pid())' })
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'reindex'; Sql = 'reindex table entity_external_ids' })
        $plan.Invariants.Add([RolloutPlaybook.Model.PlanInvariant]@{ Id = 'after'; Sql = 'select 1 where false' })
        $results = $plan | Test-RolloutGate -Rule RP.Db.Invariants -ConnectionString $secure -WarningVariable roleWarning -WarningAction SilentlyContinue
        "$roleWarning" | Should -BeLike "*connected as 'postgres', a superuser*"
        ($results | Where-Object Target -eq escape).Outcome | Should -Be Fail
        ($results | Where-Object Target -eq escape).Message | Should -BeLike '*holds 2 statements*'
        ($results | Where-Object Target -eq wipe).Outcome | Should -Be Warn
        ($results | Where-Object Target -eq wipe).Message | Should -BeLike "*was not run: 'DELETE' is not a query*"
        ($results | Where-Object Target -eq cte).Outcome | Should -Be Warn
        ($results | Where-Object Target -eq cte).Message | Should -BeLike '*read-only transaction refused it*(25006: cannot execute*'
        foreach ($attack in 'program', 'terminate', 'reindex') {
            ($results | Where-Object Target -eq $attack).Outcome | Should -Be Warn
            ($results | Where-Object Target -eq $attack).Message | Should -BeLike "*Invariant '$attack' was not run:*"
        }
        ($results | Where-Object Target -eq after).Outcome | Should -Be Pass
        Test-Path $marker | Should -BeFalse
        Invoke-Psql gate_clean 'select count(*) from entity_external_ids' | Should -Be $before
    }

    It 'reports a wrong password as one error without the password' {
        $env:RP_PESTER_DB_URL = (Get-ReaderUrl gate_clean) -replace [regex]::Escape($cluster.READERPASSWORD), 'not-the-password-42'
        $failure = { Test-RolloutGate -Path $slack -ConnectionStringVariable RP_PESTER_DB_URL -ErrorAction Stop } |
            Should -Throw -ErrorId 'DatabaseAuthenticationFailed,RolloutPlaybook.Commands.TestRolloutGateCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$failure" | Should -BeLike '*password authentication failed for user "gate_reader"*'
        "$failure" | Should -Not -BeLike '*not-the-password-42*'
        "$failure" | Should -Not -BeLike '*   at *'
    }

    It 'reports an unreachable server as one error' {
        $port = [int]$cluster.PGPORT + 1
        $env:RP_PESTER_DB_URL = "postgresql://u:hunter2222@127.0.0.1:$port/db"
        { Test-RolloutGate -Path $slack -ConnectionStringVariable RP_PESTER_DB_URL -ErrorAction Stop } |
            Should -Throw -ErrorId 'DatabaseUnreachable,RolloutPlaybook.Commands.TestRolloutGateCommand'
    }

    It 'cancels a slow invariant at -StatementTimeout and names the timeout' {
        $env:RP_PESTER_DB_URL = Get-ReaderUrl gate_clean
        $result = Import-RolloutPlan $slack | Add-RolloutInvariant -Id slow -Sql 'select pg_sleep(3)' |
            Test-RolloutGate -Rule RP.Db.Invariants -ConnectionStringVariable RP_PESTER_DB_URL -StatementTimeout 1
        $result.Outcome | Should -Be Fail
        $result.Message | Should -BeLike '*ran longer than the statement timeout (1 s)*'
    }
}

Describe 'The Pester gate template with a database' {
    BeforeEach {
        if (-not $script:cluster) { Set-ItResult -Skipped -Because $script:skipReason }
    }

    It 'turns the planted problems into failed tests (a separate pwsh, as CI runs it)' {
        $pester = (Get-Module Pester).Path
        $module = "$root/out/RolloutPlaybook/RolloutPlaybook.psd1"
        $script = @"
Import-Module '$pester'
`$data = @{ RepositoryPath = '$appRepo'; PlanPath = '$slack'; Rule = 'RP.Db.*'; ModulePath = '$module'; ConnectionStringVariable = 'RP_PESTER_DB_URL' }
`$run = Invoke-Pester -Container (New-PesterContainer -Path '$root/templates/RolloutGate.Tests.ps1' -Data `$data) -PassThru -Output None
'{0} passed, {1} failed' -f `$run.PassedCount, `$run.FailedCount
`$run.Failed | ForEach-Object { `$_.ExpandedName }
"@
        $env:RP_PESTER_DB_URL = Get-ReaderUrl gate_planted
        $host_ = if ($IsWindows) { 'pwsh' } else { 'dotnet' }
        $arguments = if ($IsWindows) { @('-NoProfile', '-Command', $script) } else { @("$PSHOME/pwsh.dll", '-NoProfile', '-Command', $script) }
        $output = & $host_ @arguments
        $output[0] | Should -Be '2 passed, 4 failed'  # the plan has no invariants: RP.Db.Invariants is a skipped test
        ($output | Select-Object -Skip 1) -join "`n" | Should -BeLike '*RP.Db.OneToOneLive*slack_user*'
    }
}

Describe 'Add-RolloutInvariant and Remove-RolloutInvariant' {
    It 'keeps invariants in the plan file and completes their ids' {
        $file = "$TestDrive/rollout-plan.yaml"
        New-RolloutPlan -Connector acme | Add-RolloutInvariant -Id no-stale -Description 'nothing stale' -Sql 'select 1 where false' | Export-RolloutPlan -Path $file
        (Get-Content -Raw $file) | Should -BeLike '*invariants:*id: no-stale*'
        (Import-RolloutPlan $file).Invariants[0].Sql | Should -Be 'select 1 where false'
        $completion = TabExpansion2 -inputScript "Remove-RolloutInvariant -Path $file -Id n" -cursorColumn ("Remove-RolloutInvariant -Path $file -Id n").Length
        $completion.CompletionMatches.CompletionText | Should -Be 'no-stale'
        Remove-RolloutInvariant -Path $file -Id no-stale
        (Import-RolloutPlan $file).Invariants.Count | Should -Be 0
    }
    It 'refuses SQL the gate would never run' {
        { New-RolloutPlan -Connector acme | Add-RolloutInvariant -Id x -Sql 'commit; delete from t' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvariantNotAQuery,RolloutPlaybook.Commands.AddRolloutInvariantCommand'
    }
}
