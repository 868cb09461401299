package io.github.rootlesspanel.ui.network;

import javafx.event.ActionEvent;
import javafx.scene.control.ToggleButton;

/**
 * A toggle button whose mnemonic (Alt+letter) toggles it, as a click does. JavaFX fires only an ActionEvent at a
 * mnemonic's node, which a ToggleButton does not turn into a toggle; {@link #fire()} (click, Space) toggles itself.
 */
public final class MnemonicToggleButton extends ToggleButton {

    private boolean firing;

    public MnemonicToggleButton() {
        addEventHandler(ActionEvent.ACTION, e -> {
            if (!firing && !isDisabled()) {
                setSelected(!isSelected());
            }
        });
    }

    @Override
    public void fire() {
        firing = true;
        try {
            super.fire();
        } finally {
            firing = false;
        }
    }
}
