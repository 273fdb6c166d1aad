package org.chancery.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * What the stack itself counts, read before and after a run: the database's commits and the WAL it
 * wrote ({@code pg_stat_database}, LSN), and from every service's {@code /q/metrics} the records its
 * producers sent per request and the records per batch its hop consumers took. A figure the stack
 * does not expose is NaN, and the report prints it as "–".
 */
final class StackMetrics {

    /** Counters at one moment. */
    record Snapshot(long commits, long walBytes, double recordsSent, double produceRequests, double batchRecords,
            double batches) {

        Delta since(Snapshot before, long nanos) {
            return new Delta(commits - before.commits, walBytes - before.walBytes, nanos,
                    ratio(recordsSent - before.recordsSent, produceRequests - before.produceRequests),
                    ratio(batchRecords - before.batchRecords, batches - before.batches));
        }

        private static double ratio(double a, double b) {
            return b > 0 ? a / b : Double.NaN;
        }
    }

    /** What a run added. */
    record Delta(long commits, long walBytes, long nanos, double recordsPerProduceRequest, double recordsPerBatch) {

        double commitsPerSecond() {
            return commits / (nanos / 1e9);
        }
    }

    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final List<String> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StackMetrics(String databaseUrl, String databaseUser, String databasePassword, List<String> services) {
        this.databaseUrl = databaseUrl;
        this.databaseUser = databaseUser;
        this.databasePassword = databasePassword;
        this.services = services;
    }

    Snapshot read() throws Exception {
        long commits;
        long wal;
        try (Connection db = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
                Statement sql = db.createStatement();
                ResultSet row = sql.executeQuery("SELECT (SELECT sum(xact_commit) FROM pg_stat_database), "
                        + "pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            row.next();
            commits = row.getLong(1);
            wal = row.getLong(2);
        }
        double sent = 0;
        double requests = 0;
        double batchRecords = 0;
        double batches = 0;
        for (String service : services) {
            String text = http.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            sent += sum(text, "kafka_producer_record_send_total{");
            requests += sum(text, "kafka_producer_request_total{");
            batchRecords += sum(text, "chancery_consumed_batch_records_sum{");
            batches += sum(text, "chancery_consumed_batch_records_count{");
        }
        return new Snapshot(commits, wal, sent, requests, batchRecords, batches);
    }

    /** The sum of one metric over all its series, in the Prometheus text format. */
    private static double sum(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).filter(v -> !Double.isNaN(v))
                .sum();
    }
}
