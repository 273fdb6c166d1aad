package org.chancery.events.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.events.Bodies;
import org.chancery.events.Channel;
import org.chancery.events.Topics;
import org.chancery.events.HopHash;
import org.chancery.events.HopType;

/**
 * The public keys trusted for each service, and the check of a hop against them. Configured as
 * {@code service=base64,service=base64,...}; a service may be named more than once, which lets a
 * new key be trusted before the old one is retired.
 */
public final class TrustedKeys {

    /** Each service's keys, each ready to check signatures. */
    private final Map<String, List<Ed25519Math.Checking>> byService;

    public TrustedKeys(Map<String, List<PublicKey>> byService) {
        Map<String, List<Ed25519Math.Checking>> checking = new LinkedHashMap<>();
        byService.forEach((service, keys) -> checking.put(service, keys.stream().map(Ed25519Math::checking).toList()));
        this.byService = Map.copyOf(checking);
    }

    public static TrustedKeys parse(String spec) {
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("a trusted key is written service=base64, not '" + entry.trim() + "'");
            }
            keys.computeIfAbsent(entry.substring(0, eq).trim(), s -> new ArrayList<>())
                    .add(Ed25519Keys.publicKey(entry.substring(eq + 1)));
        }
        return new TrustedKeys(keys);
    }

    /** Whether the service the hop names may emit a hop of its type on its channel ({@link HopType#emitter}). */
    private static boolean mayEmit(JsonNode hop) {
        try {
            HopType type = HopType.ofCeType(hop.path("type").asText(""));
            String channel = hop.path("channel").asText("");
            return hop.path("service").asText("").equals(type.emitter(channel.isEmpty() ? null : Channel.valueOf(channel)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return byService.isEmpty();
    }

    /**
     * Checks a hop as it was received: its hash against its content, its signature against the
     * keys of its service, that service's authority to emit a hop of its type on its channel (a
     * hop from any other, even if that service signed it, is FORGED), and the body it carries, if
     * any, against the digest the hash covers.
     */
    public Authenticity check(JsonNode hop) {
        String signature = hop.path("signature").asText("");
        if (signature.isEmpty()) {
            return Authenticity.UNSIGNED;
        }
        List<Ed25519Math.Checking> keys = byService.getOrDefault(hop.path("service").asText(""), List.of());
        if (keys.isEmpty()) {
            return Authenticity.UNKNOWN_SIGNER;
        }
        String hash = hop.path("hash").asText("");
        if (!hash.equals(HopHash.of(hop))) {
            return Authenticity.ALTERED;
        }
        byte[] message = hash.getBytes(StandardCharsets.US_ASCII);
        for (Ed25519Math.Checking key : keys) {
            if (verifies(key, message, signature)) {
                return !mayEmit(hop) ? Authenticity.FORGED
                        : Bodies.match(hop) ? Authenticity.SIGNED : Authenticity.BODY_ALTERED;
            }
        }
        return Authenticity.FORGED;
    }

    /**
     * Checks a registry record as it was received: signed ({@link RegistrySignature}) by the
     * service that owns its topic ({@link Topics#REGISTRY_OWNERS}) and by no other, with this
     * {@code version} (null: signed as the first release signed, without one).
     */
    public Authenticity checkRecord(String topic, String key, String version, String value, String signature) {
        if (signature == null || signature.isEmpty()) {
            return Authenticity.UNSIGNED;
        }
        List<Ed25519Math.Checking> keys = byService.getOrDefault(Topics.REGISTRY_OWNERS.getOrDefault(topic, ""), List.of());
        if (keys.isEmpty()) {
            return Authenticity.UNKNOWN_SIGNER;
        }
        byte[] message = RegistrySignature.signedBytes(topic, key, version, value);
        return keys.stream().anyMatch(k -> verifies(k, message, signature)) ? Authenticity.SIGNED : Authenticity.FORGED;
    }

    /** Whether the base64 {@code signature} is the key's over {@code message}; not base64 is no signature. */
    private static boolean verifies(Ed25519Math.Checking key, byte[] message, String signature) {
        try {
            return key.verify(message, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
