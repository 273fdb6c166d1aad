package org.chancery.local.testing;

import java.security.KeyPair;
import java.util.Map;
import java.util.stream.Collectors;
import org.chancery.events.HopEvent;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.local.StackSettings;

/**
 * One Ed25519 key for a test run, made when the tests start and trusted for every service: the
 * service under test signs with it, and a test that plays another service signs its hops with it.
 */
public final class TestKeys {

    private static final KeyPair PAIR = Ed25519Keys.generate();

    private TestKeys() {
    }

    /** Signs a hop as any service of the test run would. */
    public static HopEvent sign(HopEvent hop) {
        return new HopSigner(PAIR.getPrivate()).sign(hop);
    }

    /** The configuration that gives a service under test its signing key and the keys it trusts. */
    static Map<String, String> config() {
        String publicKey = Ed25519Keys.encode(PAIR.getPublic());
        return Map.of("chancery.signing.private-key", Ed25519Keys.encode(PAIR.getPrivate()),
                "chancery.signing.trusted-keys", StackSettings.DEFAULT_PORTS.keySet().stream()
                        .map(service -> service + "=" + publicKey).collect(Collectors.joining(",")));
    }
}
