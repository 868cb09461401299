#!/bin/bash
# measure-startup.sh — the wall time of a Rootless Panel command with and without its AppCDS archive:
# RUNS runs each, alternating (so both see the same machine load), after one warm-up run each; medians in
# milliseconds. "without" is -Xshare:off: the bundled jlink'ed runtime has no default CDS archive of its
# own, so that is what it gets without the panel's.
#   packaging/linux/measure-startup.sh RUNS COMMAND [ARGS...]   e.g. 11 /usr/bin/rootless-panel --version
#   packaging/linux/measure-startup.sh RUNS --window LAUNCHER   until the window is mapped on $DISPLAY
set -euo pipefail
RUNS=$1; shift

ms() {
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
# the launcher without arguments, until X lists a "Rootless Panel" window (xwininfo, x11-utils); then stopped
window() {
  local t0 t1 pid
  t0=$(date +%s%N)
  "$1" >/dev/null 2>&1 & pid=$!
  until xwininfo -root -tree 2>/dev/null | grep -q '"Rootless Panel"'; do
    kill -0 "$pid" 2>/dev/null || { echo "the window's launcher exited" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}
RUN=(ms "$@")
[ "$1" = --window ] && RUN=(window "$2")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
with=(); without=()
"${RUN[@]}" >/dev/null; JAVA_TOOL_OPTIONS=-Xshare:off "${RUN[@]}" >/dev/null
for _ in $(seq "$RUNS"); do
  with+=("$("${RUN[@]}")")
  without+=("$(JAVA_TOOL_OPTIONS=-Xshare:off "${RUN[@]}")")
done
echo "$* — median of $RUNS: with AppCDS $(printf '%s\n' "${with[@]}" | median) ms," \
     "without $(printf '%s\n' "${without[@]}" | median) ms"
