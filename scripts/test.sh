#!/usr/bin/env bash
# The CrmBridge test command: installs and starts everything the tests need, runs `dotnet test CrmBridge.sln`,
# and stops what it started. Works on a clean checkout (CI) and on a developer machine.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Sqlite]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES="$ROOT/.test-services/run-$$"
mkdir -p "$SERVICES"
PIDS=()

log() { printf '[test.sh] %s\n' "$*" >&2; }

cleanup() {
  local code=$?
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  if [[ -n "${PG_DATA:-}" && -d "${PG_DATA:-}" ]]; then
    su postgres -c "$PG_BIN/pg_ctl -D '$PG_DATA' -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$SERVICES"
  exit $code
}
trap cleanup EXIT INT TERM

free_port() { # a random loopback port nobody listens on (pure bash: no python needed on a fresh machine)
  local port
  while :; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

wait_port() { # host port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    if (( SECONDS > deadline )); then log "timed out waiting for $1:$2"; return 1; fi
    sleep 0.2
  done
}

start_azurite() {
  if [[ ! -x node_modules/.bin/azurite ]]; then
    log "installing Azurite from npm (package.json pins the version)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  mkdir -p "$SERVICES/azurite"
  node_modules/.bin/azurite --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    --location "$SERVICES/azurite" --skipApiVersionCheck --disableTelemetry --loose \
    >"$SERVICES/azurite.log" 2>&1 &
  PIDS+=($!)
  wait_port 127.0.0.1 "$blob" 30; wait_port 127.0.0.1 "$queue" 30; wait_port 127.0.0.1 "$table" 30
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export CRMBRIDGE_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  log "Azurite on 127.0.0.1 blob=$blob queue=$queue table=$table"
}

start_azurite

log "dotnet test CrmBridge.sln"
dotnet test CrmBridge.sln --nologo -c Release "$@"
