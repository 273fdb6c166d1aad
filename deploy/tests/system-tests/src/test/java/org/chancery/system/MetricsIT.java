package org.chancery.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator's Prometheus scrapes from /q/metrics: every series is read before and after this
 * test's own notice and poison record, so each assertion is on the change they made, not on what
 * the tests before it left.
 */
@ExtendWith(RunningSystem.class)
class MetricsIT {

    private static final String ACCEPTED = "chancery_notices_accepted_total{channel=\"EMBASSY\"}";
    private static final String DELIVERED = "chancery_notices_delivered_total{channel=\"EMBASSY\"}";
    private static final String ACKNOWLEDGED = "chancery_notices_acknowledged_total{channel=\"EMBASSY\"}";
    private static final String EMBASSY_HOPS =
            "chancery_hop_latency_seconds_count{service=\"embassy\",type=\"chancery.notice.dispatched\"}";
    private static final String EMBASSY_DEAD_LETTERS =
            "chancery_dead_letters_total{service=\"embassy\",topic=\"chancery.dispatch.embassy.routine\"}";
    private static final String AUDIT_DEAD_LETTERS =
            "chancery_dead_letters_total{service=\"audit\",topic=\"chancery.dispatch.embassy.routine\"}";
    private static final String AUDIT_HOPS = "chancery_audit_hops_total{service=\"audit\",topic=\"chancery.notices.routine\"}";

    private static double value(String service, String series) {
        return Scrape.of(RunningSystem.stack().url(service)).value(series).orElse(0.0);
    }

    /** Waits until the series has grown by at least {@code by} since {@code before}. */
    private static void awaitGrowth(String service, String series, double before, double by) {
        await().atMost(Notices.WAIT).untilAsserted(() -> {
            double now = value(service, series);
            if (now < before + by) {
                throw new AssertionError(series + " on " + service + " went from " + before + " to " + now
                        + ", expected at least +" + by);
            }
        });
    }

    @Test
    void noticesHopsLagAndDeadLettersAreCounted() {
        double accepted = value("foreign-ministry", ACCEPTED);
        double delivered = value("foreign-ministry", DELIVERED);
        double acknowledged = value("foreign-ministry", ACKNOWLEDGED);
        double embassyHops = value("embassy", EMBASSY_HOPS);
        double embassyDeadLetters = value("embassy", EMBASSY_DEAD_LETTERS);
        double auditDeadLetters = value("audit", AUDIT_DEAD_LETTERS);
        double auditHops = value("audit", AUDIT_HOPS);

        String id = Notices.accepted("ITA", "GBR", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        TopicProbe.send(RunningSystem.stack().bootstrapServers(), HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE),
                UUID.randomUUID().toString(), "not a hop", Map.of());

        // Only this test submits notices while it runs: exactly one more accepted.
        assertEquals(accepted + 1, value("foreign-ministry", ACCEPTED), ACCEPTED);
        awaitGrowth("foreign-ministry", DELIVERED, delivered, 1);
        awaitGrowth("foreign-ministry", ACKNOWLEDGED, acknowledged, 1);
        awaitGrowth("embassy", EMBASSY_HOPS, embassyHops, 1);
        awaitGrowth("embassy", EMBASSY_DEAD_LETTERS, embassyDeadLetters, 1);
        awaitGrowth("audit", AUDIT_DEAD_LETTERS, auditDeadLetters, 1);
        // The ministry records the notice's receipt on its own topic, which the audit keeps.
        awaitGrowth("audit", AUDIT_HOPS, auditHops, 1);
        await().atMost(Notices.WAIT).until(() -> Scrape.of(RunningSystem.stack().url("foreign-ministry"))
                .value("chancery_consumer_lag{service=\"foreign-ministry\"}").isPresent());
    }
}
