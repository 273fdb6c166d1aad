package org.chancery.events.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.events.HopHash;

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

    public boolean isEmpty() {
        return byService.isEmpty();
    }

    /** Checks a hop as it was received: its hash against its content, its signature against the keys of its service. */
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
        byte[] signed;
        try {
            signed = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Authenticity.FORGED;
        }
        byte[] message = hash.getBytes(StandardCharsets.US_ASCII);
        for (Ed25519Math.Checking key : keys) {
            if (key.verify(message, signed)) {
                return Authenticity.SIGNED;
            }
        }
        return Authenticity.FORGED;
    }
}
