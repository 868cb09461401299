package io.github.rootlesspanel.ui.network;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.transform.Scale;
import javafx.stage.FileChooser;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.network.NetworkViewModel.ContainerRef;

/**
 * The Network page: the painted diagram in a zoomable, pannable pane, bound to {@link NetworkViewModel}. For the
 * keyboard and screen readers the diagram is also a list of its parts beside it (arrow keys select, the diagram
 * shows the selected part, Enter opens a container) and a text description (the diagram's accessible text, and
 * visible below it on demand).
 */
public final class NetworkController {

    private final NetworkViewModel vm;
    private final DiagramPainter painter;
    private final Consumer<ContainerRef> openContainer;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private boolean fitted;
    /** The parts list is being refilled after a new layout: keep the selection, but do not scroll to it again. */
    private boolean refilling;

    @FXML private BorderPane root;
    @FXML private Label statusLabel;
    @FXML private MnemonicToggleButton stepsToggle;
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
    @FXML private Label partsLabel;
    @FXML private ListView<Box> partsList;

    /** {@code openContainer} switches to the Containers page with that container selected. */
    public NetworkController(NetworkViewModel vm, Consumer<ContainerRef> openContainer) {
        this.vm = vm;
        this.openContainer = openContainer;
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
        zoomInButton.setTooltip(new Tooltip(Messages.get("network.zoomIn.tip")));
        zoomOutButton.setTooltip(new Tooltip(Messages.get("network.zoomOut.tip")));
        zoomResetButton.setTooltip(new Tooltip(Messages.get("network.zoomReset.tip")));
        zoomInButton.setAccessibleText(Messages.get("network.zoomIn"));
        zoomOutButton.setAccessibleText(Messages.get("network.zoomOut"));
        zoomResetButton.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("network.zoomReset", vm.zoomTextProperty().get()), vm.zoomTextProperty()));
        zoomFitButton.setTooltip(new Tooltip(Messages.get("network.fit.tip")));
        // the page may get its size after the first picture arrived
        scroll.viewportBoundsProperty().addListener((o, was, now) -> {
            if (!fitted && now.getWidth() > 0 && vm.layoutProperty().get() != null) {
                fitted = true;
                vm.zoomToFitReadable(now.getWidth(), now.getHeight());
            }
        });

        stepsToggle.selectedProperty().bindBidirectional(vm.stepsShownProperty());
        stepsToggle.setTooltip(new Tooltip(Messages.get("network.steps.tip")));
        painter.setStepsShown(vm.stepsShownProperty().get());
        vm.stepsShownProperty().addListener((o, was, now) -> painter.setStepsShown(now));

        exportPngButton.disableProperty().bind(vm.layoutProperty().isNull());
        exportSvgButton.disableProperty().bind(vm.layoutProperty().isNull());

        summaryText.textProperty().bind(vm.summaryProperty());
        summaryText.setAccessibleText(Messages.get("network.description.accessible"));
        // the title's mnemonic (Alt+X) arrives as an ActionEvent, which a TitledPane ignores: open it, and read it
        summaryPane.addEventHandler(ActionEvent.ACTION, e -> {
            summaryPane.setExpanded(!summaryPane.isExpanded());
            if (summaryPane.isExpanded()) {
                summaryText.requestFocus();
            }
        });
        // a screen reader hears the whole description on the diagram itself; Tab stops on the pane that shows it
        var described = Bindings.createStringBinding(
                () -> Messages.get("network.diagram.accessible", vm.summaryProperty().get()), vm.summaryProperty());
        painter.node().setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        painter.node().accessibleTextProperty().bind(described);
        scroll.accessibleTextProperty().bind(described);
        scroll.setFocusTraversable(true);
        initParts();

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
        showParts(l);
        if (!fitted && scroll.getViewportBounds().getWidth() > 0) {
            // the first picture fits the page (if still readable); from then on the zoom is the user's
            fitted = true;
            vm.zoomToFitReadable(scroll.getViewportBounds().getWidth(), scroll.getViewportBounds().getHeight());
        }
    }

    // ---- the parts list ----

    private void initParts() {
        partsLabel.setLabelFor(partsList);
        partsList.setAccessibleText(Messages.get("network.parts.accessible"));
        partsList.setPlaceholder(new Label(Messages.get("network.parts.empty")));
        partsList.setCellFactory(list -> new PartCell());
        partsList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            painter.select(now == null ? null : now.key());
            if (now != null && !refilling) {
                painter.boxNode(now.key()).ifPresent(this::reveal);
            }
        });
        partsList.setOnKeyPressed(e -> {
            Box b = partsList.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && b != null) {
                vm.container(b).ifPresent(c -> {
                    e.consume();
                    openContainer.accept(c);
                });
            }
        });
    }

    /** A part: its title, and below it, smaller, what the box says under its title (and whether it is inactive). */
    private static final class PartCell extends ListCell<Box> {
        private final Label title = new Label();
        private final Label subtitle = new Label();
        private final VBox lines = new VBox(1, title, subtitle);

        PartCell() {
            title.getStyleClass().add("net-part-title");
            subtitle.getStyleClass().add("net-part-subtitle");
            subtitle.managedProperty().bind(subtitle.visibleProperty());
            setPrefWidth(0);   // as wide as the list: long texts end in "…" instead of a sideways scroll bar
        }

        @Override
        protected void updateItem(Box b, boolean empty) {
            super.updateItem(b, empty);
            setText(null);
            if (empty || b == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            title.setText(DiagramPainter.title(b));
            String sub = DiagramPainter.subtitle(b);
            if (b.greyed()) {
                sub = sub.isEmpty() ? Messages.get("network.part.inactive")
                        : Messages.get("network.part.subtitleInactive", sub);
            }
            subtitle.setText(sub);
            subtitle.setVisible(!sub.isEmpty());
            setGraphic(lines);
            setAccessibleText(Messages.get("network.part", DiagramPainter.describe(b)));
        }
    }

    /** The list follows the layout; the selected part stays selected (by key) while it is drawn. */
    private void showParts(Layout l) {
        String selected = Optional.ofNullable(partsList.getSelectionModel().getSelectedItem()).map(Box::key)
                .orElse(null);
        List<Box> parts = l.boxes().stream()
                .filter(b -> b.kind() != BoxKind.LEGEND && !DiagramPainter.title(b).isEmpty()).toList();
        if (parts.equals(partsList.getItems())) {
            return;
        }
        refilling = true;
        try {
            partsList.getItems().setAll(parts);
            parts.stream().filter(b -> b.key().equals(selected)).findFirst()
                    .ifPresent(b -> partsList.getSelectionModel().select(b));
        } finally {
            refilling = false;
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
        choose(Messages.get("network.export.png"), "*.png", "rootless-network.png").ifPresent(f -> {
            // the snapshot and its pixels are taken here (FX thread); encoding and writing happen in the background
            // on the diagram's own (theme) background, as it is on the screen
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(background(painter.node().getBackground()));
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
        choose(Messages.get("network.export.svg"), "*.svg", "rootless-network.svg").ifPresent(f -> vm.exportSvg(f.toPath()));
    }

    private static Paint background(Background b) {
        return b == null || b.getFills().isEmpty() ? Color.WHITE : b.getFills().get(b.getFills().size() - 1).getFill();
    }

    private Optional<File> choose(String what, String pattern, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("network.export.title"));
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
