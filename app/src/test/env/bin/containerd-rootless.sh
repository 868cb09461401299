#!/bin/sh
# containerd-rootless.sh — Rootless Panel's TEST STAND-IN for nerdctl's extras/rootless/containerd-rootless.sh.
#
# nerdctl's script has no Debian package, but the containerd.service the panel renders runs
# `ExecStart=<BIN>/containerd-rootless.sh` exactly like nerdctl's setup tool does. So the test environment
# installs this file as ~/.local/bin/containerd-rootless.sh of the throwaway user
# (`app/src/test/env/test-user.sh rootless-prep`). It is the project's own code, written from the facts in
# ../shared/reference/rootless-setup.md §2 (nerdctl main 8da50408), and runs the REAL RootlessKit,
# slirp4netns, containerd and runc of the machine. POSIX sh (dash).
#
# Reproduced from nerdctl's script:
#  - both branches: XDG_RUNTIME_DIR and HOME must be writable, else a message and exit 1;
#    XDG_DATA_HOME / XDG_CONFIG_HOME default to ~/.local/share and ~/.config; rootlesskit must be on PATH;
#  - parent branch: refuses uid 0 and a first argument of check/install/uninstall (hint, exit 1);
#    CONTAINERD_ROOTLESS_ROOTLESSKIT_STATE_DIR (default $XDG_RUNTIME_DIR/containerd-rootless),
#    _NET (empty = auto: slirp4netns if its --help has --netns-type, else vpnkit, else gvisor-tap-vsock),
#    _MTU (empty: 65520 when NET was auto-selected as slirp4netns or gvisor-tap-vsock, else 1500),
#    _PORT_DRIVER (builtin), _SLIRP4NETNS_SANDBOX (auto), _SLIRP4NETNS_SECCOMP (auto),
#    _DETACH_NETNS (auto = --detach-netns iff `rootlesskit --help` has it; true|1 always; false|0 never;
#    anything else: exit 1), _IPV6 (true|1 = --ipv6, false|0 = nothing, default false; else exit 1),
#    _FLAGS (appended unquoted, after the script's own flags); the RootlessKit command line in
#    nerdctl's exact order; the SELinux probe in the parent (_CONTAINERD_ROOTLESS_SELINUX);
#    `exec rootlesskit ... "$0" "$@"` with _CONTAINERD_ROOTLESS_CHILD=1 exported;
#  - child branch: rm -f of the copy-up symlinks /run/containerd /run/nri /run/xtables.lock
#    /var/lib/containerd /var/lib/cni /etc/containerd; the /etc/ssl rbind (included: it is harmless here
#    and keeps the child's mount table like nerdctl's); bind mounts $XDG_RUNTIME_DIR/containerd ->
#    /run/containerd, $XDG_DATA_HOME/containerd -> /var/lib/containerd, $XDG_DATA_HOME/cni -> /var/lib/cni,
#    $XDG_CONFIG_HOME/containerd -> /etc/containerd; `chcon ... /run` when SELinux is on (included as in
#    nerdctl, never exercised: Debian has no selinuxenabled); `exec containerd "$@"` (so containerd reads
#    ~/.config/containerd/config.toml as /etc/containerd/config.toml).
# Left out / different:
#  - "docker-rootlesskit" is not looked for (only `rootlesskit`);
#  - "$0" and "$@" are passed quoted (nerdctl: unquoted $0 $@), which only matters for paths with spaces;
#  - the help probes capture the help text first instead of piping into `grep -q` (no SIGPIPE races).
set -e

if ! [ -w "$XDG_RUNTIME_DIR" ]; then
	echo "XDG_RUNTIME_DIR needs to be set and writable"
	exit 1
fi
if ! [ -w "$HOME" ]; then
	echo "HOME needs to be set and writable"
	exit 1
fi
: "${XDG_DATA_HOME:=$HOME/.local/share}"
: "${XDG_CONFIG_HOME:=$HOME/.config}"

if [ "${_CONTAINERD_ROOTLESS_CHILD:-}" != 1 ]; then
	# ------------------------------------------------------------------ parent branch (host namespaces)
	if [ "$(id -u)" = 0 ]; then
		echo "Must not run as root"
		exit 1
	fi
	case "${1:-}" in
	check | install | uninstall)
		echo "Did you mean 'containerd-rootless-setuptool.sh $*' ?"
		exit 1
		;;
	esac
	if ! command -v rootlesskit >/dev/null 2>&1; then
		echo "rootlesskit needs to be installed"
		exit 1
	fi

	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_STATE_DIR:=$XDG_RUNTIME_DIR/containerd-rootless}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_NET:=}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU:=}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER:=builtin}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SANDBOX:=auto}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SECCOMP:=auto}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS:=auto}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6:=false}"
	: "${CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS:=}"

	net=$CONTAINERD_ROOTLESS_ROOTLESSKIT_NET
	mtu=$CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU
	if [ -z "$net" ]; then
		if command -v slirp4netns >/dev/null 2>&1; then
			# --netns-type in the help means slirp4netns >= v0.4.0
			s4help=$(slirp4netns --help 2>&1 || true)
			if printf '%s\n' "$s4help" | grep -qw -- --netns-type; then
				net=slirp4netns
				[ -n "$mtu" ] || mtu=65520
			else
				echo "slirp4netns found but seems older than v0.4.0. Falling back to VPNKit."
			fi
		fi
		if [ -z "$net" ]; then
			if command -v vpnkit >/dev/null 2>&1; then
				net=vpnkit
			else
				# gvisor-tap-vsock is built into RootlessKit >= 3.0
				net=gvisor-tap-vsock
				[ -n "$mtu" ] || mtu=65520
			fi
		fi
	fi
	[ -n "$mtu" ] || mtu=1500

	case "$CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS" in
	auto)
		rkhelp=$(rootlesskit --help 2>&1 || true)
		if printf '%s\n' "$rkhelp" | grep -qw -- --detach-netns; then
			CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS="--detach-netns $CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS"
		fi
		;;
	1 | true)
		CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS="--detach-netns $CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS"
		;;
	0 | false) ;;
	*)
		echo "Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS value: $CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS"
		exit 1
		;;
	esac
	case "$CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6" in
	1 | true)
		CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS="--ipv6 $CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS"
		;;
	0 | false) ;;
	*)
		echo "Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6 value: $CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6"
		exit 1
		;;
	esac

	# selinuxenabled answers false inside RootlessKit, so the child learns it from the parent
	if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then
		_CONTAINERD_ROOTLESS_SELINUX=1
		export _CONTAINERD_ROOTLESS_SELINUX
	fi

	_CONTAINERD_ROOTLESS_CHILD=1
	export _CONTAINERD_ROOTLESS_CHILD
	# --copy-up=/etc: /etc/resolv.conf survives the host recreating it; /run and /var/lib: so that
	# /run/containerd and /var/lib/containerd can be created (bound below, in the child branch)
	# shellcheck disable=SC2086
	exec rootlesskit \
		--state-dir="$CONTAINERD_ROOTLESS_ROOTLESSKIT_STATE_DIR" \
		--net="$net" --mtu="$mtu" \
		--slirp4netns-sandbox="$CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SANDBOX" \
		--slirp4netns-seccomp="$CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SECCOMP" \
		--disable-host-loopback --port-driver="$CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER" \
		--copy-up=/etc --copy-up=/run --copy-up=/var/lib \
		--propagation=rslave \
		$CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS \
		"$0" "$@"
fi

# ---------------------------------------------------------- child branch (RootlessKit's namespaces)
[ "$_CONTAINERD_ROOTLESS_CHILD" = 1 ]
# the copy-ups made these symlinks to the host's entries; drop the symlinks (the host files stay) so that
# this mount namespace gets its own
rm -f /run/containerd /run/nri /run/xtables.lock \
	/var/lib/containerd /var/lib/cni /etc/containerd

# /etc/ssl as a real directory (nerdctl: x509 errors on openSUSE Tumbleweed otherwise)
realpath_etc_ssl=$(realpath /etc/ssl)
rm -f /etc/ssl
mkdir /etc/ssl
mount --rbind "$realpath_etc_ssl" /etc/ssl

# containerd's default paths, backed by the user's directories
mkdir -p "$XDG_RUNTIME_DIR/containerd" /run/containerd
mount --bind "$XDG_RUNTIME_DIR/containerd" /run/containerd
mkdir -p "$XDG_DATA_HOME/containerd" /var/lib/containerd
mount --bind "$XDG_DATA_HOME/containerd" /var/lib/containerd
mkdir -p "$XDG_DATA_HOME/cni" /var/lib/cni
mount --bind "$XDG_DATA_HOME/cni" /var/lib/cni
mkdir -p "$XDG_CONFIG_HOME/containerd" /etc/containerd
mount --bind "$XDG_CONFIG_HOME/containerd" /etc/containerd

if [ -n "${_CONTAINERD_ROOTLESS_SELINUX:-}" ]; then
	# iptables needs the child's /run relabelled; the host's /run is not affected
	chcon system_u:object_r:iptables_var_run_t:s0 /run
fi

exec containerd "$@"
