package io.github.rootlesspanel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import io.github.rootlesspanel.ui.common.Fxml;

/** The views in fxml/ and the code that loads them agree: file names, controller classes, fx:id fields, handlers. */
class FxmlConsistencyTest {

    private static final String FX_NAMESPACE_PREFIX = "http://javafx.com/fxml";

    private static Path fxmlDir() {
        String projectDir = System.getProperty("rp.project.dir");
        Path base = projectDir == null || projectDir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(projectDir);
        Path dir = base.resolve("fxml");
        assertThat(dir).as("fxml folder").isDirectory();
        return dir;
    }

    private static List<Path> fxmlFiles() throws IOException {
        try (Stream<Path> s = Files.list(fxmlDir())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** An FXML file, reduced to what must agree with the code. */
    private record View(String file, String controller, List<String> ids, List<String> handlers) { }

    private static View read(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(file.toFile());
        String controller = null;
        List<String> ids = new ArrayList<>();
        List<String> handlers = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            NamedNodeMap attrs = e.getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                Attr a = (Attr) attrs.item(j);
                String ns = a.getNamespaceURI();
                String local = a.getLocalName() != null ? a.getLocalName() : a.getName();
                boolean fx = ns != null && ns.startsWith(FX_NAMESPACE_PREFIX);
                if (fx && local.equals("controller")) {
                    controller = a.getValue();
                } else if (fx && local.equals("id")) {
                    ids.add(a.getValue());
                } else if (ns == null && local.startsWith("on") && a.getValue().startsWith("#")) {
                    handlers.add(a.getValue().substring(1));
                }
            }
        }
        return new View(file.getFileName().toString(), controller, ids, handlers);
    }

    private static List<View> views() throws Exception {
        List<View> views = new ArrayList<>();
        for (Path p : fxmlFiles()) {
            views.add(read(p));
        }
        return views;
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, FxmlConsistencyTest.class.getClassLoader());
    }

    private static boolean hasField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field fld : c.getDeclaredFields()) {
                if (fld.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                // FXMLLoader only sees a handler that is public or annotated @FXML
                if (m.getName().equals(name) && m.getParameterCount() <= 1
                        && (java.lang.reflect.Modifier.isPublic(m.getModifiers())
                                || m.isAnnotationPresent(javafx.fxml.FXML.class))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyFileInTheFxmlFolderIsListedInFxmlAndViceVersa() throws IOException {
        Set<String> onDisk = fxmlFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = Arrays.stream(Fxml.values()).map(Fxml::file)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(onDisk).as("files in fxml/").isNotEmpty();
        assertThat(onDisk).as("files in fxml/ vs Fxml enum").isEqualTo(listed);
    }

    @Test
    void everyListedViewIsOnTheClasspath() {
        for (Fxml v : Fxml.values()) {
            assertThat(FxmlConsistencyTest.class.getResource(v.resource())).as(v.resource()).isNotNull();
        }
    }

    @Test
    void everyControllerClassExists() throws Exception {
        List<String> missing = new ArrayList<>();
        int controllers = 0;
        for (View v : views()) {
            if (v.controller() == null) {
                continue;
            }
            controllers++;
            try {
                load(v.controller());
            } catch (ClassNotFoundException e) {
                missing.add(v.file() + ": " + v.controller());
            }
        }
        assertThat(controllers).as("views with an fx:controller").isPositive();
        assertThat(missing).as("fx:controller classes that do not exist").isEmpty();
    }

    @Test
    void viewsThatNameNodesOrHandlersHaveAController() throws Exception {
        for (View v : views()) {
            if (!v.ids().isEmpty() || !v.handlers().isEmpty()) {
                assertThat(v.controller()).as("%s has fx:id or #handlers but no fx:controller", v.file()).isNotNull();
            }
        }
    }

    @Test
    void everyFxIdHasAFieldInTheController() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (View v : views()) {
            if (v.controller() == null) {
                continue;
            }
            Class<?> c = load(v.controller());
            checked += v.ids().size();
            for (String id : v.ids()) {
                if (!hasField(c, id)) {
                    missing.add(v.file() + ": fx:id=\"" + id + "\" has no field in " + c.getName());
                }
            }
        }
        assertThat(checked).as("fx:ids found (guards against a parse that finds nothing)").isPositive();
        assertThat(missing).isEmpty();
    }

    @Test
    void everyEventHandlerIsAMethodOfTheController() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (View v : views()) {
            if (v.controller() == null) {
                continue;
            }
            Class<?> c = load(v.controller());
            checked += v.handlers().size();
            for (String h : v.handlers()) {
                if (!hasMethod(c, h)) {
                    missing.add(v.file() + ": #" + h + " has no method in " + c.getName());
                }
            }
        }
        assertThat(checked).as("#handlers found (guards against a parse that finds nothing)").isPositive();
        assertThat(missing).isEmpty();
    }
}
