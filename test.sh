#!/usr/bin/env bash
# Runs every test: unit tests and end-to-end tests that start the whole platform (real PostgreSQL,
# RabbitMQ, services and gateway) on scratch data. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-prerequisites.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Nothing may wait forever: a test that starts no other for 10 minutes is stopped and named (--blame-hang), and
# a phase that runs past its bound (a build, a test host that does not exit) is ended, with what was still
# running printed and cleared away. Both phases take minutes; the bounds are far above that.
hang_guard=(--blame-hang-timeout 10min --blame-hang-dump-type none)
run_bounded() {
  local limit=$1 code=0
  shift
  # --foreground: a Ctrl+C at the terminal still reaches the tests.
  timeout --foreground --kill-after=30s "$limit" "$@" || code=$?
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    echo "test.sh: '$*' ran past $limit and was ended. Still running:" >&2
    ps -eo pid,ppid,etime,stat,args --forest >&2 || true
    pkill -KILL -f 'zaili-scratch-|/bin/(Debug|Release)/net10\.0/Zaili\.|aspire\.hosting\.orchestration' || true
  fi
  return "$code"
}

status=0
# Everything but the fault suite, then the fault suite alone: each starts a whole platform, and two at once
# on two cores would starve both.
run_bounded 40m dotnet test Zaili.Platform.sln --filter "FullyQualifiedName!~Zaili.Reliability.Tests" "${hang_guard[@]}" \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
run_bounded 25m dotnet test tests/Zaili.Reliability.Tests --no-build "${hang_guard[@]}" \
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
