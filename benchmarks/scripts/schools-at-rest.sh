#!/usr/bin/env bash
# Boots a copy of the built assembly, then drops N schools' config files (a OneRoster reader and a
# sync each, all on the demo data, schedules at the default times) and measures: boot to a
# working school:list, drop to all N schools listed, and the heap used after a full GC before and
# after, per school. Usage: benchmarks/scripts/schools-at-rest.sh [N]   (default 500)
set -euo pipefail
N=${1:-500}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'if [ -x "$WORK/karaf/bin/stop" ]; then "$WORK/karaf/bin/stop" >/dev/null 2>&1 || true; fi; sleep 3; rm -rf "$WORK"' EXIT
cp -r "$ROOT/karaf-assembly/target/assembly" "$WORK/karaf"
K="$WORK/karaf"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
SSH=$(free_port)
sed -i "s/^sshPort.*/sshPort = $SSH/" "$K/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort.*/rmiServerPort = $(free_port)/" "$K/etc/org.apache.karaf.management.cfg"
client() { echo "$1" | "$K/bin/client" -a "$SSH" -u karaf -p karaf -b 2>/dev/null; }
now() { date +%s.%N; }

start=$(now)
"$K/bin/start"
until client "school:list" | grep -q demo; do sleep 0.2; done
booted=$(now)
PID=$(pgrep -f "karaf.base=$K" | head -1)
heap() { jcmd "$PID" GC.run >/dev/null; sleep 1; jcmd "$PID" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i ~ /used/) {v=$(i+1); sub("K","",v); print v; exit}}'; }
before=$(heap)

csv="$K/demo/oneroster"
# files are written elsewhere and moved into etc/ whole, as the README asks: Karaf's file watcher
# can miss files that are still being written into etc/ in a burst
mkdir -p "$WORK/staging"
drop=$(now)
for i in $(seq 1 "$N"); do
  id="school-$i"
  printf 'school.id=%s\noneroster.csv.path=%s\n' "$id" "$csv" > "$WORK/staging/org.misbridge.mis.oneroster-$id.cfg"
  printf 'school.id=%s\nreader.target=(school.id=%s)\n' "$id" "$id" > "$WORK/staging/org.misbridge.sync-$id.cfg"
  mv "$WORK/staging/org.misbridge.mis.oneroster-$id.cfg" "$WORK/staging/org.misbridge.sync-$id.cfg" "$K/etc/"
done
until [ "$(client 'school:list --json' | grep -c '"school" : "school-')" -ge "$N" ]; do sleep 0.5; done
listed=$(now)
after=$(heap)

printf '| boot to a working school:list | %.1f s |\n' "$(echo "$booted - $start" | bc)"
printf '| %d schools dropped to all listed | %.1f s (%.1f ms per school) |\n' "$N" "$(echo "$listed - $drop" | bc)" "$(echo "($listed - $drop) * 1000 / $N" | bc -l)"
printf '| heap after a full GC, demo school only | %d KiB |\n' "$before"
printf '| heap after a full GC, %d more schools configured | %d KiB |\n' "$N" "$after"
printf '| heap per idle configured school | %.1f KiB |\n' "$(echo "($after - $before) / $N" | bc -l)"
