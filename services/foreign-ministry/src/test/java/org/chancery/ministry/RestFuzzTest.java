package org.chancery.ministry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.RestFuzz;
import org.chancery.testkit.RestFuzz.Attempt;
import org.chancery.testkit.TestKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand generated requests that are each wrong by construction (malformed, truncated,
 * mistyped, missing or unknown fields, unknown states, a state to itself, oversized, bad enums,
 * absurd deadlines, lone surrogates, wrong media types and methods, random bytes). None may get a
 * 5xx or be accepted, and each refusal must be problem JSON naming its status. A valid notice sent
 * every few hundred requests must still be accepted.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class RestFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final String VALID = "{\"from\":\"USA\",\"to\":\"DEU\",\"kind\":\"NOTE_VERBALE\",\"precedence\":\"ROUTINE\","
            + "\"classification\":\"UNCLASSIFIED\",\"subject\":\"Fuzz control\",\"body\":\"A valid notice.\"}";
    private static final List<String> FIELDS = List.of("from", "to", "kind", "precedence", "classification",
            "subject", "body", "deliverBy");
    private static final List<String> REQUIRED = List.of("from", "to", "kind", "subject", "body");

    /** Every request comes from the ministry of the United States, as the valid notice does. */
    private static final String USA = TestKeys.tokens().ministry("USA", java.time.Duration.ofHours(1));

    private final RestFuzz fuzz = RestFuzz.seeded(20261127L);

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void tenThousandBadRequestsGetNoServerErrorAndAreNeverAccepted() throws Exception {
        Channels.publishRegistries(bootstrap);
        List<Supplier<Attempt>> generators = List.of(this::wrongValue, this::missingField, this::unknownField,
                this::truncated, this::randomBytes, this::wrongMediaType, this::oversized, this::tooLongText,
                this::badDeadline, this::wrongMethod, this::deeplyNested, this::notAnObject, this::badNoticeId,
                this::loneSurrogate);
        RestFuzz.Report report = fuzz.run(base, USA, REQUESTS, generators, post("control", VALID), 202);
        System.out.println(report);
        assertTrue(report.failures().isEmpty(), report.failureSummary());
    }

    // The generators: each returns a request that is wrong in one way.

    private Attempt wrongValue() {
        String field = pick(FIELDS);
        List<String> junk = new ArrayList<>(List.of("123", "true", "[]", "{}", "[\"USA\"]", "-1e309", "\"\"",
                "{\"code\":\"USA\"}"));
        if (!"subject".equals(field) && !"body".equals(field)) {
            junk.add("\"" + randomText(1 + fuzz.random().nextInt(12)) + "\"");
        }
        if (REQUIRED.contains(field)) {
            junk.add("null");
            junk.add("\"   \"");
        }
        switch (field) {
            case "from", "to" -> junk.addAll(List.of("\"usa\"", "\"US\"", "\"USAA\"", "\"ZZZ\"", "\"XQX\"", "\"U S\"",
                    "\"" + ("from".equals(field) ? "DEU" : "USA") + "\""));
            case "kind", "precedence", "classification" -> junk.addAll(List.of("\"note_verbale\"", "\"URGENT\"",
                    "\"TOP SECRET\"", "\"0\"", "\" ROUTINE\"", "\"FLASH \"", "\"" + randomText(8).toUpperCase() + "\""));
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
        return post("truncated", VALID.substring(0, fuzz.random().nextInt(VALID.length() - 1)));
    }

    private Attempt randomBytes() {
        return new Attempt("random bytes", "POST", "/notices", "application/json", fuzz.randomBytes(300));
    }

    /** A lone surrogate, which no UTF-8 text holds: the notice could not be hashed as it reads. */
    private Attempt loneSurrogate() {
        String field = pick(List.of("subject", "body"));
        String lone = pick(List.of("\\ud800", "\\udfff", "x\\ud83d", "\\ude00y"));
        return post("lone surrogate in " + field, VALID.replace("subject".equals(field) ? "Fuzz control" : "A valid notice.",
                lone));
    }

    private Attempt wrongMediaType() {
        String type = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream"));
        return new Attempt("media type " + type, "POST", "/notices", type, VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt oversized() {
        String huge = "x".repeat(65 * 1024 + fuzz.random().nextInt(200 * 1024));
        return post("oversized", VALID.replace("A valid notice.", huge));
    }

    private Attempt tooLongText() {
        return fuzz.random().nextBoolean() ? post("subject too long", VALID.replace("Fuzz control", "s".repeat(201 + fuzz.random().nextInt(500))))
                : post("body too long", VALID.replace("A valid notice.", "b".repeat(20_001 + fuzz.random().nextInt(20_000))));
    }

    private Attempt badDeadline() {
        Instant at = pick(List.of(Instant.now().minus(1 + fuzz.random().nextInt(10_000), ChronoUnit.MINUTES),
                Instant.now().plus(400 + fuzz.random().nextInt(100_000), ChronoUnit.DAYS), Instant.EPOCH,
                Instant.parse("9999-12-31T23:59:59Z")));
        return post("deadline out of range", VALID.replace("}", ",\"deliverBy\":\"" + at + "\"}"));
    }

    private Attempt wrongMethod() {
        String method = pick(List.of("PUT", "DELETE", "PATCH"));
        return new Attempt("method " + method, method, "/notices", "application/json", VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt deeplyNested() {
        int depth = 500 + fuzz.random().nextInt(5000);
        return post("deeply nested", VALID.replace("\"Fuzz control\"", "[".repeat(depth) + "]".repeat(depth)));
    }

    private Attempt notAnObject() {
        return post("not an object", pick(List.of("[]", "\"notice\"", "42", "true", "[" + VALID + "]", "", " ")));
    }

    private Attempt badNoticeId() {
        String id = pick(List.of("not-an-id", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fetc",
                java.util.UUID.randomUUID().toString(), randomText(40)));
        String path = "/notices/" + id + (fuzz.random().nextBoolean() ? "" : "/receipt");
        return new Attempt("unknown notice", "GET", path, null, null);
    }

    private static Attempt post(String label, String body) {
        return Attempt.json(label, "POST", "/notices", body);
    }

    private <T> T pick(List<T> choices) {
        return fuzz.pick(choices);
    }

    private String randomText(int length) {
        return fuzz.randomText(length);
    }

    private static String quoteSafe(String value) {
        return value.replace("\\", "\\\\").replace("$", "\\$");
    }
}
