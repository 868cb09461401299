#!/bin/bash
# install-trixie-rootlesskit.sh — Debian trixie's RootlessKit 2.x (which has --detach-netns) unpacked into
# /opt/rootlesskit-VERSION beside bookworm's 1.1, so tests can run both network layouts on one machine.
# A private apt configuration (its own sources, lists and cache, trixie pinned to priority 100) fetches
# the .deb; the machine's apt setup and dpkg database are not touched. Idempotent; prints the bin dir.
# As root:  install-trixie-rootlesskit.sh          /  install-trixie-rootlesskit.sh --remove
set -euo pipefail
APTDIR=/var/cache/rootless-panel-test/trixie-apt
log() { echo "[trixie-rootlesskit] $*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root"; exit 1; }

if [ "${1:-}" = "--remove" ]; then
  rm -rf /opt/rootlesskit-2.* "$APTDIR"; exit 0
fi
existing=$(ls -d /opt/rootlesskit-2.* 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$existing" ] && [ -x "$existing/usr/bin/rootlesskit" ]; then
  echo "$existing/usr/bin"; exit 0
fi
mkdir -p "$APTDIR/sources" "$APTDIR/prefs" "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/debs"
cp /etc/apt/sources.list.d/*.sources "$APTDIR/sources/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$APTDIR/sources/machine.list" || true
cat > "$APTDIR/sources/trixie.sources" <<'EOT'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > "$APTDIR/prefs/trixie-low"
cat > "$APTDIR/apt.conf" <<EOT
Dir::Etc::sourcelist "/dev/null";
Dir::Etc::sourceparts "$APTDIR/sources";
Dir::Etc::preferences "/dev/null";
Dir::Etc::preferencesparts "$APTDIR/prefs";
Dir::State::Lists "$APTDIR/lists";
Dir::Cache "$APTDIR/cache";
Dir::Cache::archives "$APTDIR/cache/archives";
APT::Sandbox::User "root";
EOT
export APT_CONFIG="$APTDIR/apt.conf"
apt-get update -qq >&2
ver=$(apt-cache madison rootlesskit | awk -F'|' '$3 ~ /trixie/ && !d {gsub(/ /,"",$2); print $2; d=1}')
[ -n "$ver" ] || { log "no trixie rootlesskit"; exit 1; }
(cd "$APTDIR/debs" && apt-get download -qq "rootlesskit=$ver" >&2)
up=${ver#*:}; up=${up%%-*}; up=${up%%~*}; up=${up%%+*}
dpkg-deb -x "$APTDIR"/debs/rootlesskit_*.deb "/opt/rootlesskit-$up"
log "rootlesskit $ver -> /opt/rootlesskit-$up"
echo "/opt/rootlesskit-$up/usr/bin"
