#!/usr/bin/env bash
# Start-up benchmark for a Web Call Center product archive.
#
# Usage: startup-benchmark.sh [-n LAUNCHES] [-w WARMUPS] [-t TITLE] [-k] PRODUCT.tar.gz
#   -n  measured launches (default 7)
#   -w  warm-up launches before them, excluded from the medians (default 1: the first start after extraction
#       fills the OSGi cache in the product's configuration folder and, on Java 25+, trains the launcher's
#       start-up cache, which every later start reuses)
#   -t  the main window's title (default: from the archive's root folder)
#   -k  keep the work folder (extracted product, logs, X event log) and print where it is
#
# Everything runs on a private Xvfb (no window manager). Per launch: a fresh -data folder; the launch time is taken
# with `date +%s.%N` right before exec; `xev -root -event substructure` reports every top-level MapNotify, stamped
# as its line arrives; the first mapped window whose title is the product's is the main window; the
# `webcallcenter: ready` line is stamped as it arrives on the product's stdout. The product is then stopped by pid.
# Needs: bash 5 (EPOCHREALTIME), Debian packages xvfb, x11-utils (xev, xprop), coreutils (stdbuf), tar; a Java 21+
# in JAVA_HOME or on the PATH. Prints Markdown.
set -euo pipefail

orig_args=("$@")
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
launches=7
warmups=1
title=""
keep=0
timeout_s=120
usage() { sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "n:w:t:kh" opt; do
  case "$opt" in
    n) launches=$OPTARG ;;
    w) warmups=$OPTARG ;;
    t) title=$OPTARG ;;
    k) keep=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
archive=$(readlink -f "$1")
[ -f "$archive" ] || { echo "No such archive: $1" >&2; exit 2; }
[[ $launches =~ ^[1-9][0-9]*$ && $warmups =~ ^[0-9]+$ ]] || usage
command_line=$(printf '%q ' "$0" "${orig_args[@]}"); command_line=${command_line% }

need() { command -v "$1" >/dev/null 2>&1 || { echo "$1 is missing: apt-get install $2" >&2; exit 2; }; }
need Xvfb xvfb; need xev x11-utils; need xprop x11-utils; need stdbuf coreutils; need tar tar
[ -n "${EPOCHREALTIME:-}" ] || { echo "bash 5 or newer is needed (EPOCHREALTIME)" >&2; exit 2; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java || true); fi
[ -n "$java" ] || { echo "No Java: set JAVA_HOME to a Java 21+ (Temurin 25: /usr/lib/jvm/temurin-25-jdk-amd64)" >&2; exit 2; }
export JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")")

work=$(mktemp -d "${TMPDIR:-/tmp}/wcc-startup.XXXXXX")
xvfb_pid="" xev_pid="" product_pid=""
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cleanup() {
  stop_pid "$product_pid"; stop_pid "$xev_pid"; stop_pid "$xvfb_pid"
  if [ $keep = 1 ]; then echo "Work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Extract once.
mkdir "$work/product"
tar -xzf "$archive" -C "$work/product"
root=$(cd "$work/product" && ls -A)
[ "$(wc -w <<<"$root")" = 1 ] || { echo "$archive should have one root folder, has: $root" >&2; exit 1; }
launcher="$work/product/$root/webcallcenter"
[ -x "$launcher" ] || { echo "No executable launcher $root/webcallcenter in $archive" >&2; exit 1; }
if [ -z "$title" ]; then
  case "$root" in
    agent-workstation) title="Web Call Center - Agent Workstation" ;;
    expert-home) title="Web Call Center - Expert Home" ;;
    *) echo "Unknown product $root: give its window title with -t" >&2; exit 2 ;;
  esac
fi

# A private X server; -displayfd lets it choose a free display and say which once it accepts connections.
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$work/xvfb.display" 2>"$work/xvfb.log" </dev/null &
xvfb_pid=$!
for i in $(seq 300); do grep -q '^[0-9][0-9]*$' "$work/xvfb.display" 2>/dev/null && break; sleep 0.1; done
grep -q '^[0-9][0-9]*$' "$work/xvfb.display" || { echo "Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(cat "$work/xvfb.display")"

# Every top-level MapNotify, stamped on arrival: "<epoch seconds> <window id>".
stamp_maps() {
  local line at=""
  while IFS= read -r line; do
    if [[ $line == MapNotify* ]]; then at=$EPOCHREALTIME
    elif [ -n "$at" ] && [[ $line =~ window\ (0x[0-9a-fA-F]+) ]]; then printf '%s %s\n' "$at" "${BASH_REMATCH[1]}"; at=""
    fi
  done
}
mkfifo "$work/xev.fifo"
stamp_maps <"$work/xev.fifo" >"$work/maps.log" &
stdbuf -oL xev -display "$DISPLAY" -root -event substructure >"$work/xev.fifo" 2>"$work/xev.err" </dev/null &
xev_pid=$!
# Make sure xev is listening before the first launch: map a throw-away window (a second xev) until xev reports it.
for attempt in $(seq 20); do
  stdbuf -oL xev -display "$DISPLAY" -name wcc-probe >/dev/null 2>&1 </dev/null &
  probe_pid=$!
  for i in $(seq 10); do [ -s "$work/maps.log" ] && break; sleep 0.1; done
  stop_pid "$probe_pid"
  [ -s "$work/maps.log" ] && break
done
[ -s "$work/maps.log" ] || { echo "xev saw no MapNotify for its probe window" >&2; cat "$work/xev.err" >&2; exit 1; }

window_name() { # id -> the window's title, or nothing
  xprop -id "$1" _NET_WM_NAME 2>/dev/null | sed -n 's/^_NET_WM_NAME([A-Z0-9_]*) = "\(.*\)"$/\1/p'
}
stamp_lines() { local line; while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit; printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One launch: prints "<mapped s> <ready s> <ready line ms=>" or "FAILED <why>".
run_once() {
  local n=$1 d="$work/launch-$1" checked=" " line at wid name mapped="" ready="" ready_ms="" launch deadline
  mkdir -p "$d" "$work/home"
  mkfifo "$d/stdout.fifo"
  stamp_lines <"$d/stdout.fifo" >"$d/stdout.log" &
  local stamper=$!
  local maps_before
  maps_before=$(wc -l <"$work/maps.log")
  (
    cd "$d"
    export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
    unset WCC_VM_ARGS WAYLAND_DISPLAY
    date +%s.%N >"$d/launch.ts"
    exec "$launcher" -data "$d/data" -Dwebcallcenter.login.prompt=false
  ) >"$d/stdout.fifo" 2>"$d/stderr.log" </dev/null &
  product_pid=$!
  deadline=$((SECONDS + timeout_s))
  while [ -z "$mapped" ] || [ -z "$ready" ]; do
    if [ $SECONDS -ge $deadline ]; then echo "FAILED timeout after ${timeout_s}s (mapped=${mapped:-no} ready=${ready:-no})"; break; fi
    if ! kill -0 "$product_pid" 2>/dev/null; then echo "FAILED product exited early, see $d"; break; fi
    if [ -z "$mapped" ]; then
      while read -r at wid; do
        [[ $checked == *" $wid "* ]] && continue
        name=$(window_name "$wid")
        [ -n "$name" ] && checked+="$wid "
        # SWT on GTK pads every shell title with one trailing space.
        if [ "$name" = "$title" ] || [ "$name" = "$title " ]; then mapped=$at; break; fi
      done < <(tail -n +$((maps_before + 1)) "$work/maps.log")
    fi
    if [ -z "$ready" ] && line=$(grep -m 1 ' webcallcenter: ready ' "$d/stdout.log"); then
      ready=${line%% *}
      ready_ms=$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' <<<"$line")
    fi
    sleep 0.1
  done
  # The product may write its start-up cache while it exits (first start): let it finish, as a user's would.
  stop_pid "$product_pid" 120; product_pid=""
  wait "$stamper" 2>/dev/null || true
  if [ -n "$mapped" ] && [ -n "$ready" ]; then
    launch=$(cat "$d/launch.ts")
    echo "$(secs "$launch" "$mapped") $(secs "$launch" "$ready") $ready_ms"
  fi
}

results=()
failed=0
total=$((warmups + launches))
for n in $(seq "$total"); do
  r=$(run_once "$n")
  [[ $r == FAILED* ]] && failed=$((failed + 1))
  results+=("$r")
  echo "launch $n/$total: $r" >&2
  sleep 1
done

jv=$("$java" -version 2>&1 | sed 's/^/    /')
echo "### Start-up: $(basename "$archive")"
echo
echo "- Command: \`$command_line\`"
echo "- When: $(date -u +%Y-%m-%dT%H:%M:%SZ); load average (1, 5, 15 min) before: $loadavg_start, after: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running on the machine counts in the numbers)"
echo "- Machine: $(nproc) CPUs (nproc), $(grep -m 1 '^model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "- Java (\`$java -version\`):"
echo
echo "$jv"
echo
echo "- Display: private Xvfb $DISPLAY 1400x900x24, no window manager; window title \"$title\""
echo "- Launches: $warmups warm-up (excluded from the medians: the first start after extraction fills the OSGi cache in the product's configuration folder and trains the start-up cache, written when it exits) + $launches measured; a fresh \`-data\` folder per launch; \`-Dwebcallcenter.login.prompt=false\`"
echo "- launch = \`date +%s.%N\` right before exec of the launcher; mapped = arrival of the main window's MapNotify (\`xev -root -event substructure\`); ready = arrival of the \`webcallcenter: ready\` line on stdout; ms= is the product's own figure (since JVM start)"
echo
echo "| Launch | launch -> window mapped (s) | launch -> ready (s) | ready line ms= |"
echo "| --- | ---: | ---: | ---: |"
mapped_all=() ready_all=()
for i in "${!results[@]}"; do
  r=${results[$i]}
  if [ "$i" -lt "$warmups" ]; then label="warm-up $((i + 1)) (excluded)"; else label="$((i - warmups + 1))"; fi
  if [[ $r == FAILED* ]]; then echo "| $label | ${r} | | |"; continue; fi
  read -r m rd ms <<<"$r"
  echo "| $label | $m | $rd | $ms |"
  if [ "$i" -ge "$warmups" ]; then mapped_all+=("$m"); ready_all+=("$rd"); fi
done
echo
if [ ${#mapped_all[@]} -gt 0 ]; then
  echo "**Median of ${#mapped_all[@]} measured launches: launch -> window mapped $(printf '%s\n' "${mapped_all[@]}" | median) s, launch -> ready $(printf '%s\n' "${ready_all[@]}" | median) s.**"
fi
[ $failed -eq 0 ] || { echo; echo "**$failed launch(es) failed.** Rerun with -k to keep the logs."; exit 1; }
