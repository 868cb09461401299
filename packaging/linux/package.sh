#!/bin/bash
# package.sh — the Linux packages of Rootless Panel, run by `mvn -B -Ppackage -DskipTests package` after the
# jar is built (exec-maven-plugin passes the arguments). Into target/packages it writes:
#   rootless-panel-VERSION-linux-x86_64.tar.gz  the app image (bundled Java runtime) + launcher + share/
#   rootless-panel_VERSION-1_amd64.deb          the same app image under /usr/lib/rootless-panel, with
#                                               /usr/bin/rootless-panel and the desktop files in /usr/share
#   rootless-panel-VERSION-1.x86_64.rpm         the .deb's files, when rpmbuild is here (Debian's rpm)
#
# jpackage makes the app image: a jlink'ed Java 17 runtime and two native launchers with their .cfg files
# (the window's and the command line's, see below). The JavaFX jars go on the window launcher's module path
# with their native libraries beside them (the JavaFX SDK layout, so nothing is unpacked into ~/.openjfx at
# run time), as packaging/bin/rootless-panel does in a checkout.
# The .deb is assembled here with dpkg-deb rather than `jpackage --type deb`, because jpackage 17 can
# place files only under its install directory and sets no environment: /usr/bin, /usr/share/applications,
# the hicolor icons, the AppStream metainfo, the man page and the completions would be missing.
#
# AppCDS: training runs record the classes each launcher loads; a static class-data-sharing archive of them
# (JDK and application classes) is dumped from that list on the target machine, and the launcher maps it
# with -XX:SharedArchiveFile (-Xshare:auto: a missing or stale archive only costs the speed-up, never the
# start).
#
#   package.sh PROJECT_DIR PROJECT_VERSION
set -euo pipefail

ROOT=$(cd "$1" && pwd)
VERSION=$2
NAME=rootless-panel
APP_ID=io.github.rootlesspanel.RootlessPanel
# deb and jpackage want a plain dotted version; a snapshot build is packaged under its release number
PKG_VERSION=${VERSION%-SNAPSHOT}
T=$ROOT/target
W=$T/jpackage
OUT=$T/packages
LINUX=$ROOT/packaging/linux
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
JAR=$T/$NAME-$VERSION.jar

say() { echo "[package] $*"; }
die() { echo "package.sh: $*" >&2; exit 1; }
[ -f "$JAR" ] || die "$JAR is missing: run through Maven (mvn -Ppackage -DskipTests package)"
for c in "$JAVA_HOME/bin/jlink" "$JAVA_HOME/bin/jpackage"; do [ -x "$c" ] || die "$c is missing (a JDK 17 with jmods)"; done
[ -d "$JAVA_HOME/jmods" ] || die "$JAVA_HOME/jmods is missing: jlink needs the JDK's jmods"
for c in dpkg-deb fakeroot dpkg-shlibdeps; do command -v "$c" >/dev/null || die "'$c' is missing (dpkg-dev, fakeroot)"; done

rm -rf "$W" "$OUT"
mkdir -p "$W/input" "$W/javafx" "$OUT"

# the class path: the panel's jar and every runtime jar but JavaFX's (the module path's)
cp "$JAR" "$W/input/"
for j in "$T"/lib/*.jar; do
  case "${j##*/}" in
    javafx-*-linux.jar) cp "$j" "$W/javafx/" ;;
    javafx-*) ;;   # the platform-less placeholders
    *) cp "$j" "$W/input/" ;;
  esac
done
(cd "$W/javafx" && for j in *.jar; do unzip -q -o "$j" '*.so' 2>/dev/null || true; done)
ls "$W/javafx"/libglassgtk3.so >/dev/null || die "no JavaFX natives in $T/lib (javafx-graphics-*-linux.jar)"

# the JDK modules of the class path (jdeps), JavaFX's requirements (java.scripting for FXML) and the
# locale data of the panel's languages; without java.desktop's sound and splash-screen libraries, which
# nothing loads and which would only add package dependencies (ALSA, giflib, libjpeg, libpng)
say "jlink"
"$JAVA_HOME/bin/jlink" --output "$W/runtime" --strip-debug --no-header-files --no-man-pages \
  --exclude-files='**/libjsound.so,**/libsplashscreen.so' \
  --add-modules java.base,java.desktop,java.logging,java.scripting,java.sql,java.xml,jdk.jfr,jdk.security.auth,jdk.unsupported,jdk.localedata \
  --include-locales=en,de

# Two launchers, as packaging/bin/rootless-panel runs the two modes: the window (JavaFX on the module path;
# ControlsFX reaches one internal package of javafx.base) and the command line (no JavaFX modules to
# resolve). Both C1 only: C2 compiled start-up code for about 1 s of CPU, over half of the window's
# start (--trace-startup, issue 10), and a panel that mostly waits for signals gains little from it later.
# Each maps its own AppCDS archive, because an archive fits only the module path it was dumped with;
# -Xshare:auto (the default) runs on without one.
OPTS=(
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  "--module-path=\$APPDIR/javafx" --add-modules=javafx.controls,javafx.fxml
  --add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED
  -XX:TieredStopAtLevel=1
  # serial collector, small initial heap: see packaging/bin/rootless-panel
  -XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
  "-XX:SharedArchiveFile=\$APPDIR/$NAME.jsa"
)
JOPTS=()
for o in "${OPTS[@]}"; do JOPTS+=(--java-options "$o"); done
echo "java-options=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=\$APPDIR/$NAME-cli.jsa" \
  > "$W/cli.properties"

say "jpackage app image"
"$JAVA_HOME/bin/jpackage" --type app-image --dest "$W/image" --name "$NAME" --app-version "$PKG_VERSION" \
  --vendor "Rootless Panel" --description "Desktop control panel for rootless containerd" \
  --input "$W/input" --main-jar "${JAR##*/}" --main-class io.github.rootlesspanel.Main \
  --runtime-image "$W/runtime" --icon "$ROOT/icons/hicolor/512x512/apps/$APP_ID.png" "${JOPTS[@]}" \
  --add-launcher "$NAME-cli=$W/cli.properties"
IMG=$W/image/$NAME
cp -r "$W/javafx" "$IMG/lib/app/javafx"
install -m 0755 "$LINUX/rootless-panel.sh" "$IMG/$NAME"

# share/: the desktop integration in the layout of /usr/share
S=$IMG/share
install -Dm 0644 "$LINUX/$APP_ID.desktop" "$S/applications/$APP_ID.desktop"
install -Dm 0644 "$LINUX/$APP_ID.metainfo.xml" "$S/metainfo/$APP_ID.metainfo.xml"
for d in "$ROOT"/icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$d")")
  for f in "$d"/*; do install -Dm 0644 "$f" "$S/icons/hicolor/$size/apps/${f##*/}"; done
done
# the man page and completions come with the command line; packaged whenever the checkout has them
[ -f "$LINUX/$NAME.1" ] && { install -Dm 0644 "$LINUX/$NAME.1" "$S/man/man1/$NAME.1"; gzip -9n "$S/man/man1/$NAME.1"; }
[ -f "$LINUX/completion/$NAME.bash" ] && install -Dm 0644 "$LINUX/completion/$NAME.bash" "$S/bash-completion/completions/$NAME"
[ -f "$LINUX/completion/_$NAME" ] && install -Dm 0644 "$LINUX/completion/_$NAME" "$S/zsh/vendor-completions/_$NAME"

# AppCDS: the class lists of the training runs go into the image. The archive itself is dumped where the
# image finally lives (the .deb's postinst; the tarball's first run), because JDK 17 checks an archive
# against the absolute class path it was dumped with (relocation came in JDK 19). The panel refuses to
# run as root, so a root build trains as nobody.
say "AppCDS class lists"
RUN=()
[ "$(id -u)" = 0 ] && RUN=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
chmod -R a+rX "$W"
# the training runs keep their files (the panel's settings, its window geometry) in a home of their own
TH=$W/train-home
mkdir -p "$TH"; chmod 0777 "$TH"
TRAIN_ENV=(HOME="$TH" XDG_CONFIG_HOME="$TH/.config" XDG_DATA_HOME="$TH/.local/share" XDG_STATE_HOME="$TH/.local/state"
           XDG_CACHE_HOME="$TH/.cache" NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory)
train() {
  local launcher=$1 list; shift
  list=$(mktemp -p "$W" train.XXXXXX); chmod a+w "$list"
  # the command's outcome does not matter (status may find no user bus here), only what it loaded
  env "${TRAIN_ENV[@]}" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" "${RUN[@]}" "$IMG/bin/$launcher" "$@" \
    >/dev/null 2>&1 || true
  cat "$list" >> "$W/$launcher.lst"; rm -f "$list"
}
# With an X display (run-tests.sh has Xvfb), the window's archive also learns the window's start: the
# window is opened, given 3 s once X lists it, and closed. The window then maps 20-25 % sooner.
train_window() {
  local list pid
  list=$(mktemp -p "$W" train.XXXXXX); chmod a+w "$list"
  env "${TRAIN_ENV[@]}" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" "${RUN[@]}" "$IMG/bin/$NAME" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Rootless Panel"' || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  sleep 3
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cat "$list" >> "$W/$NAME.lst"; rm -f "$list"
}
for launcher in "$NAME" "$NAME-cli"; do
  : > "$W/$launcher.lst"
  train "$launcher" --version
  train "$launcher" --help
  train "$launcher" status --json
  if [ "$launcher" = "$NAME" ] && [ -n "${DISPLAY:-}" ] && command -v xwininfo >/dev/null; then train_window; fi
  sort -u "$W/$launcher.lst" > "$IMG/lib/app/$launcher.classlist"
  say "AppCDS for $launcher: $(wc -l < "$IMG/lib/app/$launcher.classlist") classes," \
      "$(grep -c '^io/github/rootlesspanel/' "$IMG/lib/app/$launcher.classlist") of them the panel's"
done

say "tarball"
tar -C "$W/image" --owner=0 --group=0 --transform "s,^$NAME,$NAME-$PKG_VERSION," \
  -czf "$OUT/$NAME-$PKG_VERSION-linux-x86_64.tar.gz" "$NAME"

say "deb"
D=$W/deb
mkdir -p "$D/DEBIAN" "$D/usr/lib" "$D/usr/bin" "$D/usr/share/doc/$NAME"
cp -a "$IMG" "$D/usr/lib/$NAME"
mv "$D/usr/lib/$NAME/share"/* "$D/usr/share/"; rmdir "$D/usr/lib/$NAME/share"
ln -s "../lib/$NAME/$NAME" "$D/usr/bin/$NAME"
install -m 0644 "$LINUX/copyright" "$D/usr/share/doc/$NAME/copyright"
install -m 0755 "$LINUX/deb/postinst" "$LINUX/deb/prerm" "$D/DEBIAN/"
# Depends: what the ELF files of the image link (dpkg-shlibdeps over the runtime and JavaFX's natives;
# the jlink'ed runtime's own libraries are resolved inside it; GTK 3 and OpenGL come from libglassgtk3 and
# libprism_es2, which libglass and Prism load by name), plus fonts, which JavaFX finds through fontconfig
mapfile -t ELF < <(find "$D/usr/lib/$NAME" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
mkdir -p "$W/shlibdeps/debian"; : > "$W/shlibdeps/debian/control"
SHLIBS=$(cd "$W/shlibdeps" && dpkg-shlibdeps -O --ignore-missing-info \
  "-l$D/usr/lib/$NAME/lib/runtime/lib" "-l$D/usr/lib/$NAME/lib/runtime/lib/server" "-l$D/usr/lib/$NAME/lib/app/javafx" \
  "${ELF[@]}" 2>"$W/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
[ -n "$SHLIBS" ] || { cat "$W/shlibdeps.log" >&2; die "dpkg-shlibdeps found no dependencies"; }
SIZE=$(du -sk "$D/usr" | cut -f1)
sed -e "s/@VERSION@/$PKG_VERSION-1/" -e "s/@SHLIBS@/$SHLIBS/" -e "s/@SIZE@/$SIZE/" "$LINUX/deb/control" > "$D/DEBIAN/control"
DEB=$OUT/${NAME}_$PKG_VERSION-1_amd64.deb
# zstd: 1 s instead of xz's 40 s here, for 15 % more size; dpkg reads it since 1.21.18 (Debian 12, Ubuntu 21.10)
fakeroot dpkg-deb --root-owner-group -Zzstd -b "$D" "$DEB" >/dev/null

# The .rpm, when rpmbuild is here (Debian's rpm package): the same staged tree, the deb's maintainer scripts
# as %post/%preun, Requires from a short list in the spec (rpm/rootless-panel.spec says why)
if command -v rpmbuild >/dev/null; then
  say "rpm"
  R=$W/rpm
  mkdir -p "$R"
  # %files: the app's directory whole, and the single files elsewhere, whose directories the system owns
  FILES=$(printf '%s\n' "/usr/lib/$NAME" "/usr/bin/$NAME" "%dir /usr/share/doc/$NAME"
          cd "$D" && find usr/share \( -type f -o -type l \) | sort \
            | sed -e 's,^usr/share/zsh/vendor-completions/,usr/share/zsh/site-functions/,' -e 's,^\(.*\)$,"/\1",')
  SPEC=$(<"$LINUX/rpm/$NAME.spec")
  # quoted replacements: the scripts' & must stay literal
  SPEC=${SPEC//@VERSION@/"$PKG_VERSION"}
  SPEC=${SPEC//@STAGED@/"$D"}
  SPEC=${SPEC//@POSTINST@/"$(sed 1d "$LINUX/deb/postinst")"}
  SPEC=${SPEC//@PRERM@/"$(sed 1d "$LINUX/deb/prerm")"}
  SPEC=${SPEC//@FILES@/"$FILES"}
  printf '%s\n' "$SPEC" > "$R/$NAME.spec"
  rpmbuild -bb --quiet --define "_topdir $R" --define "_rpmdir $OUT" \
    --define '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm' "$R/$NAME.spec" >"$R/rpmbuild.log" 2>&1 \
    || { cat "$R/rpmbuild.log" >&2; die "rpmbuild failed"; }
fi
say "wrote $(cd "$OUT" && ls)"
