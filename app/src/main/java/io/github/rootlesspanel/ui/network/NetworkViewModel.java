package io.github.rootlesspanel.ui.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.PngEncoder;
import io.github.rootlesspanel.topology.SvgExport;
import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The Network screen: follows the topology monitor while the page is shown, lays each reading out on the monitor's
 * thread (never on the FX thread) and publishes the layout, the text summary and a status line on the UI executor.
 * Also zoom, the steps switch, hover texts, which container a box stands for, and the PNG/SVG exports.
 */
public final class NetworkViewModel {

    /** Where readings come from: the topology monitor (an adapter keeps this class free of how it is built). */
    public interface Source extends AutoCloseable {
        void setListener(Consumer<Topology> listener);

        void resume();

        void pause();

        /** The last reading, or null before the first. */
        Topology current();

        @Override
        void close();
    }

    /** A container a box stands for. */
    public record ContainerRef(String namespace, String id, String name) { }

    /** A reading and what was made of it off the FX thread. */
    public record Picture(Topology topology, Optional<Layout> layout, String summary, String problem) { }

    /** Zoom steps: Ctrl+plus and Ctrl+minus go one step. */
    static final double[] ZOOMS = {0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0};

    /** The blank border the painter keeps around the layout. */
    static final double MARGIN = 16;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Source source;
    private final Function<Topology, Layout> layouts;
    private final Function<Topology, String> summaries;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor ui;
    private final ZoneId zone;

    private final ReadOnlyObjectWrapper<Layout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(Messages.get("network.summary.noReading"));
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Messages.get("network.placeholder.reading"));
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(Messages.get("network.placeholder.reading"));
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1.0);
    private final ReadOnlyStringWrapper zoomText = new ReadOnlyStringWrapper(Messages.get("network.zoom.percent", "100"));
    private final BooleanProperty stepsShown = new SimpleBooleanProperty(true);
    private boolean following;
    private boolean listening;

    public NetworkViewModel(Source source, Function<Topology, Layout> layouts, Function<Topology, String> summaries,
                            TaskRunner tasks, DialogService dialogs, Executor ui, ZoneId zone) {
        this.source = source;
        this.layouts = layouts;
        this.summaries = summaries;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        this.zone = zone;
        zoom.addListener((o, was, now) -> zoomText.set(Messages.get("network.zoom.percent",
                Long.toString(Math.round(now.doubleValue() * 100)))));
    }

    // ---- following ----

    /** The page is shown: the monitor rebuilds on events again, and the last reading is shown at once. */
    public void shown() {
        if (following) {
            return;
        }
        following = true;
        if (!listening) {
            listening = true;
            // the monitor's thread lays out; only the finished picture crosses to the UI
            source.setListener(t -> {
                Picture p = picture(t, layouts, summaries);
                ui.execute(() -> accept(p));
            });
        }
        source.resume();
        // the last reading at once (laid out in the background) while the monitor reads again
        Topology last = source.current();
        if (last != null && topology.get() == null) {
            tasks.task(() -> picture(last, layouts, summaries)).onSuccess(this::accept).start();
        }
    }

    /** The page is hidden: the monitor does nothing until it is shown again. */
    public void hidden() {
        if (following) {
            following = false;
            source.pause();
        }
    }

    public boolean following() {
        return following;
    }

    /** The window is closing; the monitor is closed off the FX thread (it waits for a reading in progress). */
    public void close() {
        following = false;
        tasks.task(() -> {
            source.close();
            return null;
        }).start();
    }

    /** Lays a reading out and describes it; a layout that fails leaves the last picture and says why. Any thread. */
    public static Picture picture(Topology t, Function<Topology, Layout> layouts, Function<Topology, String> summaries) {
        Optional<Layout> l;
        String problem = "";
        try {
            l = Optional.of(layouts.apply(t));
        } catch (RuntimeException e) {
            l = Optional.empty();
            problem = Messages.get("network.problem.layout", e.getMessage());
        }
        String s;
        try {
            s = summaries.apply(t);
        } catch (RuntimeException e) {
            s = Messages.get("network.problem.summary", e.getMessage());
        }
        return new Picture(t, l, s, problem);
    }

    /** Shows a picture. On the UI thread. */
    public void accept(Picture p) {
        Topology shown = topology.get();
        if (shown != null && p.topology().at().isBefore(shown.at())) {
            return;   // an older reading that was laid out later
        }
        topology.set(p.topology());
        p.layout().ifPresent(layout::set);
        summary.set(p.summary());
        status.set(statusOf(p.topology(), zone) + (p.problem().isEmpty() ? "" : " " + p.problem()));
        placeholder.set(layout.get() != null ? "" : p.problem().isEmpty() ? Messages.get("network.placeholder.nothing") : p.problem());
    }

    /** "Detach-netns mode · running · 3 containers · updated 12:00:05", then the problems. */
    public static String statusOf(Topology t, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        parts.add(modeText(t.mode()));
        parts.add(healthText(t.health()));
        long running = t.containers().stream().filter(c -> c.pid() > 0).count();
        int all = t.containers().size();
        parts.add(all == 0 ? Messages.get("network.status.noContainers") : running == all
                ? Messages.get("network.status.containers", all)
                : Messages.get("network.status.running", Long.toString(running), Integer.toString(all)));
        if (!t.networkDriver().isEmpty()) {
            parts.add(t.portDriver().isEmpty() ? t.networkDriver()
                    : Messages.get("network.status.drivers", t.networkDriver(), t.portDriver()));
        }
        parts.add(Messages.get("network.status.updated", TIME.format(t.at().atZone(zone))));
        String line = String.join(" · ", parts);
        if (!t.problems().isEmpty()) {
            String problems = String.join(" ", t.problems());
            line += ". " + (t.problems().size() == 1 ? Messages.get("network.status.partial", problems)
                    : Messages.get("network.status.unread", Integer.toString(t.problems().size()), problems));
        }
        return line;
    }

    static String modeText(Topology.Mode m) {
        switch (m) {
            case DETACH_NETNS:
                return Messages.get("network.status.mode.detach");
            case CHILD_NETNS:
                return Messages.get("network.status.mode.child");
            default:
                return Messages.get("network.status.mode.none");
        }
    }

    static String healthText(Topology.Health h) {
        switch (h) {
            case RUNNING:
                return Messages.get("network.status.health.running");
            case CONTAINERD_INACTIVE:
                return Messages.get("network.status.health.inactive");
            case ROOTLESSKIT_STARTING:
                return Messages.get("network.status.health.starting");
            default:
                return Messages.get("network.status.health.stale");
        }
    }

    // ---- boxes ----

    /** The hover text of a box: its title, subtitle and details, one per line, in the layout's order. */
    public static String tooltip(String title, String subtitle, Map<String, String> details) {
        StringBuilder b = new StringBuilder(title);
        if (!subtitle.isEmpty()) {
            b.append('\n').append(subtitle);
        }
        details.forEach((k, v) -> b.append('\n').append(k).append(": ").append(v));
        return b.toString();
    }

    /** The container a box stands for (a container's netns box), if any. */
    public Optional<ContainerRef> container(Box box) {
        return containerOf(box, topology.get());
    }

    static Optional<ContainerRef> containerOf(Box box, Topology t) {
        if (t == null || box.kind() != BoxKind.CONTAINER_NETNS) {
            return Optional.empty();
        }
        String key = box.key();
        Optional<String> id = Optional.empty();
        if (key.startsWith("container:")) {
            id = Optional.of(key.substring("container:".length()));
        } else if (key.startsWith("netns:")) {
            try {
                long inode = Long.parseLong(key.substring("netns:".length()));
                id = t.netns(inode).flatMap(Topology.Netns::containerId);
            } catch (NumberFormatException e) {
                id = Optional.empty();
            }
        }
        String wanted = id.orElse(null);
        return t.containers().stream()
                .filter(c -> wanted != null ? c.id().equals(wanted) || (c.namespace() + "/" + c.id()).equals(wanted)
                        : c.name().equals(box.title()))
                .findFirst().map(c -> new ContainerRef(c.namespace(), c.id(), c.name()));
    }

    /** A step's label without the number its badge shows ("1 nerdctl → containerd" → "nerdctl → containerd"). */
    public static String stepText(int number, String label) {
        String prefix = number + " ";
        return label.startsWith(prefix) ? label.substring(prefix.length()) : label;
    }

    // ---- zoom and steps ----

    public void zoomIn() {
        for (double z : ZOOMS) {
            if (z > zoom.get() + 1e-6) {
                zoom.set(z);
                return;
            }
        }
    }

    public void zoomOut() {
        for (int i = ZOOMS.length - 1; i >= 0; i--) {
            if (ZOOMS[i] < zoom.get() - 1e-6) {
                zoom.set(ZOOMS[i]);
                return;
            }
        }
    }

    public void zoomReset() {
        zoom.set(1.0);
    }

    /**
     * The zoom at which a diagram of {@code w}×{@code h} fits a view of {@code viewW}×{@code viewH}: never above
     * 100 %, never below {@code floor} (the first view stops at a readable size and scrolls beyond it).
     */
    public static double fit(double w, double h, double viewW, double viewH, double floor) {
        if (w <= 0 || h <= 0 || viewW <= 0 || viewH <= 0) {
            return 1.0;
        }
        double z = Math.min(1.0, Math.min(viewW / w, viewH / h));
        return Math.max(Math.max(floor, ZOOMS[0]), Math.floor(z * 100) / 100);
    }

    /** Zooms so that the diagram fits the view (down to the smallest zoom). */
    public void zoomToFit(double viewW, double viewH) {
        Layout l = layout.get();
        if (l != null) {
            zoom.set(fit(l.width() + 2 * MARGIN, l.height() + 2 * MARGIN, viewW, viewH, ZOOMS[0]));
        }
    }

    /** When the page first shows a diagram: fit it, but not below a readable 75 %. */
    public void zoomToFitReadable(double viewW, double viewH) {
        Layout l = layout.get();
        if (l != null) {
            zoom.set(fit(l.width() + 2 * MARGIN, l.height() + 2 * MARGIN, viewW, viewH, 0.75));
        }
    }

    // ---- exports ----

    /** Writes the diagram as SVG (with the steps when they are shown), off the FX thread, atomically. */
    public void exportSvg(Path file) {
        Layout l = layout.get();
        if (l == null) {
            return;
        }
        boolean steps = stepsShown.get();
        write(file, () -> SvgExport.of(l, steps).getBytes(StandardCharsets.UTF_8), "SVG");
    }

    /** Writes pixels (ARGB, row by row, taken from the painted diagram) as PNG, off the FX thread, atomically. */
    public void exportPng(Path file, int width, int height, int[] argb) {
        write(file, () -> PngEncoder.encode(width, height, argb), "PNG");
    }

    private interface Bytes {
        byte[] make() throws IOException;
    }

    private void write(Path file, Bytes content, String what) {
        tasks.task(() -> {
            writeAtomically(file, content.make());
            return file;
        }).onFailure(e -> dialogs.showError(Messages.get("network.export.failed.title"),
                Messages.get("network.export.failed.text", what, file.toString()), String.valueOf(e))).start();
    }

    /**
     * Temporary file in the same directory, fsync, rename over the target: a reader sees the old or the new file.
     * Not {@code AtomicFile.write}: an export is no config (no .bak, no size limit, no compare with what was read).
     */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, AtomicFile.REGULAR);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Layout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** The text description, for screen readers and bug reports. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Mode, health, containers, last update, problems. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the diagram area says when there is nothing drawn ("" when there is). */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty zoomTextProperty() {
        return zoomText.getReadOnlyProperty();
    }

    /** Whether the six numbered steps are drawn. */
    public BooleanProperty stepsShownProperty() {
        return stepsShown;
    }
}
