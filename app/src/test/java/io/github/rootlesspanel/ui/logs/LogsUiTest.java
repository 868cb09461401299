package io.github.rootlesspanel.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.github.rootlesspanel.journal.Priority;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Logs screen on a real X server against the real journal of the throwaway user (systemd-journald started by
 * run-tests.sh). buildkit.service is a stand-in unit that writes one line per priority; its lines carry a fresh token,
 * as a recreated test user may read an earlier run's journal.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class LogsUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(15);
    static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);
    static final String UNIT = "buildkit.service";
    static final String TO_FILE = "rp-logs-tofile-" + TOKEN + ".service";
    static DbusUserManager manager;
    MainWindow window;

    @BeforeAll
    static void unitsThatLog() throws IOException {
        Files.createDirectories(TestUser.unitDir());
        Files.writeString(TestUser.unitDir().resolve(UNIT), "[Unit]\nDescription=Logs UI test stand-in\n[Service]\n"
                + "ExecStart=/bin/sh -c 'printf \"<3>failed " + TOKEN + "\\n<4>warned " + TOKEN + "\\n<6>told " + TOKEN
                + "\\n<7>debugged " + TOKEN + "\\n\"; exec sleep 600'\n");
        Files.writeString(TestUser.unitDir().resolve(TO_FILE), "[Service]\nExecStart=/bin/sleep 600\n"
                + "StandardOutput=file:%h/" + TOKEN + ".log\n");
        TestUser.systemctl("daemon-reload");
        TestUser.systemctl("start", UNIT);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void removeUnits() {
        manager.close();
        TestUser.removeUnit(UNIT);
        TestUser.removeUnit(TO_FILE);
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        Fx.closeAllWindows(robot);
    }

    TableView<LogRow> table(FxRobot robot) {
        return robot.lookup(".logs-table").queryAs(TableView.class);
    }

    Set<String> shownMessages(TableView<LogRow> table) {
        return Fx.read(() -> table.getItems().stream().map(LogRow::message).collect(Collectors.toSet()));
    }

    void awaitLines(FxRobot robot) {
        TableView<LogRow> table = table(robot);
        Fx.await(PROMPTLY, () -> table.getItems().stream().anyMatch(r -> r.message().equals("debugged " + TOKEN)),
                () -> "lines: " + table.getItems().stream().map(LogRow::message).toList());
    }

    @Test
    void theUnitsLinesShowWithTheirPriorityInWordsAndFilterAndSearchHideLines(FxRobot robot) {
        robot.interact(() -> window.controller().showLogs(UNIT, Optional.empty()));
        awaitLines(robot);
        TableView<LogRow> table = table(robot);

        // the priority column shows words on colours: find the rendered badge of the error line
        Fx.await(PROMPTLY, () -> table.lookupAll(".log-priority").stream().map(n -> (Label) n)
                .anyMatch(l -> l.getText().equals("Error") && l.getStyleClass().contains("tone-error")),
                () -> "no Error badge");
        assertThat(Fx.read(() -> table.getItems().stream().filter(r -> r.message().equals("warned " + TOKEN))
                .findFirst().orElseThrow().priorityText())).isEqualTo("Warning");

        // the priority filter: warning and worse
        @SuppressWarnings("unchecked")
        ComboBox<Priority> priority = robot.lookup("#priorityChoice").queryAs(ComboBox.class);
        robot.interact(() -> priority.setValue(Priority.WARNING));
        assertThat(shownMessages(table)).contains("failed " + TOKEN, "warned " + TOKEN)
                .doesNotContain("told " + TOKEN, "debugged " + TOKEN);
        TextField command = robot.lookup(".logs-command-text").queryAs(TextField.class);
        assertThat(Fx.<String>read(command::getText)).isEqualTo(
                "journalctl --user -u buildkit.service -o short-iso -n 500 -f --priority=warning");
        robot.interact(() -> priority.setValue(null));

        // search: Ctrl+F focuses the field, typing filters
        robot.interact(() -> {
            window.stage().requestFocus();
            table.requestFocus();
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        TextField search = robot.lookup("#searchField").queryAs(TextField.class);
        Fx.await(PROMPTLY, search::isFocused, () -> "search not focused");
        robot.write("debugged " + TOKEN);
        // (a test that restarts the unit may have run first: then the line is there twice)
        Fx.await(PROMPTLY, () -> table.getItems().stream().allMatch(r -> r.message().equals("debugged " + TOKEN)),
                () -> "rows: " + table.getItems().stream().map(LogRow::message).toList());
        assertThat(shownMessages(table)).containsExactly("debugged " + TOKEN);
        assertThat(Fx.read(() -> window.controller().logs().orElseThrow().hiddenText().get())).endsWith("hidden by the filter");
    }

    @Test
    void followingShowsANewLineAndStopsWhenTheScreenIsLeft(FxRobot robot) {
        robot.interact(() -> window.controller().showLogs(UNIT, Optional.empty()));
        awaitLines(robot);
        Fx.await(PROMPTLY, () -> journalctls() == 1, () -> journalctls() + " journalctl processes of the panel");

        TestUser.systemctl("restart", UNIT); // a new run of the unit writes its lines again, and systemd its own
        TableView<LogRow> table = table(robot);
        Fx.await(PROMPTLY, () -> table.getItems().stream().filter(r -> r.message().equals("failed " + TOKEN)).count() >= 2,
                () -> "no new lines");

        robot.interact(() -> window.stage().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL); // to the Overview
        Fx.await(PROMPTLY, () -> journalctls() == 0, () -> "journalctl still runs");
    }

    @Test
    void aUnitThatWritesToAFileSaysSoAndWhere(FxRobot robot) {
        TestUser.systemctl("start", TO_FILE);
        robot.interact(() -> window.controller().showLogs(TO_FILE, Optional.empty()));
        Label why = robot.lookup("#noJournalLabel").queryAs(Label.class);
        Path file = TestUser.home().resolve(TOKEN + ".log");
        Fx.await(PROMPTLY, () -> why.getText().contains(file.toString()), why::getText);
        assertThat(Fx.read(why::getText)).startsWith("No journal for the output of " + TO_FILE);
    }

    @Test
    void theKeyboardReachesEveryControlAndEachIsNamed(FxRobot robot) {
        robot.interact(() -> window.stage().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        Fx.await(PROMPTLY, () -> robot.lookup(".logs").tryQuery().isPresent(), () -> "Logs not shown");
        robot.interact(() -> window.controller().logs().orElseThrow().unitProperty().set(UNIT));
        awaitLines(robot);

        // the page opens with the focus on the journal lines; the walk comes back there
        assertThat(Fx.read(() -> window.stage().getScene().getFocusOwner().getId())).isEqualTo("table");
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, window.stage().getScene(), 60);

        assertThat(KeyboardWalk.unnamed(stops)).as("stops without a name: %s", stops).isEmpty();
        Set<String> ids = stops.stream().map(s -> s.node().getId()).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        assertThat(ids).as("stops %s", stops).contains("unitChoice", "priorityChoice", "bootCheck", "searchField",
                "copyAllButton", "commandField", "copyCommandButton", "logsNav");
        Parent root = robot.lookup(".logs").queryAs(Parent.class);
        assertThat(Fx.read(() -> Accessibility.unnamedControls(root))).isEmpty();
        // reading order after the table: its buttons, the command, then round to the toolbar
        List<String> order = stops.stream().map(s -> s.node().getId()).filter(id -> List.of("unitChoice",
                "searchField", "copyAllButton", "copyCommandButton").contains(id)).toList();
        assertThat(order).containsExactly("copyAllButton", "copyCommandButton", "unitChoice", "searchField");
    }

    @Test
    void screenshotsInLightAndDark(FxRobot robot) throws Exception {
        robot.interact(() -> window.controller().showLogs(UNIT, Optional.empty()));
        awaitLines(robot);
        robot.interact(() -> table(robot).getSelectionModel().clearAndSelect(1));
        Path light = Fx.screenshot(robot, window.stage().getScene().getRoot(), "logs-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Path dark = Fx.screenshot(robot, window.stage().getScene().getRoot(), "logs-dark");
        assertThat(light.toFile().length()).isGreaterThan(10_000);
        assertThat(dark.toFile().length()).isGreaterThan(10_000);
    }

    /** The panel's own journalctl children (this test JVM's descendants). */
    static long journalctls() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/journalctl")).orElse(false)).count();
    }
}
