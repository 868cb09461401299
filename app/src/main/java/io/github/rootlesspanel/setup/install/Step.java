package io.github.rootlesspanel.setup.install;

import java.util.Optional;

/**
 * One named step of an install or uninstall plan. {@code action} returns a short sentence of what it
 * did; {@code undo}, when present, reverses it for a rollback.
 */
public record Step(String title, Action action, Optional<Action> undo) {

    @FunctionalInterface
    public interface Action {
        String run() throws Exception;
    }

    public static Step of(String title, Action action) {
        return new Step(title, action, Optional.empty());
    }

    public static Step of(String title, Action action, Action undo) {
        return new Step(title, action, Optional.of(undo));
    }
}
