package org.chancery.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Thousands of generated requests that are each wrong by construction, against a service's REST
 * API: none may get a 5xx or succeed, and each refusal must be problem JSON (RFC 9457) naming its
 * status. A valid control request sent every few hundred must still succeed. The generators are the
 * caller's; this runs them, seeded, so that a failure can be replayed.
 */
public final class RestFuzz {

    /** One request: what is wrong with it, and the request itself. */
    public record Attempt(String label, String method, String path, String contentType, byte[] body) {

        public static Attempt json(String label, String method, String path, String body) {
            return new Attempt(label, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        public static Attempt get(String label, String path) {
            return new Attempt(label, "GET", path, null, null);
        }
    }

    /** What came back: each refusal that was not clean, and how many of each outcome. */
    public record Report(long seed, int requests, int controls, Map<String, Integer> byOutcome, List<String> failures) {
        /** The first failures, for an assertion's message. */
        public String failureSummary() {
            return failures.size() + " requests not refused cleanly (seed " + seed + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size())));
        }

        @Override
        public String toString() {
            return "REST fuzz (seed " + seed + "): " + requests + " bad requests, " + controls
                    + " valid controls answered, outcomes " + byOutcome;
        }
    }

    private static final int CONTROL_EVERY = 500;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public RestFuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Seeded by {@code -Dchancery.fuzz.seed} (to replay a failure the report names), else by {@code fallback}. */
    public static RestFuzz seeded(long fallback) {
        return new RestFuzz(Long.getLong("chancery.fuzz.seed", fallback));
    }

    public Random random() {
        return random;
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    public String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    public byte[] randomBytes(int most) {
        byte[] bytes = new byte[random.nextInt(most)];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Sends {@code requests} attempts drawn from {@code generators}, each with {@code token}, and
     * {@code control} before every {@value #CONTROL_EVERY}; a control answered otherwise than
     * {@code controlStatus} is a failure.
     */
    public Report run(URI base, String token, int requests, List<Supplier<Attempt>> generators, Attempt control,
            int controlStatus) throws InterruptedException {
        Map<String, Integer> byOutcome = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int controls = 0;
        for (int i = 0; i < requests; i++) {
            if (i % CONTROL_EVERY == 0) {
                try {
                    HttpResponse<String> ok = send(base, token, control);
                    if (ok.statusCode() != controlStatus) {
                        failures.add("the valid control after " + i + " bad requests → " + ok.statusCode() + ": "
                                + preview(ok.body()));
                    }
                } catch (IOException e) {
                    failures.add("the valid control after " + i + " bad requests: no answer (" + e.getMessage() + ")");
                }
                controls++;
            }
            Attempt attempt = generators.get(random.nextInt(generators.size())).get();
            HttpResponse<String> response;
            try {
                response = send(base, token, attempt);
            } catch (IOException e) {
                failures.add("#" + i + " " + attempt.label() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            int status = response.statusCode();
            byOutcome.merge(attempt.label() + " " + status, 1, Integer::sum);
            String problem = problemIssue(response);
            if (status < 400 || status >= 500 || problem != null) {
                failures.add("#" + i + " " + attempt.label() + " " + attempt.method() + " " + attempt.path() + " → "
                        + status + (problem == null ? "" : " (" + problem + ")") + ": "
                        + preview(attempt.body() == null ? "" : new String(attempt.body(), StandardCharsets.UTF_8)));
            }
        }
        return new Report(seed, requests, controls, byOutcome, failures);
    }

    private HttpResponse<String> send(URI base, String token, Attempt attempt) throws IOException, InterruptedException {
        // An answer that never comes is a failure of its own, not a test that hangs.
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(attempt.path())).timeout(ANSWER_WITHIN)
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with a refusal's body, or null when it is problem JSON carrying its status. */
    private static String problemIssue(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "content type '" + type + "'";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != response.statusCode() || problem.path("title").asText().isBlank()) {
                return "problem without its status or title: " + preview(response.body());
            }
            return null;
        } catch (IOException e) {
            return "unreadable problem: " + preview(response.body());
        }
    }

    public static String preview(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
