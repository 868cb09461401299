package io.github.rootlesspanel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.ui.common.Messages;

/**
 * Issue 8, "Translations": every key in every bundle, every text of the FXML views a bundle key, and no
 * literal user text left in the window's code (ui/). A failure lists file:line and the text.
 */
class TranslationsTest {

    private static Path base() {
        String projectDir = System.getProperty("rp.project.dir");
        return projectDir == null || projectDir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(projectDir);
    }

    private static Properties bundle(String area, Locale locale) throws IOException {
        String name = "/i18n/" + area + (locale == null ? "" : "_" + locale.getLanguage()) + ".properties";
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> allKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String area : Messages.AREAS) {
            keys.addAll(bundle(area, null).stringPropertyNames());
        }
        return keys;
    }

    @Test
    void everyKeyIsInEveryLanguageWithTheSamePlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String area : Messages.AREAS) {
            Properties en = bundle(area, null);
            for (String k : en.stringPropertyNames()) {
                if (!k.startsWith(area + ".")) {
                    problems.add(area + ".properties: key " + k + " does not start with " + area + ".");
                }
                if (en.getProperty(k).isBlank()) {
                    problems.add(area + ".properties: " + k + " is empty");
                }
            }
            for (Locale l : Messages.TRANSLATIONS) {
                Properties tr = bundle(area, l);
                String file = area + "_" + l.getLanguage() + ".properties";
                for (String k : new TreeSet<>(en.stringPropertyNames())) {
                    String t = tr.getProperty(k);
                    if (t == null || t.isBlank()) {
                        problems.add(file + ": missing " + k);
                    } else if (formats(en.getProperty(k)) != formats(t)) {
                        problems.add(file + ": " + k + " has " + formats(t) + " placeholders, English has "
                                + formats(en.getProperty(k)));
                    }
                }
                for (String k : new TreeSet<>(tr.stringPropertyNames())) {
                    if (!en.containsKey(k)) {
                        problems.add(file + ": " + k + " is not in " + area + ".properties");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBundlesLoadInEveryLanguage() {
        assertThat(Messages.load(Locale.ENGLISH).keySet()).isNotEmpty();
        for (Locale l : Messages.TRANSLATIONS) {
            assertThat(Messages.load(l).keySet()).isEqualTo(Messages.load(Locale.ENGLISH).keySet());
        }
    }

    private static int formats(String pattern) {
        try {
            return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static final Pattern FXML_TEXT = Pattern.compile(
            "\\b(text|promptText|accessibleText|accessibleHelp|title|headerText|contentText)=\"([^\"]*)\"");

    @Test
    void fxmlViewsTakeTheirTextFromTheBundles() throws IOException {
        Set<String> keys = allKeys();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(base().resolve("fxml"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = FXML_TEXT.matcher(lines.get(i));
                    while (m.find()) {
                        String v = m.group(2);
                        String where = f.getFileName() + ":" + (i + 1) + " " + m.group(1) + "=\"" + v + "\"";
                        if (v.startsWith("%")) {
                            if (!keys.contains(v.substring(1))) {
                                problems.add(where + ": no such key");
                            }
                        } else if (v.codePoints().anyMatch(Character::isLetter)) {
                            problems.add(where + ": literal text, use %key");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Calls whose string argument is shown to the user as it is. */
    private static final Pattern USER_TEXT_CALL = Pattern.compile(
            "(setText|setPromptText|setAccessibleText|setAccessibleHelp|setTitle|setHeaderText|setContentText"
                    + "|new Label|new Button|new Tooltip|new Hyperlink|new CheckBox|new ToggleButton|new MenuItem"
                    + "|new Menu|new TableColumn<[^>]*>|new TableColumn|new ButtonType|new Tab)\\(\\s*\"([^\"]*)\"");
    /** Two words of letters: a phrase, not a key, an id or a style class. */
    private static final Pattern PHRASE = Pattern.compile("\\p{L}{2,}[,.:;!?'’]?\\s+\\p{L}{2,}");
    private static final Pattern KEY_USE = Pattern.compile("Messages\\.get\\(\\s*\"([^\"]+)\"");

    @Test
    void theWindowsCodeHasNoLiteralUserText() throws IOException {
        Set<String> keys = allKeys();
        List<String> problems = new ArrayList<>();
        Path ui = base().resolve("app/src/main/java/io/github/rootlesspanel/ui");
        try (Stream<Path> files = Files.walk(ui)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                boolean inComment = false;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (inComment) {
                        inComment = !line.contains("*/");
                        continue;
                    }
                    if (line.startsWith("/*")) {
                        inComment = !line.contains("*/");
                        continue;
                    }
                    if (line.startsWith("//") || line.startsWith("*")) {
                        continue;
                    }
                    String where = ui.relativize(f) + ":" + (i + 1);
                    Matcher use = KEY_USE.matcher(line);
                    while (use.find()) {
                        if (!keys.contains(use.group(1))) {
                            problems.add(where + ": Messages.get(\"" + use.group(1) + "\"): no such key");
                        }
                    }
                    // a programmer's error, not the user's: exception messages, assertions and logs stay English
                    if (line.contains("Exception(") || line.contains("AssertionError(") || line.contains("LOG.")
                            || line.contains("Logger")) {
                        continue;
                    }
                    Matcher call = USER_TEXT_CALL.matcher(line);
                    while (call.find()) {
                        if (call.group(2).codePoints().anyMatch(Character::isLetter)) {
                            problems.add(where + ": " + call.group(1) + "(\"" + call.group(2) + "\")");
                        }
                    }
                    Matcher lit = LITERAL.matcher(line);
                    while (lit.find()) {
                        String s = lit.group(1);
                        if (PHRASE.matcher(s).find() && !s.startsWith("-fx-") && !line.contains("getResource")) {
                            problems.add(where + ": \"" + s + "\"");
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
