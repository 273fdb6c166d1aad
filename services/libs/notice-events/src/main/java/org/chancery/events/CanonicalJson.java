package org.chancery.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one serialisation that hashes are computed over, so that any implementation can recompute
 * them: RFC 8785 (JCS) for a documented subset of JSON, the one the contract uses. Object members
 * are sorted by their names in UTF-16 code-unit order, there is no whitespace, strings use the
 * minimal JSON escapes. Two rules differ from full JCS, and any JCS library gives the same bytes
 * for a document that needs neither: members whose value is {@code null} are left out (an absent
 * field and an explicit null are the same event), and numbers are integers, written exactly, of
 * which those within ±2^53 are written as JCS writes them; fractions are refused rather than
 * rounded, since no event field has one. Strings are Unicode text, as JCS requires: one with a lone
 * surrogate is refused ({@link UnicodeText}). {@code CanonicalJsonRfc8785Test} checks this against the
 * RFC's examples and its reference implementation.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out, null);
        return out.toString();
    }

    /** Which members to leave out, by the path of names that leads to them. */
    public interface Omit {
        boolean omits(String path);
    }

    /**
     * The canonical form of {@code node} without the members {@code omit} names: a member
     * {@code name} at the top is at path {@code "name"}, one inside it at {@code "name.inner"}.
     */
    public static byte[] bytesWithout(JsonNode node, Omit omit) {
        StringBuilder out = new StringBuilder(1024);
        write(node, out, omit == null ? null : new Scope(omit, ""));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Scope(Omit omit, String path) {
        Scope inside(String name) {
            return new Scope(omit, path.isEmpty() ? name : path + "." + name);
        }
    }

    private static void write(JsonNode node, StringBuilder out, Scope scope) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out, scope);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, null);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.canConvertToExactIntegral()) {
                    throw new IllegalArgumentException("not an integer: " + node);
                }
                out.append(node.bigIntegerValue());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out, Scope scope) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!member.getValue().isNull()
                    && (scope == null || !scope.omit().omits(scope.inside(member.getKey()).path()))) {
                members.add(member);
            }
        }
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = members.get(i).getKey();
            writeString(name, out);
            out.append(':');
            write(members.get(i).getValue(), out, scope == null ? null : scope.inside(name));
        }
        out.append('}');
    }

    /** A JSON string, with the minimal escapes; runs that need none are copied whole. */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!UnicodeText.pairAt(text, i)) {
                    throw new IllegalArgumentException("a lone surrogate at character " + i + ": not Unicode text");
                }
                i++;
                continue;
            }
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(text, run, text.length());
        out.append('"');
    }
}
