package io.github.rootlesspanel.ui.preferences;

import java.nio.file.Path;
import java.util.Optional;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.Preferences.Notifications;
import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.ui.common.Messages;

/** Binds the Preferences dialog to its view model; Save and Cancel close it. */
public final class PreferencesController {

    private final PreferencesViewModel vm;
    private final Optional<Path> file;
    private final Runnable close;

    @FXML private Label themeLabel;
    @FXML private ComboBox<Theme> themeBox;
    @FXML private Label componentsLabel;
    @FXML private VBox componentBoxes;
    @FXML private Label notificationsLabel;
    @FXML private ComboBox<Notifications> notificationsBox;
    @FXML private Label journalLabel;
    @FXML private Spinner<Integer> journalSpinner;
    @FXML private Label fileLabel;
    @FXML private javafx.scene.control.Button saveButton;
    @FXML private javafx.scene.control.Button cancelButton;

    /** @param file where the settings are written (empty: kept in memory only) */
    public PreferencesController(PreferencesViewModel vm, Optional<Path> file, Runnable close) {
        this.vm = vm;
        this.file = file;
        this.close = close;
    }

    @FXML
    private void initialize() {
        themeBox.getItems().setAll(Theme.values());
        themeBox.setConverter(names("preferences.theme."));
        themeBox.valueProperty().bindBidirectional(vm.themeProperty());
        themeLabel.setLabelFor(themeBox);

        for (PreferencesViewModel.ComponentChoice c : vm.components()) {
            CheckBox box = new CheckBox(c.component().displayName());
            box.setId("show-" + c.component().id());
            box.selectedProperty().bindBidirectional(c.shown());
            box.setAccessibleHelp(Messages.get("preferences.components.help", c.component().displayName()));
            componentBoxes.getChildren().add(box);
        }
        componentsLabel.setLabelFor(componentBoxes.getChildren().get(0));

        notificationsBox.getItems().setAll(Notifications.values());
        notificationsBox.setConverter(names("preferences.notifications."));
        notificationsBox.valueProperty().bindBidirectional(vm.notificationsProperty());
        notificationsLabel.setLabelFor(notificationsBox);

        SpinnerValueFactory.IntegerSpinnerValueFactory lines = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                Preferences.MIN_JOURNAL_LINES, Preferences.MAX_JOURNAL_LINES, vm.journalLinesProperty().get(), 10);
        journalSpinner.setValueFactory(lines);
        lines.valueProperty().addListener((o, was, now) -> vm.journalLinesProperty().set(now));
        journalLabel.setLabelFor(journalSpinner);
        journalSpinner.setAccessibleText(Messages.get("preferences.journalLines.name"));

        fileLabel.setText(file.map(p -> Messages.get("preferences.file", p))
                .orElse(Messages.get("preferences.file.none")));
    }

    @FXML
    private void save() {
        // a number typed but not yet committed with Enter counts too
        journalSpinner.commitValue();
        vm.save();
        close.run();
    }

    @FXML
    private void cancel() {
        close.run();
    }

    /** Shows an enum constant as the bundle's "PREFIX" + lower-case name, e.g. preferences.theme.system. */
    private static <E extends Enum<E>> StringConverter<E> names(String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : Messages.get(prefix + e.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public E fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
