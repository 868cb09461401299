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

/** "Run container…": image, name, ports and bypass4netns; the plan window shows the nerdctl command next. */
final class RunContainerDialog {

    private RunContainerDialog() {
    }

    static Optional<RunRequest> ask(Window owner, boolean bypassReady) {
        Dialog<RunRequest> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Run container");
        d.setHeaderText("Run a new container with nerdctl");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        ButtonType next = new ButtonType("Continue", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(next, ButtonType.CANCEL);

        TextField image = new TextField();
        image.setId("runImage");
        image.setPromptText("docker.io/library/nginx:alpine");
        TextField name = new TextField();
        name.setId("runName");
        name.setPromptText("optional; nerdctl chooses one");
        TextField ports = new TextField();
        ports.setId("runPorts");
        ports.setPromptText("e.g. 8080:80, 127.0.0.1:5353:53/udp");
        ToggleSwitch bypass = new ToggleSwitch();
        bypass.setId("runBypass");
        bypass.getStyleClass().add("panel-switch");
        bypass.setSelected(bypassReady);
        bypass.setDisable(!bypassReady);
        Label bypassHint = new Label(bypassReady ? "Faster networking: sockets bypass the network namespace."
                : "Not available on this computer (see the note above the table).");
        bypassHint.getStyleClass().add("page-hint");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.addRow(0, label("Image", image), image);
        grid.addRow(1, label("Name", name), name);
        grid.addRow(2, label("Ports", ports), ports);
        grid.addRow(3, label("bypass4netns", bypass), bypass);
        grid.add(bypassHint, 1, 4);
        grid.add(error, 0, 5, 2, 1);
        image.setPrefColumnCount(32);
        d.getDialogPane().setContent(grid);

        Node ok = d.getDialogPane().lookupButton(next);
        Runnable validate = () -> {
            String problem = "";
            if (image.getText().isBlank()) {
                problem = "An image is needed.";
            } else if (!name.getText().isBlank() && !name.getText().trim().matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
                problem = "A name starts with a letter or digit and has only letters, digits, _ . and -.";
            } else {
                try {
                    ContainersViewModel.parsePorts(ports.getText());
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
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
        image.requestFocus();
        return d.showAndWait();
    }

    private static Label label(String text, Node field) {
        Label l = new Label(text);
        l.setLabelFor(field);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add("fact-name");
        return l;
    }
}
