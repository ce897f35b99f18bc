#!/usr/bin/env bash
# Packs crmbridge as a .NET tool, installs it from that package into a temporary --tool-path and checks that
# `crmbridge --help` runs and the shipped mappings validate. Called by scripts/test.sh; runs alone as well.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/crmbridge-tool.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[check-tool] %s\n' "$*" >&2; }

version=$(dotnet msbuild "$ROOT/cli/CrmBridge.Cli/CrmBridge.Cli.csproj" -nologo -getProperty:Version)
log "dotnet pack cli/CrmBridge.Cli (version $version)"
dotnet pack "$ROOT/cli/CrmBridge.Cli/CrmBridge.Cli.csproj" -c Release -o "$WORK/package" --nologo -v quiet >"$WORK/pack.log" 2>&1 \
  || { cat "$WORK/pack.log" >&2; exit 1; }
log "dotnet tool install --tool-path"
dotnet tool install CrmBridge.Cli --version "$version" --tool-path "$WORK/tools" --add-source "$WORK/package" >/dev/null
"$WORK/tools/crmbridge" --help | grep -q "crmbridge: CRM <-> ERP sync" || { log "crmbridge --help did not print the usage"; exit 1; }
store=$(find "$WORK/tools/.store" -type d -path '*/tools/net*/any/mappings' | head -n 1)
"$WORK/tools/crmbridge" mapping validate "$store" >/dev/null || { log "the installed tool's mappings do not validate"; exit 1; }
# One line and a nonzero exit for a bad argument, from the installed tool too.
set +e
err=$("$WORK/tools/crmbridge" status --config "$WORK/missing.json" 2>&1 >/dev/null); code=$?
set -e
if (( code == 0 )) || [[ $(printf '%s\n' "$err" | wc -l) -ne 1 ]]; then log "expected one error line and a nonzero exit, got $code: $err"; exit 1; fi
log "the tool installs and runs: crmbridge --help, mapping validate, one-line errors"
