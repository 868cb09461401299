package io.github.rootlesspanel.config;

import java.io.IOException;
import java.nio.file.Path;

/** The file changed on disk after the panel read it; nothing was written. */
public final class ChangedOnDiskException extends IOException {
    private static final long serialVersionUID = 1L;

    public ChangedOnDiskException(Path path) {
        super(path + " was changed by another program after Rootless Panel read it; nothing was written. "
                + "Review the current file and try again.");
    }
}
