package io.github.rootlesspanel.ui.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Topology.Health;
import io.github.rootlesspanel.topology.Topology.Mode;
import io.github.rootlesspanel.ui.common.Messages;

/** Layouts' English phrases, as the diagram shows them: the bundle's English matches Layouts, German replaces it. */
class LayoutTextsTest {

    @AfterEach
    void english() {
        Messages.use(Locale.ENGLISH);
    }

    /** Every title, subtitle and line label the diagram would show for real layouts, as the page shows them. */
    private static List<String> shown() {
        List<String> out = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (Health h : Health.values()) {
                Layout l = Layouts.of(NetworkSummaryTest.everything(m, h));
                l.boxes().forEach(b -> {
                    out.add(DiagramPainter.title(b));
                    out.add(DiagramPainter.subtitle(b));
                });
                l.links().forEach(k -> out.add(LayoutTexts.of(k.label())));
            }
        }
        return out;
    }

    @Test
    void inEnglishThePhrasesAreLayoutsOwn() {
        Messages.use(Locale.ENGLISH);
        assertThat(shown()).contains("CLI, per command", "per container start", "bridge, portmap, ...", "stopped",
                "RootlessKit child netns", "Detached netns ($STATE_DIR/netns)", "CNI plugins",
                "RootlessKit child netns — containerd inactive",
                "Detached netns ($STATE_DIR/netns) — RootlessKit starting (no api.sock yet)",
                "bypass4netns: fast's sockets in the host netns");
    }

    @Test
    void inGermanNoneOfThemIsLeft() {
        ResourceBundle en = Messages.load(Locale.ENGLISH);
        ResourceBundle de = Messages.load(Locale.GERMAN);
        // the phrases German says differently (technical terms like "bridge, portmap, ..." stay)
        List<String> english = en.keySet().stream().filter(k -> k.startsWith("network.layout."))
                .filter(k -> !en.getString(k).contains("{") && !en.getString(k).equals(de.getString(k)))
                .map(en::getString).toList();
        Messages.use(Locale.GERMAN);
        List<String> shown = shown();
        assertThat(shown).contains("CLI, je Befehl", "je Containerstart", "gestoppt", "RootlessKit-Child-netns",
                "RootlessKit-Child-netns — containerd inaktiv", "bypass4netns: Sockets von fast im Host-netns");
        for (String s : shown) {
            for (String part : s.split(" — ")) {
                assertThat(english).as(s).doesNotContain(part);
            }
        }
    }
}
