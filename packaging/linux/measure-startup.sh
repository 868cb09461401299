#!/bin/bash
# measure-startup.sh — the wall time of a Rootless Panel command with and without its AppCDS archive:
# RUNS runs each, alternating (so both see the same machine load), after one warm-up run each; medians in
# milliseconds. "without" is -Xshare:off: the bundled jlink'ed runtime has no default CDS archive of its
# own, so that is what it gets without the panel's.
#   packaging/linux/measure-startup.sh RUNS COMMAND [ARGS...]   e.g. 11 /usr/bin/rootless-panel --version
set -euo pipefail
RUNS=$1; shift

ms() {
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
with=(); without=()
ms "$@" >/dev/null; JAVA_TOOL_OPTIONS=-Xshare:off ms "$@" >/dev/null
for _ in $(seq "$RUNS"); do
  with+=("$(ms "$@")")
  without+=("$(JAVA_TOOL_OPTIONS=-Xshare:off ms "$@")")
done
echo "$* — median of $RUNS: with AppCDS $(printf '%s\n' "${with[@]}" | median) ms," \
     "without $(printf '%s\n' "${without[@]}" | median) ms"
