package dev.bazaar.e2e.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * results.svg, written as plain SVG text: completed orders/s (left axis) and saga p50 and p99 (right axis) against
 * the offered load of the open-loop windows, with the machine's ceiling and a peer's published rate as dashed
 * reference lines. Latency is on a log scale: it runs from tens of milliseconds to tens of seconds once a backlog
 * grows, and a linear axis would flatten every bounded window onto its floor.
 */
final class BenchChart {

    /** The throughput the Debezium outbox/saga example reaches, the nearest published peer. */
    static final double PEER_ORDERS_PER_SECOND = 100;
    static final String PEER_LABEL = "peer: Debezium saga example ~100/s";
    static final String CEILING_LABEL = "ceiling (PostgreSQL + RabbitMQ alone) ";

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 90;
    private static final int TOP = 70;
    /** Room for the tick labels, the axis title and the legend's two rows under the plot. */
    private static final int BOTTOM = 100;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String THROUGHPUT = "#1f77b4";
    private static final String P50 = "#ff7f0e";
    private static final String P99 = "#d62728";
    private static final String CEILING = "#2ca02c";
    private static final String PEER = "#7f4fbf";
    private static final String GRID = "#e4e4e4";
    /** Keeps a label readable where a line crosses it: a white outline drawn under the glyphs. */
    private static final String HALO = " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"";

    /** One open-loop window: offered and completed orders/s, saga p50 and p99 in ms (NaN: no order confirmed). */
    record Point(double offeredPerSecond, double completedPerSecond, double sagaP50Millis, double sagaP99Millis,
            boolean bounded) {
    }

    private BenchChart() {
    }

    /** The open-loop windows, offered load being the window's target arrival rate. */
    static List<Point> points(List<WindowResult> windows) {
        return windows.stream().filter(w -> w.mode().equals("open") && w.targetRate() != null)
                .map(w -> new Point(w.targetRate(), w.completedPerSecond(), w.saga().p50(), w.saga().p99(),
                        w.bounded()))
                .toList();
    }

    /**
     * The chart as an SVG document. {@code ceilingPerSecond} NaN: no ceiling line (the ceiling was not measured).
     */
    static String svg(String title, String subtitle, List<Point> points, double ceilingPerSecond) {
        List<Point> sorted = points.stream().sorted(Comparator.comparingDouble(Point::offeredPerSecond)).toList();
        double offeredMax = max(sorted, Point::offeredPerSecond, 10);
        double top = Math.max(Math.max(offeredMax, max(sorted, Point::completedPerSecond, 0)),
                PEER_ORDERS_PER_SECOND);
        boolean ceilingKnown = Double.isFinite(ceilingPerSecond) && ceilingPerSecond > 0;
        // a ceiling far above the measured rates would flatten the throughput curve: it is named at the top instead
        boolean ceilingOnScale = ceilingKnown && ceilingPerSecond <= 2 * top;
        if (ceilingOnScale) {
            top = Math.max(top, ceilingPerSecond);
        }
        double xStep = step(offeredMax);
        double xMax = Math.ceil(offeredMax / xStep) * xStep;
        double yStep = step(top * 1.05);
        double yMax = Math.ceil(top * 1.05 / yStep) * yStep;

        List<Double> latencies = new ArrayList<>();
        for (Point point : sorted) {
            for (double millis : new double[] {point.sagaP50Millis(), point.sagaP99Millis()}) {
                if (Double.isFinite(millis) && millis > 0) {
                    latencies.add(millis);
                }
            }
        }
        double low = latencies.stream().mapToDouble(Double::doubleValue).min().orElse(10);
        double high = latencies.stream().mapToDouble(Double::doubleValue).max().orElse(1000);
        int lowDecade = (int) Math.floor(Math.log10(Math.max(1, low)));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(1, high))));

        DoubleUnaryOperator x = value -> LEFT + value / xMax * PLOT_WIDTH;
        DoubleUnaryOperator yLeft = value -> TOP + PLOT_HEIGHT - value / yMax * PLOT_HEIGHT;
        DoubleUnaryOperator yRight = value -> TOP + PLOT_HEIGHT - (Math.log10(Math.max(value, Math.pow(10,
                lowDecade))) - lowDecade) / (highDecade - lowDecade) * PLOT_HEIGHT;

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "<defs><clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                + "height=\"%d\"/></clipPath></defs>%n", LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH,
                HEIGHT));
        text(svg, WIDTH / 2.0, 26, "middle", "font-size=\"15\" font-weight=\"bold\"", title);
        text(svg, WIDTH / 2.0, 46, "middle", "font-size=\"11\" fill=\"#555555\"", subtitle);

        // grid and ticks: offered load below, orders/s on the left, latency decades on the right
        for (int i = 0; i * xStep <= xMax + xStep / 2; i++) {
            double tick = i * xStep;
            double at = x.applyAsDouble(tick);
            line(svg, at, TOP, at, TOP + PLOT_HEIGHT, GRID, 1, null);
            text(svg, at, TOP + PLOT_HEIGHT + 16, "middle", null, number(tick));
        }
        for (int i = 0; i * yStep <= yMax + yStep / 2; i++) {
            double tick = i * yStep;
            double at = yLeft.applyAsDouble(tick);
            line(svg, LEFT, at, LEFT + PLOT_WIDTH, at, GRID, 1, null);
            text(svg, LEFT - 8, at + 4, "end", null, number(tick));
        }
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double at = yRight.applyAsDouble(Math.pow(10, decade));
            line(svg, LEFT + PLOT_WIDTH, at, LEFT + PLOT_WIDTH + 5, at, "#333333", 1, null);
            text(svg, LEFT + PLOT_WIDTH + 8, at + 4, "start", null, number(Math.pow(10, decade)));
        }
        line(svg, LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT, "#333333", 1, null);
        line(svg, LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#333333", 1, null);
        line(svg, LEFT + PLOT_WIDTH, TOP, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT, "#333333", 1, null);
        text(svg, LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT + 36, "middle", null,
                "offered load, orders/s (open loop)");
        verticalText(svg, 22, TOP + PLOT_HEIGHT / 2.0, "completed orders/s");
        verticalText(svg, WIDTH - 18, TOP + PLOT_HEIGHT / 2.0, "saga latency, ms (log scale)");

        // completed = offered: where the curve leaves this line, the system stopped keeping up
        double diagonal = Math.min(xMax, yMax);
        line(svg, x.applyAsDouble(0), yLeft.applyAsDouble(0), x.applyAsDouble(diagonal),
                yLeft.applyAsDouble(diagonal), "#999999", 1, "2 3");

        // reference lines, labelled at opposite ends so that they never overlap each other
        double peerAt = yLeft.applyAsDouble(PEER_ORDERS_PER_SECOND);
        line(svg, LEFT, peerAt, LEFT + PLOT_WIDTH, peerAt, PEER, 1.5, "6 4");
        text(svg, LEFT + 6, peerAt - 5, "start", "fill=\"" + PEER + "\"" + HALO, PEER_LABEL);
        if (ceilingOnScale) {
            double ceilingAt = yLeft.applyAsDouble(ceilingPerSecond);
            line(svg, LEFT, ceilingAt, LEFT + PLOT_WIDTH, ceilingAt, CEILING, 1.5, "6 4");
            text(svg, LEFT + PLOT_WIDTH - 6, ceilingAt - 5, "end", "fill=\"" + CEILING + "\"" + HALO,
                    CEILING_LABEL + BenchReport.fmt(ceilingPerSecond) + "/s");
        } else if (ceilingKnown) {
            text(svg, LEFT + PLOT_WIDTH - 6, TOP + 14, "end", "fill=\"" + CEILING + "\"" + HALO,
                    "\u2191 " + CEILING_LABEL + BenchReport.fmt(ceilingPerSecond) + "/s, above this scale");
        }

        series(svg, sorted, Point::completedPerSecond, x, yLeft, THROUGHPUT, 2.5, 4, "completed ", "/s");
        series(svg, sorted, Point::sagaP50Millis, x, yRight, P50, 1.5, 3, "saga p50 ", " ms");
        series(svg, sorted, Point::sagaP99Millis, x, yRight, P99, 1.5, 3, "saga p99 ", " ms");
        if (sorted.isEmpty()) {
            text(svg, LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0, "middle", null, "no open-loop windows");
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * One line over the offered load with a marker per window (its value as a tooltip); a window without a value
     * (NaN) breaks the line. A hollow marker: the window's backlog was not bounded.
     */
    private static void series(StringBuilder svg, List<Point> points, ToDoubleFunction<Point> yValue,
            DoubleUnaryOperator x, DoubleUnaryOperator y, String color, double width, double radius, String name,
            String unit) {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (Point point : points) {
            double value = yValue.applyAsDouble(point);
            if (!Double.isFinite(value)) {
                drawing = false;
                continue;
            }
            path.append(drawing ? " L" : " M").append(coordinate(x.applyAsDouble(point.offeredPerSecond())))
                    .append(' ').append(coordinate(y.applyAsDouble(value)));
            drawing = true;
        }
        if (!path.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
                    + "stroke-linejoin=\"round\" clip-path=\"url(#plot)\"/>%n", path.toString().trim(), color, width));
        }
        for (Point point : points) {
            double value = yValue.applyAsDouble(point);
            if (Double.isFinite(value)) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%.1f\" fill=\"%s\" "
                        + "stroke=\"%s\" stroke-width=\"1.5\"><title>%s</title></circle>%n",
                        coordinate(x.applyAsDouble(point.offeredPerSecond())), coordinate(y.applyAsDouble(value)),
                        radius, point.bounded() ? color : "#ffffff", color, escape(number(point.offeredPerSecond())
                                + "/s offered: " + name + BenchReport.fmt(value) + unit
                                + (point.bounded() ? "" : " (backlog not bounded)"))));
            }
        }
    }

    /** Under the axis title, two rows: the three series, then the diagonal and the hollow marker. */
    private static void legend(StringBuilder svg) {
        double row = TOP + PLOT_HEIGHT + 62;
        legendLine(svg, LEFT, row, THROUGHPUT, 2.5, null, "completed orders/s (left axis)");
        legendLine(svg, LEFT + 290, row, P50, 1.5, null, "saga p50, ms (right axis)");
        legendLine(svg, LEFT + 560, row, P99, 1.5, null, "saga p99, ms (right axis)");
        row += 20;
        legendLine(svg, LEFT, row, "#999999", 1, "2 3", "completed = offered");
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"4.0\" fill=\"#ffffff\" "
                + "stroke=\"%s\" stroke-width=\"1.5\"/>%n", coordinate(LEFT + 305), coordinate(row - 4),
                THROUGHPUT));
        text(svg, LEFT + 328, row, "start", null, "hollow marker: backlog not bounded");
    }

    private static void legendLine(StringBuilder svg, double left, double row, String color, double width,
            String dashes, String label) {
        line(svg, left, row - 4, left + 30, row - 4, color, width, dashes);
        text(svg, left + 38, row, "start", null, label);
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String color,
            double width, String dashes) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"%s/>%n", coordinate(x1), coordinate(y1), coordinate(x2), coordinate(y2), color,
                width, dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\""));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\"%s>%s</text>%n",
                coordinate(x), coordinate(y), anchor, attributes == null ? "" : " " + attributes, escape(text)));
    }

    private static void verticalText(StringBuilder svg, double x, double y, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 %s %s)\">%s</text>%n", coordinate(x), coordinate(y), coordinate(x),
                coordinate(y), escape(text)));
    }

    /** A tick step of 1, 2 or 5 times a power of ten giving at most about eight intervals up to {@code max}. */
    static double step(double max) {
        double raw = Math.max(max, 1e-9) / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        return (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    }

    private static double max(List<Point> points, ToDoubleFunction<Point> value, double fallback) {
        return points.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(fallback);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A tick label: whole numbers without decimals, steps below 1 with up to two (0.25, 0.5). */
    private static String number(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-6) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
