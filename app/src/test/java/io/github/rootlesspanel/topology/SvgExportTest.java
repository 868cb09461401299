package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;

/** The SVG export parses as XML and shows what the layout holds. */
class SvgExportTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document d, String tag) {
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void wellFormedWithEveryBoxTitleAndTheSixSteps() throws Exception {
        for (Topology t : List.of(TopologyFixtures.nonDetach(LayoutsTest.THREE),
                TopologyFixtures.detach(LayoutsTest.THREE),
                TopologyFixtures.build(Topology.Mode.DETACH_NETNS, Topology.Health.CONTAINERD_INACTIVE, List.of()))) {
            Layout l = Layouts.of(t);
            Document d = parse(SvgExport.of(l));
            Element root = d.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(root.getAttribute("width")).isEqualTo(SvgExport.n(l.width()));
            List<String> visible = texts(d, "text");
            for (Box b : l.boxes()) {
                assertThat(visible).as("title of %s drawn", b.key()).contains(b.title());
            }
            assertThat(visible).containsAll(Layouts.STEP_LABELS);
            assertThat(visible).contains("tap0 10.0.2.100/24", "Legend");
            // the numbered arrows themselves, with their labels as tooltips
            assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "marker").getLength()).isEqualTo(1);
            List<String> tooltips = texts(d, "title");
            assertThat(tooltips).containsAll(Layouts.STEP_LABELS);
            assertThat(tooltips).anySatisfy(s -> assertThat(s).startsWith("tap0 10.0.2.100/24").contains("MTU: 65520"));
        }
    }

    @Test
    void stepsCanBeLeftOutButStayInTheLegend() throws Exception {
        Layout l = Layouts.of(TopologyFixtures.detach(LayoutsTest.THREE));
        String without = SvgExport.of(l, false);
        assertThat(without).doesNotContain("class=\"step\"");
        assertThat(texts(parse(without), "text")).containsAll(Layouts.STEP_LABELS);
        assertThat(SvgExport.of(l)).contains("class=\"step\"");
    }

    @Test
    void bypassLinksAreDashedAndGreyedBoxesFaded() throws Exception {
        Layout l = Layouts.of(TopologyFixtures.nonDetach(LayoutsTest.THREE));
        Document d = parse(SvgExport.of(l));
        NodeList lines = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        int bypass = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            Element e = (Element) lines.item(i);
            if (e.getAttribute("class").equals("link bypass")) {
                bypass++;
                assertThat(e.getAttribute("stroke-dasharray")).isNotEmpty();
                assertThat(e.getAttribute("stroke")).isEqualTo("#e65100");
            } else if (e.getAttribute("class").equals("link veth")) {
                assertThat(e.getAttribute("stroke-dasharray")).isEmpty();
            }
        }
        assertThat(bypass).isEqualTo(1);

        String grey = SvgExport.of(Layouts.of(TopologyFixtures.build(Topology.Mode.CHILD_NETNS,
                Topology.Health.STALE_STATE_DIR, List.of("web"))));
        assertThat(grey).contains("stale state dir").contains("fill=\"#eeeeee\"");
    }

    @Test
    void namesAreEscaped() throws Exception {
        Topology t = TopologyFixtures.detach(List.of("a<b&\"c'\u0001"));
        Document d = parse(SvgExport.of(Layouts.of(t)));
        assertThat(texts(d, "text")).contains("a<b&\"c'");
        assertThat(Layouts.of(t).boxes()).anyMatch(b -> b.kind() == BoxKind.CONTAINER_NETNS);
    }

    @Test
    void fiveHundredContainersStillParse() throws Exception {
        Layout l = Layouts.of(TopologyFixtures.detach(TopologyFixtures.names(500)));
        Document d = parse(SvgExport.of(l));
        assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength())
                .isGreaterThanOrEqualTo(l.boxes().size() + l.ports().size());
    }
}
