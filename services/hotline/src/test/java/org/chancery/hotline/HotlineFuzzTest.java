package org.chancery.hotline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.RestFuzz;
import org.chancery.testkit.RestFuzz.Attempt;
import org.chancery.testkit.TestKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Five thousand requests to the operator's API, each wrong by construction (bad or missing status,
 * unknown fields, truncated, random bytes, oversized, a note too long or not Unicode text, wrong media
 * types and methods, unknown or malformed line ids). None may get a 5xx or succeed, and each refusal
 * is problem JSON naming its status; a valid declaration every few hundred still succeeds.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class HotlineFuzzTest {

    private static final int REQUESTS = 5_000;
    private static final String LINE = "/hotlines/US-RU-DCL/status";
    private static final String VALID = "{\"status\":\"UP\",\"note\":\"fuzz control\"}";
    private static final String OPERATOR = TestKeys.tokens().operator(Duration.ofHours(1));

    private final RestFuzz fuzz = RestFuzz.seeded(20261206L);

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiveThousandBadDeclarationsGetNoServerErrorAndChangeNoLine() throws Exception {
        List<Supplier<Attempt>> generators = List.of(this::wrongStatus, this::wrongNote, this::unknownField,
                this::truncated, this::randomBytes, this::wrongMediaType, this::oversized, this::notAnObject,
                this::deeplyNested, this::wrongMethod, this::unknownLine);
        RestFuzz.Report report = fuzz.run(base, OPERATOR, REQUESTS, generators, put("control", VALID), 200);
        System.out.println(report);
        assertTrue(report.failures().isEmpty(), report.failureSummary());
    }

    private Attempt wrongStatus() {
        String status = fuzz.pick(List.of("\"up\"", "\"OPEN\"", "\"\"", "0", "1", "true", "null", "[]", "{}", "\"UP \"",
                "\"" + fuzz.randomText(6).toUpperCase() + "\""));
        return put("wrong status", "{\"status\":" + status + ",\"note\":\"n\"}");
    }

    private Attempt wrongNote() {
        String note = fuzz.pick(List.of("\"" + "n".repeat(501 + fuzz.random().nextInt(2000)) + "\"", "42", "true",
                "[]", "{}", "\"\\ud800\"", "\"cut\\udfff\"", "\"\\ud83d\""));
        return put("wrong note", "{\"status\":\"DOWN\",\"note\":" + note + "}");
    }

    private Attempt unknownField() {
        return put("unknown field", VALID.replace("}", ",\"" + fuzz.pick(List.of("id", "Status", "level", fuzz.randomText(5)))
                + "\":\"x\"}"));
    }

    private Attempt truncated() {
        return put("truncated", VALID.substring(0, fuzz.random().nextInt(VALID.length() - 1)));
    }

    private Attempt randomBytes() {
        return new Attempt("random bytes", "PUT", LINE, "application/json", fuzz.randomBytes(300));
    }

    private Attempt wrongMediaType() {
        String type = fuzz.pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded"));
        return new Attempt("media type " + type, "PUT", LINE, type, VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt oversized() {
        return put("oversized", VALID.replace("fuzz control", "x".repeat(17 * 1024 + fuzz.random().nextInt(100 * 1024))));
    }

    private Attempt notAnObject() {
        return put("not an object", fuzz.pick(List.of("[]", "\"UP\"", "42", "true", "", " ", "[" + VALID + "]")));
    }

    private Attempt deeplyNested() {
        int depth = 500 + fuzz.random().nextInt(5000);
        return put("deeply nested", VALID.replace("\"fuzz control\"", "[".repeat(depth) + "]".repeat(depth)));
    }

    private Attempt wrongMethod() {
        String method = fuzz.pick(List.of("POST", "DELETE", "PATCH"));
        String path = fuzz.pick(List.of(LINE, "/hotlines", "/hotlines/US-RU-DCL"));
        return new Attempt("method " + method, method, path, "application/json", VALID.getBytes(StandardCharsets.UTF_8));
    }

    private Attempt unknownLine() {
        String id = fuzz.pick(List.of("XX-YY", "us-ru-dcl", "%00", "..%2F..%2Fetc", "US-RU-DCL%20", fuzz.randomText(30)));
        return fuzz.random().nextBoolean() ? Attempt.get("unknown line", "/hotlines/" + id)
                : Attempt.json("unknown line", "PUT", "/hotlines/" + id + "/status", VALID);
    }

    private static Attempt put(String label, String body) {
        return Attempt.json(label, "PUT", LINE, body);
    }
}
