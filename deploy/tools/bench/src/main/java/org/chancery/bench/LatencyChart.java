package org.chancery.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * An SVG chart of the 202-to-ACKNOWLEDGED percentiles against offered load, on a logarithmic
 * latency axis, with the limit the step benchmark holds each step to.
 */
final class LatencyChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#d62728"};

    private LatencyChart() {
    }

    static String svg(List<LoadRun.Result> runs, double limitMs, String caption) {
        // A rate run twice is drawn by its second run, the one that decided.
        Map<Integer, LoadRun.Result> byRate = new TreeMap<>();
        runs.forEach(run -> byRate.put(run.rate(), run));
        List<LoadRun.Result> steps = List.copyOf(byRate.values());
        double maxRate = steps.stream().mapToInt(LoadRun.Result::rate).max().orElse(1);
        double minMs = 1;
        double maxMs = Math.max(limitMs * 10, steps.stream().mapToDouble(s -> s.endToEnd().maxMs()).filter(d -> !Double.isNaN(d))
                .max().orElse(limitMs));
        double decades = Math.ceil(Math.log10(maxMs / minMs));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, "middle", 14, caption));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        DoubleUnaryOperator x = rate -> LEFT + plotWidth * rate / maxRate;
        DoubleUnaryOperator y = ms -> TOP + plotHeight
                * (1 - Math.log10(Math.max(minMs, ms) / minMs) / decades);
        for (int d = 0; d <= decades; d++) {
            double ms = minMs * Math.pow(10, d);
            svg.append(line(LEFT, y.applyAsDouble(ms), LEFT + plotWidth, y.applyAsDouble(ms), "#ddd", ""));
            svg.append(text(LEFT - 6, y.applyAsDouble(ms) + 4, "end", 12, ms >= 1000 ? (long) (ms / 1000) + " s" : (long) ms + " ms"));
        }
        for (LoadRun.Result step : steps) {
            double px = x.applyAsDouble(step.rate());
            svg.append(line(px, TOP + plotHeight, px, TOP + plotHeight + 5, "#333", ""));
            svg.append(text(px, TOP + plotHeight + 18, "middle", 12, String.valueOf(step.rate())));
        }
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#333", ""));
        svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "#333", ""));
        svg.append(text(LEFT + plotWidth / 2, HEIGHT - 12, "middle", 12, "offered load (notices/s, open loop)"));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "202 → ACKNOWLEDGED</text>%n", TOP + plotHeight / 2));
        svg.append(line(LEFT, y.applyAsDouble(limitMs), LEFT + plotWidth, y.applyAsDouble(limitMs), "#555", "6 4"));
        svg.append(text(LEFT + plotWidth + 8, y.applyAsDouble(limitMs) + 4, "start", 12,
                String.format(Locale.ROOT, "limit: p99 %.0f ms", limitMs)));
        for (int q = 0; q < QUANTILES.length; q++) {
            StringBuilder points = new StringBuilder();
            for (LoadRun.Result step : steps) {
                double ms = step.endToEnd().percentileMs(QUANTILES[q]);
                if (!Double.isNaN(ms)) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(step.rate()), y.applyAsDouble(ms)));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    COLOURS[q], points.toString().trim()));
            double ly = TOP + 16 + 18 * q;
            svg.append(line(LEFT + plotWidth + 8, ly - 4, LEFT + plotWidth + 28, ly - 4, COLOURS[q], ""));
            svg.append(text(LEFT + plotWidth + 34, ly, "start", 12, "p" + Math.round(QUANTILES[q] * 100)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String anchor, int size, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, text.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
