# The build scripts CI depends on: the closing "N passed, N failed, N skipped" line of test.sh counts xunit (TRX) and
# Pester (NUnit XML) results, skipped tests included. Run from the repository root.
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
        @'
<?xml version="1.0" encoding="utf-8"?>
<test-results total="10" errors="0" failures="2" not-run="0" inconclusive="1" ignored="0" skipped="3" invalid="0">
  <test-suite name="x"><results>
    <test-case name="Gate.skips on Windows" executed="False" result="Ignored"><reason><message>not on Windows</message></reason></test-case>
    <test-case name="Gate.passes" executed="True" result="Success" success="True" />
  </results></test-suite>
</test-results>
'@ | Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'pester.xml')
        $lines = & $summary -ResultsDirectory $folder.FullName
        $lines[-1] | Should -Be '11 passed, 3 failed, 9 skipped'
        $lines | Should -Contain 'skipped: Core.ReportTests.JUnitIsValid: needs ../shared/schemas'
        $lines | Should -Contain 'skipped: Gate.skips on Windows: not on Windows'
        $lines.Count | Should -Be 3
    }
}
