#!/usr/bin/env bash
# Softphone benchmark: the same sipp caller against baresip (the reference) and against our softphone, timed from
# a packet capture on lo. Issue 3, "Benchmarks".
#
# Usage: softphone-benchmark.sh [-m MODES] [-t TARGETS] [-o 'OUR COMMAND'] [-n CALLS] [-r RATE] [-d CALL_MS]
#                               [-W WARMUP] [-V WARMUP_RATE] [-R RATES] [-c CONCURRENT] [-w SECONDS]
#                               [-S SOAK_CALLS] [-U SOAK_WARMUP] [-j SECONDS] [-k]
#   -m  comma-separated modes (default latency): latency, stress, jitter, cpu, soak, or all (all but soak)
#   -t  comma-separated targets (default baresip,ours)
#   -o  the command that starts our softphone as a SIP callee on 127.0.0.1:{port} answering every call, with
#       {port} where the port goes and optionally {dir} for a fresh private folder, e.g. the headless product:
#       '<product>/webcallcenter -application org.webcallcenter.sip.jain.headless -data {dir} \
#        -listen 127.0.0.1:{port} -auto-answer always'
#   -W  warm-up calls before each measured latency run, not captured (default 50; a JVM compiles its hot paths
#       during the first calls, and baresip gets the same treatment); -V their rate per second (default: -r;
#       3000 at 100/s took baresip to a load average of 240 here: use a high -V with -t ours only)
#   -n  calls in latency mode (default 200); -r their rate per second (default 10); -d their length in ms after
#       the ACK (default 0: baresip's ALSA null speaker spins a core per active call, see docs/benchmarks.md)
#   -R  rates tried in stress mode, in order (default 10,25,50,100,200,400,800); each step sends 5 s worth of
#       calls (at least 50) lasting 0 ms; the first step with a failed call ends the series
#   -c  concurrent calls in cpu mode (default 10); -w the measuring window in seconds (default 10)
#   -S  calls in soak mode (default 10000), at -r calls/s; -U warm-up calls before them, at -V calls/s (default 0:
#       the soak starts on a cold callee)
#   -j  length of the jitter mode's call in seconds (default 10; p99 of 500 gaps is their 5th worst)
#   -k  keep the work folder (captures, sipp logs, callee logs) and print where it is
#
# What is measured (all UDP on 127.0.0.1, one dumpcap on lo):
#   latency  sipp's uac-answer-bye.xml (INVITE, 200, ACK, BYE after -d ms) at -r calls/s; per call, from the capture:
#            answer = INVITE on the wire -> the callee's 200 on the wire; setup = INVITE -> the caller's ACK (the
#            caller has read the 200 and confirmed it). On lo one capture sees each datagram once, so "INVITE in at
#            the callee" and "INVITE out of the caller" are the same instant. p50/p99 by nearest rank.
#   stress   calls/s stepped up (-R); the highest rate at which sipp saw zero failed calls.
#   jitter   one call of -j s; the callee's RTP to sipp (sipp echoes RTP, -rtp_echo, so the callee also receives
#            media); per stream |inter-packet gap - 20 ms| over consecutive sequence numbers, p50/p99/max. In the
#            same window and capture a reference pacer (softphone_bench.py pace: a plain process sending a packet
#            every 20 ms on absolute deadlines) is measured the same way: what this machine allowed at that time.
#   soak     -S calls of 0 ms at -r calls/s: failed calls, the callee's resident memory (VmRSS of it and its
#            children) before, right after and 40 s after (past the SIP transaction timers, 64 * T1 = 32 s), and
#            for a Java callee its live objects right after a full GC (jcmd GC.class_histogram) before and 40 s
#            after: a leak is what a full GC cannot free once the timers have run out.
#   cpu      -c calls held up at once (with RTP both ways, sipp echoing); the callee's CPU time (utime+stime of it
#            and its child processes, /proc/<pid>/stat) over -w seconds, minus the same window idle before the
#            calls, per call, in % of one core.
# baresip runs with a generated private configuration: auto-answer, G.711, ausine 1 kHz as its microphone, the
# ALSA null device as its speaker. Needs Debian packages sip-tester (sipp), baresip-core, tshark (dumpcap; run as
# root or in group wireshark), python3, and bash 5. Prints Markdown.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
scenarios="$repo/bundles/org.webcallcenter.testing/scenarios"
helper="$here/softphone_bench.py"
orig_args=("$@")

modes=latency targets=baresip,ours ours_cmd="" calls=200 rate=10 call_ms=0 rates=10,25,50,100,200,400,800
concurrent=10 window=10 soak_calls=10000 warmup=50 warmup_rate="" soak_warmup=0 keep=0 jitter_s=10
usage() { sed -n '5,26p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "m:t:o:n:r:d:R:c:w:S:W:V:U:j:kh" opt; do
  case "$opt" in
    m) modes=$OPTARG ;;
    t) targets=$OPTARG ;;
    o) ours_cmd=$OPTARG ;;
    n) calls=$OPTARG ;;
    r) rate=$OPTARG ;;
    d) call_ms=$OPTARG ;;
    j) jitter_s=$OPTARG ;;
    R) rates=$OPTARG ;;
    c) concurrent=$OPTARG ;;
    w) window=$OPTARG ;;
    S) soak_calls=$OPTARG ;;
    W) warmup=$OPTARG ;;
    V) warmup_rate=$OPTARG ;;
    U) soak_warmup=$OPTARG ;;
    k) keep=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
[ "$modes" = all ] && modes=latency,jitter,cpu,stress
[ -n "$warmup_rate" ] || warmup_rate=$rate
for n in "$calls" "$rate" "$concurrent" "$window" "$soak_calls" "$warmup_rate" "$jitter_s"; do [[ $n =~ ^[1-9][0-9]*$ ]] || usage; done
[[ $call_ms =~ ^[0-9]+$ && $warmup =~ ^[0-9]+$ && $soak_warmup =~ ^[0-9]+$ && $rates =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || usage
IFS=, read -r -a mode_list <<< "$modes"
IFS=, read -r -a target_list <<< "$targets"
for m in "${mode_list[@]}"; do [[ $m =~ ^(latency|stress|jitter|cpu|soak)$ ]] || { echo "unknown mode: $m" >&2; usage; }; done
for t in "${target_list[@]}"; do
  case "$t" in
    baresip) ;;
    ours)
      if [ -z "$ours_cmd" ]; then
        cat >&2 <<'EOF'
Refusing to measure target "ours": no command given to start our softphone.
Pass -o with the command that starts it as a SIP callee answering every call on 127.0.0.1:{port} ({dir}: a fresh
private folder), e.g. with the Agent Workstation product unpacked in <product>:
  -o '<product>/webcallcenter -application org.webcallcenter.sip.jain.headless -data {dir} -listen 127.0.0.1:{port} -auto-answer always'
or measure baresip alone with -t baresip.
EOF
        exit 2
      fi
      [[ $ours_cmd == *"{port}"* ]] || { echo "-o must contain {port} where the listening port goes" >&2; exit 2; } ;;
    *) echo "unknown target: $t (baresip or ours)" >&2; usage ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "$1 is missing: apt-get install $2" >&2; exit 2; }; }
need sipp sip-tester; need dumpcap tshark; need tshark tshark; need python3 python3
if [[ " ${target_list[*]} " == *" baresip "* ]]; then need baresip baresip-core; fi
[ -n "${EPOCHREALTIME:-}" ] || { echo "bash 5 or newer is needed" >&2; exit 2; }
for s in uac-answer-bye.xml; do [ -f "$scenarios/$s" ] || { echo "missing scenario $scenarios/$s" >&2; exit 2; }; done

work=$(mktemp -d "${TMPDIR:-/tmp}/wcc-softphone-bench.XXXXXX")
uas_pid="" cap_pid="" pacer_pid=""
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
cleanup() {
  stop_pid "$cap_pid"; stop_pid "$uas_pid"; stop_pid "$pacer_pid"
  if [ "$keep" = 1 ]; then echo "Work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

freeport() { python3 "$helper" freeport; }

# baresip_config DIR SIP_PORT RTP_PORT: auto-answer callee, G.711 only, 1 kHz tone as microphone, no sound device.
baresip_config() {
  local dir=$1 port=$2 rtp=$3
  mkdir -p "$dir"
  cat > "$dir/config" <<EOF
poll_method		epoll
sip_listen		127.0.0.1:$port
net_interface		127.0.0.1
call_local_timeout	120
call_max_calls		1000
audio_player		alsa,null
audio_alert		alsa,null
audio_source		ausine,1000
ausrc_srate		48000
ausrc_channels		2
audio_level		no
rtp_ports		$rtp-$((rtp + 1999))
rtcp_mux		no
jitter_buffer_delay	5-10
module_path		/usr/lib/baresip/modules
module			g711.so
module			ausine.so
module			alsa.so
module_tmp		account.so
EOF
  echo "<sip:bench@127.0.0.1:$port>;regint=0;answermode=auto;audio_codecs=pcmu,pcma" > "$dir/accounts"
}

# start_uas TARGET DIR: starts the callee on a fresh port; sets uas_pid and uas_port; waits until it answers OPTIONS.
start_uas() {
  local target=$1 dir=$2
  mkdir -p "$dir"
  uas_port=$(freeport)
  if [ "$target" = baresip ]; then
    baresip_config "$dir/baresip" "$uas_port" "$(freeport)"
    baresip -f "$dir/baresip" > "$dir/callee.log" 2>&1 < /dev/null &
  else
    local cmd=${ours_cmd//\{port\}/$uas_port}
    cmd=${cmd//\{dir\}/$dir/data}
    bash -c "exec $cmd" > "$dir/callee.log" 2>&1 < /dev/null &
  fi
  uas_pid=$!
  if ! python3 "$helper" ping "$uas_port" 60; then
    echo "$target did not answer OPTIONS on 127.0.0.1:$uas_port within 60 s; its log:" >&2
    tail -20 "$dir/callee.log" >&2
    exit 1
  fi
}
# 30 s: the first start of an installation writes its start-up cache when it exits, which took 11 s under load
stop_uas() { stop_pid "$uas_pid" 30; uas_pid=""; }

# start_capture FILE FILTER: dumpcap on lo, waits until it captures
start_capture() {
  local file=$1 filter=$2
  dumpcap -q -i lo -f "$filter" -w "$file" 2> "$file.log" &
  cap_pid=$!
  local i
  for i in $(seq 100); do grep -q "Capturing on" "$file.log" 2>/dev/null && return 0; sleep 0.1; done
  echo "dumpcap did not start: $(cat "$file.log")" >&2
  exit 1
}
stop_capture() { sleep 0.5; stop_pid "$cap_pid" 10; cap_pid=""; }

# run_sipp DIR UAS_PORT MEDIA_PORT ARGS...: the caller; returns sipp's exit code, leaves sipp.out/errors/stat in DIR
run_sipp() {
  local dir=$1 port=$2 media=$3; shift 3
  local rc=0
  (cd "$dir" && timeout 900 sipp "127.0.0.1:$port" -sf "$scenarios/uac-answer-bye.xml" -s bench \
      -i 127.0.0.1 -p "$(freeport)" -mi 127.0.0.1 -mp "$media" -nostdin -timeout 600s -timeout_error \
      -trace_err -error_file "$dir/sipp-errors.log" -trace_stat -stf "$dir/sipp-stat.csv" \
      -trace_screen -screen_file "$dir/sipp-screen.log" "$@" > "$dir/sipp.out" 2>&1) || rc=$?
  return $rc
}
sipp_count() { # DIR "Successful call"|"Failed call": the cumulative count from sipp's last screen
  grep -a "$2" "$1/sipp-screen.log" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}'
}

# heap_after_gc PID: KiB of live Java objects right after a full GC of the java process in PID's tree, "-" if
# none: the class histogram (which runs the full GC) without jdk.internal.vm.FillerElement, the filler arrays the
# JVM leaves in old space (with Serial GC they grew by 32 MB over 5,000 calls while every other class came back)
heap_after_gc() {
  local jpid jcmd=""
  jpid=$(python3 "$helper" java-pid "$1") || { echo -; return; }
  [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jcmd" ] && jcmd="$JAVA_HOME/bin/jcmd"
  [ -n "$jcmd" ] || jcmd=$(command -v jcmd || true)
  [ -n "$jcmd" ] || { echo -; return; }
  timeout 120 "$jcmd" "$jpid" GC.class_histogram 2>/dev/null \
    | awk '$1 ~ /^[0-9]+:$/ && $4 !~ /FillerElement/ { sum += $3; n++ } END { print (n ? int(sum / 1024) : "-") }'
}

fields() { local f; for f in $(python3 "$helper" "fields-$1"); do printf -- '-e %s ' "$f"; done; }

declare -A result
machine="$(nproc) vCPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

for target in "${target_list[@]}"; do
  for mode in "${mode_list[@]}"; do
    dir="$work/$target-$mode"; mkdir -p "$dir"
    echo "== $target: $mode" >&2
    start_uas "$target" "$dir"
    media=$(freeport)
    case "$mode" in
      latency)
        if [ "$warmup" -gt 0 ]; then
          mkdir -p "$dir/warmup"
          run_sipp "$dir/warmup" "$uas_port" "$media" -m "$warmup" -r "$warmup_rate" -d 0 -l 1000 || true
        fi
        start_capture "$dir/sip.pcapng" "udp port $uas_port"
        rc=0; run_sipp "$dir" "$uas_port" "$media" -m "$calls" -r "$rate" -d "$call_ms" -l 1000 || rc=$?
        stop_capture
        tshark -r "$dir/sip.pcapng" -d "udp.port==$uas_port,sip" -Y sip -T fields $(fields sip) \
          -E separator=/t > "$dir/sip.tsv" 2> "$dir/tshark.log"
        stats=$(python3 "$helper" sip "$dir/sip.tsv" "$uas_port" || true)
        result[$target,latency]="$stats ok=$(sipp_count "$dir" 'Successful call') failed=$(sipp_count "$dir" 'Failed call') rc=$rc" ;;
      stress)
        best=0 series=""
        for r in ${rates//,/ }; do
          n=$((r * 5)); [ $n -ge 50 ] || n=50
          sdir="$dir/rate-$r"; mkdir -p "$sdir"
          rc=0; run_sipp "$sdir" "$uas_port" "$media" -m "$n" -r "$r" -d 0 -l 5000 || rc=$?
          ok=$(sipp_count "$sdir" 'Successful call'); failed=$(sipp_count "$sdir" 'Failed call')
          series="$series $r/s:${ok:-?}ok,${failed:-?}failed"
          if [ "$rc" = 0 ] && [ "${failed:-1}" = 0 ] && [ "${ok:-0}" = "$n" ]; then best=$r; else break; fi
        done
        result[$target,stress]="best=$best series=${series# }" ;;
      jitter)
        reference=$(freeport)
        start_capture "$dir/rtp.pcapng" "udp dst port $media or udp dst port $reference"
        python3 "$helper" pace "$reference" "$jitter_s" & pacer_pid=$!
        rc=0; run_sipp "$dir" "$uas_port" "$media" -m 1 -r 1 -d "$((jitter_s * 1000))" -rtp_echo || rc=$?
        wait "$pacer_pid" || true; pacer_pid=""
        stop_capture
        tshark -r "$dir/rtp.pcapng" -d "udp.port==$media,rtp" -Y "rtp && udp.dstport==$media" -T fields $(fields rtp) \
          -E separator=/t > "$dir/rtp.tsv" 2> "$dir/tshark.log"
        tshark -r "$dir/rtp.pcapng" -d "udp.port==$reference,rtp" -Y "rtp && udp.dstport==$reference" -T fields \
          $(fields rtp) -E separator=/t > "$dir/reference.tsv" 2>> "$dir/tshark.log"
        stats=$(python3 "$helper" rtp "$dir/rtp.tsv" || true)
        result[$target,jitter]="$stats rc=$rc"
        result[$target,reference]=$(python3 "$helper" rtp "$dir/reference.tsv" || true) ;;
      soak)
        if [ "$soak_warmup" -gt 0 ]; then
          mkdir -p "$dir/warmup"
          run_sipp "$dir/warmup" "$uas_port" "$media" -m "$soak_warmup" -r "$warmup_rate" -d 0 -l 1000 || true
        fi
        rss0=$(python3 "$helper" rss "$uas_pid"); heap0=$(heap_after_gc "$uas_pid")
        rc=0; run_sipp "$dir" "$uas_port" "$media" -m "$soak_calls" -r "$rate" -d 0 -l 5000 || rc=$?
        # 40 s: a SIP stack keeps ended transactions and dialogs for their timers (64 * T1 = 32 s) before freeing
        rss1=$(python3 "$helper" rss "$uas_pid"); sleep 40; rss2=$(python3 "$helper" rss "$uas_pid")
        heap2=$(heap_after_gc "$uas_pid")
        result[$target,soak]="ok=$(sipp_count "$dir" 'Successful call') failed=$(sipp_count "$dir" 'Failed call') rss_before=$rss0 rss_after=$rss1 rss_later=$rss2 heap_before=$heap0 heap_later=$heap2 rc=$rc" ;;
      cpu)
        hz=$(getconf CLK_TCK)
        t0=$(python3 "$helper" ticks "$uas_pid"); sleep "$window"; t1=$(python3 "$helper" ticks "$uas_pid")
        idle_pct=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v w="$window" 'BEGIN {printf "%.2f", (b-a)/hz/w*100}')
        hold_ms=$(( (window + 6) * 1000 ))
        (run_sipp "$dir" "$uas_port" "$media" -m "$concurrent" -r "$concurrent" -l "$concurrent" -d "$hold_ms" \
          -rtp_echo > /dev/null 2>&1 || true) &
        sipp_job=$!
        sleep 3
        t2=$(python3 "$helper" ticks "$uas_pid"); sleep "$window"; t3=$(python3 "$helper" ticks "$uas_pid")
        wait "$sipp_job" || true
        ok=$(sipp_count "$dir" 'Successful call'); failed=$(sipp_count "$dir" 'Failed call')
        busy_pct=$(awk -v a="$t2" -v b="$t3" -v hz="$hz" -v w="$window" 'BEGIN {printf "%.2f", (b-a)/hz/w*100}')
        per_call=$(awk -v i="$idle_pct" -v b="$busy_pct" -v c="$concurrent" 'BEGIN {printf "%.2f", (b-i)/c}')
        result[$target,cpu]="idle=${idle_pct}% with_calls=${busy_pct}% per_call=${per_call}% calls=$concurrent ok=${ok:-?} failed=${failed:-?}" ;;
    esac
    stop_uas
    echo "   ${result[$target,$mode]}" >&2
  done
done

val() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<< "$1"; }
command_line=$(printf '%q ' "$0" "${orig_args[@]}"); command_line=${command_line% }
echo
echo "- $started; machine: $machine; load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: \`$command_line\`"
for mode in "${mode_list[@]}"; do
  echo
  case "$mode" in
    latency)
      echo "Answer latency (INVITE -> 200 on lo) and call setup (INVITE -> ACK), $calls calls at $rate calls/s, each held $call_ms ms, after $warmup warm-up calls at $warmup_rate calls/s:"
      echo
      echo "| callee | answer p50 (ms) | answer p99 (ms) | answer max (ms) | setup p50 (ms) | setup p99 (ms) | calls ok / failed |"
      echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
      for t in "${target_list[@]}"; do r=${result[$t,latency]}
        echo "| $t | $(val "$r" answer_p50) | $(val "$r" answer_p99) | $(val "$r" answer_max) | $(val "$r" setup_p50) | $(val "$r" setup_p99) | $(val "$r" ok) / $(val "$r" failed) |"
      done ;;
    stress)
      echo "Calls per second accepted with zero failed calls (steps of 5 s, calls of 0 ms):"
      echo
      echo "| callee | highest rate with 0 failed (calls/s) | steps |"
      echo "| --- | ---: | --- |"
      for t in "${target_list[@]}"; do r=${result[$t,stress]}
        echo "| $t | $(val "$r" best) | ${r#*series=} |"
      done ;;
    jitter)
      echo "RTP send-interval error of the callee, |gap - 20 ms|, one call of $jitter_s s, and of the reference pacer in the same window:"
      echo
      echo "| callee | p50 (ms) | p99 (ms) | max (ms) | gaps | reference pacer p50 / p99 / max (ms) |"
      echo "| --- | ---: | ---: | ---: | ---: | ---: |"
      for t in "${target_list[@]}"; do r=${result[$t,jitter]} ref=${result[$t,reference]:-}
        echo "| $t | $(val "$r" gap_error_p50) | $(val "$r" gap_error_p99) | $(val "$r" gap_error_max) | $(val "$r" gaps) | $(val "$ref" gap_error_p50) / $(val "$ref" gap_error_p99) / $(val "$ref" gap_error_max) |"
      done ;;
    soak)
      echo "Soak: $soak_calls calls of 0 ms at $rate calls/s after $soak_warmup warm-up calls at $warmup_rate calls/s; the callee's resident memory (KiB):"
      echo
      echo "| callee | calls ok / failed | RSS before | RSS right after | RSS 40 s later | live Java objects after a full GC, before / 40 s after |"
      echo "| --- | ---: | ---: | ---: | ---: | ---: |"
      for t in "${target_list[@]}"; do r=${result[$t,soak]}
        echo "| $t | $(val "$r" ok) / $(val "$r" failed) | $(val "$r" rss_before) | $(val "$r" rss_after) | $(val "$r" rss_later) | $(val "$r" heap_before) / $(val "$r" heap_later) |"
      done ;;
    cpu)
      echo "CPU of the callee with $concurrent calls up (RTP both ways), over $window s, % of one core:"
      echo
      echo "| callee | idle | with calls | per call | calls ok / failed |"
      echo "| --- | ---: | ---: | ---: | ---: |"
      for t in "${target_list[@]}"; do r=${result[$t,cpu]}
        echo "| $t | $(val "$r" idle) | $(val "$r" with_calls) | $(val "$r" per_call) | $(val "$r" ok) / $(val "$r" failed) |"
      done ;;
  esac
done
