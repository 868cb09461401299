package io.github.rootlesspanel.ui.about;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.github.rootlesspanel.host.ToolVersions;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;

/** The About dialog: the panel's version and the versions of the parts found on this computer, probed once. */
public final class AboutViewModel {

    /** What was found: the tools in order and the kernel release. */
    public record Versions(List<ToolVersions.Found> tools, Optional<String> kernel) {
    }

    /** One line of the table: what, and its version or why there is none. */
    public record Row(String name, String value) {
    }

    private final String panelVersion;
    private final Callable<Versions> probe;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper probing = new ReadOnlyBooleanWrapper();

    public AboutViewModel(String panelVersion, Callable<Versions> probe, TaskRunner tasks, DialogService dialogs) {
        this.panelVersion = panelVersion;
        this.probe = probe;
        this.tasks = tasks;
        this.dialogs = dialogs;
        // the names at once, so the dialog has its size before the versions come
        for (ToolVersions.Tool t : ToolVersions.Tool.values()) {
            rows.add(new Row(t.displayName(), Messages.get("about.asking")));
        }
        rows.add(new Row(Messages.get("about.kernel"), Messages.get("about.asking")));
    }

    public String panelVersion() {
        return panelVersion;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty probingProperty() {
        return probing.getReadOnlyProperty();
    }

    /** Asks every tool for its version in the background. */
    public void probe() {
        probing.set(true);
        tasks.task(probe).onSuccess(v -> rows.setAll(rows(v)))
                .onFailure(e -> rows.setAll(List.of(new Row(Messages.get("about.probeFailed"),
                        String.valueOf(e.getMessage())))))
                .andFinally(() -> probing.set(false)).start();
    }

    /** The text for a bug report: the panel's version, Java and JavaFX, and every row. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(Messages.get("main.title")).append(' ').append(panelVersion).append('\n');
        sb.append("Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append("), JavaFX ")
                .append(System.getProperty("javafx.runtime.version", "?")).append('\n');
        for (Row r : rows) {
            sb.append(r.name()).append(": ").append(r.value()).append('\n');
        }
        return sb.toString();
    }

    public void copyReport() {
        dialogs.copyToClipboard(report());
    }

    static List<Row> rows(Versions v) {
        List<Row> out = new ArrayList<>();
        for (ToolVersions.Found f : v.tools()) {
            String value;
            if (!f.installed()) {
                value = Messages.get("about.notInstalled");
            } else if (f.version().isPresent()) {
                value = Messages.get("about.versionAt", f.version().get(), f.path().get());
            } else {
                value = Messages.get("about.versionUnknown", f.firstLine(), f.path().get());
            }
            out.add(new Row(f.tool().displayName(), value));
        }
        out.add(new Row(Messages.get("about.kernel"), v.kernel().orElse(Messages.get("about.kernelUnknown"))));
        return out;
    }
}
