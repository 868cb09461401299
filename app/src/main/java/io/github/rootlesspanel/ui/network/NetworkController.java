package io.github.rootlesspanel.ui.network;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import javafx.stage.FileChooser;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.ui.network.NetworkViewModel.ContainerRef;

/** The Network page: the painted diagram in a zoomable, pannable pane, bound to {@link NetworkViewModel}. */
public final class NetworkController {

    private final NetworkViewModel vm;
    private final DiagramPainter painter;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private boolean fitted;

    @FXML private BorderPane root;
    @FXML private Label statusLabel;
    @FXML private ToggleButton stepsToggle;
    @FXML private Button zoomOutButton;
    @FXML private Button zoomResetButton;
    @FXML private Button zoomInButton;
    @FXML private Button exportPngButton;
    @FXML private Button exportSvgButton;
    @FXML private Button zoomFitButton;
    @FXML private ScrollPane scroll;
    @FXML private Group zoomHolder;
    @FXML private Label placeholderLabel;
    @FXML private TitledPane summaryPane;
    @FXML private TextArea summaryText;

    /** {@code openContainer} switches to the Containers page with that container selected. */
    public NetworkController(NetworkViewModel vm, Consumer<ContainerRef> openContainer) {
        this.vm = vm;
        this.painter = new DiagramPainter(b -> vm.container(b).isPresent(),
                b -> vm.container(b).ifPresent(openContainer));
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(vm.statusProperty());
        statusLabel.setId("network-status");
        placeholderLabel.textProperty().bind(vm.placeholderProperty());
        placeholderLabel.visibleProperty().bind(vm.placeholderProperty().isNotEmpty());
        StackPane.setAlignment(placeholderLabel, Pos.CENTER);

        // the holder carries the zoom; the canvas inside stays unscaled for the exports
        Pane scaled = new Pane(painter.node());
        scaled.getTransforms().add(scale);
        zoomHolder.getChildren().setAll(scaled);
        scale.xProperty().bind(vm.zoomProperty());
        scale.yProperty().bind(vm.zoomProperty());
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                if (e.getDeltaY() > 0) {
                    vm.zoomIn();
                } else {
                    vm.zoomOut();
                }
                e.consume();
            }
        });
        zoomResetButton.textProperty().bind(vm.zoomTextProperty());
        zoomInButton.setTooltip(new Tooltip("Zoom in (Ctrl+plus, Ctrl+scroll)"));
        zoomOutButton.setTooltip(new Tooltip("Zoom out (Ctrl+minus, Ctrl+scroll)"));
        zoomResetButton.setTooltip(new Tooltip("Actual size (Ctrl+0)"));
        zoomInButton.setAccessibleText("Zoom in");
        zoomOutButton.setAccessibleText("Zoom out");
        zoomResetButton.setAccessibleText("Actual size");
        zoomFitButton.setTooltip(new Tooltip("Fit the whole diagram into the page"));
        // the page may get its size after the first picture arrived
        scroll.viewportBoundsProperty().addListener((o, was, now) -> {
            if (!fitted && now.getWidth() > 0 && vm.layoutProperty().get() != null) {
                fitted = true;
                vm.zoomToFitReadable(now.getWidth(), now.getHeight());
            }
        });

        stepsToggle.selectedProperty().bindBidirectional(vm.stepsShownProperty());
        stepsToggle.setTooltip(new Tooltip("Show or hide the six numbered steps: nerdctl → containerd → runc → "
                + "(nsenter) ocihook → CNI → eth0/veth/nerdctl0"));
        painter.setStepsShown(vm.stepsShownProperty().get());
        vm.stepsShownProperty().addListener((o, was, now) -> painter.setStepsShown(now));

        exportPngButton.disableProperty().bind(vm.layoutProperty().isNull());
        exportSvgButton.disableProperty().bind(vm.layoutProperty().isNull());

        summaryText.textProperty().bind(vm.summaryProperty());
        summaryText.setAccessibleText("Text description of the network diagram");
        summaryPane.setAccessibleText("Text description of the network diagram");

        vm.layoutProperty().addListener((o, was, now) -> paint(now));
        paint(vm.layoutProperty().get());

        // follows the monitor only while the page is in the window
        root.parentProperty().addListener((o, was, now) -> {
            if (now == null) {
                vm.hidden();
            } else {
                vm.shown();
            }
        });
    }

    private void paint(Layout l) {
        if (l == null) {
            return;
        }
        painter.paint(l);
        if (!fitted && scroll.getViewportBounds().getWidth() > 0) {
            // the first picture fits the page (if still readable); from then on the zoom is the user's
            fitted = true;
            vm.zoomToFitReadable(scroll.getViewportBounds().getWidth(), scroll.getViewportBounds().getHeight());
        }
    }

    // ---- zoom ----

    @FXML
    public void zoomIn() {
        vm.zoomIn();
    }

    @FXML
    public void zoomOut() {
        vm.zoomOut();
    }

    @FXML
    public void zoomReset() {
        vm.zoomReset();
    }

    @FXML
    public void zoomFit() {
        vm.zoomToFit(scroll.getViewportBounds().getWidth(), scroll.getViewportBounds().getHeight());
    }

    // ---- export ----

    @FXML
    private void exportPng() {
        choose("PNG image", "*.png", "rootless-network.png").ifPresent(f -> {
            // the snapshot and its pixels are taken here (FX thread); encoding and writing happen in the background
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.WHITE);
            WritableImage img = painter.node().snapshot(params, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            vm.exportPng(f.toPath(), w, h, argb);
        });
    }

    @FXML
    private void exportSvg() {
        choose("SVG drawing", "*.svg", "rootless-network.svg").ifPresent(f -> vm.exportSvg(f.toPath()));
    }

    private Optional<File> choose(String what, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the network diagram");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, List.of(pattern)));
        return Optional.ofNullable(chooser.showSaveDialog(root.getScene().getWindow()));
    }

    // ---- for the window and tests ----

    public NetworkViewModel viewModel() {
        return vm;
    }

    /** Scrolls the diagram so that a node of it is in view. */
    public void reveal(Node n) {
        javafx.geometry.Bounds b = zoomHolder.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        javafx.geometry.Bounds all = zoomHolder.getLayoutBounds();
        javafx.geometry.Bounds view = scroll.getViewportBounds();
        double spareW = all.getWidth() - view.getWidth();
        double spareH = all.getHeight() - view.getHeight();
        if (spareW > 0) {
            scroll.setHvalue(clamp((b.getMinX() + b.getWidth() / 2 - view.getWidth() / 2 - all.getMinX()) / spareW));
        }
        if (spareH > 0) {
            scroll.setVvalue(clamp((b.getMinY() + b.getHeight() / 2 - view.getHeight() / 2 - all.getMinY()) / spareH));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The painted node of a box, by its layout key. */
    public Optional<Node> boxNode(String key) {
        return painter.boxNode(key);
    }

    /** The painted step arrows. */
    public List<Node> stepNodes() {
        return painter.stepNodes();
    }

    /** The diagram itself, unscaled. */
    public Node diagram() {
        return painter.node();
    }
}
