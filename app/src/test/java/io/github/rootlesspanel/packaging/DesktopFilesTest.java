package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.cli.Version;

/** The desktop entry, the AppStream metainfo and the icons in the checkout, as the packages install them. */
class DesktopFilesTest {

    static final String APP_ID = "io.github.rootlesspanel.RootlessPanel";
    static final Path ROOT = Path.of(System.getProperty("rp.project.dir", "."));
    static final Path LINUX = ROOT.resolve("packaging/linux");
    static final Path DESKTOP = LINUX.resolve(APP_ID + ".desktop");
    static final Path METAINFO = LINUX.resolve(APP_ID + ".metainfo.xml");
    /** The hicolor sizes the packages install (icons/README.md). */
    static final List<String> ICON_FILES = List.of(
            "16x16/apps/" + APP_ID + ".png", "24x24/apps/" + APP_ID + ".png", "32x32/apps/" + APP_ID + ".png",
            "48x48/apps/" + APP_ID + ".png", "64x64/apps/" + APP_ID + ".png", "128x128/apps/" + APP_ID + ".png",
            "256x256/apps/" + APP_ID + ".png", "512x512/apps/" + APP_ID + ".png",
            "scalable/apps/" + APP_ID + ".svg", "symbolic/apps/" + APP_ID + "-symbolic.svg");

    @Test
    void desktopFileValidatePassesWithoutHints() {
        Validators.assertDesktopEntryValid(DESKTOP);
    }

    @Test
    void appstreamcliValidatePassesWithOnlyTheExplainedPedanticNote() {
        Validators.assertMetainfoValid(METAINFO);
    }

    @Test
    void theDesktopEntryStartsTheCommandWithTheAppIconAndIsFoundByItsKeywords() throws Exception {
        String d = Files.readString(DESKTOP);
        assertThat(d).contains("\nExec=rootless-panel\n", "\nIcon=" + APP_ID + "\n", "\nTerminal=false\n");
        assertThat(value(d, "Keywords").split(";")).contains("containerd", "nerdctl", "rootless", "container");
        assertThat(value(d, "Categories").split(";")).contains("System");
    }

    @Test
    void everyIconTheDesktopNamesIsThereInEverySize() throws Exception {
        for (String f : ICON_FILES) {
            Path icon = ROOT.resolve("icons/hicolor").resolve(f);
            assertThat(icon).as(f).isRegularFile();
            if (f.endsWith(".png")) {
                int size = Integer.parseInt(f.substring(0, f.indexOf('x')));
                byte[] png = Files.readAllBytes(icon);
                // the IHDR chunk: width and height at bytes 16..23
                assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).as(f + " width").isEqualTo(size);
                assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).as(f + " height").isEqualTo(size);
            }
        }
    }

    @Test
    void theMetainfoLaunchesTheDesktopEntryProvidesTheCommandAndShowsScreenshotsOfTheRepository() throws Exception {
        String m = Files.readString(METAINFO);
        assertThat(m).contains("<id>" + APP_ID + "</id>",
                "<launchable type=\"desktop-id\">" + APP_ID + ".desktop</launchable>",
                "<binary>rootless-panel</binary>", "<content_rating type=\"oars-1.1\"/>");
        List<String> shots = all(m, "<image>https://github.com/rootless-panel/rootless-panel/raw/main/(.*?)</image>");
        assertThat(shots).isNotEmpty();
        for (String s : shots) {
            assertThat(ROOT.resolve(s)).as("screenshot %s in the checkout", s).isRegularFile();
        }
    }

    @Test
    void theNewestReleaseIsTheVersionBeingBuilt() throws Exception {
        List<String> releases = all(Files.readString(METAINFO), "<release version=\"([^\"]+)\"");
        assertThat(releases).isNotEmpty();
        assertThat(releases.get(0)).isEqualTo(Version.get().replaceFirst("-SNAPSHOT$", ""));
    }

    static String value(String desktop, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(desktop);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1);
    }

    static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
