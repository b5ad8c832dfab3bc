<#
.SYNOPSIS
    Adds up every test result in a folder (xunit .trx files, Pester's .counts.json files) and prints
    the one closing line CI reads: "N passed, N failed, N skipped".
.DESCRIPTION
    Each skipped test is listed first, with its reason ("skipped: <test>: <reason>"), so a skip is never silent.
#>
param([Parameter(Mandatory)] [string] $ResultsDirectory)
$passed = $failed = $skipped = 0
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.trx) {
    try { $run = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun }
    catch { "unreadable result file $($file.Name): counted as one failure"; $failed++; continue }
    $counters = $run.ResultSummary.Counters
    $passed += [int]$counters.passed
    $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    # The VSTest TRX logger leaves notExecuted at 0 for skipped xunit tests; they are the ones not executed.
    $skipped += [Math]::Max([int]$counters.notExecuted, [int]$counters.total - [int]$counters.executed)
    foreach ($result in @($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -eq 'NotExecuted' }) {
        "skipped: $($result.testName): $($result.Output.ErrorInfo.Message)"
    }
}
# Pester runs leave their own counts beside their NUnit file (build/Invoke-PesterSuite.ps1).
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.counts.json) {
    $counts = Get-Content -LiteralPath $file.FullName -Raw | ConvertFrom-Json
    $passed += [int]$counts.passed
    $failed += [int]$counts.failed
    $skipped += [int]$counts.skipped
}
"$passed passed, $failed failed, $skipped skipped"
