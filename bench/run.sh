#!/usr/bin/env bash
# The benchmark, one command: builds Release, starts the whole platform (dashboard on, telemetry on, as in
# normal operation) on a fresh data folder, waits until every resource is healthy, measures, prints a
# table (also written to bench/results/), and stops the platform. `--quick` for a short smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-prerequisites.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
dotnet build Zaili.Platform.sln -c Release -v quiet -nologo

data=$(mktemp -d /tmp/zaili-bench-XXXXXX)
chmod 755 "$data"  # PostgreSQL runs as the postgres user and must reach its folder
log="$data.log"
# The limits per client are lifted: the benchmark measures the services' hot path, not the limiter.
dotnet run --project AppHost -c Release --launch-profile http --no-build -- "--Zaili:DataRoot=$data" \
    "--Zaili:RateLimits:SignedInPerSecond=1000000" "--Zaili:RateLimits:SignedInBurst=1000000" > "$log" 2>&1 &
apphost=$!
cleanup() {
    # TERM, not INT: a job started with & in a script ignores SIGINT. The AppHost (the child of `dotnet run`)
    # stops the services, PostgreSQL and RabbitMQ it started.
    pkill -TERM -P "$apphost" 2>/dev/null || true
    kill -TERM "$apphost" 2>/dev/null || true
    wait "$apphost" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

until grep -q "Platform ready" "$log"; do
    kill -0 "$apphost" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
done
seconds=$(grep -o "Platform ready ([a-z]* infrastructure) in [0-9.]* s" "$log" | head -1 | grep -o "[0-9.]* s" | cut -d' ' -f1)
dotnet bench/Zaili.Bench/bin/Release/net10.0/Zaili.Bench.dll "$seconds" "$@"
