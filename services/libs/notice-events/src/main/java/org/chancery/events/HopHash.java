package org.chancery.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hash of a hop: SHA-256 over the canonical JSON ({@link CanonicalJson}) of the hop without
 * its own {@code hash}, its {@code signature} (which signs the hash) and {@code notice.body}. The body is covered through
 * {@code notice.bodyDigest}, which a verifier can check against the body where it has one.
 * Because the hop holds {@code prevHash}, its hash also seals the chain up to it.
 */
public final class HopHash {

    private HopHash() {
    }

    /** What the hash does not cover: the hash itself, its signature, and the body (covered by its digest). */
    private static final CanonicalJson.Omit UNCOVERED = path -> path.equals("hash") || path.equals("signature")
            || path.equals("notice.body");

    /** The hash of a hop as it was received, whatever fields it holds. */
    public static String of(JsonNode hop) {
        if (!hop.isObject()) {
            throw new IllegalArgumentException("a hop is a JSON object");
        }
        return Digests.sha256Hex(CanonicalJson.bytesWithout(hop, UNCOVERED));
    }
}
