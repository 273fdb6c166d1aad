package org.chancery.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a notice is outside a hop's hash (a path can be verified by someone who may not read
 * it); its SHA-256 digest, {@code notice.bodyDigest}, is inside. This is the one check that a body
 * carried is the body the digest names.
 */
public final class Bodies {

    private Bodies() {
    }

    /** Whether the hop carries no body, or a body whose digest is the one it names. */
    public static boolean match(JsonNode hop) {
        JsonNode notice = hop.path("notice");
        JsonNode body = notice.path("body");
        if (!body.isTextual()) {
            return body.isMissingNode() || body.isNull();
        }
        return Digests.sha256Hex(body.asText()).equals(notice.path("bodyDigest").asText(""));
    }
}
