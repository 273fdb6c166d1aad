package org.chancery.protectingpower.service;

import static org.chancery.testkit.Emissions.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chancery.events.Channel;
import org.chancery.events.HopEvent;
import org.chancery.events.HopTopic;
import org.chancery.events.HopType;
import org.chancery.events.Party;
import org.chancery.events.Precedence;
import org.chancery.events.ReceiptOutcome;
import org.chancery.messaging.PoisonRecordException;
import org.chancery.messaging.Rehearsals;
import org.chancery.protectingpower.domain.ReferenceMandates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protecting power as a plain decision, with the mandates it ships with and no broker or
 * database: a hop in, the hops it sends on out.
 */
class ProtectingPowerDecisionsTest {

    private static final ProtectingPower POWER = new ProtectingPower();

    @BeforeAll
    static void mandates() {
        POWER.mandates = ReferenceMandates.load();
    }

    private static HopEvent dispatched(String from, String to, String third) {
        return Rehearsals.dispatched(Rehearsals.notice(from, to, Precedence.ROUTINE), Channel.PROTECTING_POWER, third);
    }


    @Test
    void switzerlandRelaysThroughItsSectionAndTheReceiptComesBackTheSameWay() {
        HopEvent hop = dispatched("USA", "IRN", Party.protectingPower("CHE"));
        HopEvent relayed = only(POWER.carry(hop), HopTopic.DISPATCH_PROTECTING_POWER, HopType.NOTICE_RELAYED);
        assertEquals(Party.interestsSection("USA", "IRN"), relayed.to());
        assertEquals(hop.hash(), relayed.prevHash());
        HopEvent delivered = only(POWER.carry(relayed), HopTopic.DELIVERY, HopType.NOTICE_DELIVERED);
        assertEquals(Party.ministry("IRN"), delivered.to());
        HopEvent receiptRelayed = only(POWER.carry(Rehearsals.acknowledged(relayed)), HopTopic.DISPATCH_PROTECTING_POWER,
                HopType.RECEIPT_RELAYED);
        assertEquals(Party.protectingPower("CHE"), receiptRelayed.to());
        HopEvent receipt = only(POWER.carry(receiptRelayed), HopTopic.DELIVERY, HopType.RECEIPT_DELIVERED);
        assertEquals(Party.ministry("USA"), receipt.to());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receipt());
    }

    @Test
    void aConsularMandateCarriesNoNote() {
        HopEvent failed = only(POWER.carry(dispatched("USA", "PRK", Party.protectingPower("SWE"))), HopTopic.DELIVERY,
                HopType.NOTICE_FAILED);
        assertEquals(Party.ministry("USA"), failed.to());
        assertTrue(failed.reason().startsWith("SWE's mandate for USA in PRK is consular only"), failed.reason());
    }

    @Test
    void aThirdStateWithoutAMandateFailsTheNotice() {
        HopEvent failed = only(POWER.carry(dispatched("USA", "IRN", Party.protectingPower("NOR"))), HopTopic.DELIVERY,
                HopType.NOTICE_FAILED);
        assertEquals("NOR holds no mandate for USA in IRN", failed.reason());
    }

    @Test
    void aHopForNoThirdStateIsPoison() {
        assertThrows(PoisonRecordException.class, () -> POWER.carry(dispatched("USA", "IRN", Party.embassy("USA", "IRN"))));
        HopEvent relayed = only(POWER.carry(dispatched("USA", "IRN", Party.protectingPower("CHE"))),
                HopTopic.DISPATCH_PROTECTING_POWER, HopType.NOTICE_RELAYED);
        HopEvent toAMinistry = relayed.next(HopType.NOTICE_RELAYED, "protecting-power", relayed.from(),
                Party.ministry("IRN")).notice(relayed.notice()).seal();
        assertThrows(PoisonRecordException.class, () -> POWER.carry(toAMinistry));
    }
}
