package io.github.rootlesspanel.topology;

/** Computes a {@link Layout} of a {@link Topology}. Pure. Being written. */
public final class Layouts {

    private Layouts() {
    }

    public static Layout of(Topology t) {
        throw new UnsupportedOperationException("being written");
    }
}
