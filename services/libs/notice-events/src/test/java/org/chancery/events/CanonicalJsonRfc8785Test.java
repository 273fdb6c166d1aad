package org.chancery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson} is RFC 8785 (JCS) for the JSON the contract uses: within that subset it
 * writes, byte for byte, what the RFC's reference implementation in Java writes. The subset:
 * integers within ±2^53 (JCS writes every number as an IEEE 754 double), and no member whose value
 * is null (left out here, written by JCS).
 */
class CanonicalJsonRfc8785Test {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String reference(String json) throws IOException {
        return new JsonCanonicalizer(json).getEncodedString();
    }

    private static void assertSameAsReference(String json) throws IOException {
        assertEquals(reference(json), CanonicalJson.string(JSON.readTree(json)), json);
    }

    @Test
    void theRfcsSortingExampleSortsByUtf16CodeUnits() throws IOException {
        // RFC 8785, section 3.2.3: names sorted by their UTF-16 code units, not by code points or bytes.
        String json = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertSameAsReference(json);
        List<String> order = List.of("Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis",
                "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
        JsonNode canonical = JSON.readTree(CanonicalJson.string(JSON.readTree(json)));
        assertEquals(order, iterate(canonical));
    }

    @Test
    void theRfcsStringExampleUsesTheMinimalEscapes() throws IOException {
        // RFC 8785, section 3.2.2.2: the string of the RFC's example, as the only member of an object.
        String json = "{\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";
        assertSameAsReference(json);
        assertEquals("{\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", CanonicalJson.string(JSON.readTree(json)));
    }

    @Test
    void everyDocumentOfTheSubsetIsWrittenAsTheReferenceWritesIt() throws IOException {
        Random random = new Random(8785);
        for (int i = 0; i < 2000; i++) {
            // A document is an object, as a hop is (and as the reference implementation requires).
            ObjectNode document = NODES.objectNode();
            document.set(text(random), value(random, 0));
            document.set(text(random), value(random, 0));
            assertSameAsReference(JSON.writeValueAsString(document));
        }
    }

    @Test
    void outsideTheSubsetItSaysSo() throws IOException {
        JsonNode withNull = JSON.readTree("{\"b\":null,\"a\":1}");
        assertEquals("{\"a\":1}", CanonicalJson.string(withNull), "a null member is left out");
        assertEquals("{\"a\":1,\"b\":null}", reference("{\"b\":null,\"a\":1}"), "where JCS writes it");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.string(JSON.readTree("{\"a\":4.50}")));
    }

    private static List<String> iterate(JsonNode object) {
        List<String> values = new java.util.ArrayList<>();
        object.properties().forEach(e -> values.add(e.getValue().asText()));
        return values;
    }

    /** A random value of the subset: objects, arrays, strings of any UTF-16, integers, booleans. */
    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 3 : 5);
        return switch (kind) {
            case 0 -> NODES.textNode(text(random));
            case 1 -> NODES.numberNode((random.nextLong() >> random.nextInt(64)) % (1L << 53));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(text(random), value(random, depth + 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
        };
    }

    /** Text with control characters, quotes, backslashes, Latin, CJK, and pairs of surrogates. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/'".charAt(random.nextInt(4)));
                case 2 -> text.append((char) ('a' + random.nextInt(26)));
                case 3 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 4 -> text.append((char) (0x4e00 + random.nextInt(0x5000)));
                default -> text.appendCodePoint(0x1f300 + random.nextInt(0x300));
            }
        }
        return text.toString();
    }
}
