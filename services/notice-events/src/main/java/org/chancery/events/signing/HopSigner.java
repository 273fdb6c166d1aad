package org.chancery.events.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.chancery.events.HopEvent;

/**
 * Signs the hops a service emits: an Ed25519 signature of the hop's hash (its ASCII hex form),
 * which covers everything the hop says, so that no one without the service's key can write a hop
 * in its name.
 */
public final class HopSigner {

    private final PrivateKey key;

    public HopSigner(PrivateKey key) {
        this.key = key;
    }

    public HopEvent sign(HopEvent sealed) {
        if (sealed.hash() == null) {
            throw new IllegalArgumentException("a hop is sealed before it is signed");
        }
        return sealed.signedWith(signature(sealed.hash()));
    }

    String signature(String hash) {
        try {
            Signature ed25519 = Signature.getInstance(Ed25519Keys.ALGORITHM);
            ed25519.initSign(key);
            ed25519.update(hash.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
