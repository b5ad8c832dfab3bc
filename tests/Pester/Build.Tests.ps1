# The build scripts CI depends on: the closing "N passed, N failed, N skipped" line of test.sh counts xunit (TRX) and
# Pester (the counts build/Invoke-PesterSuite.ps1 leaves) results, skipped tests included.
BeforeAll {
    $summary = Join-Path -Path $PSScriptRoot -ChildPath '../../build/Write-TestSummary.ps1'
}

Describe 'build/Write-TestSummary.ps1' {
    It 'adds up TRX and NUnit results, counting skipped xunit facts that the TRX counters leave out' {
        $folder = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'results')
        # As the VSTest TRX logger writes a run with 7 passed, 1 failed and 5 skipped facts: notExecuted stays 0.
        @'
<?xml version="1.0" encoding="utf-8"?>
<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <ResultSummary outcome="Failed">
    <Counters total="13" executed="8" passed="7" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="0" />
  </ResultSummary>
  <Results>
    <UnitTestResult testName="Core.ReportTests.JUnitIsValid" outcome="NotExecuted"><Output><ErrorInfo><Message>needs ../shared/schemas</Message></ErrorInfo></Output></UnitTestResult>
    <UnitTestResult testName="Core.ReportTests.Golden" outcome="Passed" />
  </Results>
</TestRun>
'@ | Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'core.trx')
        # As build/Invoke-PesterSuite.ps1 leaves a Pester run's own counts beside its NUnit file.
        '{ "passed": 4, "failed": 2, "skipped": 4 }' | Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'pester.counts.json')
        $lines = & $summary -ResultsDirectory $folder.FullName
        $lines[-1] | Should -Be '11 passed, 3 failed, 9 skipped'
        $lines | Should -Contain 'skipped: Core.ReportTests.JUnitIsValid: needs ../shared/schemas'
        $lines.Count | Should -Be 2
    }

    It 'counts a result file it cannot read as a failure, never as nothing' {
        $folder = New-Item -ItemType Directory -Path (Join-Path -Path $TestDrive -ChildPath 'broken')
        '<?xml version="1.0"?><TestRun><ResultSummary>' | Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'cut.trx')
        $lines = & $summary -ResultsDirectory $folder.FullName
        $lines[-1] | Should -Be '0 passed, 1 failed, 0 skipped'
        $lines[0] | Should -BeLike 'unreadable result file cut.trx*'
    }
}
