#!/usr/bin/env bash
# kill -9 of the whole Karaf host in the middle of syncs and of a deletion queue, on a copy of the
# built assembly (see RELIABILITY.md). Build first: mvn -B -DskipTests install
# Usage: benchmarks/scripts/host-kill.sh [students=20000] [sync rounds=3] [h2|pg] [more Maven options]
# Prints a Markdown table; exits non-zero when a check fails. MISBRIDGE_KEEP_HOST=1 keeps the host copy.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B -q -pl benchmarks exec:exec -Dbench.main=org.misbridge.benchmarks.host.HostKillRun \
  -Dbench.sizes="${1:-20000}" -Dbench.runs="${2:-3}" -Dbench.stores="${3:-h2}" "${@:4}"
