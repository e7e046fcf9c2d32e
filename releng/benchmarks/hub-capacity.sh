#!/usr/bin/env bash
# Hub capacity benchmark (issue 5): concurrent co-browsing sessions relayed by the real hub product on this
# machine, end to end over WebSocket on 127.0.0.1, with relay latency p50/p95/p99, messages and bytes relayed,
# lost messages, protocol errors, hub CPU and RSS. For each N it starts a fresh hub (port 0, its own data folder),
# runs HubCapacity.java (simulated customers, see there) and stops the hub by its pid. Run after a build
# (./mvnw -B verify, or at least releng/org.webcallcenter.product.hub with -am).
#
# Usage: hub-capacity.sh [-s SECONDS] [-r RUNS] [-m MSG_PER_S] [-b AVG_MSG_BYTES] [-f SNAPSHOT_BYTES] [-j] [N...]
#   -s measured seconds per run after all sessions joined (default 60; a 10 s warm-up comes first)
#   -r runs per N (default 2), -m messages per second per session (default 9), -b average incremental message
#   size (default 265: 9 x 265 B x 60 = 143 KB per minute, the measured activity), -f full snapshot size
#   (default 100000), -j record the hub with JFR (files kept in the printed folder)
#   N: sessions (default 100 250 500 1000)
# Exit status: non-zero when any run lost a message, saw a protocol error or a refused connection.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
seconds=60 runs=2 rate=9 bytes=265 snapshot=100000 jfr=""
while getopts s:r:m:b:f:j o; do
  case $o in
    s) seconds=$OPTARG ;; r) runs=$OPTARG ;; m) rate=$OPTARG ;; b) bytes=$OPTARG ;; f) snapshot=$OPTARG ;;
    j) jfr=1 ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
sizes=${*:-100 250 500 1000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java=$JAVA_HOME/bin/java
product=${HUB_PRODUCT:-$root/releng/org.webcallcenter.product.hub/target/products/org.webcallcenter.product.hub/linux/gtk/x86_64/hub}
[ -x "$product/hub" ] || { echo "no hub product in $product: run ./mvnw -B verify first (or set HUB_PRODUCT)" >&2; exit 1; }
work=$(mktemp -d)
hub_pid=""
cleanup() { stop_pid "$hub_pid" 20; [ -n "$jfr" ] || rm -rf "$work"; }
trap cleanup EXIT
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "hub: $product"
failed=0
for n in $sizes; do
  for run in $(seq "$runs"); do
    dir=$work/n$n-r$run
    mkdir -p "$dir"
    vm="${WCC_VM_ARGS:--Xmx2g}"
    [ -z "$jfr" ] || vm="$vm -XX:StartFlightRecording=filename=$dir/hub.jfr,settings=profile"
    WCC_VM_ARGS="$vm" "$product/hub" -Dorg.webcallcenter.hub.port=0 -Dorg.webcallcenter.hub.address=127.0.0.1 \
      -data "$dir/data" >"$dir/hub.out" 2>&1 &
    hub_pid=$!
    url=""
    for _ in $(seq 600); do
      url=$(sed -n 's/^hub: listening \(http:[^ ]*\).*/\1/p' "$dir/hub.out" | head -1)
      [ -z "$url" ] || break
      kill -0 "$hub_pid" 2>/dev/null || break
      sleep 0.1
    done
    if [ -z "$url" ]; then
      echo "hub did not start:" >&2; cat "$dir/hub.out" >&2; exit 1
    fi
    echo "--- N=$n run $run: hub pid $hub_pid at $url, $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    if ! "$java" -Xmx2g -cp "$here" "$here/HubCapacity.java" "$url" "$hub_pid" "$n" "$seconds" "$rate" "$bytes" \
        "$snapshot"; then
      failed=1
      echo "N=$n run $run FAILED"
    fi
    kill -0 "$hub_pid" 2>/dev/null || { echo "the hub died:"; tail -20 "$dir/hub.out"; failed=1; }
    stop_pid "$hub_pid" 20
    hub_pid=""
    grep -iE "error|exception" "$dir/hub.out" | head -5 || true
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
[ -z "$jfr" ] || echo "JFR recordings: $work/*/hub.jfr"
exit $failed
