package io.github.rootlesspanel.bench;

/**
 * The smallest Java program: what any Java command line pays before its own first line (the JVM's start, its
 * class-data-sharing archive mapped, the class loaded, exit). The CLI start-up benchmark times it beside
 * {@code rootless-panel status --json} so the report can say how much of the status command is the JVM's floor.
 */
public final class JvmFloor {

    private JvmFloor() {
    }

    public static void main(String[] args) {
        // nothing: the point is the cost of getting here and leaving
    }
}
