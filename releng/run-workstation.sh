#!/bin/sh
# Runs a product built by ./mvnw verify, on embedded defaults (no registrar, hub or gateway needed to start).
# Usage: releng/run-workstation.sh [agent|expert] [workstation options, e.g. -data /tmp/wcc]
# The archive is unpacked into releng/org.webcallcenter.product.<name>/target/run/ each time, as a user installs it.
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
exec "$run/$root/webcallcenter" "$@"
