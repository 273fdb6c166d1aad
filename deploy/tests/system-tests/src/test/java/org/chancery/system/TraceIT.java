package org.chancery.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.chancery.system.TraceCollector.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One notice is one trace: from REST ingress through every Kafka hop to the receipt. */
@ExtendWith(RunningSystem.class)
class TraceIT {

    @Test
    void aNoticeIsOneTraceWhoseSpansFollowItsHops() {
        String id = Notices.accepted("USA", "DEU", "NOTE_VERBALE", "ROUTINE");
        Notices.awaitStatus(id, "ACKNOWLEDGED");
        Notices.awaitVerifiedPath(id);

        // The audit handles the receipt too: the walk starts at the ministry's span for it.
        await().atMost(Notices.WAIT).until(() -> RunningSystem.traces().spans().stream()
                .anyMatch(s -> id.equals(s.attributes().get("chancery.notice.id")) && isMinistryReceipt(s)));
        List<ReceivedSpan> tagged = RunningSystem.traces().spans().stream()
                .filter(s -> id.equals(s.attributes().get("chancery.notice.id"))).toList();
        Set<String> traceIds = tagged.stream().map(ReceivedSpan::traceId).collect(Collectors.toSet());
        assertEquals(1, traceIds.size(), () -> "one trace per notice, got " + traceIds);
        String traceId = traceIds.iterator().next();
        List<ReceivedSpan> trace = RunningSystem.traces().spans().stream()
                .filter(s -> s.traceId().equals(traceId)).toList();

        ReceivedSpan ingress = trace.stream().filter(s -> s.parentSpanId() == null).findFirst().orElseThrow();
        assertEquals("foreign-ministry", ingress.service());
        assertEquals("SERVER", ingress.kind());
        assertTrue(ingress.name().contains("/notices"), ingress.name());
        assertEquals(id, ingress.attributes().get("chancery.notice.id"));

        // Walk back from the receipt: each hop's span descends from the span of the hop before.
        ReceivedSpan last = tagged.stream().filter(TraceIT::isMinistryReceipt).findFirst().orElseThrow();
        List<ReceivedSpan> chain = new ArrayList<>(TraceCollector.ancestors(trace, last));
        Collections.reverse(chain);
        chain.add(last);
        List<String> handled = chain.stream().filter(s -> s.name().startsWith("handle "))
                .map(s -> s.service() + " " + s.name().substring("handle ".length())).toList();
        assertEquals(List.of("embassy chancery.notice.dispatched", "foreign-ministry chancery.notice.delivered",
                "embassy chancery.notice.acknowledged", "foreign-ministry chancery.receipt.delivered"), handled,
                () -> "spans from ingress to receipt: " + chain);
        assertEquals(ingress, chain.get(0), "the chain starts at REST ingress");
        assertTrue(chain.stream().anyMatch(s -> "CONSUMER".equals(s.kind())), "Kafka receive spans in between");

        assertFalse(trace.stream().noneMatch(s -> s.service().equals("audit")), "the audit's spans join the trace");
    }

    private static boolean isMinistryReceipt(ReceivedSpan span) {
        return span.service().equals("foreign-ministry") && span.name().equals("handle chancery.receipt.delivered");
    }
}
