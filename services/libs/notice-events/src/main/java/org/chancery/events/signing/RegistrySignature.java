package org.chancery.events.signing;

import java.nio.charset.StandardCharsets;

/**
 * A registry record's signature: Ed25519, by the service that owns the topic, over the record's
 * topic, key, version and value (or the fact that it is a tombstone), carried base64 in the header
 * {@value #HEADER}. Signing the topic and the key as well as the value keeps a signed record from
 * being replayed under another key or on another registry; signing the version (the time its owner
 * published it, header {@value #VERSION_HEADER}) lets a reader refuse a genuine record replayed after
 * a newer one.
 */
public final class RegistrySignature {

    public static final String HEADER = "chancery-signature";
    /** The record's version: when its owner published it, by the owner's database clock (ISO-8601, UTC). */
    public static final String VERSION_HEADER = "ce_time";

    private RegistrySignature() {
    }

    /**
     * {@code chancery-registry-v2 \n topic \n key \n version \n} then {@code =value}, or nothing for a
     * tombstone. Records of the first release were signed without a version ({@code chancery-registry-v1},
     * {@code version} null here): they are read as older than any versioned record.
     */
    static byte[] signedBytes(String topic, String key, String version, String value) {
        String head = version == null ? "chancery-registry-v1\n" + topic + "\n" + key + "\n"
                : "chancery-registry-v2\n" + topic + "\n" + key + "\n" + version + "\n";
        return (head + (value == null ? "" : "=" + value)).getBytes(StandardCharsets.UTF_8);
    }
}
