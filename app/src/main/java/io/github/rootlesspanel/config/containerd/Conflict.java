package io.github.rootlesspanel.config.containerd;

/**
 * Something the merge left as the user wrote it instead of doing what was asked, for the user to decide.
 *
 * @param key    the TOML key, e.g. {@code proxy_plugins."fuse-overlayfs".address} or
 *               {@code plugins."io.containerd.transfer.v1.local".unpack_config}
 * @param found  what the file has there, as TOML would write it ({@code ""} when the key is absent)
 * @param wanted what the stanza would put there ({@code ""} for {@link Kind#NOT_REMOVED})
 * @param kind   why it was left
 */
public record Conflict(String key, String found, String wanted, Kind kind) {

    public enum Kind {
        /** The user set this key to another value: kept, not overwritten. */
        DIFFERENT_VALUE,
        /**
         * The key is missing but its table cannot be extended by adding lines: it is an inline table
         * ({@code x = { … }}), a static array ({@code unpack_config = [ … ]}) or not a table at all. The user adds it
         * by hand (the panel does not rewrite what the user wrote).
         */
        CANNOT_ADD,
        /** Disable: the file still configures this, but the panel did not add it (or the user extended it). Kept. */
        NOT_REMOVED
    }

    /** A sentence for the user. */
    public String describe() {
        return switch (kind) {
            case DIFFERENT_VALUE -> key + " is " + found + " in your file; the setup tool's value is " + wanted
                    + ". Kept yours.";
            case CANNOT_ADD -> key + " is missing, but " + found + "; add " + wanted + " by hand.";
            case NOT_REMOVED -> key + ": " + found + "; left in place.";
        };
    }
}
