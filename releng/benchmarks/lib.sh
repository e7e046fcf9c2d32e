# Shell functions shared by the benchmark scripts (sourced, not run).

# stop_pid PID [SECONDS]: stops one process by its id: SIGTERM, up to SECONDS (default 10) for it to exit, then
# SIGKILL; reaps it if it is a child of this shell. Harmless for an empty or finished PID.
stop_pid() {
  local pid=$1 wait_s=${2:-10} i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq $((wait_s * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
