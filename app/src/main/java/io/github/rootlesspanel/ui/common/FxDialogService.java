package io.github.rootlesspanel.ui.common;

import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX alerts, always owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(text));
        if (details != null && !details.isBlank()) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(6);
            alert.getDialogPane().setExpandableContent(area);
        }
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String question, String details, String yesLabel) {
        ButtonType yes = new ButtonType(yesLabel, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(Messages.get("common.cancel"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", yes, no);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(question);
        text.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(text));
        if (details != null && !details.isBlank()) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setStyle("-fx-font-family: monospace;");
            area.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(area);
            alert.getDialogPane().setExpanded(true);
        }
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }

    @Override
    public void copyToClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
