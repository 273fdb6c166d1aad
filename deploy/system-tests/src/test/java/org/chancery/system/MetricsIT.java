package org.chancery.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator's Prometheus scrapes from /q/metrics after notices went through. */
@ExtendWith(RunningSystem.class)
class MetricsIT {

    private static String metrics(String service) {
        return given().baseUri(RunningSystem.stack().url(service)).get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }

    private static Optional<Double> value(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)", Pattern.MULTILINE).matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    @Test
    void noticesHopsLagAndDeadLettersAreCounted() {
        String id = Notices.accepted("ITA", "GBR", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        TopicProbe.send(RunningSystem.stack().bootstrapServers(), HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE), UUID.randomUUID().toString(),
                "not a hop", Map.of());

        String ministry = metrics("foreign-ministry");
        for (String outcome : new String[] {"accepted", "delivered", "acknowledged"}) {
            String series = "chancery_notices_" + outcome + "_total{channel=\"EMBASSY\",from=\"ITA\",to=\"GBR\"}";
            assertTrue(value(ministry, series).orElse(0.0) >= 1, series + " in\n" + ministry);
        }
        assertTrue(value(ministry, "chancery_consumer_lag{service=\"foreign-ministry\"}").isPresent());
        String embassy = metrics("embassy");
        assertTrue(value(embassy, "chancery_hop_latency_seconds_count{service=\"embassy\",type=\"chancery.notice.dispatched\"}")
                .orElse(0.0) >= 1, embassy);
        await().atMost(Notices.WAIT).until(() -> value(metrics("embassy"),
                "chancery_dead_letters_total{service=\"embassy\",topic=\"chancery.dispatch.embassy.routine\"}").orElse(0.0) >= 1);
        await().atMost(Notices.WAIT).until(() -> value(metrics("audit"),
                "chancery_dead_letters_total{service=\"audit\",topic=\"chancery.dispatch.embassy.routine\"}").orElse(0.0) >= 1);
        assertTrue(value(metrics("audit"), "chancery_audit_hops_total{service=\"audit\",topic=\"chancery.notices.routine\"}")
                .orElse(0.0) >= 1);
    }
}
