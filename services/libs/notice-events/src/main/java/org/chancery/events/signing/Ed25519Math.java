package org.chancery.events.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.chancery.events.NativeCrypto;

/**
 * Ed25519 signing and verification (RFC 8032), by the fastest engine this machine has: AWS-LC
 * through the Amazon Corretto Crypto Provider where its native library loads (Linux on x86-64 and
 * ARM64: about 20 µs to sign and 45 µs to check), else Bouncy Castle's arithmetic on the raw keys
 * (about 55 and 100 µs); the JDK 17 provider takes 670 µs for each. Every hop is signed once and
 * checked by each service that reads it, so this is most of a hop's cost (ADR 0008, ADR 0009).
 * Ed25519 is deterministic: all three make the same signatures, byte for byte, and keys stay JDK
 * keys everywhere else. {@code -Dchancery.crypto.native=false} keeps to Bouncy Castle.
 */
final class Ed25519Math {

    /** A SubjectPublicKeyInfo of an Ed25519 key: a 12-byte header, then the 32-byte key. */
    private static final int X509_LENGTH = 44;

    /** The native engine, or null where it does not load. */
    static final Provider NATIVE = NativeCrypto.PROVIDER;

    /** Signs with one private key. */
    interface Signing {
        byte[] sign(byte[] message);
    }

    /** Checks signatures against one public key. */
    interface Checking {
        boolean verify(byte[] message, byte[] signature);
    }

    private Ed25519Math() {
    }

    /** The engine in use, as operators read it. */
    static String engine() {
        return NATIVE == null ? "Bouncy Castle" : "AWS-LC (" + NATIVE.getName() + " " + NATIVE.getVersionStr() + ")";
    }

    static Signing signing(PrivateKey key) {
        return NATIVE == null ? arithmeticSigning(key) : nativeSigning(NATIVE, key);
    }

    static Checking checking(PublicKey key) {
        return NATIVE == null ? arithmeticChecking(key) : nativeChecking(NATIVE, key);
    }

    /** Bouncy Castle's arithmetic on the raw keys. */
    static Signing arithmeticSigning(PrivateKey key) {
        byte[] rawPrivate = rawPrivate(key);
        byte[] rawPublic = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(rawPrivate, 0, rawPublic, 0);
        return message -> {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(rawPrivate, 0, rawPublic, 0, message, 0, message.length, signature, 0);
            return signature;
        };
    }

    /** Bouncy Castle's arithmetic, the public key decoded once. */
    static Checking arithmeticChecking(PublicKey key) {
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(rawPublic(key), 0);
        if (point == null) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        return (message, signature) -> signature.length == Ed25519.SIGNATURE_SIZE
                && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    /** A native provider, one initialised {@link Signature} per thread (they are not thread-safe). */
    static Signing nativeSigning(Provider provider, PrivateKey key) {
        rawPrivate(key);
        ThreadLocal<Signature> signatures = perThread(provider, signature -> signature.initSign(key));
        return message -> {
            try {
                Signature signature = signatures.get();
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the native Ed25519 engine failed to sign", e);
            }
        };
    }

    static Checking nativeChecking(Provider provider, PublicKey key) {
        rawPublic(key);
        ThreadLocal<Signature> signatures = perThread(provider, signature -> signature.initVerify(key));
        return (message, signature) -> {
            if (signature.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            try {
                Signature verifier = signatures.get();
                verifier.update(message);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        };
    }

    /** How a thread's {@link Signature} is given its key. */
    @FunctionalInterface
    private interface Init {
        void init(Signature signature) throws GeneralSecurityException;
    }

    private static ThreadLocal<Signature> perThread(Provider provider, Init init) {
        return ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM, provider);
                init.init(signature);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the native Ed25519 engine refused the key", e);
            }
        });
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
}
