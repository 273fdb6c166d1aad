package org.chancery.events.signing;

import java.nio.charset.StandardCharsets;

/**
 * A registry record's signature: Ed25519, by the service that owns the topic, over the record's
 * topic, key and value (or the fact that it is a tombstone), carried base64 in the header
 * {@value #HEADER}. Signing the topic and the key as well as the value keeps a signed record from
 * being replayed under another key or on another registry.
 */
public final class RegistrySignature {

    public static final String HEADER = "chancery-signature";

    private RegistrySignature() {
    }

    /** {@code chancery-registry-v1 \n topic \n key \n} then {@code =value}, or nothing for a tombstone. */
    static byte[] signedBytes(String topic, String key, String value) {
        String text = "chancery-registry-v1\n" + topic + "\n" + key + "\n" + (value == null ? "" : "=" + value);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
