# bash completion for rootless-panel(1): commands, options, component and unit names, RootlessKit keys,
# snapshotters and, for bypass4netns, the container names `rootless-panel containers --json` reports.
# Self-contained (no bash-completion helpers needed). CompletionTest checks it against the CLI's Usage.

_rootless_panel_containers() {
    # read-only and bounded: containers only lists; names are the 4-space-indented "name" of each container
    timeout 3 "$1" containers --json 2>/dev/null | sed -n 's/^    "name" : "\([^"]*\)",*$/\1/p'
}

_rootless_panel() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="status start stop restart enable disable check install uninstall rootlesskit snapshotter
                    containers bypass4netns topology help"
    local components="containerd buildkit fuse-overlayfs stargz bypass4netnsd"
    local units="containerd.service buildkit.service containerd-fuse-overlayfs.service stargz-snapshotter.service
                 bypass4netnsd.service"
    local targets="containerd buildkit buildkit-containerd fuse-overlayfs stargz bypass4netnsd"
    local keys="NET MTU PORT_DRIVER SLIRP4NETNS_SANDBOX SLIRP4NETNS_SECCOMP DETACH_NETNS IPV6 STATE_DIR FLAGS"
    local snapshotters="overlayfs native fuse-overlayfs stargz"
    COMPREPLY=()

    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version --trace-startup" -- "$cur"))
        return
    fi

    # the positional arguments typed so far after the command (options and their values left out)
    local cmd=${COMP_WORDS[1]} i word pos=() takes_value=0
    for ((i = 2; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((takes_value)); then
            takes_value=0
        elif [[ $word == --namespace || $word == --snapshotter || $word == --unset ]]; then
            takes_value=1
        elif [[ $word != -* ]]; then
            pos+=("$word")
        fi
    done

    case $prev in
        --snapshotter) COMPREPLY=($(compgen -W "$snapshotters" -- "$cur")); return ;;
        --unset) COMPREPLY=($(compgen -W "$keys" -- "$cur")); return ;;
        --namespace | =) return ;;
    esac

    local words="" opts="--help"
    case $cmd in
        status | check | containers) opts+=" --json" ;;
        start | stop | restart | enable | disable)
            ((${#pos[@]} == 0)) && words="$components $units" ;;
        install)
            opts+=" --dry-run --json --replace --namespace --snapshotter --keep-on-failure"
            ((${#pos[@]} == 0)) && words=$targets ;;
        uninstall)
            opts+=" --dry-run --json --remove-drop-ins"
            ((${#pos[@]} == 0)) && words=$targets ;;
        rootlesskit)
            case ${pos[0]:-} in
                "") words="show set restore" ;;
                show) opts+=" --json" ;;
                set)
                    opts+=" --unset --dry-run --json --restart"
                    words=$(printf '%s= ' $keys)
                    [[ $cur != -* ]] && compopt -o nospace 2>/dev/null ;;
            esac ;;
        snapshotter)
            case ${pos[0]:-} in
                "") words="list enable disable default" ;;
                list) opts+=" --json" ;;
                enable | disable)
                    opts+=" --dry-run --json"
                    ((${#pos[@]} == 1)) && words="fuse-overlayfs stargz" ;;
                default) ((${#pos[@]} == 1)) && words=$snapshotters ;;
            esac ;;
        bypass4netns)
            opts+=" --dry-run --json --commit --yes"
            case ${#pos[@]} in
                0) words="on off" ;;
                1) [[ $cur != -* ]] && words=$(_rootless_panel_containers "${COMP_WORDS[0]}") ;;
            esac ;;
        topology) opts+=" --json --dot" ;;
        help) ((${#pos[@]} == 0)) && words=$commands opts="" ;;
        *) return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    fi
}

complete -F _rootless_panel rootless-panel
