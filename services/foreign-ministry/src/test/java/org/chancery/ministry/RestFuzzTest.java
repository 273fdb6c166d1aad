package org.chancery.ministry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.TestKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand generated requests that are each wrong by construction (malformed, truncated,
 * mistyped, missing or unknown fields, unknown states, a state to itself, oversized, bad enums,
 * absurd deadlines, wrong media types and methods, random bytes). None may get a 5xx or be
 * accepted, and each refusal must be problem JSON naming its status. A valid notice sent every
 * few hundred requests must still be accepted.
 */
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class RestFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final long SEED = Long.getLong("chancery.fuzz.seed", 20261127L);
    private static final String VALID = "{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\",\"precedence\":\"ROUTINE\","
            + "\"classification\":\"UNCLASSIFIED\",\"subject\":\"Fuzz control\",\"body\":\"A valid notice.\"}";
    private static final List<String> FIELDS = List.of("from", "to", "kind", "precedence", "classification",
            "subject", "body", "deliverBy");
    private static final List<String> REQUIRED = List.of("from", "to", "kind", "subject", "body");

    /** Every request comes from the ministry of the United States, as the valid notice does. */
    private static final String USA = TestKeys.tokens().ministry("USA", java.time.Duration.ofHours(1));

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Random random = new Random(SEED);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private record Attempt(String label, String method, String path, String contentType, byte[] body) {
    }

    @Test
    void tenThousandBadRequestsGetNoServerErrorAndAreNeverAccepted() throws Exception {
        Channels.publishRegistries(bootstrap);
        List<Supplier<Attempt>> generators = List.of(this::wrongValue, this::missingField, this::unknownField,
                this::truncated, this::randomBytes, this::wrongMediaType, this::oversized, this::tooLongText,
                this::badDeadline, this::wrongMethod, this::deeplyNested, this::notAnObject, this::badNoticeId);
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int controls = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (i % 500 == 0) {
                HttpResponse<String> ok = send(new Attempt("control", "POST", "/notices", "application/json",
                        VALID.getBytes(StandardCharsets.UTF_8)));
                assertEquals(202, ok.statusCode(), "a valid notice after " + i + " bad requests: " + ok.body());
                controls++;
            }
            Attempt attempt = generators.get(random.nextInt(generators.size())).get();
            HttpResponse<String> response;
            try {
                response = send(attempt);
            } catch (java.io.IOException e) {
                failures.add("#" + i + " " + attempt.label() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            int status = response.statusCode();
            byStatus.merge(attempt.label() + " " + status, 1, Integer::sum);
            String problem = problemIssue(response);
            if (status < 400 || status >= 500 || problem != null) {
                failures.add("#" + i + " " + attempt.label() + " " + attempt.method() + " " + attempt.path() + " → "
                        + status + (problem == null ? "" : " (" + problem + ")") + ": "
                        + preview(new String(attempt.body(), StandardCharsets.UTF_8)));
            }
        }
        System.out.printf("REST fuzz (seed %d): %d bad requests, %d valid controls accepted, outcomes %s%n", SEED,
                REQUESTS, controls, byStatus);
        assertTrue(failures.isEmpty(), failures.size() + " requests not refused cleanly (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private HttpResponse<String> send(Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(attempt.path()))
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        request.header("Authorization", "Bearer " + USA);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with a refusal's body, or null when it is problem JSON carrying its status. */
    private String problemIssue(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "content type '" + type + "'";
        }
        try {
            JsonNode problem = json.readTree(response.body());
            if (problem.path("status").asInt() != response.statusCode() || problem.path("title").asText().isBlank()) {
                return "problem without its status or title: " + preview(response.body());
            }
            return null;
        } catch (Exception e) {
            return "unreadable problem: " + preview(response.body());
        }
    }

    // The generators: each returns a request that is wrong in one way.

    private Attempt wrongValue() {
        String field = pick(FIELDS);
        List<String> junk = new ArrayList<>(List.of("123", "true", "[]", "{}", "[\"USA\"]", "-1e309", "\"\"",
                "{\"code\":\"USA\"}"));
        if (!"subject".equals(field) && !"body".equals(field)) {
            junk.add("\"" + randomText(1 + random.nextInt(12)) + "\"");
        }
        if (REQUIRED.contains(field)) {
            junk.add("null");
            junk.add("\"   \"");
        }
        switch (field) {
            case "from", "to" -> junk.addAll(List.of("\"usa\"", "\"US\"", "\"USAA\"", "\"ZZZ\"", "\"XQX\"", "\"U S\"",
                    "\"" + ("from".equals(field) ? "DEU" : "USA") + "\""));
            case "kind", "precedence", "classification" -> junk.addAll(List.of("\"note_verbale\"", "\"URGENT\"",
                    "\"TOP SECRET\"", "\"0\"", "\"" + randomText(8).toUpperCase() + "\""));
            case "deliverBy" -> junk.addAll(List.of("\"tomorrow\"", "\"2027-13-01T00:00:00Z\"", "0", "\"2027-01-01\""));
            default -> { }
        }
        String value = pick(junk);
        // A state sending to itself: "from" set to the receiving state.
        String body = VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\")", "\"" + field + "\":" + quoteSafe(value));
        if (!body.contains("\"" + field + "\"")) {
            body = body.substring(0, body.length() - 1) + ",\"" + field + "\":" + value + "}";
        }
        return post("wrong " + field, body);
    }

    private Attempt missingField() {
        String field = pick(REQUIRED);
        return post("missing " + field, VALID.replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}"));
    }

    private Attempt unknownField() {
        String name = pick(List.of("priority", "From", "id", "status", "__proto__", randomText(6)));
        return post("unknown field", VALID.replace("}", ",\"" + name + "\":\"x\"}"));
    }

    private Attempt truncated() {
        return post("truncated", VALID.substring(0, random.nextInt(VALID.length() - 1)));
    }

    private Attempt randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new Attempt("random bytes", "POST", "/notices", "application/json", bytes);
    }

    private Attempt wrongMediaType() {
        String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream"));
        return new Attempt("media type " + type, "POST", "/notices", type, VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt oversized() {
        String huge = "x".repeat(65 * 1024 + random.nextInt(200 * 1024));
        return post("oversized", VALID.replace("A valid notice.", huge));
    }

    private Attempt tooLongText() {
        return random.nextBoolean() ? post("subject too long", VALID.replace("Fuzz control", "s".repeat(201 + random.nextInt(500))))
                : post("body too long", VALID.replace("A valid notice.", "b".repeat(20_001 + random.nextInt(20_000))));
    }

    private Attempt badDeadline() {
        Instant at = pick(List.of(Instant.now().minus(1 + random.nextInt(10_000), ChronoUnit.MINUTES),
                Instant.now().plus(400 + random.nextInt(100_000), ChronoUnit.DAYS), Instant.EPOCH,
                Instant.parse("9999-12-31T23:59:59Z")));
        return post("deadline out of range", VALID.replace("}", ",\"deliverBy\":\"" + at + "\"}"));
    }

    private Attempt wrongMethod() {
        String method = pick(List.of("PUT", "DELETE", "PATCH"));
        return new Attempt("method " + method, method, "/notices", "application/json", VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt deeplyNested() {
        int depth = 500 + random.nextInt(5000);
        return post("deeply nested", VALID.replace("\"Fuzz control\"", "[".repeat(depth) + "]".repeat(depth)));
    }

    private Attempt notAnObject() {
        return post("not an object", pick(List.of("[]", "\"notice\"", "42", "true", "[" + VALID + "]", "", " ")));
    }

    private Attempt badNoticeId() {
        String id = pick(List.of("not-an-id", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fetc",
                java.util.UUID.randomUUID().toString(), randomText(40)));
        String path = "/notices/" + id + (random.nextBoolean() ? "" : "/receipt");
        return new Attempt("unknown notice", "GET", path, null, null);
    }

    private Attempt post(String label, String body) {
        return new Attempt(label, "POST", "/notices", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static String quoteSafe(String value) {
        return value.replace("\\", "\\\\").replace("$", "\\$");
    }

    private static String preview(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
