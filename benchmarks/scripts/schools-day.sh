#!/usr/bin/env bash
# Issue 21's host figure (see BENCHMARKS.md, "1,000 schools through a day"): a copy of the built
# assembly on PostgreSQL with N schools (N-B of 1,000 students, B of 5,000) on the default schedule,
# the day compressed so that an hour takes M real minutes (the misfire window compressed alike).
# Build first: mvn -B -DskipTests install
# Usage: benchmarks/scripts/schools-day.sh [schools=1000] [big=50] [minutesPerHour=3] [heapMiB=1024] [changes=1%]
#        [more Maven options]
# changes: what happens to the files between firings, 1% (of the students change) or none (the files stay as read)
# Prints a Markdown table; exits non-zero when a check fails. Takes 12×M minutes plus boot and the last firing
# (42 minutes for 1000 50 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec mvn -B -q -pl benchmarks exec:exec -Dbench.main=org.misbridge.benchmarks.host.DayRun \
  -Dbench.sizes="${1:-1000}" -Dbench.runs="${2:-50}" -Dbench.stores="${3:-3}" -Dbench.arg4="${4:-1024}" \
  -Dbench.arg5="${5:-1%}" "${@:6}"
