#!/usr/bin/env bash
# Runs every test: unit tests and end-to-end tests that start the whole platform (real PostgreSQL,
# RabbitMQ, services and gateway) on scratch data. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-prerequisites.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
# Everything but the fault suite, then the fault suite alone: each starts a whole platform, and two at once
# on two cores would starve both.
dotnet test Zaili.Platform.sln --filter "FullyQualifiedName!~Zaili.Reliability.Tests" \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
dotnet test tests/Zaili.Reliability.Tests --no-build \
    --logger "trx" --logger "console;verbosity=detailed" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  total=$((total + $(value total)))
done
echo
echo "$passed passed, $failed failed"
if [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit $status
