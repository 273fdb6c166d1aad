package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.chancery.events.HopChain.Problem;
import org.junit.jupiter.api.Test;

class HopChainTest {

    private final List<HopEvent> path = Hops.embassyPath();

    private List<JsonNode> trees(List<HopEvent> hops) {
        List<JsonNode> trees = new ArrayList<>();
        hops.forEach(h -> trees.add(HopEvents.readTree(HopEvents.toJson(h))));
        return trees;
    }

    private static List<Problem> problems(HopChain.Verdict verdict) {
        return verdict.findings().stream().map(HopChain.Finding::problem).toList();
    }

    @Test
    void anIntactPathIsVerifiedInOrder() {
        HopChain.Verdict verdict = HopChain.verify(trees(path));
        assertTrue(verdict.verified(), verdict.findings()::toString);
        assertEquals(path, verdict.hops());
    }

    @Test
    void shuffledAndRedeliveredHopsStillMakeOneOrderedPath() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<JsonNode> received = trees(path);
            received.addAll(trees(path.subList(0, 1 + random.nextInt(path.size()))));
            Collections.shuffle(received, random);
            HopChain.Verdict verdict = HopChain.verify(received);
            assertTrue(verdict.verified(), verdict.findings()::toString);
            assertEquals(path, verdict.hops());
        }
    }

    /** An escalation sent while the first attempt is still under way: the path is a tree. */
    private List<HopEvent> escalatedPath() {
        HopEvent first = path.get(0);
        HopEvent delivered = path.get(1);
        HopEvent second = first.next(HopType.NOTICE_DISPATCHED, "foreign-ministry", "ministry:USA", "hotline:X")
                .attempt(Channel.HOTLINE, 2).notice(Hops.NOTICE).reason("escalated").seal();
        HopEvent failed = second.next(HopType.NOTICE_FAILED, "hotline", "hotline:X", "ministry:USA")
                .reason("line down").seal();
        List<HopEvent> tree = new ArrayList<>(path);
        tree.add(second);
        tree.add(failed);
        assertEquals(first.eventId(), second.parentId());
        assertEquals(delivered.parentId(), second.parentId());
        return tree;
    }

    @Test
    void aTreeOfAttemptsVerifiesAndKeepsParentsBeforeChildren() {
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            List<JsonNode> received = trees(escalatedPath());
            Collections.shuffle(received, random);
            HopChain.Verdict verdict = HopChain.verify(received);
            assertTrue(verdict.verified(), verdict.findings()::toString);
            assertEquals(7, verdict.hops().size());
            for (int i = 0; i < verdict.hops().size(); i++) {
                HopEvent hop = verdict.hops().get(i);
                if (hop.parentId() != null) {
                    int parentAt = verdict.hops().stream().map(HopEvent::eventId).toList().indexOf(hop.parentId());
                    assertTrue(parentAt < i, "parent before child");
                }
            }
        }
    }

    @Test
    void aFindingNamesTheHopAndTheEventItIsAbout() {
        List<JsonNode> received = trees(escalatedPath());
        ObjectNode failed = (ObjectNode) received.get(6);
        failed.put("reason", "line up");
        HopChain.Finding finding = HopChain.verify(received).findings().get(0);
        assertEquals(Problem.ALTERED, finding.problem());
        assertEquals(3, finding.hop());
        assertEquals(failed.get("eventId").asText(), finding.eventId());
    }

    @Test
    void aHopAlteredAfterItWasEmittedIsReportedAtItsPosition() {
        List<JsonNode> received = trees(path);
        ((ObjectNode) received.get(2)).put("to", "ministry:FRA");
        HopChain.Verdict verdict = HopChain.verify(received);
        assertFalse(verdict.verified());
        // Altered: what it now says is held neither against it nor against the hop after it.
        assertEquals(List.of(Problem.ALTERED), problems(verdict));
        assertEquals(3, verdict.findings().get(0).hop());
    }

    /** What a relay signing its own hops can make up: each breaks the grammar, by name, though every hash holds. */
    @Test
    void aRelayThatFlipsAReceiptMakesOneUpOrMisplacesItIsReportedByName() {
        HopEvent dispatch = path.get(0);
        HopEvent delivered = path.get(1);
        HopEvent rejected = delivered.next(HopType.NOTICE_REJECTED, "foreign-ministry", "ministry:DEU", delivered.from())
                .receipt(ReceiptOutcome.REJECTED, "not accepted").seal();
        HopEvent flipped = rejected.next(HopType.RECEIPT_DELIVERED, "embassy", rejected.to(), "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
        assertEquals(List.of(Problem.RECEIPT_CHANGED),
                problems(HopChain.verify(trees(List.of(dispatch, delivered, rejected, flipped)))));

        HopEvent madeUp = delivered.next(HopType.RECEIPT_DELIVERED, "embassy", delivered.to(), "ministry:USA")
                .receipt(ReceiptOutcome.ACKNOWLEDGED, null).seal();
        assertEquals(List.of(Problem.OUT_OF_TURN), problems(HopChain.verify(trees(List.of(dispatch, delivered, madeUp)))));

        HopEvent acknowledged = path.get(2);
        HopEvent otherChannel = acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", acknowledged.to(), "ministry:USA")
                .attempt(Channel.HOTLINE, 1).seal();
        assertEquals(List.of(Problem.WRONG_CHANNEL),
                problems(HopChain.verify(trees(List.of(dispatch, delivered, acknowledged, otherChannel)))));

        HopEvent elsewhere = acknowledged.next(HopType.RECEIPT_DELIVERED, "embassy", "embassy:USA@FRA", "ministry:USA")
                .seal();
        assertEquals(List.of(Problem.WRONG_PARTY),
                problems(HopChain.verify(trees(List.of(dispatch, delivered, acknowledged, elsewhere)))));
    }

    @Test
    void aBodyChangedAfterItWasSentIsReportedThoughTheHashDoesNotCoverIt() {
        List<JsonNode> received = trees(path);
        ObjectNode notice = (ObjectNode) received.get(0).path("notice");
        assertTrue(notice.path("body").isTextual(), "the first hop carries the body");
        notice.put("body", "A text the ministry never wrote.");
        HopChain.Verdict verdict = HopChain.verify(received);
        assertEquals(List.of(Problem.BODY_ALTERED), problems(verdict));
        assertEquals(1, verdict.findings().get(0).hop());
    }

    @Test
    void aRelayThatRewritesTheNoticeInAHopItSealsIsReported() {
        Notice rewritten = new Notice("USA", "DEU", NoticeKind.NOTE_VERBALE, Precedence.FLASH,
                Classification.UNCLASSIFIED, "Visit cancelled", Hops.NOTICE.body(), Hops.NOTICE.bodyDigest(), null,
                null, null, null, null, null, null, null);
        HopEvent delivered = path.get(1);
        List<HopEvent> relayed = new ArrayList<>(path);
        relayed.set(1, path.get(0).next(HopType.NOTICE_DELIVERED, "embassy", delivered.from(), delivered.to())
                .notice(rewritten).seal());
        HopChain.Verdict verdict = HopChain.verify(trees(relayed.subList(0, 2)));
        assertEquals(List.of(Problem.NOTICE_CHANGED), problems(verdict), verdict.findings()::toString);
        assertEquals(2, verdict.findings().get(0).hop());
        // The answer that carries the notice home is compared with the nearest hop that carried one.
        HopEvent home = path.get(1).next(HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", delivered.to(),
                delivered.from()).notice(rewritten).seal();
        assertEquals(List.of(Problem.NOTICE_CHANGED),
                problems(HopChain.verify(trees(List.of(path.get(0), path.get(1), home)))));
        assertTrue(HopChain.verify(trees(List.of(path.get(0), path.get(1), path.get(1).next(
                HopType.NOTICE_ACKNOWLEDGED, "foreign-ministry", delivered.to(), delivered.from())
                .notice(Hops.NOTICE).seal()))).verified(), "the same notice carried home");
    }

    @Test
    void aMissingHopIsAGap() {
        List<HopEvent> withoutThird = new ArrayList<>(path);
        withoutThird.remove(2);
        HopChain.Verdict verdict = HopChain.verify(trees(withoutThird));
        assertEquals(List.of(Problem.GAP), problems(verdict));
        assertEquals(4, verdict.findings().get(0).hop());
        assertEquals(4, verdict.hops().size());
    }

    @Test
    void aMissingFirstHopIsAGap() {
        HopChain.Verdict verdict = HopChain.verify(trees(path.subList(1, path.size())));
        assertEquals(List.of(Problem.GAP), problems(verdict));
        assertEquals(2, verdict.findings().get(0).hop());
    }

    @Test
    void aSecondDifferentHopDoingTheSameThingIsADuplicate() {
        List<HopEvent> doubled = new ArrayList<>(path);
        doubled.add(path.get(0).next(HopType.NOTICE_DELIVERED, "embassy", "embassy:USA@DEU", "ministry:DEU")
                .notice(Hops.NOTICE).seal());
        HopChain.Verdict verdict = HopChain.verify(trees(doubled));
        assertEquals(List.of(Problem.DUPLICATE), problems(verdict));
        assertEquals(2, verdict.findings().get(0).hop());
    }

    @Test
    void twoDifferentCopiesOfOneEventAreReported() {
        List<JsonNode> received = trees(path);
        JsonNode copy = received.get(1).deepCopy();
        ((ObjectNode) copy).put("hash", Digests.sha256Hex("other"));
        received.add(copy);
        assertTrue(problems(HopChain.verify(received)).contains(Problem.CONFLICTING_COPY));
    }

    @Test
    void aCopyThatKeepsTheHashButChangesTheContentIsReported() {
        List<JsonNode> received = trees(path);
        JsonNode copy = received.get(1).deepCopy();
        ((ObjectNode) copy).put("to", "ministry:FRA");
        received.add(copy);
        List<Problem> found = problems(HopChain.verify(received));
        assertTrue(found.contains(Problem.CONFLICTING_COPY), found::toString);
    }

    @Test
    void aHopThatDoesNotCarryItsParentsHashBreaksTheLink() {
        HopEvent third = path.get(2);
        HopEvent relinked = new HopEvent(third.schemaVersion(), third.eventId(), third.type(), third.noticeId(),
                third.hop(), third.parentId(), third.service(), third.channel(), third.attempt(), third.from(),
                third.to(), third.at(), third.notice(), third.plan(), third.reason(), third.receipt(), Digests.sha256Hex("x"), null, null)
                .sealed();
        List<HopEvent> hops = new ArrayList<>(path);
        hops.set(2, relinked);
        // The fourth hop still carries the old third hash, so both links around it are broken.
        assertEquals(List.of(Problem.BROKEN_LINK, Problem.BROKEN_LINK), problems(HopChain.verify(trees(hops))));
    }

    @Test
    void aHopNumberedOrTimedBeforeItsParentIsOutOfOrder() {
        HopEvent second = path.get(1);
        HopEvent early = new HopEvent(second.schemaVersion(), second.eventId(), second.type(), second.noticeId(),
                second.hop(), second.parentId(), second.service(), second.channel(), second.attempt(),
                second.from(), second.to(), path.get(0).at().minusSeconds(5), second.notice(), second.plan(),
                second.reason(), second.receipt(), second.prevHash(), null, null).sealed();
        List<HopEvent> hops = new ArrayList<>(path.subList(0, 2));
        hops.set(1, early);
        assertEquals(List.of(Problem.OUT_OF_ORDER), problems(HopChain.verify(trees(hops))));

        ObjectNode renumbered = (ObjectNode) HopEvents.toTree(path.get(1));
        renumbered.put("hop", 7);
        renumbered.put("hash", HopHash.of(renumbered));
        List<JsonNode> received = trees(path.subList(0, 1));
        received.add(renumbered);
        assertEquals(List.of(Problem.OUT_OF_ORDER), problems(HopChain.verify(received)));
    }

    @Test
    void aSecondFirstHopIsReported() {
        List<HopEvent> hops = new ArrayList<>(path);
        hops.add(HopEvent.first(path.get(0).noticeId(), "foreign-ministry", "ministry:USA", "embassy:USA@DEU",
                Hops.NOTICE, path.get(0).plan()));
        assertTrue(problems(HopChain.verify(trees(hops))).contains(Problem.EXTRA_ROOT));
    }

    @Test
    void anUnreadableRecordIsReportedNotThrown() {
        List<JsonNode> received = trees(path);
        received.add(HopEvents.readTree("{\"eventId\":\"x\",\"hop\":9}"));
        assertEquals(List.of(Problem.UNREADABLE), problems(HopChain.verify(received)));
    }
}
