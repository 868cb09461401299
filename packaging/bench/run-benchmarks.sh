#!/bin/bash
# run-benchmarks.sh — the README's benchmark command: every *Bench class on the real parts, then the report.
#
# Needs root, like the test command whose environment it uses: app/src/test/env/run-tests.sh brings up a throwaway
# user (default "rpbench") with its own systemd --user, user bus, RootlessKit and containerd, builds and installs
# the packages (so the installed /usr/bin/rootless-panel with its AppCDS archive is what the start-up benchmark
# times; run-tests.sh removes the package again) and runs Maven with -Pbench (only **/*Bench.java). Each benchmark
# writes one JSON file per measurement; bench/ReportWriter (a main class of the test sources, run from the test
# user's built copy) turns them and this machine's description into
#   target/bench-report/report.json   everything, samples included
#   target/bench-report/report.md     a table per group: median, spread, reference and ratio, budget, notes
#
#   packaging/bench/run-benchmarks.sh [--readme] [extra mvn arguments, e.g. -Dtest=CliStatusBench]
#
# --readme also puts the tables, with the date and the machine, between README.md's bench markers.
# Benchmarks never fail a build: this exits non-zero only when the environment could not be brought up or no
# measurement was written (a benchmark that broke is reported, and its measurement is missing from the report).
#
# Env: RP_TEST_USER (throwaway user, default rpbench), RP_M2 (its Maven repository cache), RP_PACKAGES=0 (no
# packages: the checkout's launcher is timed instead, without AppCDS; the report says so).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -E "$0" "$@"; fi
  echo "run-benchmarks.sh: must run as root (it creates a throwaway user with its own systemd --user)" >&2; exit 1
fi
export RP_TEST_USER="${RP_TEST_USER:-rpbench}"
README=0
MVN_ARGS=()
for a in "$@"; do
  if [ "$a" = --readme ]; then README=1; else MVN_ARGS+=("$a"); fi
done
OUT="$ROOT/target/bench-report"
RESULTS="$ROOT/target/test-run/bench"
WORK=/var/tmp/rootless-panel-test/$RP_TEST_USER
rm -rf "$OUT" "$RESULTS"; mkdir -p "$OUT"

first() { "$@" 2>&1 | head -n1 || true; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# the machine, as ReportWriter reads it: key=value lines
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "cores=$(nproc)"
  echo "ram=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "debian=$(cat /etc/debian_version 2>/dev/null || echo unknown)"
  # version numbers only: "openjdk version "17.0.15" …" → 17.0.15, "systemd 252 (252.38-1~deb12u1)" → 252 (…)
  echo "java=$(first java -version | sed -E 's/^[^"]*"([^"]+)".*/OpenJDK \1/')"
  echo "systemd=$(first systemctl --version | sed 's/^systemd //')"
  echo "containerd=$(first containerd --version | awk '{print $3}')"
  echo "rootlesskit=$(first rootlesskit --version | awk '{print $NF}')"
  echo "load_before=$(load)"
} > "$OUT/machine.txt"

t0=$(date +%s)
set +e
"$ROOT/app/src/test/env/run-tests.sh" -Pbench "${MVN_ARGS[@]}"
rc=$?
set -e
echo "load_after=$(load)" >> "$OUT/machine.txt"
echo "[bench] environment and benchmarks took $(( $(date +%s) - t0 )) s (exit $rc)" >&2

if ! compgen -G "$RESULTS/*.json" >/dev/null; then
  echo "run-benchmarks.sh: no measurement was written (run-tests.sh exited $rc); see the output above" >&2
  exit 1
fi
[ "$rc" = 0 ] || echo "[bench] some benchmarks failed (see target/test-run/surefire-reports); the report has the rest" >&2

REPORT_ARGS=(--in "$RESULTS" --machine "$OUT/machine.txt" --out "$OUT")
[ "$README" = 1 ] && REPORT_ARGS+=(--readme "$ROOT/README.md")
java -cp "$WORK/target/test-classes:$WORK/target/classes:$WORK/target/lib/*" \
  io.github.rootlesspanel.bench.ReportWriter "${REPORT_ARGS[@]}"
