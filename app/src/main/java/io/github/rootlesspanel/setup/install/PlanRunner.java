package io.github.rootlesspanel.setup.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan step by step, reporting progress; stops at the first failure. A rollback undoes
 * the completed steps in reverse order. Blocking: run it off the FX thread.
 */
public final class PlanRunner {

    /** Progress of a plan; called on the thread that runs it. */
    public interface Listener {
        void started(int index, Step step);

        void finished(int index, Step step, String result);

        void failed(int index, Step step, Exception error);

        Listener NONE = new Listener() {
            @Override
            public void started(int index, Step step) {
            }

            @Override
            public void finished(int index, Step step, String result) {
            }

            @Override
            public void failed(int index, Step step, Exception error) {
            }
        };
    }

    /** How a run ended: the number of completed steps, and the failure if any. */
    public record Outcome(Plan plan, int completed, Optional<Exception> failure) {
        public boolean succeeded() {
            return failure.isEmpty();
        }

        /** Completed steps that can be undone, most recent first. */
        public List<Step> undoable() {
            List<Step> out = new ArrayList<>();
            for (int i = completed - 1; i >= 0; i--) {
                if (plan.steps().get(i).undo().isPresent()) {
                    out.add(plan.steps().get(i));
                }
            }
            return out;
        }
    }

    public Outcome run(Plan plan, Listener listener) {
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            listener.started(i, s);
            try {
                String result = s.action().run();
                listener.finished(i, s, result == null ? "done" : result);
            } catch (Exception e) {
                listener.failed(i, s, e);
                return new Outcome(plan, i, Optional.of(e));
            }
        }
        return new Outcome(plan, steps.size(), Optional.empty());
    }

    /** Undoes what a failed (or finished) run did; keeps going past a failing undo and reports it. */
    public List<String> rollback(Outcome outcome, Listener listener) {
        List<String> problems = new ArrayList<>();
        List<Step> todo = outcome.undoable();
        for (int i = 0; i < todo.size(); i++) {
            Step s = todo.get(i);
            Step undo = new Step("Undo: " + s.title(), s.undo().get(), Optional.empty());
            listener.started(i, undo);
            try {
                String r = undo.action().run();
                listener.finished(i, undo, r == null ? "done" : r);
            } catch (Exception e) {
                listener.failed(i, undo, e);
                problems.add(undo.title() + ": " + e.getMessage());
            }
        }
        return problems;
    }
}
