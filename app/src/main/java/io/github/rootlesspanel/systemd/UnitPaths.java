package io.github.rootlesspanel.systemd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** systemd's object-path escaping of unit names ({@code bus_label_escape}), both ways. */
public final class UnitPaths {

    public static final String PREFIX = "/org/freedesktop/systemd1/unit/";

    private UnitPaths() {
    }

    /** {@code containerd.service} becomes {@code /org/freedesktop/systemd1/unit/containerd_2eservice}. */
    public static String pathOf(String unit) {
        return PREFIX + escape(unit);
    }

    static String escape(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            if (alpha || (digit && i > 0)) {
                sb.append((char) c);
            } else {
                sb.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return sb.toString();
    }

    /** The unit name of a unit object path, or null if the path is not below {@link #PREFIX}. */
    public static String unitOf(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        String label = path.substring(PREFIX.length());
        if (label.equals("_")) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '_' && i + 2 < label.length() && isHex(label.charAt(i + 1)) && isHex(label.charAt(i + 2))) {
                out.write(Character.digit(label.charAt(i + 1), 16) * 16 + Character.digit(label.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
