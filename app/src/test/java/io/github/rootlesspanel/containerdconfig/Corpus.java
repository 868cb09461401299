package io.github.rootlesspanel.containerdconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.rootlesspanel.config.containerd.UserDirs;

/**
 * The config.toml files in src/test/resources/containerd-config, written like the ones rootless users keep (the
 * test environment's, version 3, nydus, the setup tool's snippets pasted, imports, CRI, comments, …), and the four
 * in heldback/, which were written last and never used while the merge was developed.
 */
final class Corpus {

    static final String DIR = "/containerd-config";
    static final String HELD_BACK = DIR + "/heldback";

    /** The directories of the throwaway test user the corpus files are written for (uid 1001, HOME /home/rptest). */
    static final UserDirs DIRS = new UserDirs(Path.of("/run/user/1001"), Path.of("/home/rptest/.local/share"));

    private Corpus() {
    }

    static List<String> names() {
        return list(DIR);
    }

    static List<String> heldBack() {
        return list(HELD_BACK).stream().map(n -> "heldback/" + n).toList();
    }

    static List<String> all() {
        return Stream.concat(names().stream(), heldBack().stream()).toList();
    }

    private static List<String> list(String dir) {
        URL url = Corpus.class.getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no " + dir + " on the test class path");
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try (var in = Corpus.class.getResourceAsStream(DIR + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
