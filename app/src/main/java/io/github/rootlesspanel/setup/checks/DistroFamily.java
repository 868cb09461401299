package io.github.rootlesspanel.setup.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.rootlesspanel.host.HostFacts.OsRelease;

/** The package-manager family of a distribution, from /etc/os-release ID and ID_LIKE. */
public enum DistroFamily {
    DEBIAN("Debian/Ubuntu"),
    FEDORA("Fedora/RHEL"),
    ARCH("Arch"),
    OPENSUSE("openSUSE"),
    OTHER("other");

    private final String displayName;

    DistroFamily(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** ID first, then ID_LIKE in its order: Linux Mint (ID=linuxmint, ID_LIKE="ubuntu debian") is DEBIAN. */
    public static DistroFamily of(OsRelease os) {
        List<String> ids = new ArrayList<>();
        ids.add(os.id());
        ids.addAll(os.idLike());
        for (String raw : ids) {
            DistroFamily f = ofId(raw.toLowerCase(Locale.ROOT));
            if (f != OTHER) {
                return f;
            }
        }
        return OTHER;
    }

    private static DistroFamily ofId(String id) {
        return switch (id) {
            case "debian", "ubuntu", "linuxmint", "raspbian", "pop", "elementary", "zorin", "kali", "devuan" -> DEBIAN;
            case "fedora", "rhel", "centos", "rocky", "almalinux", "ol" -> FEDORA;
            case "arch", "manjaro", "endeavouros", "archarm" -> ARCH;
            case "suse", "sles", "sled", "opensuse" -> OPENSUSE;
            default -> id.startsWith("opensuse") ? OPENSUSE : OTHER;
        };
    }

    /** Ubuntu or a derivative running Ubuntu's kernel (its overlayfs and AppArmor rules differ). */
    public static boolean isUbuntu(OsRelease os) {
        return os.id().equals("ubuntu") || os.idLike().contains("ubuntu");
    }
}
