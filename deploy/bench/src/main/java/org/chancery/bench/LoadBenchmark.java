package org.chancery.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chancery.local.LocalTokens;

/**
 * The load benchmark: a warm-up, the broker's own baseline, then either one run at a fixed rate or
 * steps of rising rate until a step breaks the limit (the sustainable throughput), written to
 * {@code docs/benchmarks.md} with every figure also as a ratio to the broker alone, and the
 * latency chart beside it.
 */
final class LoadBenchmark {

    /** Where the services are and what the benchmark asks of them. */
    record Target(String ministry, String audit, String bootstrap, LocalTokens tokens) {
    }

    /** A step holds when this share of the notices, at least, is accepted and acknowledged. */
    private static final double MIN_ACKNOWLEDGED = 0.99;
    private static final int WARMUP_RATE = 10;

    private final Target target;
    private final Path report;
    private final int warmupSeconds;
    /** The stack before the benchmark's first notice: idle, if it was. */
    private LoadRun.ProcessTable idle;

    LoadBenchmark(Target target, Path report, int warmupSeconds) {
        this.target = target;
        this.report = report;
        this.warmupSeconds = warmupSeconds;
    }

    /** One run at a fixed rate. */
    void single(int rate, int seconds) throws Exception {
        long hopBytes = warmUp();
        KafkaBaseline.Figures broker = baseline(hopBytes);
        System.out.printf("%d notices/s for %d s%n", rate, seconds);
        LoadRun.Result run = new LoadRun(target, rate, seconds, 50).run();
        StringBuilder md = header("Whole notices at a fixed rate",
                "make bench-load RATE=" + rate + " SECONDS=" + seconds);
        summary(md, List.of(run), Double.NaN);
        baselineTable(md, broker, run);
        details(md, run);
        write("load", md);
    }

    /** Rates in turn, until one breaks the limit; the last that held is the sustainable throughput. */
    void steps(List<Integer> rates, int seconds, double p99LimitMs) throws Exception {
        long hopBytes = warmUp();
        KafkaBaseline.Figures broker = baseline(hopBytes);
        List<LoadRun.Result> steps = new ArrayList<>();
        LoadRun.Result sustained = null;
        steps:
        for (int rate : rates) {
            // A step that breaks the limit is tried once more: one slow 20 s is not yet the limit.
            for (int attempt = 1; attempt <= 2; attempt++) {
                System.out.printf("step: %d notices/s for %d s%s%n", rate, seconds, attempt == 1 ? "" : ", once more");
                LoadRun.Result step = new LoadRun(target, rate, seconds, 10).run();
                steps.add(step);
                if (holds(step, p99LimitMs)) {
                    sustained = step;
                    continue steps;
                }
            }
            break;
        }
        StringBuilder md = header("Whole notices at rising rates: the sustainable throughput", "make bench-steps");
        md.append(String.format(Locale.ROOT, "Each step offers a fixed rate for %d s in an open loop; it holds when at "
                + "least %.0f%% of its notices are accepted and ACKNOWLEDGED within %d s of the last, with p99 from 202 "
                + "to ACKNOWLEDGED under %.0f ms. A step that breaks the limit is run once more; the steps stop at the first "
                + "rate that breaks it twice.%n%n", seconds,
                MIN_ACKNOWLEDGED * 100, 30, p99LimitMs));
        md.append(sustained == null
                ? "**Sustainable throughput: none of the steps held.**\n\n"
                : String.format(Locale.ROOT, "**Sustainable throughput: %d notices/s offered, %.1f/s acknowledged "
                        + "(%.0f hop records/s), p99 %.0f ms.**%n%n", sustained.rate(), sustained.throughput(),
                        sustained.hopsPerSecond(), sustained.endToEnd().percentileMs(0.99)));
        summary(md, steps, p99LimitMs);
        md.append("![202 to ACKNOWLEDGED against offered load](benchmarks-latency.svg)\n\n");
        LoadRun.Result shown = sustained != null ? sustained : steps.get(0);
        baselineTable(md, broker, shown);
        md.append("Details of the step at ").append(shown.rate()).append(" notices/s:\n\n");
        details(md, shown);
        Files.writeString(report.resolveSibling("benchmarks-latency.svg"), LatencyChart.svg(steps, p99LimitMs,
                "Chancery on " + Machine.cores() + " cores: 202 → ACKNOWLEDGED against offered load"));
        write("load-steps", md);
    }

    static boolean holds(LoadRun.Result step, double p99LimitMs) {
        return step.acknowledged() >= MIN_ACKNOWLEDGED * step.sent()
                && step.endToEnd().percentileMs(0.99) <= p99LimitMs;
    }

    /**
     * Notices at a modest rate first, unrecorded: the services' compilers, caches and pools are cold
     * after make run, and the first minute would measure them. Returns the mean size of a hop.
     */
    private long warmUp() throws Exception {
        idle = LoadRun.ProcessTable.read();
        if (warmupSeconds <= 0) {
            return 1500;
        }
        System.out.printf("warming up: %d notices/s for %d s (not recorded)%n", WARMUP_RATE, warmupSeconds);
        LoadRun.Result warm = new LoadRun(target, WARMUP_RATE, warmupSeconds, 0).run();
        return warm.meanHopBytes() > 0 ? warm.meanHopBytes() : 1500;
    }

    private KafkaBaseline.Figures baseline(long hopBytes) throws Exception {
        System.out.printf("the broker alone: ProducerPerformance and EndToEndLatency, %d-byte records%n", hopBytes);
        KafkaBaseline.Figures broker = new KafkaBaseline(target.bootstrap(), (int) hopBytes).measure();
        System.out.printf("  %.0f records/s, produce p99 %.0f ms; one record end to end p50 %.0f ms, p99 %.0f ms%n",
                broker.recordsPerSecond(), broker.produceP99Ms(), broker.endToEndP50Ms(), broker.endToEndP99Ms());
        return broker;
    }

    private StringBuilder header(String title, String command) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        md.append("Notices submitted over REST in an open loop (embassy, hotline and protecting-power routes in\n")
                .append("turn, each as its sending ministry), each followed to its receipt on `chancery.notices`, after a\n")
                .append("warm-up that is not recorded. Every process runs on this one machine, the benchmark too.\n")
                .append("\"Lag at end\" is read as the last receipt arrives: it counts records processed but not yet\n")
                .append("committed (offsets are committed every 5 s), and the audit's share, which follows the receipts.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append("\n");
        md.append("- Commit: ").append(Machine.commit()).append("\n");
        md.append("- Command: `").append(command).append("` (with `make run` up)\n");
        md.append(String.format(Locale.ROOT, "- The stack before the first notice: %d MB PSS (%d MB RSS, which counts "
                + "shared pages once per process)%n%n", idle.totalPssMb(), idle.totalRssMb()));
        return md;
    }

    private static void summary(StringBuilder md, List<LoadRun.Result> runs, double p99LimitMs) {
        md.append("| offered | sent | answers | acknowledged | throughput | 202→ACK p50 | p90 | p99 | max | ingress p99 "
                + "| audit sample verified | lag at end |").append(Double.isNaN(p99LimitMs) ? "" : " held |").append("\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|").append(Double.isNaN(p99LimitMs) ? "" : "---|")
                .append("\n");
        for (LoadRun.Result r : runs) {
            md.append(String.format(Locale.ROOT, "| %d/s for %d s | %d | %s | %d | %.1f/s | %s | %s | %s | %s | %s | "
                            + "%d of %d | %d records |", r.rate(), r.seconds(), r.sent(), r.answers(), r.acknowledged(),
                    r.throughput(), ms(r.endToEnd().percentileMs(0.5)), ms(r.endToEnd().percentileMs(0.9)),
                    ms(r.endToEnd().percentileMs(0.99)), ms(r.endToEnd().maxMs()), ms(r.ingress().percentileMs(0.99)),
                    r.verified(), r.sampled(), r.lag()));
            md.append(Double.isNaN(p99LimitMs) ? "" : holds(r, p99LimitMs) ? " yes |" : " **no** |").append("\n");
        }
        md.append("\n");
    }

    private static void baselineTable(StringBuilder md, KafkaBaseline.Figures broker, LoadRun.Result run) {
        double perHopP50 = run.perHop().values().stream().mapToDouble(l -> l.percentileMs(0.5)).average().orElse(Double.NaN);
        md.append(String.format(Locale.ROOT, "The broker alone, in the same run (kafka-tools %s against the same broker, "
                + "%d-byte records like a hop, on a topic with the hop topics' partitions and replicas):%n%n",
                org.apache.kafka.common.utils.AppInfoParser.getVersion(), broker.recordSize()));
        md.append("| figure | the broker alone | Chancery | Chancery ÷ broker |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| records per second (ProducerPerformance, acks=all, as fast as it can) | "
                        + "%.0f records/s (%.1f MB/s) | %.0f hop records/s (%.1f notices/s at %d/s offered) | %s |%n",
                broker.recordsPerSecond(), broker.mbPerSecond(), run.hopsPerSecond(), run.throughput(), run.rate(),
                ratio(run.hopsPerSecond(), broker.recordsPerSecond())));
        md.append(String.format(Locale.ROOT, "| one record produced and consumed, p50 (EndToEndLatency, %d round trips) "
                        + "| %s | one hop after its parent: %s | %s |%n", broker.roundTrips(), ms(broker.endToEndP50Ms()),
                ms(perHopP50), ratio(perHopP50, Math.max(broker.endToEndAvgMs(), 0.001))));
        md.append(String.format(Locale.ROOT, "| one record produced and consumed, p99 | %s | 202 → ACKNOWLEDGED p99 (a "
                        + "chain of 5 to 7 hops): %s | %s |%n%n", ms(broker.endToEndP99Ms()),
                ms(run.endToEnd().percentileMs(0.99)), ratio(run.endToEnd().percentileMs(0.99), broker.endToEndP99Ms())));
        md.append(String.format(Locale.ROOT, "(The hop ratio is against the broker's mean round trip, %.2f ms; its "
                + "percentiles are whole milliseconds.)%n%n", broker.endToEndAvgMs()));
    }

    private static void details(StringBuilder md, LoadRun.Result run) {
        md.append("| latency | count | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        row(md, "ingress: POST to 202", run.ingress());
        row(md, "202 to ACKNOWLEDGED", run.endToEnd());
        run.perHop().forEach((type, hops) -> row(md, "hop `" + type + "` (after its parent)", hops));
        md.append("\n| process | CPU, from the first notice to the last receipt | memory (PSS) at end |\n|---|---|---|\n");
        long totalMb = 0;
        for (String name : run.after().names()) {
            totalMb += run.after().rssMb(name);
            md.append(String.format(Locale.ROOT, "| %s | %.0f%% of a core | %d MB |%n", name,
                    100.0 * (run.after().cpuNanos(name) - run.before().cpuNanos(name)) / run.drainedNanos(),
                    run.after().rssMb(name)));
        }
        md.append(String.format(Locale.ROOT, "| all of the stack | | %d MB |%n", totalMb));
    }

    private static void row(StringBuilder md, String what, Latencies latencies) {
        synchronized (latencies) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", what, latencies.count(),
                    ms(latencies.percentileMs(0.5)), ms(latencies.percentileMs(0.9)), ms(latencies.percentileMs(0.99)),
                    ms(latencies.maxMs())));
        }
    }

    private static String ms(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String ratio(double ours, double broker) {
        return Double.isNaN(ours) || broker <= 0 ? "–" : String.format(Locale.ROOT, "%.3g×", ours / broker);
    }

    private void write(String section, StringBuilder md) throws Exception {
        String body = md.toString();
        System.out.println();
        System.out.println(body);
        Report.replaceSection(report, section, body);
        System.out.println("written to " + report);
    }

    static List<Integer> rates(String spec) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : spec.split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        return rates;
    }
}
