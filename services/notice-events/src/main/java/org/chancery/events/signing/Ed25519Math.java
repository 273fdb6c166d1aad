package org.chancery.events.signing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signing and verification (RFC 8032) on the raw 32-byte keys, by Bouncy Castle's
 * arithmetic: the same signatures as the JDK's provider (Ed25519 is deterministic), made about
 * twenty times faster and checked about eight times faster on JDK 17, where every hop is signed
 * once and checked by each service that reads it (ADR 0008). Keys stay JDK keys everywhere else.
 */
final class Ed25519Math {

    /** A SubjectPublicKeyInfo of an Ed25519 key: a 12-byte header, then the 32-byte key. */
    private static final int X509_LENGTH = 44;

    private Ed25519Math() {
    }

    static byte[] rawPrivate(PrivateKey key) {
        if (key instanceof EdECPrivateKey edec) {
            return edec.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key's bytes are not readable"));
        }
        throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }

    static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!Ed25519Keys.ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())
                || encoded == null || encoded.length != X509_LENGTH) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_LENGTH - Ed25519.PUBLIC_KEY_SIZE, X509_LENGTH);
    }

    static byte[] publicOf(byte[] rawPrivate) {
        byte[] rawPublic = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(rawPrivate, 0, rawPublic, 0);
        return rawPublic;
    }

    static byte[] sign(byte[] rawPrivate, byte[] rawPublic, byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(rawPrivate, 0, rawPublic, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    static boolean verify(byte[] rawPublic, byte[] message, byte[] signature) {
        return signature.length == Ed25519.SIGNATURE_SIZE
                && Ed25519.verify(signature, 0, rawPublic, 0, message, 0, message.length);
    }
}
