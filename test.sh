#!/usr/bin/env bash
# Builds the module (out/RolloutPlaybook) and runs every test: core xunit, engine-hosted module tests,
# then the Pester suite in the real pwsh (the PowerShell dotnet tool pinned in .config/dotnet-tools.json,
# Pester restored from NuGet by build/Tools.csproj), and prints one "N passed, N failed" line counting all.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet tool restore >/dev/null || status=$?
dotnet restore build/Tools.csproj --nologo -v q >/dev/null || status=$?
dotnet test RolloutPlaybook.sln -c Release --nologo --logger "trx" --results-directory "$results" "$@" || status=$?
dotnet pwsh -NoLogo -NoProfile -File build/Invoke-PesterSuite.ps1 -ResultPath "$results/pester.xml" || status=$?
dotnet pwsh -NoLogo -NoProfile -File build/Write-TestSummary.ps1 -ResultsDirectory "$results" || status=$?
exit $status
