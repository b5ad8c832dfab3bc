<#
.SYNOPSIS
    Adds up every test result file in a folder (xunit .trx files and Pester NUnit .xml files) and prints
    the one closing line CI reads: "N passed, N failed, N skipped".
.DESCRIPTION
    Each skipped test is listed first, with its reason ("skipped: <test>: <reason>"), so a skip is never silent.
#>
param([Parameter(Mandatory)] [string] $ResultsDirectory)
$passed = $failed = $skipped = 0
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.trx) {
    $run = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun
    $counters = $run.ResultSummary.Counters
    $passed += [int]$counters.passed
    $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    # The VSTest TRX logger leaves notExecuted at 0 for skipped xunit tests; they are the ones not executed.
    $skipped += [Math]::Max([int]$counters.notExecuted, [int]$counters.total - [int]$counters.executed)
    foreach ($result in @($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -eq 'NotExecuted' }) {
        "skipped: $($result.testName): $($result.Output.ErrorInfo.Message)"
    }
}
foreach ($file in Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.xml) {
    $document = [xml](Get-Content -LiteralPath $file.FullName -Raw)
    $run = $document.'test-results'
    if (-not $run) { continue }
    $failed += [int]$run.failures + [int]$run.errors
    $skipped += [int]$run.skipped + [int]$run.'not-run' + [int]$run.ignored + [int]$run.inconclusive
    $passed += [int]$run.total - [int]$run.failures - [int]$run.errors - [int]$run.'not-run' - [int]$run.inconclusive - [int]$run.ignored - [int]$run.skipped - [int]$run.invalid
    foreach ($case in $document.SelectNodes('//test-case[@executed="False" or @result="Ignored" or @result="Inconclusive"]')) {
        "skipped: $($case.name): $($case.SelectSingleNode('reason/message').InnerText)"
    }
}
"$passed passed, $failed failed, $skipped skipped"
