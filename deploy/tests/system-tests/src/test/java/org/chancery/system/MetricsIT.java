package org.chancery.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator's Prometheus scrapes from /q/metrics after notices went through. */
@ExtendWith(RunningSystem.class)
class MetricsIT {

    private static Scrape metrics(String service) {
        return Scrape.of(RunningSystem.stack().url(service));
    }

    @Test
    void noticesHopsLagAndDeadLettersAreCounted() {
        String id = Notices.accepted("ITA", "GBR", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);
        TopicProbe.send(RunningSystem.stack().bootstrapServers(), HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE), UUID.randomUUID().toString(),
                "not a hop", Map.of());

        Scrape ministry = metrics("foreign-ministry");
        for (String outcome : new String[] {"accepted", "delivered", "acknowledged"}) {
            String series = "chancery_notices_" + outcome + "_total{channel=\"EMBASSY\"}";
            assertTrue(ministry.value(series).orElse(0.0) >= 1, series + " in\n" + ministry);
        }
        assertTrue(ministry.value("chancery_consumer_lag{service=\"foreign-ministry\"}").isPresent());
        Scrape embassy = metrics("embassy");
        assertTrue(embassy.value("chancery_hop_latency_seconds_count{service=\"embassy\",type=\"chancery.notice.dispatched\"}")
                .orElse(0.0) >= 1, embassy.text());
        await().atMost(Notices.WAIT).until(() -> metrics("embassy").value(
                "chancery_dead_letters_total{service=\"embassy\",topic=\"chancery.dispatch.embassy.routine\"}").orElse(0.0) >= 1);
        await().atMost(Notices.WAIT).until(() -> metrics("audit").value(
                "chancery_dead_letters_total{service=\"audit\",topic=\"chancery.dispatch.embassy.routine\"}").orElse(0.0) >= 1);
        assertTrue(metrics("audit").value("chancery_audit_hops_total{service=\"audit\",topic=\"chancery.notices.routine\"}")
                .orElse(0.0) >= 1);
    }
}
