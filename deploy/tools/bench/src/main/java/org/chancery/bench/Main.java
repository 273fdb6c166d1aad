package org.chancery.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar chancery-bench.jar audit [--hops N] [--lookups N] ...}: benchmarks against a running system. */
public final class Main {

    private static final String USAGE = """
            usage: java -jar chancery-bench.jar <benchmark> [options]
              first   the first notice of each channel on a stack just started, before any other
                        --ministry URL (http://127.0.0.1:8081) --home DIR (.run) --report FILE (docs/benchmarks.md)
              audit   path lookup and verification with a million hops or more stored
                        --hops N (1000000) --lookups N (2000) --audit URL (http://127.0.0.1:8085)
                        --db-url URL (jdbc:postgresql://127.0.0.1:5433/chancery) --db-user U (postgres)
                        --db-password P (make run's, from --home: .run/keys) --report FILE (docs/benchmarks.md)
                        --token-file F (.run/tokens/auditor.jwt, which make run writes)
              load    whole notices at a fixed rate, in an open loop, against make run, beside
                      the broker's own baseline (ProducerPerformance, EndToEndLatency)
                        --rate N (25 notices/s) --seconds N (30)
              steps   the same at rising rates until a step breaks the limit: the sustainable
                      throughput, and a chart of latency against offered load; then ROUTINE
                      notices at twice that rate with FLASH ones beside them
                        --rates N,N,... (50,100,150,200,300,400,500,700,1000) --seconds N (20)
                        --p99-limit-ms N (250)
                      both: --warmup N (60 s at 50 notices/s, not recorded; at least 5)
                        --label L (the services' JIT, quick or tiered: names the report's section)
                        --ministry URL (http://127.0.0.1:8081) --audit URL (http://127.0.0.1:8085)
                        --services URL,URL,... (the five services, http://127.0.0.1:8081 to 8085)
                        --db-url URL (jdbc:postgresql://127.0.0.1:5433/chancery) --db-user U --db-password P
                        --bootstrap H:P (127.0.0.1:9092) --home DIR (.run: its token issuer, the broker's operator login)
                        --report FILE (docs/benchmarks.md; the chart goes beside it)
              flood   ROUTINE notices at a flood's rate, FLASH ones beside them (2/s), after the warm-up
                        --rate N (1000 ROUTINE notices/s) --seconds N (30), and the options of load
              handover  the bare relay chain three ways, alternating: sends then offsets (may hand a
                      hop on twice), the services' inbox + outbox in PostgreSQL, Kafka's transactions
                        --rate N (100 chains/s) --seconds N (30) --rounds N (2) --hops N (6)
                        --record-bytes N (806) --bootstrap H:P --home DIR --db-url URL --db-user U
                        --db-password P --report FILE (docs/benchmarks.md)
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.print(USAGE);
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "audit" -> new AuditLookupBenchmark(
                    options.getOrDefault("audit", "http://127.0.0.1:8085"),
                    dbUrl(options), dbUser(options), dbPassword(options),
                    Integer.parseInt(options.getOrDefault("hops", "1000000")),
                    Integer.parseInt(options.getOrDefault("lookups", "2000")),
                    Path.of(options.getOrDefault("report", "docs/benchmarks.md")),
                    token(Path.of(options.getOrDefault("token-file", ".run/tokens/auditor.jwt")))).run();
            case "first" -> new FirstNoticeBenchmark(options.getOrDefault("ministry", "http://127.0.0.1:8081"),
                    org.chancery.local.LocalTokens.in(Path.of(options.getOrDefault("home", ".run"))),
                    Path.of(options.getOrDefault("report", "docs/benchmarks.md"))).run();
            case "load" -> load(options).single(Integer.parseInt(options.getOrDefault("rate", "25")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")));
            case "steps" -> load(options).steps(
                    LoadBenchmark.rates(options.getOrDefault("rates", "50,100,150,200,300,400,500,700,1000")),
                    Integer.parseInt(options.getOrDefault("seconds", "20")),
                    Double.parseDouble(options.getOrDefault("p99-limit-ms", "250")));
            case "flood" -> load(options).flood(Integer.parseInt(options.getOrDefault("rate", "1000")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")));
            case "handover" -> new HandOverBenchmark(kafka(options),
                    new RelayBaseline.Database(dbUrl(options), dbUser(options), dbPassword(options)),
                    metrics(options), Integer.parseInt(options.getOrDefault("hops", "6")),
                    Integer.parseInt(options.getOrDefault("record-bytes", "806")),
                    Path.of(options.getOrDefault("report", "docs/benchmarks.md"))).run(
                    Integer.parseInt(options.getOrDefault("rate", "100")),
                    Integer.parseInt(options.getOrDefault("seconds", "30")),
                    Integer.parseInt(options.getOrDefault("rounds", "2")));
            default -> {
                System.out.print(USAGE);
                System.exit(2);
            }
        }
    }

    private static LoadBenchmark load(Map<String, String> options) throws java.io.IOException {
        Path home = Path.of(options.getOrDefault("home", ".run"));
        return new LoadBenchmark(new LoadBenchmark.Target(
                options.getOrDefault("ministry", "http://127.0.0.1:8081"),
                options.getOrDefault("audit", "http://127.0.0.1:8085"),
                kafka(options),
                org.chancery.local.LocalTokens.in(home),
                metrics(options)),
                Path.of(options.getOrDefault("report", "docs/benchmarks.md")),
                Integer.parseInt(options.getOrDefault("warmup", "60")), options.get("label"));
    }

    /** The broker's operator login, from make run's home. */
    private static Map<String, Object> kafka(Map<String, String> options) throws java.io.IOException {
        Path home = Path.of(options.getOrDefault("home", ".run"));
        Map<String, Object> kafka = new java.util.HashMap<>(org.chancery.local.BrokerAccess.in(home)
                .clientConfig(org.chancery.local.BrokerAccess.ADMIN));
        kafka.put("bootstrap.servers", options.getOrDefault("bootstrap", "127.0.0.1:9092"));
        return kafka;
    }

    private static StackMetrics metrics(Map<String, String> options) throws java.io.IOException {
        return new StackMetrics(dbUrl(options), dbUser(options), dbPassword(options), List.of(options.getOrDefault(
                "services", "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083,http://127.0.0.1:8084,"
                        + "http://127.0.0.1:8085").split(",")));
    }

    private static String dbUrl(Map<String, String> options) {
        return options.getOrDefault("db-url", env("CHANCERY_DB_URL", "jdbc:postgresql://127.0.0.1:5433/chancery"));
    }

    private static String dbUser(Map<String, String> options) {
        return options.getOrDefault("db-user", env("CHANCERY_DB_USER", "postgres"));
    }

    /** The password given, or else that of make run's embedded database (its superuser's, in --home). */
    private static String dbPassword(Map<String, String> options) throws java.io.IOException {
        String given = options.getOrDefault("db-password", System.getenv("CHANCERY_DB_PASSWORD"));
        if (given != null) {
            return given;
        }
        Path home = Path.of(options.getOrDefault("home", ".run"));
        return java.nio.file.Files.isDirectory(home.resolve("keys")) ? org.chancery.local.Pieces.postgresPassword(home) : "";
    }

    /** An auditor's token: reading the audit takes one. */
    private static String token(Path file) throws java.io.IOException {
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalStateException("no auditor token at " + file + ": start the system with make run, "
                    + "or give --token-file");
        }
        return java.nio.file.Files.readString(file).trim();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
