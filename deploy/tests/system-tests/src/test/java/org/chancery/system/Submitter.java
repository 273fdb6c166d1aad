package org.chancery.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.chancery.local.LocalTokens;

/** A plain HTTP client of a running stack, for tests that send many notices while pieces fail. */
final class Submitter {

    /** Sender, receiver, kind and precedence: by embassy, hotline and protecting power, one of them returned. */
    static final List<String[]> ROUTES = List.of(
            new String[] {"USA", "DEU", "NOTE_VERBALE", "ROUTINE"},
            new String[] {"DEU", "ITA", "NOTE_VERBALE", "PRIORITY"},
            new String[] {"USA", "RUS", "DECONFLICTION_NOTICE", "FLASH"},
            new String[] {"USA", "IRN", "NOTE_VERBALE", "PRIORITY"},
            new String[] {"CHE", "ITA", "DEMARCHE", "ROUTINE"});

    /** The ministry's answer: its status, its content type, and the notice id when it took the notice. */
    record Answer(int status, String contentType, String id) {
    }

    private static final Duration TOKEN_LIFE = Duration.ofHours(2);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String ministry;
    private final LocalTokens tokens;

    /** A client of the ministry at {@code ministryUrl}, with tokens from the stack's issuer. */
    Submitter(String ministryUrl, LocalTokens tokens) {
        this.ministry = ministryUrl;
        this.tokens = tokens;
    }

    /** Posts a notice on a route of {@link #ROUTES}; an IOException means no answer came. */
    Answer submit(String[] route) throws IOException, InterruptedException {
        return submit(ministry, route, null);
    }

    /**
     * Posts a notice on a route of {@link #ROUTES} to the ministry instance at {@code ministryUrl},
     * with a deadline unless {@code deliverBy} is null; an IOException means no answer came.
     */
    Answer submit(String ministryUrl, String[] route, Instant deliverBy) throws IOException, InterruptedException {
        String body = """
                {"from":"%s","to":"%s","kind":"%s","precedence":"%s","classification":"UNCLASSIFIED",
                 "subject":"Sent under load","body":"Sent while a piece of the system fails."%s}"""
                .formatted(route[0], route[1], route[2], route[3],
                        deliverBy == null ? "" : ",\"deliverBy\":\"" + deliverBy + "\"");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ministryUrl + "/notices"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.ministry(route[0], TOKEN_LIFE))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String id = response.statusCode() == 202 ? json.readTree(response.body()).path("id").asText() : null;
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), id);
    }

    /**
     * Posts until a ministry answers 202, to {@code ministry.apply(attempt)} on each try, with the
     * deadline {@code deliverBy} gives then (or none). A request never answered (its ministry was
     * killed) may or may not have been taken; it is tried again, and only answered notices are
     * followed. Returns the notice's id.
     */
    String submitUntilAccepted(IntFunction<String> ministry, String[] route, Supplier<Instant> deliverBy,
            AtomicInteger unanswered) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                Answer answer = submit(ministry.apply(attempt), route, deliverBy.get());
                if (answer.status() == 202) {
                    return answer.id();
                }
                if (answer.status() != 503) {
                    throw new AssertionError("only 202, or 503 while it cannot take notices: " + answer);
                }
            } catch (IOException e) {
                unanswered.incrementAndGet();
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until each notice is ACKNOWLEDGED, REJECTED or FAILED, or {@code settle} has passed;
     * the {@code n}th question goes to {@code ministry.apply(n)}. Returns the final statuses reached.
     */
    Map<String, String> awaitEveryOutcome(List<String> ids, IntFunction<String> ministry, Duration settle)
            throws InterruptedException {
        Map<String, String> ended = new HashMap<>();
        long deadline = System.nanoTime() + settle.toNanos();
        int asked = 0;
        while (ended.size() < ids.size() && System.nanoTime() < deadline) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    String status = statusOrNone(ministry.apply(asked++) + "/notices/" + id);
                    if (Set.of("ACKNOWLEDGED", "REJECTED", "FAILED").contains(status)) {
                        ended.put(id, status);
                    }
                }
            }
            if (ended.size() < ids.size()) {
                Thread.sleep(1000);
            }
        }
        return ended;
    }

    private String statusOrNone(String url) {
        try {
            return get(url).path("status").asText();
        } catch (IOException e) {
            return "unanswered";
        }
    }

    /** A JSON resource, read as an auditor, or an IOException when it cannot be had. */
    JsonNode get(String url) throws IOException {
        try {
            return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + tokens.auditor(TOKEN_LIFE)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
