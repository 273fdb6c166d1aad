package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HopHashTest {

    private final HopEvent first = Hops.embassyPath().get(0);

    @Test
    void aSealedHopMatchesItsHashAfterTheRoundTrip() {
        JsonNode tree = HopEvents.readTree(HopEvents.toJson(first));
        assertEquals(first.hash(), HopHash.of(tree));
        assertEquals(first, HopEvents.fromJson(HopEvents.toJson(first)));
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        for (String field : new String[] {"to", "at", "service", "attempt", "prevHash"}) {
            ObjectNode tree = (ObjectNode) HopEvents.toTree(first);
            tree.put(field, "changed");
            assertNotEquals(first.hash(), HopHash.of(tree), field);
        }
        ObjectNode tree = (ObjectNode) HopEvents.toTree(first);
        ((ObjectNode) tree.get("notice")).put("subject", "Another subject");
        assertNotEquals(first.hash(), HopHash.of(tree));
    }

    @Test
    void theBodyIsCoveredThroughItsDigestSoItCanBeWithheld() {
        ObjectNode withheld = (ObjectNode) HopEvents.toTree(first);
        ((ObjectNode) withheld.get("notice")).remove("body");
        assertEquals(first.hash(), HopHash.of(withheld));

        ObjectNode otherDigest = (ObjectNode) HopEvents.toTree(first);
        ((ObjectNode) otherDigest.get("notice")).put("bodyDigest", Digests.sha256Hex("forged"));
        assertNotEquals(first.hash(), HopHash.of(otherDigest));
        assertEquals(Digests.sha256Hex(Hops.NOTICE.body()), first.notice().bodyDigest());
        assertNull(first.notice().withoutBody().body());
    }

    @Test
    void eachHopCarriesItsParentsHash() {
        var path = Hops.embassyPath();
        for (int i = 1; i < path.size(); i++) {
            assertEquals(path.get(i - 1).hash(), path.get(i).prevHash());
            assertEquals(path.get(i - 1).eventId(), path.get(i).parentId());
            assertEquals(i + 1, path.get(i).hop());
        }
    }
}
