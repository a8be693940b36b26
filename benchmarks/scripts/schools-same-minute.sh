#!/usr/bin/env bash
# Load on one host (see RELIABILITY.md): N schools all scheduled for the same minute, then M
# school:sync commands at once for one 20,000-student school, on a copy of the built assembly.
# Build first: mvn -B -DskipTests install
# Usage: benchmarks/scripts/schools-same-minute.sh [schools=200] [commands=20] [h2|pg] [more Maven options]
# Prints a Markdown table; exits non-zero when a check fails. Takes 3-6 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B -q -pl benchmarks exec:exec -Dbench.main=org.misbridge.benchmarks.host.SameMinuteRun \
  -Dbench.sizes="${1:-200}" -Dbench.runs="${2:-20}" -Dbench.stores="${3:-h2}" "${@:4}"
