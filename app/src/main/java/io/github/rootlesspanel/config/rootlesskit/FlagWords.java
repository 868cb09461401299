package io.github.rootlesspanel.config.rootlesskit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS as the script and RootlessKit see it. The script expands the variable
 * unquoted, so the shell splits it at blanks (no quote removal); RootlessKit parses the words with Go's flag
 * syntax ({@code -name}, {@code --name}, {@code --name=value}, {@code --name value} for non-boolean flags), and a
 * later occurrence of a single-valued flag overrides an earlier one. Pure; package-private.
 */
final class FlagWords {

    private static final Pattern FLAG = Pattern.compile("--?([A-Za-z0-9][A-Za-z0-9_.-]*)(?:=(.*))?", Pattern.DOTALL);
    private static final Pattern BLANKS = Pattern.compile("[ \t\n]+");

    /** RootlessKit's boolean flags: a following word is never their value. */
    static final Set<String> BOOLEAN = Set.of("detach-netns", "ipv6", "disable-host-loopback", "debug", "pidns",
            "cgroupns", "utsns", "ipcns", "source-ip-transparent", "help", "h", "version", "v");

    /** What strconv.ParseBool (Go's flag package) accepts. */
    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> GO_FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    /** One flag as written: its name without dashes, the word(s), and its value ("true" for a bare boolean). */
    record Occurrence(String name, String text, String value) {
    }

    /** The flags in order, and the words RootlessKit would not read as flags or flag values. */
    record Parsed(List<Occurrence> flags, List<String> strays) {
        Parsed {
            flags = List.copyOf(flags);
            strays = List.copyOf(strays);
        }

        /** The last occurrence of a flag (the one RootlessKit keeps). */
        Optional<Occurrence> last(String name) {
            Optional<Occurrence> found = Optional.empty();
            for (Occurrence o : flags) {
                if (o.name().equals(name)) {
                    found = Optional.of(o);
                }
            }
            return found;
        }
    }

    private FlagWords() {
    }

    /** The words the shell makes of the unquoted expansion (default IFS: space, tab, newline). */
    static List<String> split(String flags) {
        List<String> words = new ArrayList<>();
        for (String w : BLANKS.split(flags)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return List.copyOf(words);
    }

    static Parsed parse(List<String> words) {
        List<Occurrence> flags = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Matcher m = FLAG.matcher(w);
            if (!m.matches()) {
                strays.add(w);
                continue;
            }
            String name = m.group(1);
            if (m.group(2) != null) {
                flags.add(new Occurrence(name, w, m.group(2)));
            } else if (BOOLEAN.contains(name)) {
                flags.add(new Occurrence(name, w, "true"));
            } else if (i + 1 < words.size()) {
                String value = words.get(++i);
                flags.add(new Occurrence(name, w + " " + value, value));
            } else {
                flags.add(new Occurrence(name, w, ""));
            }
        }
        return new Parsed(flags, strays);
    }

    /** Go's reading of a boolean flag value: "true" or "false", or empty when Go would reject it. */
    static Optional<String> goBool(String value) {
        if (GO_TRUE.contains(value)) {
            return Optional.of("true");
        }
        if (GO_FALSE.contains(value)) {
            return Optional.of("false");
        }
        return Optional.empty();
    }
}
