#!/bin/bash
# run-tests.sh — the README's test command: every test (unit, integration, UI) on the real parts.
#
# Needs root, because it makes a throwaway user (default "rptest") with its own `systemd --user`, user
# bus and Xvfb; the tests run AS that user, in a copy of this checkout, so the invoking user's units,
# files and containers are never touched. Everything started is stopped again, by PID.
# The user also gets the real rootless parts: the project's containerd-rootless.sh and a containerd
# config.toml (test-user.sh rootless-prep) and the stand-in daemons for the components Debian does not
# package (test-user.sh standins), all in ~/.local/bin, which is first in the tests' PATH.
#
#   app/src/test/env/run-tests.sh [extra mvn arguments, e.g. -Dtest=UserManagerIT]
#
# The packages are built once (mvn -Ppackage, as the test user), the .deb installed with apt (pulling its
# declared dependencies) for the package tests, and removed again afterwards, checked gone.
#
# Env: RP_TEST_USER (throwaway user name), RP_KEEP=1 (leave the user, manager and Xvfb running for
# debugging; stop with `test-user.sh stop`), RP_M2 (Maven repository cache for the test user),
# RP_PACKAGES=0 (no packages: quicker, the package tests skip).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo -E "$0" "$@"; fi
  echo "run-tests.sh: must run as root (it creates a throwaway user with its own systemd --user)" >&2; exit 1
fi
export RP_TEST_USER="${RP_TEST_USER:-rptest}"
U=$RP_TEST_USER
M2="${RP_M2:-/var/cache/rootless-panel-test/m2}"
WORK=/var/tmp/rootless-panel-test/$U
ENVSH="$HERE/test-user.sh"

for c in java mvn Xvfb setpriv busctl systemctl dbus-daemon useradd rootlesskit containerd; do
  command -v "$c" >/dev/null 2>&1 || { echo "run-tests.sh: '$c' is missing; see .ci/run for the packages" >&2; exit 1; }
done
# the stand-in daemons run on Debian's python3 (#!/usr/bin/python3), whatever python3 root's PATH finds
[ -x /usr/bin/python3 ] || { echo "run-tests.sh: /usr/bin/python3 is missing; see .ci/run for the packages" >&2; exit 1; }

DEB=""
cleanup() {
  if [ "${RP_KEEP:-0}" = 1 ]; then echo "[run-tests] RP_KEEP=1: leaving $U running (and the package installed)" >&2; return; fi
  # a run stopped before the removal check must not leave the package behind
  if [ -n "$DEB" ] && dpkg-query -W -f='${Status}' rootless-panel 2>/dev/null | grep -q 'ok installed'; then
    dpkg -r rootless-panel >/dev/null || true
  fi
  "$ENVSH" stop "$U" || true
}
trap cleanup EXIT

"$ENVSH" journald "$U"          # real systemd-journald first, so the user's manager and units log to it
"$ENVSH" start "$U" >/dev/null
HOME_U=$(getent passwd "$U" | cut -d: -f6)
touch "$HOME_U/.rootless-panel-throwaway"; chown "$U:" "$HOME_U/.rootless-panel-throwaway"
"$ENVSH" rootless-prep "$U"     # ~/.local/bin/containerd-rootless.sh + ~/.config/containerd/config.toml
"$ENVSH" standins "$U"          # ~/.local/bin/{buildkitd,containerd-*-grpc,bypass4netnsd,bypass4netns}
# RootlessKit 2.x beside bookworm's 1.1, for the detach-netns tests (unpacked under /opt, apt untouched)
"$HERE/install-trixie-rootlesskit.sh" >/dev/null
"$ENVSH" xvfb "$U" >/dev/null

# a copy of the checkout the test user may write to (target/ included), without the caller's build output
rm -rf "$WORK"; mkdir -p "$WORK"
tar -C "$ROOT" --exclude=./target --exclude=./.git -cf - . | tar -C "$WORK" -xf -
chown -R "$U:" "$WORK"
mkdir -p "$M2"; chown -R "$U:" "$M2"

PKG_ARGS=()
if [ "${RP_PACKAGES:-1}" = 1 ]; then
  t0=$(date +%s)
  # as the test user: the AppCDS training runs of package.sh then reach a real user bus
  "$ENVSH" exec "$U" -- /bin/bash -c 'cd "$1" && exec mvn -B -ntp -q -Dmaven.repo.local="$0" -Ppackage -DskipTests package' \
    "$M2" "$WORK"
  DEB=$(echo "$WORK"/target/packages/rootless-panel_*.deb)
  # --reinstall: a package of the same version left by an earlier run is replaced, its postinst run again
  apt-get install -y -qq --reinstall --no-install-recommends "$DEB" >/dev/null
  PKG_ARGS=(-Drp.package.dir="$WORK/target/packages")
  echo "[run-tests] packages built and installed in $(( $(date +%s) - t0 )) s" >&2
fi

set +e
"$ENVSH" exec "$U" -- /bin/bash -c 'cd "$1" && shift && exec mvn -B -ntp -Dmaven.repo.local="$0" -Preal-parts verify "$@"' \
  "$M2" "$WORK" "${PKG_ARGS[@]}" "$@"
rc=$?
set -e

# the package goes cleanly: apt removes it, and nothing it installed (nor its postinst's archive) is left
if [ -n "$DEB" ]; then
  # (installed at this point unless something else removed it meanwhile; what is left is checked either way)
  if dpkg-query -W -f='${Status}' rootless-panel 2>/dev/null | grep -q 'ok installed'; then
    apt-get remove -y -qq rootless-panel >/dev/null || rc=1
  fi
  left=()
  while read -r f; do
    if [ -e "$f" ] || [ -L "$f" ]; then left+=("$f"); fi
  done < <(dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ {print substr($6, 2)}')
  [ -e /usr/lib/rootless-panel ] && left+=(/usr/lib/rootless-panel)
  status=$(dpkg-query -W -f='${db:Status-Status}' rootless-panel 2>/dev/null || true)
  # dpkg forgets a removed package without conffiles altogether: no status is as good as not-installed
  if [ ${#left[@]} -gt 0 ] || { [ -n "$status" ] && [ "$status" != not-installed ]; }; then
    echo "[run-tests] FAILED: removing rootless-panel left it '$status' and these files: ${left[*]}" >&2
    rc=1
  else
    echo "[run-tests] package removed cleanly: none of its $(dpkg-deb -c "$DEB" | grep -vc '^d') files left" >&2
  fi
fi
# keep what the run produced (reports, screenshots) next to the caller's checkout
rm -rf "$ROOT/target/test-run"; mkdir -p "$ROOT/target/test-run"
for d in surefire-reports screenshots bench; do
  [ -d "$WORK/target/$d" ] && cp -r "$WORK/target/$d" "$ROOT/target/test-run/" || true
done
exit $rc
