#!/usr/bin/env bash
# The CrmBridge test command: checks the Markdown links (scripts/check-links.sh), compiles and lints the Bicep templates
# under infra/, packs and installs the crmbridge .NET tool (scripts/check-tool.sh), installs and starts everything the tests need, runs `dotnet test CrmBridge.sln`, and stops what it started.
# Works on a clean checkout (CI) and on a developer machine.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Sqlite]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES="$ROOT/.test-services/run-$$"
mkdir -p "$SERVICES"
PIDS=()
STOPS=() # commands that stop services started as another user (PostgreSQL)

log() { printf '[test.sh] %s\n' "$*" >&2; }

cleanup() {
  local code=$?
  for stop in "${STOPS[@]:-}"; do
    [[ -n "$stop" ]] && { $stop >/dev/null 2>&1 || log "could not stop: $stop"; }
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do # let them exit before their files are removed
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$SERVICES" 2>/dev/null || rm -rf "$SERVICES" 2>/dev/null || log "could not remove $SERVICES (left for the OS)"
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

check_bicep() {
  # The Bicep CLI comes from NuGet (infra/tools restores it), so this works wherever the package registry is reachable.
  log "restoring the Bicep CLI (infra/tools)"
  dotnet restore infra/tools/CrmBridge.InfraTools.csproj --nologo -v quiet >/dev/null
  local bicep
  bicep=$(dotnet msbuild infra/tools/CrmBridge.InfraTools.csproj -nologo -getProperty:BicepCli)
  [[ -f "$bicep" ]] || { log "Bicep CLI not found at '$bicep'"; return 1; }
  chmod +x "$bicep"
  # `bicep lint` exits 0 on warnings, so every command's diagnostics are collected and any Warning or Error fails.
  local diag="$SERVICES/bicep.log" out="$SERVICES/bicep-out" count=0 file
  : >"$diag"; mkdir -p "$out"
  while IFS= read -r -d '' file; do
    "$bicep" build "$file" --stdout >/dev/null 2>>"$diag" || echo "$file: bicep build failed" >>"$diag"
    "$bicep" lint "$file" >>"$diag" 2>&1 || echo "$file: bicep lint failed" >>"$diag"
    count=$((count + 1))
  done < <(find infra -name '*.bicep' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z)
  while IFS= read -r -d '' file; do
    "$bicep" build-params "$file" --stdout >/dev/null 2>>"$diag" || echo "$file: bicep build-params failed" >>"$diag"
    "$bicep" lint "$file" >>"$diag" 2>&1 || echo "$file: bicep lint failed" >>"$diag"
    count=$((count + 1))
  done < <(find infra -name '*.bicepparam' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z)
  if (( count == 0 )); then log "no Bicep files found under infra/"; return 1; fi
  if grep -qE ' : (Warning|Error) |failed$' "$diag"; then
    log "Bicep reported problems (warnings fail the build):"
    sort -u "$diag" >&2
    return 1
  fi
  log "Bicep: $count files built and linted, no warnings"
}

start_postgres() { # a throwaway PostgreSQL cluster on a free loopback port (initdb + pg_ctl as an unprivileged user)
  local bin dir="$SERVICES/postgres" port as=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [[ -z "$bin" ]] && ! command -v initdb >/dev/null; then
    log "installing PostgreSQL (Debian packages: apt-get install postgresql)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  bin=${bin:-$(dirname "$(command -v initdb)")}
  port=$(free_port); mkdir -p "$dir"; chmod o+x "$ROOT/.test-services" "$SERVICES"
  if (( EUID == 0 )); then chown postgres "$dir"; as=(runuser -u postgres --); fi # initdb refuses to run as root
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$SERVICES/postgres-initdb.log" 2>&1 \
    || { log "initdb failed (see $SERVICES/postgres-initdb.log)"; cat "$SERVICES/postgres-initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w -t 60 start >/dev/null
  STOPS+=("${as[*]} $bin/pg_ctl -D $dir/data -m fast -w stop")
  export CRMBRIDGE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

install_chromium() { # the admin page's browser tests drive the Debian chromium package (never `playwright install`)
  local chromium=${CRMBRIDGE_CHROMIUM:-/usr/bin/chromium}
  if [[ ! -x "$chromium" ]]; then
    log "installing Chromium and a CJK font (Debian packages: apt-get install chromium fonts-wqy-microhei)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
    chromium=/usr/bin/chromium
  fi
  [[ -x "$chromium" ]] || { log "Chromium is missing at $chromium: the browser tests cannot run"; return 1; }
  export CRMBRIDGE_CHROMIUM="$chromium"
  log "Chromium at $chromium"
}

"$ROOT/scripts/check-links.sh" --self-test >&2 || { log "the link checker failed its self-test"; exit 1; }
"$ROOT/scripts/check-links.sh" >&2 || { log "broken links in the Markdown files (listed above)"; exit 1; }
check_bicep
"$ROOT/scripts/check-tool.sh" || { log "the crmbridge tool package does not install or run"; exit 1; }
start_azurite
start_postgres
install_chromium

log "dotnet test CrmBridge.sln"
set +e
dotnet test CrmBridge.sln --nologo -c Release "$@" 2>&1 | tee "$SERVICES/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over the test projects' "Passed!/Failed!" lines.
passed=$(grep -oE 'Passed: +[0-9]+' "$SERVICES/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$SERVICES/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$SERVICES/dotnet-test.log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
if (( status == 0 && passed == 0 )); then log "no test ran"; exit 1; fi
exit "$status"
