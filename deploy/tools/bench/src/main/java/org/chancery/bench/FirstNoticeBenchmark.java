package org.chancery.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chancery.events.NoticeStatus;
import org.chancery.local.LocalTokens;
import org.chancery.local.SampleNotices;

/**
 * The first notice after a start, per channel, against a stack that has carried none yet: the time
 * to its 202 and from its 202 to ACKNOWLEDGED, beside the median of the notices that follow it.
 * A stack that has already carried notices is refused: its first notices are behind it.
 */
final class FirstNoticeBenchmark {

    static final String SECTION = "first-notice";
    private static final int LATER = 20;
    private static final Duration TOKEN_LIFE = Duration.ofHours(1);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String ministry;
    private final LocalTokens tokens;
    private final Path report;

    FirstNoticeBenchmark(String ministry, LocalTokens tokens, Path report) {
        this.ministry = ministry;
        this.tokens = tokens;
        this.report = report;
    }

    void run() throws Exception {
        double carried = noticesCarried();
        if (carried > 0) {
            System.err.printf("the ministry has taken %.0f notices since it started: its first notice is behind it. "
                    + "Start the stack again (make run) and run this first.%n", carried);
            System.exit(2);
        }
        StringBuilder md = new StringBuilder("## The first notice after a start\n\n")
                .append("On a stack just started by `make run`, before any other notice: one notice per channel, ")
                .append("then ").append(LATER).append(" more each, one at a time, for comparison.\n\n")
                .append("| channel | first: POST → 202 | first: 202 → ACKNOWLEDGED | later (median): 202 → ACKNOWLEDGED |\n")
                .append("|---|---|---|---|\n");
        for (Map.Entry<String, String[]> channel : SampleNotices.onePerChannel().entrySet()) {
            long[] first = notice(channel.getValue());
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < LATER; i++) {
                later.add(notice(channel.getValue())[1]);
            }
            Collections.sort(later);
            md.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", channel.getKey(),
                    first[0] / 1e6, first[1] / 1e6, later.get(LATER / 2) / 1e6));
        }
        md.append("\n- Machine: ").append(Machine.describe()).append("\n")
                .append("- Commit: ").append(Machine.commit()).append("\n")
                .append("- The services' JIT: ").append(Machine.servicesJit()).append("\n")
                .append("- Command: `make run`, then at once `make bench-first` (`java -jar chancery-bench.jar first`)\n");
        System.out.println(md);
        Report.replaceSection(report, SECTION, md.toString());
        System.out.println("written to " + report);
    }

    /** Nanoseconds from the POST to its 202, and from the 202 to ACKNOWLEDGED. */
    private long[] notice(String[] route) throws Exception {
        String body = """
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","classification":"UNCLASSIFIED",
                 "subject":"First notice","body":"Timed from the moment the stack is up."}""".formatted((Object[]) route);
        String token = "Bearer " + tokens.ministry(route[0], TOKEN_LIFE);
        long posted = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ministry + "/notices"))
                .header("Content-Type", "application/json").header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the ministry answered " + answer.statusCode() + ": " + answer.body());
        }
        String id = json.readTree(answer.body()).path("id").asText();
        long deadline = accepted + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = json.readTree(http.send(HttpRequest.newBuilder(URI.create(ministry + "/notices/" + id))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("status").asText();
            if (status.equals("ACKNOWLEDGED")) {
                return new long[] {accepted - posted, System.nanoTime() - accepted};
            }
            if (NoticeStatus.valueOf(status).isFinal()) {
                throw new IllegalStateException("notice " + id + " ended " + status);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("notice " + id + " was not acknowledged within 60 s");
    }

    /** How many notices the ministry has taken since it started, from its metrics. */
    private double noticesCarried() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(ministry + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("chancery_notices_") && l.contains("_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
