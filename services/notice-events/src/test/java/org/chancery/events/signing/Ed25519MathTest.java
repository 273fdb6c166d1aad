package org.chancery.events.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;

/** The fast arithmetic must make and accept exactly the JDK provider's Ed25519 signatures. */
class Ed25519MathTest {

    static final KeyPair PAIR = Ed25519Keys.generate();

    static byte[] jdkSignature(byte[] message) throws Exception {
        Signature jdk = Signature.getInstance(Ed25519Keys.ALGORITHM);
        jdk.initSign(PAIR.getPrivate());
        jdk.update(message);
        return jdk.sign();
    }

    @Test
    void signsAsTheJdkDoesAndEachAcceptsTheOther() throws Exception {
        byte[] rawPrivate = Ed25519Math.rawPrivate(PAIR.getPrivate());
        byte[] rawPublic = Ed25519Math.rawPublic(PAIR.getPublic());
        assertArrayEquals(rawPublic, Ed25519Math.publicOf(rawPrivate));
        for (int i = 0; i < 20; i++) {
            byte[] message = ("hash-" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] ours = Ed25519Math.sign(rawPrivate, rawPublic, message);
            assertArrayEquals(jdkSignature(message), ours);
            Signature jdk = Signature.getInstance(Ed25519Keys.ALGORITHM);
            jdk.initVerify(PAIR.getPublic());
            jdk.update(message);
            assertTrue(jdk.verify(ours));
            assertTrue(Ed25519Math.verify(rawPublic, message, jdkSignature(message)));
        }
    }

    @Test
    void refusesAnotherMessageAnotherKeyOrAMalformedSignature() throws Exception {
        byte[] message = "hash".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = jdkSignature(message);
        byte[] rawPublic = Ed25519Math.rawPublic(PAIR.getPublic());
        assertFalse(Ed25519Math.verify(rawPublic, "hasH".getBytes(StandardCharsets.US_ASCII), signature));
        assertFalse(Ed25519Math.verify(Ed25519Math.rawPublic(Ed25519Keys.generate().getPublic()), message, signature));
        assertFalse(Ed25519Math.verify(rawPublic, message, new byte[63]));
        signature[10] ^= 1;
        assertFalse(Ed25519Math.verify(rawPublic, message, signature));
    }

    @Test
    void refusesKeysOfAnotherAlgorithm() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> Ed25519Math.rawPublic(ec.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Math.rawPrivate(ec.getPrivate()));
    }
}
