#!/usr/bin/env bash
# Installs what the platform needs on a bare Debian 12 machine that has the .NET SDK:
# the PostgreSQL server binaries and rabbitmq-server (their system services are not started: the AppHost
# runs its own PostgreSQL and RabbitMQ on loopback, inside its data folder), Node.js and npm for the
# console's build, and Chromium for its browser tests. Then it builds the console (console/dist).
set -euo pipefail

need=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
command -v setpriv >/dev/null || need+=(util-linux)
command -v npm >/dev/null || need+=(nodejs npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Without a CJK font the browser tests' screenshots show boxes for every Chinese character.
compgen -G "/usr/share/fonts/truetype/wqy/wqy-zenhei.tt*" >/dev/null || need+=(fonts-wqy-zenhei)
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (see README)." >&2; exit 1; }

build_console() {
  # Same lock file, same build: npm ci installs exactly what package-lock.json records.
  (cd "$(dirname "$0")/../console" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent) >/dev/null
  echo "Built the console (console/dist)."
}

if [ ${#need[@]} -eq 0 ]; then
  build_console
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing ${need[*]} from Debian ..."
# Keep apt from starting the distribution's own postgresql and rabbitmq-server services.
policy_added=false
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  policy_added=true
fi
trap '$policy_added && $sudo rm -f /usr/sbin/policy-rc.d' EXIT
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed ${need[*]}."
build_console
