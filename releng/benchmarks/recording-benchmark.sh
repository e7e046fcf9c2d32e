#!/usr/bin/env bash
# Recording benchmarks (issue 4): concurrent synthetic recordings (CPU, bytes per recorded minute, lost chunks) and
# search latency over many interactions, through the recorder's own classes on an encrypted Derby database, outside
# OSGi. Run after a build (./mvnw -B verify, or at least the recording bundles).
#
# Usage: recording-benchmark.sh [-c CALLS] [-s SECONDS] [-w WARMUP] [-n INTERACTIONS] [-q QUERIES]
#   -c concurrent synthetic calls (default 100), -s their measured length in seconds (default 60),
#   -w seconds of the same calls before the steady-state measurement starts (default 15; the whole run is reported too)
#   -n interactions loaded for the search benchmark (default 100000), -q queries (default 200)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
calls=100 seconds=60 warmup=15 interactions=100000 queries=200
while getopts c:s:w:n:q: o; do
  case $o in
    c) calls=$OPTARG ;; s) seconds=$OPTARG ;; w) warmup=$OPTARG ;; n) interactions=$OPTARG ;; q) queries=$OPTARG ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
m2=${M2_REPO:-$HOME/.m2/repository}
cp=""
for b in recording.api recording.derby sip.api app.api; do
  jar=$(ls "$root"/bundles/org.webcallcenter.$b/target/org.webcallcenter.$b-*.jar 2>/dev/null | grep -v sources | head -1)
  [ -n "$jar" ] || { echo "bundles/org.webcallcenter.$b is not built: run ./mvnw -B verify first" >&2; exit 1; }
  cp="$cp:$jar"
done
for a in derby derbyshared derbytools; do cp="$cp:$m2/org/apache/derby/$a/10.17.1.0/$a-10.17.1.0.jar"; done
cp=${cp#:}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
props="-Dderby.stream.error.file=$work/derby.log -Djava.io.tmpdir=$work"
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
"$java" -Xmx1g ${BENCH_JAVA_OPTS:-} $props -cp "$cp" "$here/RecordingBenchmark.java" recordings "$calls" "$seconds" "$warmup"
echo "load average after recordings: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -Xmx1g ${BENCH_JAVA_OPTS:-} $props -cp "$cp" "$here/RecordingBenchmark.java" search "$interactions" "$queries"
echo "load average after search: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
