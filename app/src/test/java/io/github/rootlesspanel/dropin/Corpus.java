package io.github.rootlesspanel.dropin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;

/** The drop-ins in src/test/resources/dropins: written like the ones people keep in containerd.service.d/. */
final class Corpus {

    static final String MTU = "CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU";

    private Corpus() {
    }

    static List<String> names() {
        URL url = Corpus.class.getResource("/dropins");
        if (url == null) {
            throw new IllegalStateException("no /dropins on the test class path");
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String name) {
        try (var in = Corpus.class.getResourceAsStream("/dropins/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static DropIn parse(String name) {
        try {
            return DropIn.parse(bytes(name));
        } catch (DropInParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    /** Lines as the editor sees them: split at '\n' only, without the empty string after a final newline. */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    /** The comment lines (first non-blank character '#' or ';'), in order. */
    static List<String> comments(String text) {
        return lines(text).stream().filter(l -> {
            String s = l.stripLeading();
            return s.startsWith("#") || s.startsWith(";");
        }).toList();
    }
}
