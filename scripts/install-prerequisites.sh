#!/usr/bin/env bash
# Installs what the platform needs on a bare Debian 12 machine that has the .NET SDK:
# the PostgreSQL server binaries and rabbitmq-server. Their system services are not started:
# the AppHost runs its own PostgreSQL and RabbitMQ on loopback, inside its data folder.
set -euo pipefail

need=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
command -v setpriv >/dev/null || need+=(util-linux)
command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (see README)." >&2; exit 1; }

if [ ${#need[@]} -eq 0 ]; then
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
