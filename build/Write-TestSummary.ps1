<#
.SYNOPSIS
    Adds up every test result file in a folder (xunit .trx files and Pester NUnit .xml files) and prints
    the one closing line CI reads: "N passed, N failed, N skipped".
#>
param([Parameter(Mandatory)] [string] $ResultsDirectory)
$passed = $failed = $skipped = 0
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.trx) {
    $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
    $passed += [int]$counters.passed
    $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    # The VSTest TRX logger leaves notExecuted at 0 for skipped xunit tests; they are the ones not executed.
    $skipped += [Math]::Max([int]$counters.notExecuted, [int]$counters.total - [int]$counters.executed)
}
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.xml) {
    $run = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).'test-results'
    if (-not $run) { continue }
    $failed += [int]$run.failures + [int]$run.errors
    $skipped += [int]$run.skipped + [int]$run.'not-run' + [int]$run.ignored + [int]$run.inconclusive
    $passed += [int]$run.total - [int]$run.failures - [int]$run.errors - [int]$run.'not-run' - [int]$run.inconclusive - [int]$run.ignored - [int]$run.skipped - [int]$run.invalid
}
"$passed passed, $failed failed, $skipped skipped"
