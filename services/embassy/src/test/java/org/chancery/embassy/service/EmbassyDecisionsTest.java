package org.chancery.embassy.service;

import static org.chancery.testkit.Emissions.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chancery.embassy.domain.ReferenceMissions;
import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embassy as a plain decision, with the missions it ships with and no broker or database: a hop
 * in, the hops it sends on out.
 */
class EmbassyDecisionsTest {

    private static final Embassy EMBASSY = new Embassy();

    @BeforeAll
    static void missions() {
        EMBASSY.missions = ReferenceMissions.load();
    }

    private static HopEvent dispatched(String from, String to, String firstParty) {
        return Rehearsals.dispatched(Rehearsals.notice(from, to, Precedence.ROUTINE), Channel.EMBASSY, firstParty);
    }


    @Test
    void theSendersEmbassyDeliversToTheReceivingMinistryAndChainsTheHop() {
        HopEvent hop = dispatched("USA", "DEU", Party.embassy("USA", "DEU"));
        HopEvent delivered = only(EMBASSY.carry(hop), HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.embassy("USA", "DEU"), delivered.from());
        assertEquals(Party.ministry("DEU"), delivered.to());
        assertEquals(hop.notice(), delivered.notice());
        assertEquals(hop.hop() + 1, delivered.hop());
        assertEquals(hop.hash(), delivered.prevHash());
    }

    @Test
    void aSummonedAmbassadorTakesTheNoteHome() {
        HopEvent hop = dispatched("USA", "DEU", Party.embassy("DEU", "USA"));
        HopEvent delivered = only(EMBASSY.carry(hop), HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.ministry("DEU"), delivered.to());
    }

    @Test
    void withoutAMissionTheSenderIsToldWhy() {
        HopEvent hop = dispatched("USA", "PRK", Party.embassy("USA", "PRK"));
        HopEvent failed = only(EMBASSY.carry(hop), HopTopic.DELIVERY, HopType.NOTICE_FAILED);
        assertEquals(Party.ministry("USA"), failed.to());
        assertTrue(failed.reason().startsWith("no mission of USA in PRK"), failed.reason());
    }

    @Test
    void theReceiptGoesBackToTheSendingMinistry() {
        HopEvent hop = dispatched("USA", "DEU", Party.embassy("USA", "DEU"));
        HopEvent receipt = only(EMBASSY.carry(Rehearsals.acknowledged(hop)), HopTopic.DELIVERY,
                HopType.RECEIPT_DELIVERED);
        assertEquals(Party.ministry("USA"), receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void theNewYorkChannelHandsTheNoteAcrossThenDeliversIt() {
        HopEvent hop = dispatched("USA", "IRN", Party.permanentMission("USA"));
        HopEvent relayed = only(EMBASSY.carry(hop), HopTopic.DISPATCH_EMBASSY, HopType.NOTICE_RELAYED);
        assertEquals(Party.permanentMission("IRN"), relayed.to());
        HopEvent delivered = only(EMBASSY.carry(relayed), HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.ministry("IRN"), delivered.to());
    }

    @Test
    void aHopForNoEmbassyOrMisaddressedIsPoison() {
        assertThrows(PoisonRecordException.class,
                () -> EMBASSY.carry(dispatched("USA", "DEU", Party.ministry("DEU"))));
        HopEvent relayed = only(EMBASSY.carry(dispatched("USA", "IRN", Party.permanentMission("USA"))),
                HopTopic.DISPATCH_EMBASSY, HopType.NOTICE_RELAYED);
        HopEvent toAThirdMission = relayed.next(HopType.NOTICE_RELAYED, "embassy", relayed.from(),
                Party.permanentMission("FRA")).notice(relayed.notice()).seal();
        assertThrows(PoisonRecordException.class, () -> EMBASSY.carry(toAThirdMission));
        HopEvent relayedToAnEmbassy = relayed.next(HopType.NOTICE_RELAYED, "embassy", relayed.from(),
                Party.embassy("USA", "DEU")).notice(relayed.notice()).seal();
        assertThrows(PoisonRecordException.class, () -> EMBASSY.carry(relayedToAnEmbassy));
    }
}
