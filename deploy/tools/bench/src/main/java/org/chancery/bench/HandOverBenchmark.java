package org.chancery.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What handing a hop on once and only once costs, beside a relay that may hand it on twice: the
 * bare relay chain with each {@link RelayBaseline.HandOver}, alternating, at one rate, on the
 * running stack's broker and database. It weighs the services' inbox and outbox against Kafka's
 * transactions before either is built into a service.
 */
final class HandOverBenchmark {

    /** How long the stack's background is measured before each run, to be taken off the run's figures. */
    private static final int BACKGROUND_SECONDS = 15;

    private final Map<String, Object> kafka;
    private final RelayBaseline.Database database;
    private final StackMetrics metrics;
    private final int hops;
    private final int recordSize;
    private final Path report;

    HandOverBenchmark(Map<String, Object> kafka, RelayBaseline.Database database, StackMetrics metrics, int hops,
            int recordSize, Path report) {
        this.kafka = kafka;
        this.database = database;
        this.metrics = metrics;
        this.hops = hops;
        this.recordSize = recordSize;
        this.report = report;
    }

    /** A run of one hand-over, net of what the stack did meanwhile without it. */
    private record Run(RelayBaseline.HandOver handOver, Latencies latency, Map<String, Double> cpuMsPerChain,
            double commitsPerChain, double walBytesPerChain) {

        static Run net(RelayBaseline.HandOver handOver, RelayBaseline.Window run, RelayBaseline.Window background) {
            double share = (double) run.nanos() / background.nanos();
            Map<String, Double> cpu = new LinkedHashMap<>();
            run.cpuNanos().forEach((process, nanos) -> cpu.put(process,
                    (nanos - share * background.cpuNanos().get(process)) / 1e6 / run.chains()));
            return new Run(handOver, run.latency(), cpu, (run.commits() - share * background.commits()) / run.chains(),
                    (run.walBytes() - share * background.walBytes()) / run.chains());
        }

        double totalCpuMs() {
            return cpuMsPerChain.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    void run(int rate, int seconds, int rounds) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (RelayBaseline.HandOver handOver : RelayBaseline.HandOver.values()) {
                System.out.printf("%s, round %d: the stack alone for %d s, then %d chains/s of %d hops for %d s%n",
                        handOver, round, BACKGROUND_SECONDS, rate, hops, seconds);
                RelayBaseline.Window background = RelayBaseline.Window.of(0, metrics, () -> {
                    Thread.sleep(BACKGROUND_SECONDS * 1000L);
                    return new Latencies();
                });
                Run run = Run.net(handOver, new RelayBaseline(kafka, hops, recordSize, handOver, database)
                        .measureAt(rate, seconds, metrics), background);
                System.out.printf(Locale.ROOT, "  p50 %.1f ms, p99 %.1f ms, %.3f ms of CPU per chain, %.2f commits%n",
                        run.latency().percentileMs(0.5), run.latency().percentileMs(0.99), run.totalCpuMs(),
                        run.commitsPerChain());
                runs.add(run);
            }
        }
        Report.replaceSection(report, "hand-over", table(rate, seconds, runs));
    }

    private String table(int rate, int seconds, List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("## Handing a hop on once: the relay chain three ways\n\n");
        md.append(String.format(Locale.ROOT, "`make bench-handover RATE=%d SECONDS=%d` against "
                + "a running `make run`, commit %s; %s. A chain of %d topics made like the hop topics, %d-byte "
                + "records, %d chains/s for %d s after 5 s at 20/s, each way in turn, alternating; the broker's "
                + "operator login (a super user: no ACL checks). CPU per chain: the benchmark's process (the "
                + "relays, the source, the sink), the broker and the stack's PostgreSQL; it, the commits and the "
                + "WAL net of what the idle stack did in the %d s before each run, at the same pace.%n%n",
                rate, seconds, Machine.commit(), Machine.describe(), hops, recordSize, rate, seconds,
                BACKGROUND_SECONDS));
        md.append("| hand-over | p50 | p99 | CPU: relays | broker | PostgreSQL | all | commits | WAL |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms |", run.handOver().description,
                    run.latency().percentileMs(0.5), run.latency().percentileMs(0.99)));
            // The columns after the latencies are RelayBaseline.PROCESSES, in its order.
            RelayBaseline.PROCESSES.forEach(process -> md.append(String.format(Locale.ROOT, " %.3f ms |",
                    run.cpuMsPerChain().get(process))));
            md.append(String.format(Locale.ROOT, " **%.3f ms** | %.2f | %.0f B |%n", run.totalCpuMs(),
                    run.commitsPerChain(), run.walBytesPerChain()));
        }
        return md.toString();
    }
}
