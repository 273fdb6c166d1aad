package org.chancery.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** @param kafka a Kafka client configuration: the bootstrap servers and the operator's login */
    record Target(String ministry, String audit, Map<String, Object> kafka, LocalTokens tokens, StackMetrics metrics) {
    }

    /** A step holds when this share of the notices, at least, is accepted and acknowledged. */
    private static final double MIN_ACKNOWLEDGED = 0.99;
    private static final int WARMUP_RATE = 50;
    /** FLASH notices per second beside the ROUTINE overload. */
    private static final int FLASH_RATE = 2;

    private final Target target;
    private final Path report;
    private final int warmupSeconds;
    /** Names the report's section and chart: by default the services' JIT compilers. */
    private final String label;
    /** The stack before the benchmark's first notice: idle, if it was. */
    private LoadRun.ProcessTable idle;

    LoadBenchmark(Target target, Path report, int warmupSeconds, String label) {
        this.target = target;
        this.report = report;
        this.warmupSeconds = warmupSeconds;
        this.label = label != null ? label : Machine.servicesJit();
    }

    /** One run at a fixed rate. */
    void single(int rate, int seconds) throws Exception {
        LoadRun.Result warm = warmUp();
        KafkaBaseline.Figures broker = baseline(warm);
        System.out.printf("%d notices/s for %d s%n", rate, seconds);
        LoadRun.Result run = new LoadRun(target, LoadRun.Mix.standard(rate), seconds, 50).run();
        RelayBaseline.Figures relay = relay(warm, rate, seconds);
        StringBuilder md = header("Whole notices at a fixed rate",
                "make bench-load RATE=" + rate + " SECONDS=" + seconds);
        summary(md, List.of(run), Double.NaN);
        costs(md, List.of(run));
        baselineTable(md, broker, relay, run);
        details(md, run);
        write("load-" + label, md);
    }

    /**
     * ROUTINE notices at a flood's rate with FLASH notices beside them: whether a FLASH notice still
     * goes through quickly, and what the door refuses, with the CPU each process spent.
     */
    void flood(int routineRate, int seconds) throws Exception {
        warmUp();
        LoadRun.Result flood = overload(routineRate, seconds);
        StringBuilder md = header("A ROUTINE flood with FLASH notices beside it",
                "make bench-flood RATE=" + routineRate + " SECONDS=" + seconds);
        summary(md, List.of(flood), Double.NaN);
        overloadTable(md, flood, String.format(Locale.ROOT, "ROUTINE notices offered at %d/s", routineRate));
        costs(md, List.of(flood));
        write("flood-" + label, md);
    }

    /** Rates in turn, until one breaks the limit; the last that held is the sustainable throughput. */
    void steps(List<Integer> rates, int seconds, double p99LimitMs) throws Exception {
        LoadRun.Result warm = warmUp();
        KafkaBaseline.Figures broker = baseline(warm);
        List<LoadRun.Result> steps = new ArrayList<>();
        LoadRun.Result sustained = null;
        steps:
        for (int rate : rates) {
            // A step that breaks the limit is tried once more: one slow 20 s is not yet the limit.
            for (int attempt = 1; attempt <= 2; attempt++) {
                System.out.printf("step: %d notices/s for %d s%s%n", rate, seconds, attempt == 1 ? "" : ", once more");
                LoadRun.Result step = new LoadRun(target, LoadRun.Mix.standard(rate), seconds, 10).run();
                steps.add(step);
                if (holds(step, p99LimitMs)) {
                    sustained = step;
                    continue steps;
                }
            }
            break;
        }
        int held = sustained != null ? sustained.rate() : rates.get(0);
        LoadRun.Result overload = overload(2 * held, seconds);
        RelayBaseline.Figures relay = relay(warm, held, seconds);
        StringBuilder md = header("Whole notices at rising rates: the sustainable throughput (" + label + ")",
                "make bench-steps");
        md.append(String.format(Locale.ROOT, "Each step offers a fixed rate for %d s in an open loop; it holds when at "
                + "least %.0f%% of its notices are accepted and ACKNOWLEDGED within %d s of the last, with p99 from 202 "
                + "to ACKNOWLEDGED under %.0f ms. A step that breaks the limit is run once more; the steps stop at the first "
                + "rate that breaks it twice.%n%n", seconds,
                MIN_ACKNOWLEDGED * 100, 30, p99LimitMs));
        md.append(sustained == null
                ? "**Sustainable throughput: none of the steps held.**\n\n"
                : String.format(Locale.ROOT, "**Sustainable throughput: %d notices/s offered, %.1f/s acknowledged "
                        + "(%.0f hop records/s), p99 %.0f ms, %.1f ms of CPU per notice across the stack.**%n%n",
                        sustained.rate(), sustained.throughput(), sustained.hopsPerSecond(),
                        sustained.endToEnd().percentileMs(0.99), sustained.stackCpuMsPerNotice()));
        summary(md, steps, p99LimitMs);
        String chart = "benchmarks-latency-" + label + ".svg";
        md.append("![202 to ACKNOWLEDGED against offered load](").append(chart).append(")\n\n");
        md.append("What each step cost, per notice acknowledged (CPU from the first notice to the last receipt; "
                + "the database's commits and WAL; the services' Kafka clients):\n\n");
        costs(md, steps);
        overloadTable(md, overload, String.format(Locale.ROOT, "ROUTINE notices at %d/s, twice the rate that held "
                + "(%d/s)", overload.rate() - FLASH_RATE, held));
        LoadRun.Result shown = sustained != null ? sustained : steps.get(0);
        baselineTable(md, broker, relay, shown);
        md.append("Details of the step at ").append(shown.rate()).append(" notices/s:\n\n");
        details(md, shown);
        Files.writeString(report.resolveSibling(chart), LatencyChart.svg(steps, p99LimitMs,
                "Chancery on " + Machine.cores() + " cores (" + label + "): 202 → ACKNOWLEDGED against offered load"));
        write("load-steps-" + label, md);
    }

    /**
     * ROUTINE notices at twice the rate that held, so that a backlog builds, and a few FLASH
     * notices beside them: the precedence lanes' test.
     */
    private LoadRun.Result overload(int routineRate, int seconds) throws Exception {
        System.out.printf("overload: ROUTINE at %d notices/s and FLASH at %d/s for %d s%n", routineRate, FLASH_RATE,
                seconds);
        LoadRun.Result overload = new LoadRun(target, LoadRun.Mix.routineWithFlash(routineRate, FLASH_RATE), seconds, 0)
                .run();
        awaitIdle();
        return overload;
    }

    /** Until the services have read every hop: the relay baseline should not share the machine with a backlog. */
    private void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (LoadRun.lag(target.kafka()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    private RelayBaseline.Figures relay(LoadRun.Result warm, int rate, int seconds) throws Exception {
        int hops = Math.max(2, (int) Math.round(warm.hopsPerNotice()));
        System.out.printf("the bare relay: a chain of %d hops, at %d/s for %d s, then as fast as it goes%n", hops,
                rate, seconds);
        RelayBaseline.Figures relay = new RelayBaseline(target.kafka(), hops, (int) warm.meanHopBytes())
                .measure(rate, seconds);
        System.out.printf("  p50 %.0f ms, p99 %.0f ms; %.0f chains/s at most, %.2f ms of CPU per chain%n",
                relay.latency().percentileMs(0.5), relay.latency().percentileMs(0.99), relay.maxChainsPerSecond(),
                relay.cpuMsPerChain());
        return relay;
    }

    static boolean holds(LoadRun.Result step, double p99LimitMs) {
        return step.acknowledged() >= MIN_ACKNOWLEDGED * step.sent()
                && step.endToEnd().percentileMs(0.99) <= p99LimitMs;
    }

    /**
     * Notices at a modest rate first, unrecorded: the services' compilers, caches and pools are cold
     * after make run, and the first minute would measure them. Its hops give the mean size of a hop
     * and the hops of a notice, for the baselines.
     */
    private LoadRun.Result warmUp() throws Exception {
        idle = LoadRun.ProcessTable.read();
        int seconds = Math.max(warmupSeconds, 5); // the baselines need a notice's hops, even unwarmed
        System.out.printf("warming up: %d notices/s for %d s (not recorded)%n", WARMUP_RATE, seconds);
        return new LoadRun(target, LoadRun.Mix.standard(WARMUP_RATE), seconds, 0).run();
    }

    private KafkaBaseline.Figures baseline(LoadRun.Result warm) throws Exception {
        int hopBytes = (int) warm.meanHopBytes();
        System.out.printf("the broker alone: ProducerPerformance and EndToEndLatency, %d-byte records%n", hopBytes);
        KafkaBaseline.Figures broker = new KafkaBaseline(target.kafka(), hopBytes).measure();
        System.out.printf("  %.0f records/s, produce p99 %.0f ms; one record end to end p50 %.0f ms, p99 %.0f ms%n",
                broker.recordsPerSecond(), broker.produceP99Ms(), broker.endToEndP50Ms(), broker.endToEndP99Ms());
        return broker;
    }

    private StringBuilder header(String title, String command) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        md.append("Notices submitted over REST in an open loop (embassy, hotline and protecting-power routes in\n")
                .append("turn, each as its sending ministry), each followed to its receipt on the notices topics, after a\n")
                .append("warm-up that is not recorded. Every process runs on this one machine, the benchmark too.\n")
                .append("\"Lag at end\" is read as the last receipt arrives: it counts records processed but not yet\n")
                .append("committed (the services commit offsets periodically), and the audit's share, which follows the\n")
                .append("receipts.\n\n");
        md.append("- Machine: ").append(Machine.describe()).append("\n");
        md.append("- Commit: ").append(Machine.commit()).append("\n");
        md.append("- Command: `").append(command).append("` (with `make run` up)\n");
        md.append("- The services' JIT: ").append(Machine.servicesJit()).append("\n");
        md.append(String.format(Locale.ROOT, "- The stack before the first notice: %d MB RSS (%d MB PSS, which shares "
                + "out the pages processes share), the benchmark's client apart%n%n", idle.stackRssMb(),
                idle.stackPssMb()));
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

    /**
     * CPU per notice of every process, the whole stack and the benchmark's own client apart; the
     * database's commits and WAL; records per produce request and per consumed batch.
     */
    private static void costs(StringBuilder md, List<LoadRun.Result> runs) {
        List<String> processes = runs.get(runs.size() - 1).after().names();
        md.append("| offered |");
        processes.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" stack | commits/s | commits per notice | WAL per notice | records per produce request "
                + "| records per consumed batch |\n|---|");
        processes.forEach(p -> md.append("---|"));
        md.append("---|---|---|---|---|---|\n");
        for (LoadRun.Result r : runs) {
            md.append(String.format(Locale.ROOT, "| %d/s |", r.rate()));
            processes.forEach(p -> md.append(String.format(Locale.ROOT, " %.2f ms |", r.cpuMsPerNotice(p))));
            StackMetrics.Delta stack = r.stack();
            md.append(String.format(Locale.ROOT, " **%.2f ms** | %.0f | %.2f | %.1f kB | %s | %s |%n",
                    r.stackCpuMsPerNotice(), stack.commitsPerSecond(), (double) stack.commits() / r.acknowledged(),
                    stack.walBytes() / 1024.0 / r.acknowledged(), number(stack.recordsPerProduceRequest()),
                    number(stack.recordsPerBatch())));
        }
        md.append(String.format(Locale.ROOT, "%n(CPU in ms per notice acknowledged; \"stack\" is every process but "
                + "the %s, which generates the load and reads every hop.)%n%n", LoadRun.ProcessTable.CLIENT));
    }

    private static void overloadTable(StringBuilder md, LoadRun.Result overload, String routine) {
        md.append(String.format(Locale.ROOT, "Overload: %s, and FLASH notices at %d/s beside them for %d s. A FLASH "
                + "notice travels its own lane's topics and consumers, ahead of the ROUTINE backlog (ADR 0010):%n%n",
                routine, FLASH_RATE, overload.seconds()));
        md.append("| precedence | sent | acknowledged | POST→ACK p50 | p90 | p99 | max | POST→202 p50 | p99 |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        overload.byPrecedence().forEach((precedence, latencies) -> {
            Latencies ingress = overload.ingressByPrecedence().getOrDefault(precedence, new Latencies());
            synchronized (latencies) {
                synchronized (ingress) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s |%n", precedence,
                            overload.sentOf(precedence), latencies.count(), ms(latencies.percentileMs(0.5)),
                            ms(latencies.percentileMs(0.9)), ms(latencies.percentileMs(0.99)), ms(latencies.maxMs()),
                            ms(ingress.percentileMs(0.5)), ms(ingress.percentileMs(0.99))));
                }
            }
        });
        md.append(String.format(Locale.ROOT, "%n(Sent counts the notices the benchmark offered; those the ministry "
                + "refused (503, 429) are among them. POST→ACK runs from the request's sending to its receipt: under "
                + "a flood a receipt can come before the loaded client has read the 202. ROUTINE notices not acknowledged within 30 s of the last "
                + "were still queued, as an overload leaves them.)%n%n"));
    }

    private static void baselineTable(StringBuilder md, KafkaBaseline.Figures broker, RelayBaseline.Figures relay,
            LoadRun.Result run) {
        double perHopP50 = run.perHop().values().stream().mapToDouble(l -> l.percentileMs(0.5)).average().orElse(Double.NaN);
        md.append(String.format(Locale.ROOT, "Beside two baselines, measured in the same run against the same broker "
                + "with %d-byte records like a hop, on topics with the hop topics' partitions and replicas: the broker "
                + "alone (kafka-tools %s), and a bare relay of the same shape, a chain of %d topics relayed by "
                + "consume → produce (acks=all, idempotent, linger 2 ms, each batch's sends awaited before its offsets "
                + "are committed) with no database, no signing and no parsing:%n%n",
                broker.recordSize(), org.apache.kafka.common.utils.AppInfoParser.getVersion(), relay.hops()));
        md.append("| figure | the broker alone | the bare relay | Chancery | Chancery ÷ broker | Chancery ÷ relay |\n"
                + "|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| throughput, as fast as it goes | %.0f records/s | %.0f chains/s "
                        + "(%.0f records/s) | %.1f notices/s (%.0f hop records/s) | %s | %s |%n",
                broker.recordsPerSecond(), relay.maxChainsPerSecond(), relay.maxChainsPerSecond() * relay.hops(),
                run.throughput(), run.hopsPerSecond(), ratio(run.hopsPerSecond(), broker.recordsPerSecond()),
                ratio(run.throughput(), relay.maxChainsPerSecond())));
        md.append(String.format(Locale.ROOT, "| one hop, p50 | %s (one record produced and consumed, "
                        + "EndToEndLatency, %d round trips) | | %s (a hop after its parent) | %s | |%n",
                ms(broker.endToEndP50Ms()), broker.roundTrips(), ms(perHopP50),
                ratio(perHopP50, Math.max(broker.endToEndAvgMs(), 0.001))));
        md.append(String.format(Locale.ROOT, "| a whole chain at %d/s, p50 | | %s | %s (202 → ACKNOWLEDGED) | | %s |%n",
                relay.rate(), ms(relay.latency().percentileMs(0.5)), ms(run.endToEnd().percentileMs(0.5)),
                ratio(run.endToEnd().percentileMs(0.5), relay.latency().percentileMs(0.5))));
        md.append(String.format(Locale.ROOT, "| a whole chain, p99 | %s (one record) | %s | %s | %s | %s |%n",
                ms(broker.endToEndP99Ms()), ms(relay.latency().percentileMs(0.99)), ms(run.endToEnd().percentileMs(0.99)),
                ratio(run.endToEnd().percentileMs(0.99), broker.endToEndP99Ms()),
                ratio(run.endToEnd().percentileMs(0.99), relay.latency().percentileMs(0.99))));
        md.append(String.format(Locale.ROOT, "| CPU per notice (per chain) | | %.2f ms (relays and broker) | %.2f ms "
                        + "(the stack) | | %s |%n%n", relay.cpuMsPerChain(), run.stackCpuMsPerNotice(),
                ratio(run.stackCpuMsPerNotice(), relay.cpuMsPerChain())));
        md.append(String.format(Locale.ROOT, "(The hop ratio is against the broker's mean round trip, %.2f ms; its "
                + "percentiles are whole milliseconds. A relay chain is timed from its first record's send; a notice "
                + "from its 202, which comes once its first hop is on the broker.)%n%n", broker.endToEndAvgMs()));
    }

    private void details(StringBuilder md, LoadRun.Result run) {
        md.append("| latency | count | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        row(md, "ingress: POST to 202", run.ingress());
        row(md, "202 to ACKNOWLEDGED", run.endToEnd());
        run.perHop().forEach((type, hops) -> row(md, "hop `" + type + "` (after its parent)", hops));
        md.append("\n| process | CPU, from the first notice to the last receipt | per notice | memory (PSS) at end "
                + "| idle, before the first notice (PSS / RSS) |\n|---|---|---|---|---|\n");
        for (String name : run.after().names()) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f%% of a core | %.2f ms | %d MB | %d / %d MB |%n", name,
                    100.0 * (run.after().cpuNanos(name) - run.before().cpuNanos(name)) / run.drainedNanos(),
                    run.cpuMsPerNotice(name), run.after().pssMb(name), idle.pssMb(name), idle.rssMb(name)));
        }
        md.append(String.format(Locale.ROOT, "| all of the stack | | %.2f ms | %d MB | %d / %d MB |%n",
                run.stackCpuMsPerNotice(), run.after().stackPssMb(), idle.stackPssMb(), idle.stackRssMb()));
    }

    private static void row(StringBuilder md, String what, Latencies latencies) {
        synchronized (latencies) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", what, latencies.count(),
                    ms(latencies.percentileMs(0.5)), ms(latencies.percentileMs(0.9)), ms(latencies.percentileMs(0.99)),
                    ms(latencies.maxMs())));
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
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
