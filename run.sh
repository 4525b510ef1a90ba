#!/usr/bin/env bash
# Runs the platform: installs what is missing, builds, and starts the Aspire AppHost with local
# PostgreSQL and RabbitMQ (or containers where a Docker engine answers). Data persists in .data/.
# Stop with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-prerequisites.sh
dotnet build Zaili.Platform.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo
echo "Starting the platform: the dashboard login URL and the gateway URL are printed below."
exec dotnet run --project AppHost -c "${CONFIGURATION:-Debug}" --launch-profile http --no-build -- "$@"
