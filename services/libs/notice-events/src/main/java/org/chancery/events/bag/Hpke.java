package org.chancery.events.bag;

import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The one HPKE suite the bag uses (RFC 9180): auth mode (the sender's key is part of the seal, so a
 * bag opens only as the sending state's), DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * ChaCha20-Poly1305, fast in software on any platform. One instance per thread.
 */
final class Hpke {

    private static final ThreadLocal<HPKE> SUITE = ThreadLocal.withInitial(() -> new HPKE(HPKE.mode_auth,
            HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305));

    private Hpke() {
    }

    static HPKE suite() {
        return SUITE.get();
    }
}
