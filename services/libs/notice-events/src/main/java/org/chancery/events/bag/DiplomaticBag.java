package org.chancery.events.bag;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.chancery.events.CanonicalJson;
import org.chancery.events.Notice;

/**
 * Seals a notice body for the receiving state's ministry and opens it there (VCDR Art. 27: the
 * bag shall not be opened on the way). The seal is the sending state's (HPKE auth mode), so only
 * its ministry can make a bag that opens as its own: a relay can neither read a body nor put
 * another in its place. The bag is bound to its notice: the notice id and everything the notice
 * says beside its body (parties, kind, precedence, classification, subject, deadline, regime,
 * event, circular, the mark of a late notice, its number and what it cites) are the AEAD's associated data, so a bag does not open in another notice, nor
 * in this one once a relay has changed what it says.
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

    /** The notice's body sealed by its sender's ministry for its receiver's, with their newest keys. */
    public String seal(UUID noticeId, Notice notice) {
        int generation = keys.current();
        HPKE hpke = Hpke.suite();
        AsymmetricCipherKeyPair receiver = keys.pair(notice.to(), generation);
        try {
            byte[][] sealed = hpke.seal(receiver.getPublic(), INFO, aad(noticeId, notice),
                    notice.body().getBytes(StandardCharsets.UTF_8), null, null, keys.pair(notice.from(), generation));
            return new SealedBody(notice.to(), generation, sealed[1], sealed[0]).text();
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE could not seal a body", e);
        }
    }

    /**
     * The body of a notice that carries it sealed, opened with its receiver's key; refused unless
     * its sender's ministry sealed it for this notice as it stands.
     */
    public String open(UUID noticeId, Notice notice) {
        HPKE hpke = Hpke.suite();
        String from = notice.from();
        String to = notice.to();
        SealedBody sealed = SealedBody.parse(notice.body(), hpke.getEncSize());
        if (!sealed.state().equals(to)) {
            throw new BagException("sealed for " + sealed.state() + ", not for " + to);
        }
        if (!keys.holds(sealed.generation())) {
            throw new BagException("sealed with key " + sealed.keyId() + ", which this ministry does not hold");
        }
        try {
            byte[] body = hpke.open(sealed.enc(), keys.pair(to, sealed.generation()), INFO, aad(noticeId, notice),
                    sealed.ciphertext(), null, null, keys.pair(from, sealed.generation()).getPublic());
            return new String(body, StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new BagException("does not open with key " + sealed.keyId()
                    + ": altered, not this notice's (or the notice was changed), or not sealed by " + from);
        }
    }

    /** What the bag is bound to: the notice id and the notice less its body, as canonical JSON. */
    static byte[] aad(UUID noticeId, Notice notice) {
        ObjectNode bound = JsonNodeFactory.instance.objectNode();
        bound.put("bag", "chancery-bag-v1");
        bound.put("noticeId", noticeId.toString());
        bound.put("from", notice.from());
        bound.put("to", notice.to());
        bound.put("kind", name(notice.kind()));
        bound.put("precedence", name(notice.precedence()));
        bound.put("classification", name(notice.classification()));
        bound.put("subject", notice.subject());
        bound.put("deliverBy", text(notice.deliverBy()));
        bound.put("regime", notice.regime());
        bound.put("eventAt", text(notice.eventAt()));
        bound.put("circular", text(notice.circular()));
        if (notice.late() != null) {
            // Only when marked late, so that a bag sealed before the mark existed still opens.
            bound.putObject("late").put("owed", notice.late().owed()).put("gave", notice.late().gave());
        }
        // Likewise the note's number and what it cites, only where it has them.
        if (notice.reference() != null) {
            bound.put("reference", notice.reference());
        }
        if (notice.inReplyTo() != null) {
            bound.put("inReplyTo", notice.inReplyTo().toString());
        }
        if (notice.references() != null) {
            bound.put("references", notice.references());
        }
        return CanonicalJson.bytes(bound);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
