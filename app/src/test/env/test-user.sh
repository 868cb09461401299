#!/bin/bash
# test-user.sh — a throwaway user with a real `systemd --user` and its user bus, for tests.
#
# Usage (as root):
#   test-user.sh start [USER]        fresh user (deleted and re-created), manager up; prints the bus address
#   test-user.sh stop [USER]         stops everything this script started, by PID, and deletes the user
#   test-user.sh exec [USER] -- CMD  runs CMD as the user with its XDG_RUNTIME_DIR / user bus / DISPLAY;
#                                    PATH starts with the user's ~/.local/bin
#   test-user.sh xvfb [USER]         an Xvfb for the user; prints DISPLAY
#   test-user.sh rootless-prep [USER]  real rootless containerd parts for the user: installs the project's
#                                    containerd-rootless.sh (bin/ next to this script) as ~/.local/bin/
#                                    containerd-rootless.sh and writes ~/.config/containerd/config.toml
#   test-user.sh standins [USER]     installs the stand-in daemons of ../standins (buildkitd,
#                                    containerd-fuse-overlayfs-grpc, containerd-stargz-grpc, bypass4netnsd,
#                                    bypass4netns) into the user's ~/.local/bin under the real names
#                                    start also makes the file-fault fixtures (fault_fixtures below): a 1 MiB
#                                    tmpfs of the user's at /var/tmp/rootless-panel-test/USER-small (the user cannot
#                                    mount; disk-full tests fill it) and root-owned config files in a config dir of
#                                    the user's, ~/.faults/config (another user's file in the user's directory)
#   test-user.sh journald [USER]     the real systemd-journald for the user's units (shared by every throwaway
#                                    user that asks; run it BEFORE start so the manager logs to it too);
#                                    `stop` of the last such user stops it and removes the journal files
# USER defaults to $RP_TEST_USER or "rptest". It must not be a real person's account: start refuses a
# user it did not create itself (marker /var/lib/rootless-panel-test/USER.created).
#
# Why the two host fixes (see ../shared/reference/test-environment.md, step 2):
#  - systemd --user refuses to run unless /run/systemd/system exists (sd_booted()), and
#  - it must start inside a cgroup subtree it owns, or it dies on mkdir(.../init.scope) = EACCES.
# The manager runs under a small root supervisor that starts it again when it exits, so a test can
# restart the user manager (kill it) and watch the panel reconnect. The supervisor and the manager
# are stopped by their recorded PIDs; nothing is matched by name.
#
# `start` also prepares the host for real rootless containerd (RootlessKit + slirp4netns + fuse-overlayfs,
# test-environment.md step 3 and 7); see host_prepare below. It is idempotent and records in
# /var/lib/rootless-panel-test/host-changes what it changed; `stop` of the LAST throwaway user undoes
# those changes (not the device modes, see there). Several throwaway users (parallel runs with other
# RP_TEST_USER names) share the host changes.
set -euo pipefail

CMD="${1:-}"; shift || true
U="${RP_TEST_USER:-rptest}"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then U="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
STATE=/var/lib/rootless-panel-test
MARK="$STATE/$U.created"
HOST_CHANGES="$STATE/host-changes"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

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
  # ~/.local/bin first: containerd-rootless.sh and the stand-in daemons live there (rootless-prep, standins)
  echo HOME="$home" USER="$U" LOGNAME="$U" SHELL=/bin/bash LANG=C.UTF-8 \
       PATH="$home/.local/bin":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
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

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# --------------------------------------------------------------------------------- host preparation
# What real rootless containerd needs from this VM that a normal systemd machine already has. Each step
# runs only when needed and appends what it did to $HOST_CHANGES, for host_restore. Callers hold the lock.
host_prepare() {
  # /dev/net/tun: slirp4netns creates RootlessKit's tap0 through it, as the user; the VM has no udev, so the
  # node is crw------- root ("open: Permission denied" from rootlesskit) or, on some VMs, missing.
  if [ ! -e /dev/net/tun ]; then
    if [ ! -d /dev/net ]; then mkdir -p /dev/net; echo tun-dir >> "$HOST_CHANGES"; fi
    mknod /dev/net/tun c 10 200; echo tun-node >> "$HOST_CHANGES"
    log "host: created /dev/net/tun (c 10 200)"
  fi
  # The device modes are NOT restored by stop: 0666 is what udev gives both nodes on any ordinary
  # machine (access control is the kernel's: a tap needs CAP_NET_ADMIN in the netns's user namespace,
  # a FUSE mount needs a mount namespace the user owns), and putting 0600 back while another throwaway
  # user or a developer's own rootless containerd still runs would break its next slirp4netns /
  # fuse-overlayfs start.
  chmod 0666 /dev/net/tun
  # /dev/fuse: fuse-overlayfs (and the fuse-overlayfs snapshotter) mount through it as the user
  if [ -e /dev/fuse ]; then chmod 0666 /dev/fuse; fi
  # "/" shared: containerd-rootless.sh runs RootlessKit with --propagation=rslave, which needs a shared
  # parent ("The host root filesystem is mounted as "". Setting child propagation to "rslave" is not
  # supported."); systemd as PID 1 would have made it shared, this VM's init does not.
  local prop; prop=$(findmnt -n -o PROPAGATION / 2>/dev/null || echo unknown)
  if [ "$prop" != shared ]; then
    mount --make-shared /; echo "root-propagation $prop" >> "$HOST_CHANGES"
    log "host: mount --make-shared / (was $prop)"
  fi
  # /opt/cni/bin: `ctr run --cni` (go-cni) only looks there; Debian's plugins are in /usr/lib/cni.
  # /opt is not copied up by RootlessKit, so the link is seen inside its mount namespace too.
  if pkg_installed containernetworking-plugins && [ ! -e /opt/cni/bin ] && [ ! -L /opt/cni/bin ]; then
    if [ ! -d /opt/cni ]; then mkdir -p /opt/cni; echo cni-dir >> "$HOST_CHANGES"; fi
    ln -s /usr/lib/cni /opt/cni/bin; echo cni-link >> "$HOST_CHANGES"
    log "host: linked /opt/cni/bin -> /usr/lib/cni"
  fi
}

# Undo what host_prepare recorded, newest first — only when no throwaway user is left (another one, of a
# parallel run, may still need it).
host_restore() {
  [ -s "$HOST_CHANGES" ] || return 0
  local others; others=$(find "$STATE" -maxdepth 1 -name '*.created' | wc -l)
  if [ "$others" -gt 0 ]; then log "host: changes kept, $others other throwaway user(s) left"; return 0; fi
  local what arg
  tac "$HOST_CHANGES" | while read -r what arg; do
    case "$what" in
      cni-link) if [ "$(readlink /opt/cni/bin 2>/dev/null)" = /usr/lib/cni ]; then rm -f /opt/cni/bin; log "host: removed /opt/cni/bin"; fi;;
      cni-dir)  rmdir /opt/cni 2>/dev/null || true;;
      root-propagation)
        case "$arg" in
          private|slave|unbindable) mount --make-"$arg" / && log "host: / back to $arg" || log "host: could not make / $arg again";;
          *) log "host: / stays shared (was '$arg')";;
        esac;;
      tun-node) rm -f /dev/net/tun; log "host: removed /dev/net/tun";;
      tun-dir)  rmdir /dev/net 2>/dev/null || true;;
    esac
  done
  rm -f "$HOST_CHANGES"
}

with_host_lock() { # run "$@" holding the host-preparation lock (parallel start/stop of several users)
  mkdir -p "$STATE"
  exec 9>>"$STATE/host.lock"
  flock 9
  "$@"
  flock -u 9
  exec 9>&-
}

# ------------------------------------------------------------------------- files for the user
user_home() { getent passwd "$U" | cut -d: -f6; }

user_mkdirs() { # as the user: mkdir -p each, so every new level belongs to the user
  as_user mkdir -p "$@"
}

user_install() { # SRC DEST MODE: copy a file the user may not be able to read into the user's home, as the user
  as_user /bin/sh -c 'cat > "$1.tmp" && chmod "$2" "$1.tmp" && mv -f "$1.tmp" "$1"' install "$2" "$3" < "$1"
}

# The containerd config for containerd-rootless.sh's containerd, which is started without --config and
# so reads /etc/containerd/config.toml = this file (the script binds ~/.config/containerd there). root,
# state and the sockets stay at containerd's defaults (/var/lib/containerd, /run/containerd/...), which the
# script binds to ~/.local/share/containerd and $XDG_RUNTIME_DIR/containerd. Tried with containerd
# 1.6.20 under containerd-rootless.sh: nothing is fatal (no file at all, or only `version = 2`, boots and
# answers); without the opt path the io.containerd.internal.v1.opt plugin fails to load ("mkdir
# /opt/containerd: permission denied", status "error" in `ctr plugins ls`); with CRI enabled the log
# gets user-namespace and "no network config found in /etc/cni/net.d" complaints. With this file every
# plugin loads except devmapper (not configured) and the skipped aufs/btrfs/zfs.
write_containerd_config() {
  local home; home=$(user_home)
  as_user /bin/sh -c 'cat > "$1"' config "$home/.config/containerd/config.toml" <<EOF
# Rootless containerd for the Rootless Panel tests (written by app/src/test/env/test-user.sh rootless-prep).
# Seen by containerd as /etc/containerd/config.toml inside RootlessKit (containerd-rootless.sh binds
# ~/.config/containerd there). root = /var/lib/containerd and state = /run/containerd are the defaults,
# bound to ~/.local/share/containerd and \$XDG_RUNTIME_DIR/containerd; the socket is therefore
# \$XDG_RUNTIME_DIR/containerd/containerd.sock on the host.
version = 2
# no Kubernetes here; enabled, CRI only fills the log with rootless and CNI complaints
disabled_plugins = ["io.containerd.grpc.v1.cri"]

# /opt is the host's (RootlessKit does not copy it up) and not writable by the user: without this the opt
# plugin fails to load ("mkdir /opt/containerd: permission denied")
[plugins."io.containerd.internal.v1.opt"]
  path = "$home/.local/share/containerd/opt"
EOF
}

rootless_prep() {
  local home; home=$(user_home)
  local src="$HERE/bin/containerd-rootless.sh"
  [ -f "$src" ] || die "missing $src"
  for c in rootlesskit slirp4netns containerd runc newuidmap newgidmap; do
    command -v "$c" >/dev/null 2>&1 || die "'$c' is missing; see .ci/run for the packages"
  done
  grep -q "^$U:" /etc/subuid && grep -q "^$U:" /etc/subgid || die "no /etc/subuid or /etc/subgid range for $U"
  user_mkdirs "$home/.local/bin" "$home/.local/share" "$home/.config/containerd"
  user_install "$src" "$home/.local/bin/containerd-rootless.sh" 0755
  write_containerd_config
  log "rootless-prep: $home/.local/bin/containerd-rootless.sh, $home/.config/containerd/config.toml"
}

install_standins() {
  local home; home=$(user_home)
  local dir; dir=$(cd "$HERE/../standins" && pwd) || die "missing $HERE/../standins"
  user_mkdirs "$home/.local/bin"
  local f n=()
  for f in "$dir"/*; do
    [ -f "$f" ] && [ -x "$f" ] || continue
    user_install "$f" "$home/.local/bin/$(basename "$f")" 0755
    n+=("$(basename "$f")")
  done
  log "standins: ${n[*]} -> $home/.local/bin"
}

# ------------------------------------------------------------------------- the journal
# The real systemd-journald as a plain root process (test-environment.md step 8; tested reference
# ../shared/reference/start-journald.sh). Each user that asks leaves a marker $STATE/USER.journal; `stop` of the
# last one stops journald, by its recorded PID, and removes what it wrote. A journald this script did not start
# (the host's own) is used as it is and never stopped. Callers hold the host lock.
JOURNALD_PID="$STATE/journald.pid"
JOURNALD_CHANGES="$STATE/journald-changes"

journald_alive() { # a killed journald stays a zombie until its parent reaps it: that is not alive
  local p; p=$(cat "$JOURNALD_PID" 2>/dev/null || true)
  [ -n "$p" ] && [ "$(cat /proc/"$p"/comm 2>/dev/null)" = systemd-journal ] &&
    [ "$(awk '{print $3}' /proc/"$p"/stat 2>/dev/null)" != Z ]
}

journald_up() { # a real connection: the socket files of an earlier journald may still be there
  systemd-cat -t test-user.sh echo "journald up" 2>/dev/null
}

journald_start() {
  touch "$STATE/$U.journal"
  if journald_alive; then log "journald: running (pid $(cat "$JOURNALD_PID"))"; return 0; fi
  local others; others=$(ps -eo pid=,stat=,comm= | awk '$3 == "systemd-journal" && $2 !~ /^Z/ {print $1}' | tr '\n' ' ')
  if [ -n "$others" ]; then log "journald: the host's own runs (pid $others); using it"; return 0; fi
  [ -x /lib/systemd/systemd-journald ] || die "no /lib/systemd/systemd-journald (package systemd)"
  local mid; mid=$(cat /etc/machine-id 2>/dev/null || true)
  [ -n "$mid" ] || die "/etc/machine-id is empty"
  : > "$JOURNALD_CHANGES"
  # journal files that were there before are the host's: only a directory journald filled from empty is removed
  if [ -z "$(ls -A "/var/log/journal/$mid" 2>/dev/null)" ]; then echo "journal-dir /var/log/journal/$mid" >> "$JOURNALD_CHANGES"; fi
  [ -d /run/systemd/journal ] || echo "run-dir /run/systemd/journal" >> "$JOURNALD_CHANGES"
  mkdir -p /var/log/journal /run/systemd/journal
  systemd-tmpfiles --create --prefix /var/log/journal >/dev/null 2>&1 || true   # group + ACLs as packaged
  # /run is no tmpfs here: a runtime journal in /run/log/journal would never be flushed and would get every
  # line (no user-UID.journal, "insufficient permissions" for the user). The flag sends journald to /var/log.
  touch /run/systemd/journal/flushed
  rm -rf /run/log/journal
  # shellcheck disable=SC2016
  setsid /bin/sh -c 'echo $$ > "$1"; exec /lib/systemd/systemd-journald' sh "$JOURNALD_PID" \
    </dev/null >>"$STATE/journald.log" 2>&1 9>&- &
  for _ in $(seq 1 500); do journald_alive && journald_up && break; sleep 0.02; done
  journald_alive && journald_up || { tail -5 "$STATE/journald.log" >&2; die "systemd-journald did not come up"; }
  log "journald: systemd-journald pid $(cat "$JOURNALD_PID"), journal /var/log/journal/$mid"
}

journald_release() { # USER no longer needs the journal; the last one stops it
  rm -f "$STATE/$U.journal"
  local left; left=$(find "$STATE" -maxdepth 1 -name '*.journal' | wc -l)
  if [ "$left" -gt 0 ]; then return 0; fi
  if journald_alive; then
    local p; p=$(cat "$JOURNALD_PID")
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do journald_alive || break; sleep 0.1; done
    journald_alive && kill -KILL "$p" 2>/dev/null || true
    log "journald: stopped pid $p"
  fi
  rm -f "$JOURNALD_PID"
  [ -s "$JOURNALD_CHANGES" ] || { rm -f "$JOURNALD_CHANGES"; return 0; }
  local what dir
  while read -r what dir; do
    case "$what" in
      journal-dir) rm -f "$dir"/*.journal "$dir"/*.journal~; rmdir "$dir" 2>/dev/null || true;;
      run-dir) rm -rf "$dir";;
    esac
  done < "$JOURNALD_CHANGES"
  rm -f "$JOURNALD_CHANGES"
}

# The desktop tests start dunst and the portal themselves (testsupport/TestDesktop). If one was killed, the
# document portal it had the bus activate may have left a FUSE mount on /run/user/UID/doc, which would stop
# the removal of the runtime dir.
unmount_doc_portal() {
  local doc; doc=/run/user/$(id -u "$U")/doc
  if grep -q " $doc " /proc/mounts; then umount -l "$doc" || true; fi
}

SMALL_ROOT=/var/tmp/rootless-panel-test

# For the file-fault tests (faults/FileFaultsIT): what the user cannot make alone.
fault_fixtures() {
  local uid gid home small; uid=$(id -u "$U"); gid=$(id -g "$U"); home=$(getent passwd "$U" | cut -d: -f6)
  small="$SMALL_ROOT/$U-small"
  install -d -m 0755 "$SMALL_ROOT"; install -d -m 0700 -o "$uid" -g "$gid" "$small"
  mountpoint -q "$small" || mount -t tmpfs -o "size=1m,nr_inodes=200,mode=0700,uid=$uid,gid=$gid" rp-small "$small"
  # root-owned files in directories the user owns: rename() over them would succeed and change their owner
  local c="$home/.faults/config"
  install -d -m 0755 -o "$uid" -g "$gid" "$home/.faults" "$c" "$c/nerdctl" "$c/containerd" "$c/rootless-panel" \
    "$c/systemd" "$c/systemd/user" "$c/systemd/user/containerd.service.d"
  printf 'snapshotter = "overlayfs"\n' > "$c/nerdctl/nerdctl.toml"
  printf 'version = 2\n' > "$c/containerd/config.toml"
  printf '[panel]\ntheme = "light"\n' > "$c/rootless-panel/settings.toml"
  printf '[Service]\nEnvironment=CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=1500\n' > "$c/systemd/user/containerd.service.d/override.conf"
  printf '[Unit]\nDescription=root-owned\n[Service]\nExecStart=/bin/true\n' > "$c/systemd/user/containerd.service"
  chmod 0644 "$c/nerdctl/nerdctl.toml" "$c/containerd/config.toml" "$c/rootless-panel/settings.toml" \
    "$c/systemd/user/containerd.service.d/override.conf" "$c/systemd/user/containerd.service"
}

unmount_small() {
  local small="$SMALL_ROOT/$U-small"
  if mountpoint -q "$small" 2>/dev/null; then umount "$small" || umount -l "$small" || true; fi
  rmdir "$small" 2>/dev/null || true
}

stop_all() {
  unmount_small
  id -u "$U" >/dev/null 2>&1 || return 0
  local uid sup mgr; uid=$(id -u "$U")
  sup=$(cat "$STATE/$U.supervisor.pid" 2>/dev/null || true)
  touch "$STATE/$U.stopping"
  unmount_doc_portal
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
    touch "$MARK"                           # before host_prepare: a parallel `stop` counts it and keeps the host changes
    with_host_lock host_prepare
    fault_fixtures
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
            SYSTEMD_LOG_TARGET=journal /lib/systemd/systemd --user
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
  rootless-prep)
    id -u "$U" >/dev/null 2>&1 || die "no user $U; run start first"
    [ -f "$MARK" ] || die "user $U was not created by this script; refusing to touch it"
    rootless_prep
    ;;
  standins)
    id -u "$U" >/dev/null 2>&1 || die "no user $U; run start first"
    [ -f "$MARK" ] || die "user $U was not created by this script; refusing to touch it"
    install_standins
    ;;
  stop)
    if id -u "$U" >/dev/null 2>&1; then
      [ -f "$MARK" ] || die "user $U was not created by this script; refusing to touch it"
      stop_all
      userdel -r "$U" >/dev/null 2>&1 || userdel "$U" || true
      rm -f "$MARK"
      log "stopped and removed $U"
    fi
    if [ -d "$STATE" ]; then with_host_lock host_restore; fi
    if [ -f "$STATE/$U.journal" ]; then with_host_lock journald_release; fi
    ;;
  journald)
    with_host_lock journald_start
    ;;
  *) echo "usage: $0 start|xvfb|exec|rootless-prep|standins|journald|stop [USER] [-- CMD...]" >&2; exit 2;;
esac
