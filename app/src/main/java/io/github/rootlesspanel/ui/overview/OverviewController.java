package io.github.rootlesspanel.ui.overview;

import java.util.HashMap;
import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;

import io.github.rootlesspanel.ui.common.FxTicker;
import io.github.rootlesspanel.ui.common.WhileShowing;
import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** Lays out a card per component and keeps the time-relative texts fresh while the window shows. */
public final class OverviewController {

    private final OverviewViewModel vm;
    private final FxTicker ticker;
    private final Map<String, Parent> viewsByUnit = new HashMap<>();

    @FXML private ScrollPane scroll;
    @FXML private FlowPane cards;

    public OverviewController(OverviewViewModel vm) {
        this.vm = vm;
        this.ticker = new FxTicker(java.time.Duration.ofSeconds(5), () -> {
            vm.tick();
            vm.refreshCounters();
        });
    }

    @FXML
    private void initialize() {
        Map<UnitCardViewModel, Parent> views = new HashMap<>();
        for (UnitCardViewModel card : vm.cards()) {
            Parent view = ViewLoader.load(Fxml.UNIT_CARD, new UnitCardController(card));
            view.setId("card-" + card.component().id());
            views.put(card, view);
            viewsByUnit.putIfAbsent(card.component().unit(), view);
        }
        // hidden components (Preferences) leave the flow; their cards stay loaded and live for when they return
        Runnable layout = () -> cards.getChildren().setAll(vm.shownCards().stream().map(views::get).toList());
        vm.shownCards().addListener((ListChangeListener<UnitCardViewModel>) c -> layout.run());
        layout.run();
        // run the ticker only while the page is on screen
        WhileShowing.track(scroll, showing -> {
            if (showing) {
                ticker.start();
            } else {
                ticker.stop();
            }
        });
    }

    /**
     * Brings UNIT's card into view and puts the keyboard focus on it (a notification's "Open"); false when no
     * shown card runs that unit (unknown, or hidden in Preferences).
     */
    public boolean reveal(String unit) {
        Parent view = viewsByUnit.get(unit);
        if (view == null || !cards.getChildren().contains(view)) {
            return false;
        }
        // scroll so the card's top is visible: vvalue is a fraction of the part that does not fit
        double contentHeight = cards.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight > viewport) {
            scroll.setVvalue(Math.min(1, view.getBoundsInParent().getMinY() / (contentHeight - viewport)));
        }
        view.lookupAll(".button").stream().filter(n -> n.isFocusTraversable() && !n.isDisabled()).findFirst()
                .ifPresentOrElse(javafx.scene.Node::requestFocus, view::requestFocus);
        return true;
    }
}
