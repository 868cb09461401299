package io.github.rootlesspanel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The panel's version: the resource Maven fills in at build time, else the jar manifest. */
public final class Version {

    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/rootless-panel-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall back to the manifest
        }
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
