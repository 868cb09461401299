#!/bin/bash
# measure-startup.sh — the wall time of a Rootless Panel command with and without its AppCDS archive:
# RUNS runs each, after one warm-up run, medians in milliseconds. "without" is -Xshare:off (the bundled
# jlink'ed runtime has no default CDS archive of its own, so that is what it gets without the panel's).
#   packaging/linux/measure-startup.sh RUNS COMMAND [ARGS...]   e.g. 11 /usr/bin/rootless-panel --version
set -euo pipefail
RUNS=$1; shift

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | median
}
with=$(measure "$@")
without=$(JAVA_TOOL_OPTIONS=-Xshare:off measure "$@")
echo "$* — median of $RUNS: with AppCDS ${with} ms, without ${without} ms"
