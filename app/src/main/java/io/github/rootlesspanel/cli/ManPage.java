package io.github.rootlesspanel.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * rootless-panel(1) in troff (man macros), made from {@link Usage}: the same commands, options and exit
 * statuses {@code --help} prints. The committed packaging/linux/rootless-panel.1 is this output; ManPageTest
 * fails when they differ and leaves the fresh page in target/ to copy over.
 */
public final class ManPage {

    private ManPage() {
    }

    public static String render() {
        StringBuilder m = new StringBuilder();
        m.append(".\\\" Generated from app/src/main/java/io/github/rootlesspanel/cli/Usage.java by ManPage.java; do not edit.\n");
        m.append(".TH ROOTLESS\\-PANEL 1 \"\" \"Rootless Panel\" \"User Commands\"\n");
        // flush left and no hyphenation: unit names and paths must not break at their hyphens
        m.append(".ad l\n.nh\n");
        m.append(".SH NAME\n");
        m.append("rootless\\-panel \\- control panel and command line for rootless containerd\n");
        m.append(".SH SYNOPSIS\n");
        m.append(".B rootless\\-panel\n.RB [ \\-\\-trace\\-startup ]\n.br\n");
        m.append(".B rootless\\-panel\n.I COMMAND\n.RI [ ARGS ]\n.br\n");
        m.append(".B rootless\\-panel\n.BR \\-\\-help \" | \" \\-\\-version\n");
        m.append(".SH DESCRIPTION\n");
        paragraphs(m, """
                Rootless Panel manages rootless containerd (the setup that nerdctl's
                containerd-rootless-setuptool.sh makes) for the user who runs it: the systemd user units of
                containerd, BuildKit, the fuse-overlayfs and stargz snapshotters and bypass4netnsd, the
                prerequisite checks, RootlessKit's settings, containerd's snapshotters, containers and their
                bypass4netns, and the network namespaces between them.

                Without arguments (or with only --trace-startup) it opens its window. With a COMMAND it does the
                same through the same services, for scripts: over D-Bus to the systemd user manager and over
                containerd's socket, never with sudo. It refuses to run as root.""");
        m.append(".SH COMMANDS\n");
        for (Usage.Command c : Usage.COMMANDS) {
            m.append(".SS \"").append(escape(String.join(", ", c.names()))).append("\"\n");
            for (String line : synopsis(c)) {
                m.append(".B rootless\\-panel\n").append(escapeLine(line)).append("\n.br\n");
            }
            m.append(".PP\n").append(escape(c.summary().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + c.summary().substring(1)))
                    .append(".\n");
            paragraphs(m, c.description());
            for (Usage.Option o : c.options()) {
                option(m, o);
            }
            m.append(".PP\nExit status:\n.RS\n.PD 0\n");
            for (Usage.Exit e : c.exits()) {
                m.append(".TP 4\n.B ").append(e.code()).append('\n').append(escape(e.meaning())).append('\n');
            }
            m.append(".PD\n.RE\n");
        }
        m.append(".SH OPTIONS\n");
        for (Usage.Option o : Usage.GLOBAL_OPTIONS) {
            option(m, o);
        }
        m.append(".SH EXIT STATUS\n");
        m.append("Every command uses these with the same meaning:\n");
        for (Usage.Exit e : Usage.EXIT_CODES) {
            m.append(".TP 4\n.B ").append(e.code()).append('\n').append(escape(e.meaning())).append('\n');
        }
        m.append(".SH JSON OUTPUT\n");
        paragraphs(m, """
                --json prints one JSON object whose "version" field is the schema version, "version": %d for
                every document today. While it stays, fields are only ever added; existing ones keep their name,
                type and meaning. The README lists every document's fields.""".formatted(CliJson.VERSION));
        m.append(".SH ENVIRONMENT\n");
        envVar(m, "XDG_RUNTIME_DIR", "where the user bus, containerd's socket and RootlessKit's state directory are "
                + "looked for (run the command in the user's own session, not under su or sudo)");
        envVar(m, "DBUS_SESSION_BUS_ADDRESS", "the user bus; when unset, $XDG_RUNTIME_DIR/bus");
        envVar(m, "CONTAINERD_ADDRESS", "containerd's socket, as nerdctl reads it");
        envVar(m, "XDG_CONFIG_HOME", "where systemd user units and containerd's config.toml are (default ~/.config)");
        envVar(m, "XDG_DATA_HOME", "where containerd's data lives (default ~/.local/share)");
        m.append(".SH FILES\n");
        file(m, "~/.config/systemd/user/", "the user units install writes and uninstall removes (kept as .bak)");
        file(m, "~/.config/systemd/user/containerd.service.d/override.conf",
                "RootlessKit settings (rootlesskit set); the previous version is override.conf.bak");
        file(m, "~/.config/containerd/config.toml", "containerd's configuration (snapshotter enable, disable)");
        file(m, "~/.config/nerdctl/nerdctl.toml", "nerdctl's default snapshotter (snapshotter default)");
        m.append(".SH SEE ALSO\n");
        m.append(".BR systemctl (1),\n.BR containerd (8),\n.BR rootlesskit (1),\n.BR slirp4netns (1),\n"
                + ".BR nerdctl (1)\n");
        return m.toString();
    }

    /** The synopsis lines after the program name, continuation lines joined to the line they continue. */
    private static List<String> synopsis(Usage.Command c) {
        List<String> lines = new ArrayList<>();
        for (String s : c.synopsis()) {
            if (s.startsWith(" ")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + s.strip());
            } else {
                lines.add(s);
            }
        }
        return lines;
    }

    private static void option(StringBuilder m, Usage.Option o) {
        m.append(".TP\n");
        if (o.argument().isEmpty()) {
            m.append(".B ").append(escape(o.name())).append('\n');
        } else {
            m.append(".BI \"").append(escape(o.name())).append(" \" ").append(escape(o.argument())).append('\n');
        }
        m.append(escape(o.help())).append('\n');
    }

    private static void envVar(StringBuilder m, String name, String text) {
        m.append(".TP\n.B ").append(name).append('\n').append(escape(text)).append('\n');
    }

    private static void file(StringBuilder m, String path, String text) {
        m.append(".TP\n.I ").append(escape(path)).append('\n').append(escape(text)).append('\n');
    }

    /** Paragraphs separated by blank lines, each filled by troff. */
    private static void paragraphs(StringBuilder m, String text) {
        for (String p : text.strip().split("\n\\s*\n")) {
            m.append(".PP\n").append(escapeLine(p.strip().replaceAll("\\s*\n\\s*", " "))).append('\n');
        }
    }

    private static String escapeLine(String line) {
        String s = escape(line);
        // a text line starting with a control character would be taken as a request
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    /**
     * Backslashes escaped, hyphens that start an option word or continue one ({@code --dry-run}) as minus
     * signs so they can be searched and copied, other characters beyond ASCII as groff's {@code \[uXXXX]}.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        boolean inOption = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '-' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) || inOption)) {
                inOption = true;
                sb.append("\\-");
                continue;
            }
            if (Character.isWhitespace(ch) || ch == '|' || ch == '[' || ch == ']' || ch == ',') {
                inOption = false;
            }
            if (ch == '\\') {
                sb.append("\\e");
            } else if (ch > 126) {
                sb.append(String.format("\\[u%04X]", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
