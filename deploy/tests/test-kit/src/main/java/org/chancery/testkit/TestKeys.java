package org.chancery.testkit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.chancery.events.HopType;
import org.chancery.events.HopEvent;
import org.chancery.events.bag.BagKeys;
import org.chancery.events.bag.DiplomaticBag;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.events.signing.HopSigner;
import org.chancery.local.LocalTokens;

/**
 * One Ed25519 key for a test run, made when the tests start and trusted for every service: the
 * service under test signs with it, and a test that plays another service signs its hops with it.
 * Likewise one token issuer, and one bag secret for the ministry.
 */
public final class TestKeys {

    private static final KeyPair PAIR = Ed25519Keys.generate();
    private static final LocalTokens TOKENS = LocalTokens.ephemeral();
    private static final String BAG_SECRETS = "1:" + BagKeys.newSecret();

    private TestKeys() {
    }

    /** Signs a hop as any service of the test run would. */
    public static HopEvent sign(HopEvent hop) {
        return new HopSigner(PAIR.getPrivate()).sign(hop);
    }

    /** Signs a registry record as the service that owns its topic would, its version now. */
    public static ProducerRecord<String, String> signRecord(ProducerRecord<String, String> record) {
        return signRecord(record, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** Signs a registry record as the service that owns its topic would, of this version. */
    public static ProducerRecord<String, String> signRecord(ProducerRecord<String, String> record, java.time.Instant version) {
        record.headers().remove(RegistrySignature.VERSION_HEADER);
        record.headers().add(RegistrySignature.VERSION_HEADER, version.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(RegistrySignature.HEADER, new HopSigner(PAIR.getPrivate())
                .signRecord(record.topic(), record.key(), version.toString(), record.value())
                .getBytes(StandardCharsets.US_ASCII));
        return record;
    }

    /** The bag the ministry under test seals and opens bodies with. */
    public static DiplomaticBag bag() {
        return new DiplomaticBag(BagKeys.parse(BAG_SECRETS));
    }

    /** The run's token issuer: the services under test trust it, and {@link TestAuth} uses it. */
    public static LocalTokens tokens() {
        return TOKENS;
    }

    /**
     * The configuration that gives a service under test its signing key, the keys it trusts and
     * the token issuer it trusts, and the bag secret it seals bodies with.
     */
    static Map<String, String> config() {
        String publicKey = Ed25519Keys.encode(PAIR.getPublic());
        Map<String, String> config = new HashMap<>(TOKENS.verifyConfig());
        config.put("chancery.signing.private-key", Ed25519Keys.encode(PAIR.getPrivate()));
        config.put("chancery.bag.secrets", BAG_SECRETS);
        config.put("chancery.signing.trusted-keys", HopType.emitters().stream()
                .map(service -> service + "=" + publicKey).collect(Collectors.joining(",")));
        return config;
    }
}
