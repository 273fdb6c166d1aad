package org.chancery.events.bag;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * Seals a notice body for the receiving state's ministry and opens it there (VCDR Art. 27: the
 * bag shall not be opened on the way). The seal is the sending state's (HPKE auth mode), so only
 * its ministry can make a bag that opens as its own: a relay can neither read a body nor put
 * another in its place. The bag is bound to its notice: the notice id, sender and receiver are the
 * AEAD's associated data, so a bag cut from one notice and pasted into another does not open.
 */
public final class DiplomaticBag {

    static final byte[] INFO = "chancery-bag-v1".getBytes(StandardCharsets.US_ASCII);

    private final BagKeys keys;

    public DiplomaticBag(BagKeys keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no bag secret: notices cannot be sealed");
        }
        this.keys = keys;
    }

    /** The body sealed by {@code from}'s ministry for {@code to}'s, with their newest keys. */
    public String seal(UUID noticeId, String from, String to, String body) {
        int generation = keys.current();
        HPKE hpke = Hpke.suite();
        AsymmetricCipherKeyPair receiver = keys.pair(to, generation);
        try {
            byte[][] sealed = hpke.seal(receiver.getPublic(), INFO, aad(noticeId, from, to),
                    body.getBytes(StandardCharsets.UTF_8), null, null, keys.pair(from, generation));
            return new SealedBody(to, generation, sealed[1], sealed[0]).text();
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE could not seal a body", e);
        }
    }

    /**
     * The body a sealed text holds, opened with {@code to}'s key; refused unless {@code from}'s
     * ministry sealed it for this notice.
     */
    public String open(UUID noticeId, String from, String to, String sealedText) {
        HPKE hpke = Hpke.suite();
        SealedBody sealed = SealedBody.parse(sealedText, hpke.getEncSize());
        if (!sealed.state().equals(to)) {
            throw new BagException("sealed for " + sealed.state() + ", not for " + to);
        }
        if (!keys.holds(sealed.generation())) {
            throw new BagException("sealed with key " + sealed.keyId() + ", which this ministry does not hold");
        }
        try {
            byte[] body = hpke.open(sealed.enc(), keys.pair(to, sealed.generation()), INFO, aad(noticeId, from, to),
                    sealed.ciphertext(), null, null, keys.pair(from, sealed.generation()).getPublic());
            return new String(body, StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new BagException("does not open with key " + sealed.keyId()
                    + ": altered, not this notice's, or not sealed by " + from);
        }
    }

    static byte[] aad(UUID noticeId, String from, String to) {
        return ("chancery-bag-v1\n" + noticeId + "\n" + from + "\n" + to).getBytes(StandardCharsets.UTF_8);
    }
}
