package dev.bazaar.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** results.svg from made-up windows: well-formed XML, with its title, axes, series and reference lines labelled. */
class BenchChartTest {

    private static final List<BenchChart.Point> WINDOWS = List.of(
            new BenchChart.Point(10, 10.0, 21.5, 48.0, true),
            new BenchChart.Point(150, 148.7, 35.2, 96.4, true),
            new BenchChart.Point(400, 231.0, 8200, 21000, false));

    @Test
    void chartIsWellFormedSvgWithItsLabels() throws Exception {
        String svg = BenchChart.svg("Bazaar benchmark, 2025-01-01T00:00:00Z: throughput and saga latency",
                "2 cores (Test CPU <R> & co), 7.50 GiB, Test VM 21", WINDOWS, 512.4);

        Document document = parse(svg);

        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(3);
        assertThat(document.getElementsByTagName("circle").getLength()).isGreaterThanOrEqualTo(9);
        assertThat(document.getDocumentElement().getTextContent())
                .contains("Bazaar benchmark, 2025-01-01T00:00:00Z", "2 cores (Test CPU <R> & co)",
                        "ceiling (PostgreSQL + RabbitMQ alone) 512/s", "peer: Debezium saga example ~100/s",
                        "offered load, orders/s (open loop)", "completed orders/s", "saga latency, ms (log scale)",
                        "saga p50, ms (right axis)", "saga p99, ms (right axis)", "400/s offered: completed 231/s");
        assertThat(svg).doesNotContain("NaN", "Infinity");
    }

    @Test
    void ceilingFarAboveTheMeasuredRatesIsNamedInsteadOfDrawn() throws Exception {
        String text = parse(BenchChart.svg("title", "machine", WINDOWS, 5000)).getDocumentElement()
                .getTextContent();

        assertThat(text).contains("ceiling (PostgreSQL + RabbitMQ alone) 5000/s, above this scale");
    }

    @Test
    void windowWithoutConfirmedOrdersAndNoCeilingStillRender() throws Exception {
        List<BenchChart.Point> windows = List.of(new BenchChart.Point(10, 9.9, 20, 40, true),
                new BenchChart.Point(20, 0, Double.NaN, Double.NaN, false));

        String svg = BenchChart.svg("title", "machine", windows, Double.NaN);

        assertThat(parse(svg).getDocumentElement().getTextContent()).doesNotContain("ceiling")
                .contains("peer: Debezium saga example ~100/s");
        assertThat(svg).doesNotContain("NaN", "Infinity");
        assertThat(parse(BenchChart.svg("title", "machine", List.of(), Double.NaN)).getDocumentElement()
                .getTextContent()).contains("no open-loop windows");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }
}
