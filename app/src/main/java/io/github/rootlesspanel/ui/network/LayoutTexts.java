package io.github.rootlesspanel.ui.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.rootlesspanel.ui.common.Messages;

/**
 * The fixed phrases of {@code topology.Layouts} (English: the command line and the SVG export use them too) in the
 * user's language, for the painted diagram and the parts list. The English bundle holds each phrase exactly as
 * Layouts writes it, so a phrase is found by its English text; anything else (names, addresses, PIDs, a phrase
 * Layouts has changed) is shown as it is. LayoutTextsTest checks the phrases against a real layout.
 */
final class LayoutTexts {

    /** Phrases matched whole. */
    private static final List<String> KEYS = List.of("network.layout.cliPerCommand", "network.layout.perStart",
            "network.layout.cniSubtitle", "network.layout.notRunning", "network.layout.bridgeLater",
            "network.layout.stopped", "network.layout.netUnknown", "network.layout.childNetns",
            "network.layout.detachedNetns", "network.layout.cniPlugins", "network.layout.networkDriver",
            "network.layout.rkNotRunning", "network.layout.containerdInactive", "network.layout.rkStarting",
            "network.layout.staleStateDir");
    /** Phrases with one name or number in them, "×3 processes": matched by their English pattern. */
    private static final List<String> PATTERN_KEYS = List.of("network.layout.processes", "network.layout.bypass",
            "network.layout.bypassInactive");
    /** A child netns title and its state, "RootlessKit child netns — containerd inactive". */
    private static final String DASH = " — ";

    private record Phrase(Pattern english, String key) { }

    private static volatile Map<String, String> byEnglish;
    private static volatile List<Phrase> patterns;

    private LayoutTexts() {
    }

    static String of(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int dash = text.indexOf(DASH);
        if (dash > 0) {
            return of(text.substring(0, dash)) + DASH + of(text.substring(dash + DASH.length()));
        }
        String key = keys().get(text);
        if (key != null) {
            return Messages.get(key);
        }
        for (Phrase p : patterns()) {
            Matcher m = p.english().matcher(text);
            if (m.matches()) {
                return Messages.get(p.key(), m.group(1));
            }
        }
        return text;
    }

    private static Map<String, String> keys() {
        Map<String, String> m = byEnglish;
        if (m == null) {
            ResourceBundle en = Messages.load(Locale.ENGLISH);
            m = new HashMap<>();
            for (String k : KEYS) {
                m.put(en.getString(k), k);
            }
            byEnglish = m;
        }
        return m;
    }

    private static List<Phrase> patterns() {
        List<Phrase> ps = patterns;
        if (ps == null) {
            ResourceBundle en = Messages.load(Locale.ENGLISH);
            List<Phrase> out = new ArrayList<>();
            for (String k : PATTERN_KEYS) {
                // "×{0} processes" → ×(.+) processes; a pattern with an argument writes an apostrophe ''
                String[] parts = en.getString(k).replace("''", "'").split("\\{0\\}", -1);
                out.add(new Phrase(Pattern.compile(Pattern.quote(parts[0]) + "(.+)" + Pattern.quote(parts[1])), k));
            }
            ps = List.copyOf(out);
            patterns = ps;
        }
        return ps;
    }
}
