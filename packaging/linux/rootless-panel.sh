#!/bin/sh
# The command-line entry of an installed Rootless Panel (/usr/bin/rootless-panel links here): sets what the
# native launchers cannot, then runs the window's (no arguments, or only --trace-startup) or the command
# line's. It lives at the top of the app image, beside bin/ and lib/.
#
# GTK (under JavaFX) would open GLib's shared session-bus connection for its accessibility bridge and for
# dconf-backed GSettings, and GLib sends the whole process SIGTERM when that connection closes; the panel
# outlives a restarted user bus, so GTK stays off the bus (see packaging/bin/rootless-panel).
export NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory
SELF=$(readlink -f "$0")
APP=${SELF%/*}
# An unpacked tarball makes its class-data-sharing archives on the first run, where it was unpacked (JDK 17
# checks an archive against the absolute class path); the .deb's postinst makes the installed ones.
for l in rootless-panel rootless-panel-cli; do
  if [ ! -e "$APP/lib/app/$l.jsa" ] && [ -w "$APP/lib/app" ]; then
    JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$APP/lib/app/$l.classlist" "$APP/bin/$l" >/dev/null 2>&1 || true
  fi
done
if [ $# -eq 0 ] || { [ $# -eq 1 ] && [ "$1" = --trace-startup ]; }; then
  exec "$APP/bin/rootless-panel" "$@"
fi
exec "$APP/bin/rootless-panel-cli" "$@"
