package org.chancery.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.chancery.events.HopEvent;
import org.chancery.events.HopEvents;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.chancery.events.HopType;
import org.chancery.events.Topics;
import org.chancery.events.signing.RegistrySignature;
import org.chancery.events.signing.Authenticity;
import org.chancery.events.signing.Ed25519Keys;
import org.chancery.events.signing.HopSigner;
import org.chancery.events.signing.TrustedKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This service's signing key and the keys it trusts. A service will not start without both: it
 * signs every hop it emits and every registry record it publishes, and refuses (to the dead-letter
 * topic) every consumed hop that is not signed by the service it names, and every registry record
 * not signed by the service that owns its topic.
 */
@Startup
@ApplicationScoped
public class HopSigning {

    private static final Logger LOG = Logger.getLogger(HopSigning.class);

    @Inject
    Keys keys;

    /** This service's signing key and the keys it trusts, by service (docs/reliability.md). */
    @ConfigMapping(prefix = "chancery.signing")
    public interface Keys {

        /** Its Ed25519 private key (CHANCERY_SIGNING_PRIVATE_KEY); only services that emit hops have one. */
        Optional<String> privateKey();

        /** Every emitting service's public keys (CHANCERY_SIGNING_TRUSTED_KEYS). */
        Optional<String> trustedKeys();
    }

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private HopSigner signer;
    private TrustedKeys trusted;

    @PostConstruct
    void load() {
        Optional<String> key = keys.privateKey().filter(k -> !k.isBlank());
        if (!HopType.emitters().contains(service)) {
            // A service that emits no hop (the audit) needs no key, and no one trusts one in its name.
            if (key.isPresent()) {
                LOG.warnf("%s emits no hops: the signing key it was given is not loaded; remove "
                        + "CHANCERY_SIGNING_PRIVATE_KEY", service);
            }
        } else {
            signer = new HopSigner(Ed25519Keys.privateKey(key.orElseThrow(() -> new IllegalStateException(
                    "no signing key: set CHANCERY_SIGNING_PRIVATE_KEY (see docs/reliability.md)"))));
        }
        trusted = TrustedKeys.parse(keys.trustedKeys().orElse(""));
        if (trusted.isEmpty()) {
            throw new IllegalStateException("no trusted keys: set CHANCERY_SIGNING_TRUSTED_KEYS (see docs/reliability.md)");
        }
        LOG.infof("hops signed and checked with Ed25519 by %s", Ed25519Keys.engine());
    }

    /** The hop as JSON, signed by this service. */
    public String signedJson(HopEvent hop) {
        if (signer == null) {
            throw new IllegalStateException(service + " emits no hops: it has no signing key");
        }
        return HopEvents.toJson(signer.sign(hop));
    }

    /**
     * The record as it goes on the broker, signed by this service if it is a registry record: with
     * its version, the publication time in its {@link RegistrySignature#VERSION_HEADER} header.
     */
    public ProducerRecord<String, String> signRegistryRecord(ProducerRecord<String, String> record) {
        if (Topics.REGISTRY_OWNERS.containsKey(record.topic())) {
            if (signer == null) {
                throw new IllegalStateException(service + " owns no registry: it has no signing key");
            }
            record.headers().add(RegistrySignature.HEADER, signer.signRecord(record.topic(), record.key(),
                    header(record.headers().lastHeader(RegistrySignature.VERSION_HEADER)), record.value())
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    /**
     * A consumed registry record as checked: whether the service that owns its topic wrote it, and
     * its version. A record of the first release, signed without a version, is older than any other.
     */
    public record RegistryRecordCheck(Authenticity authenticity, Instant version) {

        /**
         * Whether the record is older than the version of its key held before ({@code held}, null if
         * none): a genuine record replayed after a newer one. A record as new as the one held is not.
         */
        public boolean olderThan(Instant held) {
            return held != null && version != null && version.isBefore(held);
        }
    }

    public RegistryRecordCheck checkRegistryRecord(ConsumerRecord<String, String> record) {
        return checkRegistryRecord(record.topic(), record.key(), versionOf(record), record.value(), signatureOf(record));
    }

    /** The same, for a registry record kept apart from the broker: its version and signature as their headers held them. */
    public RegistryRecordCheck checkRegistryRecord(String topic, String key, String version, String value, String signature) {
        Authenticity versioned = version == null ? null : trusted.checkRecord(topic, key, version, value, signature);
        if (versioned != null && versioned.genuine()) {
            Instant at = instant(version);
            return new RegistryRecordCheck(at == null ? Authenticity.FORGED : versioned, at);
        }
        Authenticity first = trusted.checkRecord(topic, key, null, value, signature);
        if (first.genuine()) {
            return new RegistryRecordCheck(first, Instant.EPOCH);
        }
        return new RegistryRecordCheck(versioned == null ? first : versioned, null);
    }

    /** Whether this service's own signature on a record of {@code topic} checks against the keys it trusts. */
    public boolean checksItsOwnRegistryRecords(String topic) {
        if (signer == null) {
            return false;
        }
        String version = Instant.EPOCH.toString();
        String signature = signer.signRecord(topic, "self-check", version, "{}");
        return trusted.checkRecord(topic, "self-check", version, "{}", signature).genuine();
    }

    /** A registry record's version, as its header holds it (null if it has none). */
    public static String versionOf(ConsumerRecord<String, String> record) {
        return header(record.headers().lastHeader(RegistrySignature.VERSION_HEADER));
    }

    /** A registry record's signature, as its header holds it (null if it has none). */
    public static String signatureOf(ConsumerRecord<String, String> record) {
        return header(record.headers().lastHeader(RegistrySignature.HEADER));
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A version that is no instant is no version: the record is not taken as versioned. */
    private static Instant instant(String version) {
        try {
            return Instant.parse(version);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Whether a consumed hop is what the service it names wrote. */
    public Authenticity check(JsonNode hop) {
        return trusted.check(hop);
    }
}
