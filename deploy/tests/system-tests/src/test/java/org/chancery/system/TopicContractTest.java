package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Lane;
import org.junit.jupiter.api.Test;

/** The contract checker itself: it passes a good record and names what is wrong with bad ones. */
class TopicContractTest {

    static final String DISPATCH = HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE);
    static final String DELIVERY = HopTopic.DELIVERY.in(Lane.ROUTINE);

    private final TopicContract contract = new TopicContract(Path.of("../../../docs").toAbsolutePath().normalize());

    private static final org.chancery.events.signing.HopSigner SIGNER =
            new org.chancery.events.signing.HopSigner(org.chancery.events.signing.Ed25519Keys.generate().getPrivate());

    private static HopEvent dispatched() {
        return SIGNER.sign(HopEvent.first(java.util.UUID.randomUUID(), "foreign-ministry", "ministry:USA", "embassy:USA@DEU",
                org.chancery.events.Notice.of("USA", "DEU", org.chancery.events.NoticeKind.NOTE_VERBALE,
                        org.chancery.events.Precedence.ROUTINE, org.chancery.events.Classification.UNCLASSIFIED, "s",
                        "b", null),
                List.of(new org.chancery.events.Route(org.chancery.events.Channel.EMBASSY, List.of("embassy:USA@DEU"),
                        "test"))));
    }

    private static Map<String, String> headers(HopEvent hop) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", hop.eventId().toString());
        h.put("ce_type", hop.type().ceType());
        h.put("ce_source", "/chancery/" + hop.service());
        h.put("ce_subject", hop.noticeId().toString());
        h.put("ce_time", hop.at().toString());
        return h;
    }

    @Test
    void aGoodRecordPasses() {
        HopEvent hop = dispatched();
        assertEquals(List.of(), contract.check(DISPATCH, hop.noticeId().toString(), headers(hop),
                HopEvents.toJson(hop)));
    }

    @Test
    void aTypeTheTopicDoesNotCarryIsNamed() {
        HopEvent hop = dispatched();
        List<String> problems = contract.check(DELIVERY, hop.noticeId().toString(), headers(hop),
                HopEvents.toJson(hop));
        assertTrue(problems.get(0).contains("is not a message chancery.delivery.routine carries"), problems::toString);
    }

    @Test
    void missingFieldsBadPartiesAndBadHeadersAreNamed() {
        HopEvent hop = dispatched();
        ObjectNode bad = (ObjectNode) HopEvents.toTree(hop);
        bad.remove("hash");
        bad.put("to", "the embassy");
        bad.remove("plan");
        Map<String, String> headers = headers(hop);
        headers.remove("ce_source");
        List<String> problems = contract.check(DISPATCH, hop.noticeId().toString(), headers,
                bad.toString());
        String all = String.join("\n", problems);
        assertTrue(all.contains("hash"), all);
        assertTrue(all.contains("plan"), all);
        assertTrue(all.contains("/to"), all);
        assertTrue(all.contains("ce_source"), all);
        assertFalse(contract.check(DISPATCH, "another-key", headers(hop), HopEvents.toJson(hop))
                .isEmpty());
    }

    @Test
    void aReceiptOfVersionTwoMustSayItsOutcome() {
        HopEvent hop = dispatched();
        HopEvent ack = hop.next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", "ministry:DEU", "embassy:USA@DEU")
                .seal();
        List<String> problems = contract.check(DISPATCH, ack.noticeId().toString(), headers(ack),
                HopEvents.toJson(ack));
        assertTrue(String.join("\n", problems).contains("receipt"), problems::toString);
    }
}
