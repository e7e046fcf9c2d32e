#!/bin/sh
# Runs a product built by ./mvnw verify, on embedded defaults (no registrar, hub or gateway needed to start).
# Usage: releng/run-workstation.sh [agent|expert] [workstation options, e.g. -data /tmp/wcc]
# The archive is unpacked into releng/org.webcallcenter.product.<name>/target/run/ each time, as a user installs it.
#
# So that co-browsing works out of the box, a local service center hub (the hub product of the same build) is
# started beside it on 127.0.0.1:8480, the workstation's default hub address, with its demo broker site at
# http://127.0.0.1:8480/demo/index.html; it is stopped by its process id when the workstation exits. Set WCC_HUB=0
# to skip it (for example when a real hub runs); it is also skipped when something already listens on 8480.
set -eu
cd "$(dirname "$0")/.."
product=${1:-agent}
[ $# -gt 0 ] && shift
case "$product" in
  agent) root=agent-workstation ;;
  expert) root=expert-home ;;
  *) echo "usage: $0 [agent|expert] [options]" >&2; exit 2 ;;
esac
archive=releng/org.webcallcenter.product.$product/target/products/$root-linux.gtk.x86_64.tar.gz
if [ ! -f "$archive" ]; then
  echo "$archive is missing: build first with ./mvnw -B verify -DskipTests" >&2
  exit 1
fi
run=releng/org.webcallcenter.product.$product/target/run
rm -rf "$run"
mkdir -p "$run"
tar xzf "$archive" -C "$run"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  export JAVA_HOME
fi

hub_archive=releng/org.webcallcenter.product.hub/target/products/hub-linux.gtk.x86_64.tar.gz
hub_pid=""
port_taken() {
  # bash's /dev/tcp is not in every sh: ask the kernel's socket table instead (8480 = 0x2120)
  grep -qi ':2120 [0-9A-F:]* 0A ' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
if [ "${WCC_HUB:-1}" != 0 ] && [ -f "$hub_archive" ]; then
  if port_taken; then
    echo "run-workstation: 127.0.0.1:8480 is in use; not starting the demo hub" >&2
  else
    hub_run=releng/org.webcallcenter.product.hub/target/run
    rm -rf "$hub_run"
    mkdir -p "$hub_run"
    tar xzf "$hub_archive" -C "$hub_run"
    "$hub_run/hub/hub" -data "$hub_run/data" -Dorg.webcallcenter.hub.address=127.0.0.1 \
      -Dorg.webcallcenter.hub.port=8480 >"$hub_run/hub.log" 2>&1 &
    hub_pid=$!
    echo "run-workstation: demo hub (pid $hub_pid) on http://127.0.0.1:8480/demo/index.html, log $hub_run/hub.log" >&2
  fi
fi
stop_hub() {
  if [ -n "$hub_pid" ]; then
    kill "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
}
trap stop_hub EXIT
trap 'exit 130' INT TERM

status=0
"$run/$root/webcallcenter" "$@" || status=$?
exit $status
