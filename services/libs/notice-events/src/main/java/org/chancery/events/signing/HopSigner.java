package org.chancery.events.signing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import org.chancery.events.HopEvent;

/**
 * Signs the hops a service emits: an Ed25519 signature of the hop's hash (its ASCII hex form),
 * which covers everything the hop says, so that no one without the service's key can write a hop
 * in its name. It also signs the registry records the service owns.
 */
public final class HopSigner {

    private final Ed25519Math.Signing signing;

    public HopSigner(PrivateKey key) {
        this.signing = Ed25519Math.signing(key);
    }

    public HopEvent sign(HopEvent sealed) {
        if (sealed.hash() == null) {
            throw new IllegalArgumentException("a hop is sealed before it is signed");
        }
        return sealed.signedWith(signature(sealed.hash()));
    }

    /** The signature of a registry record this service owns, of this version; see {@link RegistrySignature}. */
    public String signRecord(String topic, String key, String version, String value) {
        if (version == null) {
            throw new IllegalArgumentException("a registry record is signed with its version");
        }
        return Base64.getEncoder().encodeToString(signing.sign(RegistrySignature.signedBytes(topic, key, version, value)));
    }

    String signature(String hash) {
        byte[] signature = signing.sign(hash.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(signature);
    }
}
