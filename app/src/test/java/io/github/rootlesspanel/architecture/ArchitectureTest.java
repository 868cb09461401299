package io.github.rootlesspanel.architecture;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

class ArchitectureTest {

    private static final String BASE = "io.github.rootlesspanel";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // The rules only need the names of the classes our code depends on, not their class files; resolving
        // them (all of JavaFX, dbus-java, Jackson) from the class path would take seconds.
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter()
                    .withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages(BASE);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void mainClassesWereImported() {
        // guards every rule below against passing vacuously on an empty import
        assertThat(classes.contain(BASE + ".systemd.DbusUserManager")).isTrue();
        assertThat(classes.contain(BASE + ".ui.common.FxThread")).isTrue();
        assertThat(classes.contain(BASE + ".cli.Cli")).isTrue();
    }

    @Test
    void onlyTheSystemdPackageTalksDbus() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(BASE + ".systemd..", BASE + ".desktop..")
                .should().dependOnClassesThat().resideInAnyPackage("org.freedesktop.dbus..", "org.freedesktop.systemd1..")
                .because("UserManager (and, for the session's notifications and portal, the desktop package) is the one port behind which D-Bus lives; the UI and the command line "
                        + "see records and enums, never dbus-java types");
        rule.check(classes);
    }

    @Test
    void onlyTheUiAndTheEntryPointsUseJavafx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + ".ui..")
                .and().haveNameNotMatching("io\\.github\\.rootlesspanel\\.(App|Main)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the systemd client, the setup model and the command line must run without a JavaFX "
                        + "toolkit (the CLI is used in scripts and over ssh)");
        rule.check(classes);
    }

    @Test
    void viewModelsDoNotDependOnTheSceneGraph() {
        ArchRule rule = noClasses().that().haveNameMatching(".*ViewModel(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("view models hold properties and logic only, so they are tested without a toolkit; "
                        + "nodes belong to controllers");
        rule.check(classes);
    }

    @Test
    void theCommandLineDoesNotDependOnTheUi() {
        ArchRule rule = noClasses().that().resideInAPackage(BASE + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".ui..")
                .because("the command line must work without the window's code (and its toolkit)");
        rule.check(classes);
    }

    @Test
    void nothingUsesAwt() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("java.awt..")
                .because("the panel is a JavaFX application; AWT would start a second toolkit");
        rule.check(classes);
    }

    @Test
    void onlyFxThreadHopsOntoTheFxThread() {
        ArchRule rule = noClasses().that().haveNameNotMatching("io\\.github\\.rootlesspanel\\.ui\\.common\\.FxThread(\\$.*)?")
                .should().callMethod("javafx.application.Platform", "runLater", Runnable.class.getName())
                .orShould().accessTargetWhere(target(owner(name("javafx.application.Platform")))
                        .and(target(name("runLater"))))
                .because("FxThread is the one place where work crosses to the JavaFX application thread; "
                        + "everything else goes through its executor (or TaskRunner) so tests can run it directly");
        rule.check(classes);
    }
}
