package org.chancery.events.signing;

/** Whether a hop is what its emitter wrote. */
public enum Authenticity {
    /** Signed by a key trusted for the service it names, and its content matches its hash. */
    SIGNED,
    /** No signature. */
    UNSIGNED,
    /** No key is trusted for the service the hop names. */
    UNKNOWN_SIGNER,
    /** Its content does not match the hash that was signed. */
    ALTERED,
    /** A signature no trusted key of the named service made. */
    FORGED,
    /**
     * Signed as it was emitted, but the body it carries is not the one its digest (which the hash
     * and so the signature cover) names: the text was changed on the way.
     */
    BODY_ALTERED;

    public boolean genuine() {
        return this == SIGNED;
    }
}
