package org.chancery.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.chancery.events.CanonicalJson;
import org.chancery.events.Channel;
import org.chancery.events.Classification;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopType;
import org.chancery.events.Notice;
import org.chancery.events.NoticeKind;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.Route;
import org.chancery.events.Service;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * How fast the audit rebuilds and verifies one notice's path when it holds a million hops or
 * more. Seeds the audit's tables with complete, verifiable paths (written straight to the
 * database: a million hops through the whole system would take hours on this machine), then asks
 * the running audit service for random paths and verdicts over HTTP, one at a time.
 */
final class AuditLookupBenchmark {

    static final String SEED_TOPIC = "bench.seed";
    private static final String[] STATES = {"USA", "RUS", "CHN", "GBR", "DEU", "ITA", "CHE", "SWE", "CAN", "JPN",
            "IND", "PAK", "MEX", "SAU", "EGY", "OMN"};

    private final String auditUrl;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int targetHops;
    private final int lookups;
    private final Path report;
    private final String auditorToken;
    private final Random random = new Random(2026);

    AuditLookupBenchmark(String auditUrl, String dbUrl, String dbUser, String dbPassword, int targetHops, int lookups,
            Path report, String auditorToken) {
        this.auditorToken = auditorToken;
        this.auditUrl = auditUrl;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.targetHops = targetHops;
        this.lookups = lookups;
        this.report = report;
    }

    void run() throws Exception {
        long seeded;
        List<UUID> sample;
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            seeded = seed(db);
            sample = sample(db, lookups * 3);
        }
        // Warm the service up on notices of its own, then look up each notice once: a lookup
        // finds its rows wherever the database has them, as for a notice nobody asked about lately.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<UUID> warmup = sample.subList(0, sample.size() / 3);
        System.out.printf("warming up (%d lookups)%n", warmup.size() * 2);
        measure(http, warmup, "/path");
        measure(http, warmup, "/verify");
        Latencies path = measure(http, sample.subList(sample.size() / 3, 2 * sample.size() / 3), "/path");
        Latencies verify = measure(http, sample.subList(2 * sample.size() / 3, sample.size()), "/verify");
        long total;
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from audit.hop")) {
            rs.next();
            total = rs.getLong(1);
        }
        String body = """
                ## Audit: path lookup and verification

                The audit service rebuilding and verifying one notice's path from the hops it stores, asked over
                HTTP one request at a time, each time for a different random notice, with %,d hops stored (%,d of
                them seeded by the benchmark as complete, verifiable paths of 5 to 7 hops), after warming up on
                other notices. `path` rebuilds, verifies and describes the path; `verify` gives the verdict
                alone. Goal: p99 under 10 ms.

                - Machine: %s
                - Commit: %s, %s
                - Command: `make bench-audit` (with `make run` up)

                | request | requests | p50 | p90 | p99 | max | mean |
                |---|---|---|---|---|---|---|
                | `GET /notices/{id}/path` | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |
                | `GET /notices/{id}/verify` | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |
                """.formatted(total, seeded, Machine.describe(), Machine.commit(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                path.count(), path.percentileMs(.5), path.percentileMs(.9), path.percentileMs(.99), path.maxMs(),
                path.meanMs(),
                verify.count(), verify.percentileMs(.5), verify.percentileMs(.9), verify.percentileMs(.99),
                verify.maxMs(), verify.meanMs());
        System.out.println(body);
        Report.replaceSection(report, "audit-lookup", body);
        System.out.println("written to " + report);
    }

    private Latencies measure(HttpClient http, List<UUID> sample, String what) throws Exception {
        Latencies latencies = new Latencies();
        for (UUID id : sample) {
            long start = System.nanoTime();
            get(http, "/notices/" + id + what);
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    private void get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(auditUrl + path))
                        .header("Authorization", "Bearer " + auditorToken).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"verified\":true")) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Adds paths until the audit holds the target number of hops; returns how many hops are seeded. */
    private long seed(Connection db) throws SQLException, IOException {
        long existing = count(db, "select count(*) from audit.hop");
        long seeded = count(db, "select count(*) from audit.hop where topic = '" + SEED_TOPIC + "'");
        if (existing >= targetHops) {
            System.out.printf("the audit already holds %,d hops%n", existing);
            return seeded;
        }
        CopyManager copy = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI();
        long missing = targetHops - existing;
        long started = System.nanoTime();
        long written = 0;
        Instant base = Instant.now().minus(30, ChronoUnit.DAYS);
        while (written < missing) {
            StringBuilder hops = new StringBuilder(4 << 20);
            StringBuilder paths = new StringBuilder(1 << 20);
            for (int i = 0; i < 2000 && written < missing; i++) {
                written += path(base.plusMillis((long) (random.nextDouble() * 29 * 24 * 3600 * 1000)).truncatedTo(ChronoUnit.MICROS), hops, paths);
            }
            copy.copyIn("copy audit.hop (event_id, notice_id, hop, parent_id, type, service, channel, attempt, "
                    + "from_party, to_party, at, hash, topic, kafka_partition, kafka_offset, payload, received_at) "
                    + "from stdin with (format csv)", new StringReader(hops.toString()));
            copy.copyIn("copy audit.notice_path (notice_id, from_state, to_state, kind, precedence, classification, "
                    + "subject, status, channel, attempts, hops, first_at, last_at, dispatched_at, delivered_at, "
                    + "receipt_at, latency_ms) from stdin with (format csv)", new StringReader(paths.toString()));
            System.out.printf("\rseeding: %,d of %,d hops (%.0f s)", written, missing,
                    (System.nanoTime() - started) / 1e9);
        }
        try (Statement st = db.createStatement()) {
            st.execute("analyze audit.hop");
            st.execute("analyze audit.notice_path");
        }
        System.out.println();
        return seeded + written;
    }

    /** One complete path, as the services would have emitted it; returns its number of hops. */
    private int path(Instant start, StringBuilder hops, StringBuilder paths) {
        String from = STATES[random.nextInt(STATES.length)];
        String to = STATES[random.nextInt(STATES.length)];
        while (to.equals(from)) {
            to = STATES[random.nextInt(STATES.length)];
        }
        Notice notice = Notice.of(from, to, NoticeKind.NOTE_VERBALE, Precedence.ROUTINE, Classification.UNCLASSIFIED,
                "Benchmark notice", "The Ministry presents its compliments.", null);
        int kind = random.nextInt(100);
        Channel channel = kind < 60 ? Channel.EMBASSY : kind < 85 ? Channel.HOTLINE : Channel.PROTECTING_POWER;
        List<String> parties = switch (channel) {
            case EMBASSY -> List.of(Party.embassy(from, to));
            case HOTLINE -> List.of(Party.hotline("BENCH-" + from + "-" + to));
            case PROTECTING_POWER -> List.of(Party.protectingPower("CHE"), Party.interestsSection(from, to));
            case MEDIATOR -> List.of(Party.mediator("OMN"));
        };
        String sender = Party.ministry(from);
        String receiver = Party.ministry(to);
        String last = parties.get(parties.size() - 1);
        List<Route> plan = List.of(new Route(channel, parties, "benchmark"));
        ReceiptOutcome ack = ReceiptOutcome.ACKNOWLEDGED;
        List<HopEvent> path = new ArrayList<>();
        Instant at = start;
        HopEvent hop = new HopEvent(HopEvent.SCHEMA_VERSION, UUID.randomUUID(), HopType.NOTICE_DISPATCHED,
                UUID.randomUUID(), 1, null, Service.FOREIGN_MINISTRY.id(), channel, 1, sender, parties.get(0), at, notice, plan,
                null, null, null, null, null).sealed();
        path.add(hop);
        if (channel == Channel.PROTECTING_POWER) {
            path.add(hop = next(hop, HopType.NOTICE_RELAYED, Service.PROTECTING_POWER.id(), parties.get(0), last, notice, null));
        }
        path.add(hop = next(hop, HopType.NOTICE_DELIVERED, channel.service(), last, receiver, notice, null));
        HopEvent delivered = hop;
        path.add(hop = next(hop, HopType.NOTICE_ACKNOWLEDGED, Service.FOREIGN_MINISTRY.id(), receiver, last, null, ack));
        if (channel == Channel.PROTECTING_POWER) {
            path.add(hop = next(hop, HopType.RECEIPT_RELAYED, Service.PROTECTING_POWER.id(), last, parties.get(0), null, ack));
        }
        path.add(hop = next(hop, HopType.RECEIPT_DELIVERED, channel.service(), parties.get(0), sender, null, ack));
        path.add(next(hop, HopType.RECEIPT_RECORDED, Service.FOREIGN_MINISTRY.id(), sender, sender, null, ack));

        for (HopEvent h : path) {
            csv(hops, h.eventId(), h.noticeId(), h.hop(), h.parentId(), h.type().ceType(), h.service(), h.channel(),
                    h.attempt(), h.from(), h.to(), h.at(), h.hash(), SEED_TOPIC, 0, 0,
                    CanonicalJson.string(HopEvents.toTree(h)), h.at());
        }
        HopEvent first = path.get(0);
        HopEvent lastHop = path.get(path.size() - 1);
        double latency = Duration.between(first.at(), lastHop.at()).toNanos() / 1e6;
        csv(paths, first.noticeId(), from, to, "NOTE_VERBALE", "ROUTINE", "UNCLASSIFIED", "Benchmark notice",
                "ACKNOWLEDGED", channel.name(), 1, path.size(), first.at(), lastHop.at(), first.at(), delivered.at(),
                lastHop.at(), latency);
        return path.size();
    }

    /** The hop after {@code parent}, a few milliseconds later, sealed as a service would. */
    private HopEvent next(HopEvent parent, HopType type, String service, String from, String to, Notice notice,
            ReceiptOutcome receipt) {
        Instant at = parent.at().plusNanos(1_000_000L + random.nextInt(20_000_000));
        return new HopEvent(HopEvent.SCHEMA_VERSION, UUID.randomUUID(), type, parent.noticeId(), parent.hop() + 1,
                parent.eventId(), service, parent.channel(), parent.attempt(), from, to,
                at.truncatedTo(ChronoUnit.MICROS), notice, null, null, receipt, parent.hash(), null, null).sealed();
    }

    private static void csv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                out.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                out.append(s);
            }
        }
        out.append('\n');
    }

    private List<UUID> sample(Connection db, int n) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select notice_id from audit.notice_path where subject = "
                        + "'Benchmark notice' order by random() limit " + n)) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no seeded notice to look up");
        }
        return ids;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
