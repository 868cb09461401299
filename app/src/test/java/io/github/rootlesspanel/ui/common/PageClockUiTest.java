package io.github.rootlesspanel.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.github.rootlesspanel.testsupport.Fx;

/**
 * A page's clock on a real X server (Xvfb): {@link WhileShowing} says hidden when the main window swaps the page out
 * of its content pane (not only when the window hides), and {@link FxTicker} ticks on the FX thread only while
 * started (issue 10: clocks of pages nobody saw kept ticking).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PageClockUiTest {

    StackPane content;
    Label page;
    Label other;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        page = new Label("page");
        other = new Label("other");
        content = new StackPane();
        stage.setScene(new Scene(content, 200, 100));
        stage.show();
    }

    @Test
    void aPageSwappedOutOfTheWindowCountsAsHidden(FxRobot robot) {
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        robot.interact(() -> WhileShowing.track(page, heard::add));
        assertThat(heard).isEmpty();   // not in a scene yet: nothing to say
        robot.interact(() -> content.getChildren().setAll(page));
        assertThat(heard).containsExactly(true);
        robot.interact(() -> content.getChildren().setAll(other));
        assertThat(heard).containsExactly(true, false);
        robot.interact(() -> content.getChildren().setAll(page));
        assertThat(heard).containsExactly(true, false, true);
        robot.interact(stage::hide);
        assertThat(heard).containsExactly(true, false, true, false);
        robot.interact(stage::show);
        assertThat(heard).containsExactly(true, false, true, false, true);
        // once per change, however often the page comes back: no listeners pile up
        for (int i = 0; i < 5; i++) {
            robot.interact(() -> content.getChildren().setAll(other));
            robot.interact(() -> content.getChildren().setAll(page));
        }
        assertThat(heard).hasSize(15);
    }

    @Test
    void theTickerTicksOnTheFxThreadOnlyWhileStarted(FxRobot robot) throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        List<Boolean> onFx = new CopyOnWriteArrayList<>();
        FxTicker ticker = new FxTicker(Duration.ofMillis(50), () -> {
            ticks.incrementAndGet();
            onFx.add(Platform.isFxApplicationThread());
        });
        robot.interact(ticker::start);
        Fx.await(Duration.ofSeconds(5), () -> ticks.get() >= 3, () -> ticks + " ticks");
        robot.interact(ticker::stop);
        int stopped = ticks.get();
        Thread.sleep(300);
        assertThat(ticks.get()).as("ticks after stop").isEqualTo(stopped);
        assertThat(onFx).doesNotContain(false);
        assertThat(Fx.read(ticker::running)).isFalse();
    }
}
