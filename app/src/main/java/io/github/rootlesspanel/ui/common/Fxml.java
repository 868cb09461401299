package io.github.rootlesspanel.ui.common;

/** Every view in the top-level fxml/ folder. A renamed file fails here, at one place. */
public enum Fxml {
    MAIN_WINDOW("MainWindow.fxml"),
    OVERVIEW("Overview.fxml"),
    UNIT_CARD("UnitCard.fxml"),
    SETUP("Setup.fxml"),
    PLAN_DIALOG("PlanDialog.fxml"),
    ROOTLESSKIT("RootlessKit.fxml"),
    SNAPSHOTTERS("Snapshotters.fxml"),
    CONTAINERS("Containers.fxml"),
    NETWORK("Network.fxml"),
    LOGS("Logs.fxml"),
    PREFERENCES("Preferences.fxml"),
    ABOUT("About.fxml");

    private final String file;

    Fxml(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Classpath resource (the build copies fxml/ to /fxml). */
    public String resource() {
        return "/fxml/" + file;
    }
}
