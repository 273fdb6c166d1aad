package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return CanonicalJson.string(HopEvents.readTree(json));
    }

    @Test
    void sortsMembersAndDropsWhitespace() {
        assertEquals("{\"a\":[3,{\"x\":1,\"y\":2}],\"b\":true}",
                canonical("{ \"b\" : true, \"a\" : [ 3, { \"y\": 2, \"x\": 1 } ] }"));
    }

    @Test
    void sortsByUtf16CodeUnitsLikeRfc8785() {
        // U+20AC (euro) sorts before U+1F600 (a surrogate pair starting 0xD83D) in UTF-16 order.
        assertEquals("{\"\\r\":1,\"1\":2,\"\u20ac\":3,\"\ud83d\ude00\":4}",
                canonical("{\"\ud83d\ude00\":4,\"\u20ac\":3,\"1\":2,\"\\r\":1}"));
    }

    @Test
    void leavesOutNullMembersSoAbsentAndNullAreTheSame() {
        assertEquals(canonical("{\"a\":1}"), canonical("{\"a\":1,\"b\":null}"));
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertEquals("\"q\\\"b\\\\n\\nt\\tc\\u0001/é\"", canonical("\"q\\\"b\\\\n\\nt\\tc\\u0001\\/\\u00e9\""));
    }

    @Test
    void writesIntegersPlainly() {
        assertEquals("[0,-7,12345678901234567890]", canonical("[0, -7, 12345678901234567890]"));
        assertEquals("[1]", canonical("[1.0]"));
    }

    @Test
    void refusesALoneSurrogateWhichUtf8WouldTurnIntoTheSameQuestionMarkAsAnother() {
        for (String lone : new String[] {"\"\\ud800\"", "\"\\udbff\"", "\"a\\ude00b\"", "{\"\\ud83d\":1}",
                "[\"\\ud83d\\u0041\"]"}) {
            // Jackson refuses one in a member name as it parses (a malformed hop); CanonicalJson the others.
            RuntimeException refused = assertThrows(RuntimeException.class, () -> canonical(lone), lone);
            assertTrue(refused instanceof IllegalArgumentException || refused instanceof MalformedHopException,
                    lone + ": " + refused);
        }
        assertEquals("\"\ud83d\ude00\"", canonical("\"\\ud83d\\ude00\""));
    }

    @Test
    void refusesFractionsRatherThanRounding() {
        assertThrows(IllegalArgumentException.class, () -> canonical("[1.5]"));
    }
}
