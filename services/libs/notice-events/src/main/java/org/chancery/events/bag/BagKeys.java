package org.chancery.events.bag;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;

/**
 * The keys that seal and open notice bodies: an X25519 key pair per state and per generation,
 * derived by HPKE's own DeriveKeyPair (RFC 9180, section 7.1.3) from the generation's secret and
 * the state's code. The newest generation seals; every generation held opens, so a rotation
 * loses no notice sealed before it. Configured as {@code <generation>:<base64 of 32 bytes or
 * more>,...} (ADR 0017).
 */
public final class BagKeys {

    /** The shortest generation secret accepted: HPKE's X25519 private key size. */
    static final int SECRET_BYTES = 32;

    private final NavigableMap<Integer, byte[]> secrets;
    private final Map<String, AsymmetricCipherKeyPair> pairs = new ConcurrentHashMap<>();

    private BagKeys(NavigableMap<Integer, byte[]> secrets) {
        this.secrets = Collections.unmodifiableNavigableMap(secrets);
    }

    /** The keys a configuration value names; an empty value names none. */
    public static BagKeys parse(String configured) {
        NavigableMap<Integer, byte[]> secrets = new TreeMap<>();
        for (String entry : configured.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("a bag secret is <generation>:<base64>, generation 1 or more");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(parts[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bag secret " + parts[0] + " is not base64", e);
            }
            if (secret.length < SECRET_BYTES) {
                throw new IllegalArgumentException("bag secret " + parts[0] + " has " + secret.length
                        + " bytes; at least " + SECRET_BYTES + " are needed");
            }
            if (secrets.put(Integer.valueOf(parts[0]), secret) != null) {
                throw new IllegalArgumentException("bag secret " + parts[0] + " is given twice");
            }
        }
        return new BagKeys(secrets);
    }

    /** A new generation secret, base64, as {@link #parse} takes it. */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** The generation that seals. */
    public int current() {
        return secrets.lastKey();
    }

    public boolean holds(int generation) {
        return secrets.containsKey(generation);
    }

    /** The key pair of a state in a generation held. */
    AsymmetricCipherKeyPair pair(String state, int generation) {
        return pairs.computeIfAbsent(state + "." + generation, id -> {
            byte[] secret = secrets.get(generation);
            byte[] code = state.getBytes(StandardCharsets.US_ASCII);
            byte[] ikm = new byte[secret.length + code.length];
            System.arraycopy(secret, 0, ikm, 0, secret.length);
            System.arraycopy(code, 0, ikm, secret.length, code.length);
            return Hpke.suite().deriveKeyPair(ikm);
        });
    }
}
