package org.chancery.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.chancery.testkit.ChanceryTestResource;
import org.chancery.testkit.RestFuzz;
import org.chancery.testkit.RestFuzz.Attempt;
import org.chancery.testkit.TestKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Five thousand requests to the auditor's API, each wrong by construction (malformed states,
 * roles, channels, statuses and times, pages out of range, ids that are not ids, bodies where
 * none is taken, wrong methods). None may get a 5xx or an answer, and each refusal is problem
 * JSON naming its status; a valid query every few hundred still answers.
 */
@Tag("stack")
@QuarkusTest
@WithTestResource(ChanceryTestResource.class)
class AuditFuzzTest {

    private static final int REQUESTS = 5_000;
    private static final String AUDITOR = TestKeys.tokens().auditor(Duration.ofHours(1));

    private final RestFuzz fuzz = RestFuzz.seeded(20261206L);

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiveThousandBadQueriesGetNoServerErrorAndNoAnswer() throws Exception {
        List<Supplier<Attempt>> generators = List.of(this::wrongFilter, this::wrongTime, this::wrongPage,
                this::notAnId, this::aBody, this::wrongMethod);
        RestFuzz.Report report = fuzz.run(base, AUDITOR, REQUESTS, generators,
                Attempt.get("control", "/notices?state=USA&role=sent&size=5"), 200);
        System.out.println(report);
        assertTrue(report.failures().isEmpty(), report.failureSummary());
    }

    private Attempt wrongFilter() {
        String name = fuzz.pick(List.of("state", "role", "channel", "status"));
        String value = fuzz.pick(List.of("usa", "US", "USAA", "U S", "' or 1=1 --", "EMBASSY ", "sent ", "Sent",
                "PIGEON", "LOST", "0", "\u0000", "\ud800", fuzz.randomText(1 + fuzz.random().nextInt(40))));
        String others = "state".equals(name) ? "" : "&state=USA";
        return Attempt.get("wrong " + name, "/notices?" + name + "=" + encode(value) + others);
    }

    private Attempt wrongTime() {
        String name = fuzz.pick(List.of("since", "until"));
        String value = fuzz.pick(List.of("yesterday", "2026-13-01T00:00:00Z", "2026-11-27", "0", "-1",
                "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "2026-11-27T00:00:00", fuzz.randomText(10)));
        String path = fuzz.random().nextBoolean() ? "/notices" : "/summary";
        return Attempt.get("wrong " + name, path + "?" + name + "=" + encode(value));
    }

    private Attempt wrongPage() {
        String name = fuzz.pick(List.of("page", "size"));
        String value = fuzz.pick(List.of("-1", "0x10", "abc", "1.5", "2147483647", "2147483648", "99999999999",
                "1e3", "size".equals(name) ? "101" : "-2147483648", "size".equals(name) ? "0" : "214748365"));
        return Attempt.get("wrong " + name, "/notices?" + name + "=" + encode(value));
    }

    private Attempt notAnId() {
        String id = fuzz.pick(List.of("not-an-id", "%00", "..%2F..%2Fetc", fuzz.randomText(36), "1",
                UUID.randomUUID().toString()));
        String path = fuzz.pick(List.of("/notices/" + id + "/path", "/notices/" + id + "/verify", "/circulars/" + id,
                "/notices/" + id));
        return Attempt.get("not an id", path);
    }

    private Attempt aBody() {
        String path = fuzz.pick(List.of("/notices", "/summary", "/notices/" + UUID.randomUUID() + "/path"));
        return new Attempt("a body", "POST", path, "application/json",
                ("{\"x\":\"" + "x".repeat(fuzz.random().nextInt(16 * 1024)) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private Attempt wrongMethod() {
        String method = fuzz.pick(List.of("PUT", "DELETE", "PATCH"));
        return new Attempt("method " + method, method, fuzz.pick(List.of("/notices", "/summary")), null, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
