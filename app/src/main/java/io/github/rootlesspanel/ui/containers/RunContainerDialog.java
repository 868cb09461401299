package io.github.rootlesspanel.ui.containers;

import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import org.controlsfx.control.ToggleSwitch;

import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.containers.RunRequest;
import io.github.rootlesspanel.ui.common.Messages;

/** "Run container…": image, name, ports and bypass4netns; the plan window shows the nerdctl command next. */
final class RunContainerDialog {

    private RunContainerDialog() {
    }

    static Optional<RunRequest> ask(Window owner, boolean bypassReady) {
        Dialog<RunRequest> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("containers.runDialog.title"));
        d.setHeaderText(Messages.get("containers.runDialog.header"));
        d.getDialogPane().getStyleClass().add("run-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        ButtonType next = new ButtonType(Messages.get("containers.runDialog.continue"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(next, ButtonType.CANCEL);

        TextField image = new TextField();
        image.setId("runImage");
        image.setPromptText(Messages.get("containers.runDialog.imagePrompt"));
        TextField name = new TextField();
        name.setId("runName");
        name.setPromptText(Messages.get("containers.runDialog.namePrompt"));
        TextField ports = new TextField();
        ports.setId("runPorts");
        ports.setPromptText(Messages.get("containers.runDialog.portsPrompt"));
        ToggleSwitch bypass = new ToggleSwitch();
        bypass.setId("runBypass");
        bypass.getStyleClass().add("panel-switch");
        bypass.setSelected(bypassReady);
        bypass.setDisable(!bypassReady);
        Label bypassHint = new Label(Messages.get(bypassReady ? "containers.runDialog.bypassReady"
                : "containers.runDialog.bypassUnavailable"));
        bypassHint.getStyleClass().add("page-hint");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, label("containers.runDialog.image", image), image);
        grid.addRow(1, label("containers.runDialog.name", name), name);
        grid.addRow(2, label("containers.runDialog.ports", ports), ports);
        grid.addRow(3, label("containers.runDialog.bypass", bypass), bypass);
        grid.add(bypassHint, 1, 4);
        grid.add(error, 0, 5, 2, 1);
        image.setPrefColumnCount(32);
        d.getDialogPane().setContent(grid);

        Node ok = d.getDialogPane().lookupButton(next);
        Runnable validate = () -> {
            String problem = ContainersViewModel.runProblem(image.getText(), name.getText(), ports.getText());
            error.setText(problem);
            ok.setDisable(!problem.isEmpty());
        };
        image.textProperty().addListener((o, a, b) -> validate.run());
        name.textProperty().addListener((o, a, b) -> validate.run());
        ports.textProperty().addListener((o, a, b) -> validate.run());
        validate.run();
        error.setText("");   // no complaint before the user typed anything
        d.setResultConverter(b -> {
            if (b != next) {
                return null;
            }
            List<PortMapping> p = ContainersViewModel.parsePorts(ports.getText());
            return new RunRequest(image.getText().trim(), name.getText().trim(), p, bypass.isSelected());
        });
        // the keyboard starts in the first field, not on a button
        d.setOnShown(e -> image.requestFocus());
        return d.showAndWait();
    }

    /** A field's label: names it for screen readers, and its mnemonic (Alt+I, …) focuses it. */
    private static Label label(String key, Node field) {
        Label l = new Label(Messages.get(key));
        l.setMnemonicParsing(true);
        l.setLabelFor(field);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add("fact-name");
        return l;
    }
}
