package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hops of the previous schema version, and of a later one, still read and verify. */
class SchemaVersionTest {

    /** The hop as a version-1 producer wrote it: no receipt field, sealed over what it had. */
    static JsonNode asVersionOne(HopEvent hop) {
        ObjectNode tree = (ObjectNode) HopEvents.toTree(hop);
        tree.put("schemaVersion", 1);
        tree.remove("receipt");
        tree.put("hash", HopHash.of(tree));
        return tree;
    }

    @Test
    void aVersionOnePathReadsAndVerifiesAndItsReceiptMeansAcknowledged() {
        List<JsonNode> v1 = new ArrayList<>();
        String prevHash = null;
        for (HopEvent hop : Hops.embassyPath()) {
            ObjectNode tree = (ObjectNode) asVersionOne(hop);
            if (prevHash != null) {
                tree.put("prevHash", prevHash);
                tree.put("hash", HopHash.of(tree));
            }
            prevHash = tree.get("hash").asText();
            v1.add(tree);
        }
        HopChain.Verdict verdict = HopChain.verify(v1);
        assertTrue(verdict.verified(), verdict.findings()::toString);
        HopEvent receipt = verdict.hops().get(3);
        assertEquals(1, receipt.schemaVersion());
        assertNull(receipt.receipt());
        assertEquals(ReceiptOutcome.ACKNOWLEDGED, receipt.receiptOutcome());
    }

    @Test
    void aFieldFromALaterVersionIsIgnoredByReadersButCoveredByTheHash() {
        ObjectNode later = (ObjectNode) HopEvents.toTree(Hops.embassyPath().get(0));
        later.put("schemaVersion", HopEvent.SCHEMA_VERSION + 1);
        later.put("courierNote", "by hand");
        later.put("hash", HopHash.of(later));
        HopEvent read = HopEvents.fromTree(later);
        assertEquals(HopEvent.SCHEMA_VERSION + 1, read.schemaVersion());
        assertTrue(HopChain.verify(List.of(later)).verified());
        later.put("courierNote", "forged");
        assertEquals(HopChain.Problem.ALTERED, HopChain.verify(List.of(later)).findings().get(0).problem());
    }
}
