#!/bin/bash
# test-user.sh — a throwaway user with a real `systemd --user` and its user bus, for tests.
#
# Usage (as root):
#   test-user.sh start [USER]        fresh user (deleted and re-created), manager up; prints the bus address
#   test-user.sh stop [USER]         stops everything this script started, by PID, and deletes the user
#   test-user.sh exec [USER] -- CMD  runs CMD as the user with its XDG_RUNTIME_DIR / user bus / DISPLAY
# USER defaults to $RP_TEST_USER or "rptest". It must not be a real person's account: start refuses a
# user it did not create itself (marker /var/lib/rootless-panel-test/USER.created).
#
# Why the two host fixes (see ../shared/reference/test-environment.md, step 2):
#  - systemd --user refuses to run unless /run/systemd/system exists (sd_booted()), and
#  - it must start inside a cgroup subtree it owns, or it dies on mkdir(.../init.scope) = EACCES.
# The manager runs under a small root supervisor that starts it again when it exits, so a test can
# restart the user manager (kill it) and watch the panel reconnect. The supervisor and the manager
# are stopped by their recorded PIDs; nothing is matched by name.
set -euo pipefail

CMD="${1:-}"; shift || true
U="${RP_TEST_USER:-rptest}"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then U="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
STATE=/var/lib/rootless-panel-test
MARK="$STATE/$U.created"

log() { echo "[test-user] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it creates a user and starts systemd --user for it)"

cgroup_dirs() {
  local rel="user.slice/user-$1.slice/user@$1.service"
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo "/sys/fs/cgroup/$rel"; return 0; fi
  [ -f /sys/fs/cgroup/systemd/cgroup.procs ] && echo "/sys/fs/cgroup/systemd/$rel"
  [ -f /sys/fs/cgroup/unified/cgroup.procs ] && echo "/sys/fs/cgroup/unified/$rel"
  return 0
}

user_env() { # KEY=VALUE list for the user's processes
  local uid home; uid=$(id -u "$U"); home=$(getent passwd "$U" | cut -d: -f6)
  echo HOME="$home" USER="$U" LOGNAME="$U" SHELL=/bin/bash LANG=C.UTF-8 \
       PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
       XDG_RUNTIME_DIR=/run/user/$uid DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$uid/bus
}

as_user() {
  local uid gid; uid=$(id -u "$U"); gid=$(id -g "$U")
  # shellcheck disable=SC2046
  setpriv --reuid="$uid" --regid="$gid" --init-groups env -i $(user_env) ${DISPLAY:+DISPLAY=$DISPLAY} "$@"
}

manager_up() {
  local st
  st=$(as_user timeout 5 busctl --user get-property org.freedesktop.systemd1 /org/freedesktop/systemd1 \
        org.freedesktop.systemd1.Manager SystemState 2>/dev/null) || return 1
  case "$st" in *running*|*degraded*) return 0;; *) return 1;; esac
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

stop_all() {
  id -u "$U" >/dev/null 2>&1 || return 0
  local uid sup mgr; uid=$(id -u "$U")
  sup=$(cat "$STATE/$U.supervisor.pid" 2>/dev/null || true)
  touch "$STATE/$U.stopping"
  mgr=$(cat "$STATE/$U.manager.pid" 2>/dev/null || true)
  if alive "$mgr" && [ "$(stat -c %u /proc/"$mgr" 2>/dev/null)" = "$uid" ]; then
    log "stopping systemd --user (pid $mgr)"
    kill -TERM "$mgr" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$mgr" || break; sleep 0.1; done
    alive "$mgr" && kill -KILL "$mgr" 2>/dev/null || true
  fi
  if alive "$sup"; then
    for _ in $(seq 1 30); do alive "$sup" || break; sleep 0.1; done
    alive "$sup" && kill -KILL "$sup" 2>/dev/null || true
  fi
  local xvfb; xvfb=$(cat "$STATE/$U.xvfb.pid" 2>/dev/null || true)
  if alive "$xvfb"; then kill -TERM "$xvfb" 2>/dev/null || true; fi
  # anything else the user still runs (a test's stray child) goes too: the user is throwaway
  pkill -KILL -u "$uid" 2>/dev/null || true
  sleep 0.2
  rm -f "$STATE/$U".{supervisor,manager,xvfb}.pid "$STATE/$U.stopping" "$STATE/$U.display"
  rm -rf "/run/user/$uid"
  for d in $(cgroup_dirs "$uid"); do [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
}

case "$CMD" in
  start)
    mkdir -p "$STATE"
    if id -u "$U" >/dev/null 2>&1; then
      [ -f "$MARK" ] || die "user $U exists and was not created by this script; refusing to touch it (set RP_TEST_USER)"
      stop_all
      userdel -r "$U" >/dev/null 2>&1 || userdel "$U"
    fi
    useradd -m -s /bin/bash "$U"            # also adds /etc/subuid and /etc/subgid ranges
    touch "$MARK"
    UID_=$(id -u "$U"); GID_=$(id -g "$U")
    install -d -m 0700 -o "$UID_" -g "$GID_" "/run/user/$UID_"
    mkdir -p /run/systemd/system
    CG=$(cgroup_dirs "$UID_"); [ -n "$CG" ] || die "no usable cgroup hierarchy"
    for d in $CG; do mkdir -p "$d"; chown -R "$UID_:$GID_" "$d"; done
    LOG="$STATE/$U.manager.log"; : > "$LOG"
    rm -f "$STATE/$U.stopping"
    # supervisor: (re)launch the manager until `stop`; each launch moves itself into the delegated cgroup
    # shellcheck disable=SC2016
    setsid /bin/bash -c '
      state=$1; u=$2; uid=$3; gid=$4; shift 4
      echo $$ > "$state/$u.supervisor.pid"
      while [ ! -e "$state/$u.stopping" ]; do
        rm -f /run/user/$uid/bus; rm -rf /run/user/$uid/systemd
        /bin/bash -c '\''
          state=$1; u=$2; uid=$3; gid=$4; shift 4
          for d in "$@"; do echo $$ > "$d/cgroup.procs"; done
          echo $$ > "$state/$u.manager.pid"
          home=$(getent passwd "$u" | cut -d: -f6)
          exec setpriv --reuid="$uid" --regid="$gid" --init-groups env -i HOME="$home" USER="$u" LOGNAME="$u" \
            SHELL=/bin/bash LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            XDG_RUNTIME_DIR=/run/user/$uid DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$uid/bus \
            /lib/systemd/systemd --user
        '\'' manager "$state" "$u" "$uid" "$gid" "$@"
        sleep 0.2
      done
    ' supervisor "$STATE" "$U" "$UID_" "$GID_" $CG </dev/null >>"$LOG" 2>&1 &
    for _ in $(seq 1 300); do manager_up && break; sleep 0.1; done
    manager_up || { tail -20 "$LOG" >&2; die "systemd --user did not answer on the user bus"; }
    log "user $U (uid $UID_): systemd --user pid $(cat "$STATE/$U.manager.pid") up"
    echo "unix:path=/run/user/$UID_/bus"
    ;;
  xvfb)   # start an X server for the user; prints DISPLAY (e.g. :5)
    id -u "$U" >/dev/null 2>&1 || die "no user $U; run start first"
    F=$(mktemp); chmod 0666 "$F"
    as_user /bin/bash -c 'exec Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp -noreset 3>"$1" </dev/null >/dev/null 2>&1' xvfb "$F" </dev/null >/dev/null 2>&1 &
    echo $! > "$STATE/$U.xvfb.pid"
    for _ in $(seq 1 100); do [ -s "$F" ] && break; sleep 0.05; done
    [ -s "$F" ] || die "Xvfb did not report a display"
    D=":$(tr -d '\n' < "$F")"; rm -f "$F"; echo "$D" > "$STATE/$U.display"
    log "Xvfb on $D"; echo "$D"
    ;;
  exec)
    id -u "$U" >/dev/null 2>&1 || die "no user $U; run start first"
    [ -f "$STATE/$U.display" ] && [ -z "${DISPLAY:-}" ] && DISPLAY=$(cat "$STATE/$U.display")
    as_user "$@"
    ;;
  stop)
    if id -u "$U" >/dev/null 2>&1; then
      [ -f "$MARK" ] || die "user $U was not created by this script; refusing to touch it"
      stop_all
      userdel -r "$U" >/dev/null 2>&1 || userdel "$U" || true
      rm -f "$MARK"
      log "stopped and removed $U"
    fi
    ;;
  *) echo "usage: $0 start|xvfb|exec|stop [USER] [-- CMD...]" >&2; exit 2;;
esac
