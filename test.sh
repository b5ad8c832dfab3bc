#!/usr/bin/env bash
# Builds the module (out/RolloutPlaybook) and runs every test: core xunit, engine-hosted module tests
# (which also parse every .ps1 in the repository), then prints one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
results="$(mktemp -d)"
dotnet test RolloutPlaybook.sln -c Release --nologo --logger "trx" --results-directory "$results" "$@"
status=$?
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)); skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
