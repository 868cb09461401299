package io.github.rootlesspanel.ui.containers;

import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import atlantafx.base.theme.Styles;

import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.RecreateQuestion;

/** Asks before a recreate: what does not carry over, and whether to commit the container first. */
final class RecreateDialog {

    private RecreateDialog() {
    }

    /** Empty when cancelled; else whether the user asked for the commit. */
    static Optional<Boolean> ask(Window owner, RecreateQuestion q) {
        Dialog<Boolean> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(q.title());
        d.setHeaderText(q.title());
        d.getDialogPane().getStyleClass().add("recreate-dialog");
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        ButtonType yes = new ButtonType(q.yesLabel(), ButtonBar.ButtonData.OK_DONE);
        // Cancel is JavaFX's own, translated by JavaFX; Escape answers it
        d.getDialogPane().getButtonTypes().setAll(yes, ButtonType.CANCEL);

        Label message = new Label(q.message());
        message.setWrapText(true);
        Label lostTitle = new Label(Messages.get("containers.recreate.notCarried"));
        lostTitle.getStyleClass().add("check-title");
        VBox lost = new VBox(4);
        lost.setId("notCarried");
        for (String s : q.notCarried()) {
            Label l = new Label("• " + s);
            l.setWrapText(true);
            lost.getChildren().add(l);
        }
        CheckBox commit = new CheckBox(q.commitLabel());
        commit.setId("commitFirst");
        commit.setWrapText(true);
        VBox content = new VBox(10, message, lostTitle, lost, commit);
        if (!q.carried().isEmpty()) {
            VBox kept = new VBox(2);
            for (String s : q.carried()) {
                Label l = new Label(s);
                l.getStyleClass().add("unit-text");
                kept.getChildren().add(l);
            }
            TitledPane carried = new TitledPane(Messages.get("containers.recreate.carried", q.carried().size()), kept);
            carried.setExpanded(false);
            carried.getStyleClass().add(Styles.DENSE);
            content.getChildren().add(carried);
        }
        content.setPrefWidth(620);
        d.getDialogPane().setContent(content);
        d.setResultConverter(b -> b == yes ? commit.isSelected() : null);
        return d.showAndWait();
    }
}
