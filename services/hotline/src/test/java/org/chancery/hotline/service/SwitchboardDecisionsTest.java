package org.chancery.hotline.service;

import static org.chancery.testkit.Emissions.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.LinkStatus;
import org.chancery.events.registry.ReferenceFiles;
import org.chancery.hotline.domain.ReferenceLines;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The switchboard as a plain decision, with the lines it ships with in the statuses each test gives
 * and no broker or database: a hop in, the hops it sends on out.
 */
class SwitchboardDecisionsTest {

    private static final Switchboard SWITCHBOARD = new Switchboard();
    private static final Map<String, Hotline> RECORDED = new LinkedHashMap<>();

    @BeforeAll
    static void lines() {
        SWITCHBOARD.lines = ReferenceLines.load();
        ReferenceFiles.hotlines(ReferenceFiles.open(null, "reference/hotlines.json"))
                .forEach(line -> RECORDED.put(line.id(), line));
    }

    private static HopEvent dispatched(String from, String to, String line) {
        return Rehearsals.dispatched(Rehearsals.notice(from, to, Precedence.FLASH), Channel.HOTLINE, line);
    }

    /** The recorded lines, with one of them declared in the status given. */
    private static Map<String, Hotline> with(String lineId, LinkStatus status, String note) {
        Map<String, Hotline> lines = new LinkedHashMap<>(RECORDED);
        lines.put(lineId, RECORDED.get(lineId).withStatus(status, note, Instant.now()));
        return lines;
    }


    @Test
    void aLineThatIsUpDeliversToTheFarEnd() {
        HopEvent hop = dispatched("USA", "RUS", Party.hotline("US-RU-NRRC"));
        HopEvent delivered = only(SWITCHBOARD.carry(hop, () -> with("US-RU-NRRC", LinkStatus.UP, null)),
                HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.hotline("US-RU-NRRC"), delivered.from());
        assertEquals(Party.ministry("RUS"), delivered.to());
        assertEquals(hop.hash(), delivered.prevHash());
    }

    @Test
    void aNetworkDeliversByTheSendersNode() {
        HopEvent hop = dispatched("DEU", "FRA", Party.hotline("OSCE-CN"));
        HopEvent delivered = only(SWITCHBOARD.carry(hop, () -> with("OSCE-CN", LinkStatus.UP, null)),
                HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.hotlineNode("OSCE-CN", "DEU"), delivered.from());
        assertEquals(Party.ministry("FRA"), delivered.to());
    }

    @Test
    void aLineDownFailsBackToTheSenderSayingWhy() {
        HopEvent hop = dispatched("USA", "RUS", Party.hotline("US-RU-NRRC"));
        HopEvent failed = only(SWITCHBOARD.carry(hop, () -> with("US-RU-NRRC", LinkStatus.DOWN, "cable cut")),
                HopTopic.DELIVERY, HopType.NOTICE_FAILED);
        assertEquals(Party.ministry("USA"), failed.to());
        assertEquals(RECORDED.get("US-RU-NRRC").name() + " is down: cable cut", failed.reason());
    }

    @Test
    void aLineBetweenOtherStatesOrNoLineAtAllFails() {
        HopEvent wrongPair = dispatched("USA", "CHN", Party.hotline("US-RU-NRRC"));
        HopEvent failed = only(SWITCHBOARD.carry(wrongPair, () -> RECORDED), HopTopic.DELIVERY, HopType.NOTICE_FAILED);
        assertEquals(RECORDED.get("US-RU-NRRC").name() + " links USA and RUS, not USA and CHN", failed.reason());
        HopEvent offTheNetwork = dispatched("DEU", "CHN", Party.hotline("OSCE-CN"));
        assertEquals("CHN is not on the " + RECORDED.get("OSCE-CN").name(),
                only(SWITCHBOARD.carry(offTheNetwork, () -> RECORDED), HopTopic.DELIVERY, HopType.NOTICE_FAILED).reason());
        HopEvent noLine = dispatched("USA", "RUS", Party.hotline("NO-SUCH-LINE"));
        assertEquals("there is no hotline NO-SUCH-LINE",
                only(SWITCHBOARD.carry(noLine, () -> RECORDED), HopTopic.DELIVERY, HopType.NOTICE_FAILED).reason());
    }

    @Test
    void theReceiptGoesBackToTheOtherEnd() {
        HopEvent hop = dispatched("USA", "RUS", Party.hotline("US-RU-NRRC"));
        HopEvent receipt = only(SWITCHBOARD.carry(Rehearsals.acknowledged(hop), () -> RECORDED),
                HopTopic.DELIVERY, HopType.RECEIPT_DELIVERED);
        assertEquals(Party.ministry("USA"), receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void aHopForNoHotlineIsPoison() {
        HopEvent toAnEmbassy = dispatched("USA", "RUS", Party.embassy("USA", "RUS"));
        assertThrows(PoisonRecordException.class, () -> SWITCHBOARD.carry(toAnEmbassy, () -> RECORDED));
    }
}
