package org.chancery.events.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every engine must make and accept exactly the JDK provider's Ed25519 signatures: Bouncy Castle's
 * arithmetic everywhere, and the native engine on the platforms the build gives it to.
 */
class Ed25519MathTest {

    static final KeyPair PAIR = Ed25519Keys.generate();

    /** An engine: how it signs with a key, and how it checks with one. */
    record Engine(String name, Function<PrivateKey, Ed25519Math.Signing> signing,
            Function<PublicKey, Ed25519Math.Checking> checking) {
    }

    static List<Engine> engines() {
        List<Engine> engines = new ArrayList<>(List.of(new Engine("Bouncy Castle", Ed25519Math::arithmeticSigning,
                Ed25519Math::arithmeticChecking)));
        if (Ed25519Math.NATIVE != null) {
            engines.add(new Engine("native", key -> Ed25519Math.nativeSigning(Ed25519Math.NATIVE, key),
                    key -> Ed25519Math.nativeChecking(Ed25519Math.NATIVE, key)));
        }
        return engines;
    }

    static byte[] jdkSignature(byte[] message) throws Exception {
        Signature jdk = Signature.getInstance(Ed25519Keys.ALGORITHM);
        jdk.initSign(PAIR.getPrivate());
        jdk.update(message);
        return jdk.sign();
    }

    @Test
    void theBuildsNativeEngineLoadsOnLinux() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean expected = os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
        assertEquals(expected, Ed25519Math.NATIVE != null, "native Ed25519 on " + os + "/" + arch + ": " + Ed25519Math.engine());
        assertEquals(expected, Ed25519Keys.engine().startsWith("AWS-LC"), Ed25519Keys.engine());
    }

    @Test
    void signsAsTheJdkDoesAndEachAcceptsTheOther() throws Exception {
        for (Engine engine : engines()) {
            Ed25519Math.Signing signing = engine.signing().apply(PAIR.getPrivate());
            Ed25519Math.Checking checking = engine.checking().apply(PAIR.getPublic());
            for (int i = 0; i < 20; i++) {
                byte[] message = ("hash-" + i).getBytes(StandardCharsets.US_ASCII);
                byte[] ours = signing.sign(message);
                assertArrayEquals(jdkSignature(message), ours, engine.name());
                Signature jdk = Signature.getInstance(Ed25519Keys.ALGORITHM);
                jdk.initVerify(PAIR.getPublic());
                jdk.update(message);
                assertTrue(jdk.verify(ours), engine.name());
                assertTrue(checking.verify(message, jdkSignature(message)), engine.name());
            }
        }
    }

    @Test
    void refusesAnotherMessageAnotherKeyOrAMalformedSignature() throws Exception {
        byte[] message = "hash".getBytes(StandardCharsets.US_ASCII);
        for (Engine engine : engines()) {
            byte[] signature = jdkSignature(message);
            Ed25519Math.Checking checking = engine.checking().apply(PAIR.getPublic());
            assertFalse(checking.verify("hasH".getBytes(StandardCharsets.US_ASCII), signature), engine.name());
            assertFalse(engine.checking().apply(Ed25519Keys.generate().getPublic()).verify(message, signature),
                    engine.name());
            assertFalse(checking.verify(message, new byte[63]), engine.name());
            assertFalse(checking.verify(message, new byte[64]), engine.name());
            signature[10] ^= 1;
            assertFalse(checking.verify(message, signature), engine.name());
            // A refusal leaves the engine ready for the next signature.
            assertTrue(checking.verify(message, jdkSignature(message)), engine.name());
        }
    }

    @Test
    void refusesKeysOfAnotherAlgorithm() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        for (Engine engine : engines()) {
            assertThrows(IllegalArgumentException.class, () -> engine.checking().apply(ec.getPublic()), engine.name());
            assertThrows(IllegalArgumentException.class, () -> engine.signing().apply(ec.getPrivate()), engine.name());
        }
        assertNotNull(Ed25519Math.engine());
    }
}
