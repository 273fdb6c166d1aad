package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chancery.events.HopTopic;
import org.chancery.events.Lane;
import org.chancery.events.Topics;
import org.chancery.local.BrokerAccess;
import org.chancery.local.BrokerCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker of {@code make run} is closed: a client that does not log in, or logs in with a
 * wrong password, or without the outside consumers' certificate, gets nothing; each service may
 * write only the topics it publishes and read only those it consumes; the outside consumers'
 * principal reads every topic and writes nothing.
 */
@ExtendWith(RunningSystem.class)
class ClosedBrokerIT {

    private static final Duration QUICK = Duration.ofSeconds(5);

    @Test
    void anAnonymousClientListsNoTopic() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", RunningSystem.stack().bootstrapServers()));
        anonymous.put("default.api.timeout.ms", 5000);
        anonymous.put("request.timeout.ms", 3000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThrows(Exception.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anOutsideClientWithoutTheReadersCertificateIsRefusedAndWithItReadsButWritesNothing() throws Exception {
        BrokerCertificates tls = RunningSystem.stack().brokerCertificates();
        Map<String, Object> noCertificate = new HashMap<>(Map.of("bootstrap.servers", RunningSystem.stack().outsideServers(),
                "security.protocol", "SSL", "ssl.truststore.type", "PEM", "ssl.truststore.location", tls.ca().toString()));
        try (Admin admin = Admin.create(noCertificate)) {
            assertThrows(Exception.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
        }
        Map<String, Object> reader = new HashMap<>(noCertificate);
        reader.put("ssl.keystore.type", "PKCS12");
        reader.put("ssl.keystore.location", tls.reader().toString());
        reader.put("ssl.keystore.password", tls.password());
        try (Admin admin = Admin.create(reader)) {
            assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(Topics.DEAD_LETTER));
        }
        reader.put("max.block.ms", 10_000);
        reader.put("enable.idempotence", false);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(reader, new StringSerializer(),
                new StringSerializer())) {
            assertRefused(() -> producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, "forged", "{}"))
                    .get(10, TimeUnit.SECONDS), "reader over TLS wrote a dead letter");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(RunningSystem.stack().kafkaClient(BrokerAccess.READER));
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"reader\" password=\"guess\";");
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void aServiceWritesOnlyTheTopicsItPublishes() throws Exception {
        // The embassy may not declare a line down, nor dispatch as the ministry; the outside
        // consumers' principal and the token issuer write nowhere else.
        Map<String, List<String>> forbidden = Map.of(
                "embassy", List.of(Topics.REGISTRY_HOTLINES, HopTopic.DISPATCH_HOTLINE.in(Lane.ROUTINE)),
                "audit", List.of(HopTopic.DELIVERY.in(Lane.ROUTINE), Topics.TOKENS_REVOKED),
                BrokerAccess.READER, List.of(HopTopic.NOTICES.in(Lane.URGENT), Topics.DEAD_LETTER),
                BrokerAccess.TOKEN_ISSUER, List.of(Topics.REGISTRY_MANDATES));
        for (Map.Entry<String, List<String>> principal : forbidden.entrySet()) {
            try (KafkaProducer<String, String> producer = producer(principal.getKey())) {
                for (String topic : principal.getValue()) {
                    assertRefused(() -> producer.send(new ProducerRecord<>(topic, "forged", "{}"))
                            .get(10, TimeUnit.SECONDS), principal.getKey() + " wrote to " + topic);
                }
            }
        }
        // What a service does publish, it may.
        try (KafkaProducer<String, String> producer = producer("embassy")) {
            assertEquals(Topics.DEAD_LETTER, producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, "allowed", "{}"))
                    .get(10, TimeUnit.SECONDS).topic());
        }
    }

    @Test
    void aServiceReadsOnlyTheTopicsItConsumes() {
        Map<String, Object> config = new HashMap<>(RunningSystem.stack().kafkaClient("hotline"));
        config.put("group.id", "hotline");
        config.put("default.api.timeout.ms", (int) QUICK.toMillis());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(HopTopic.DISPATCH_EMBASSY.in(Lane.ROUTINE)));
            assertThrows(TopicAuthorizationException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    consumer.poll(Duration.ofMillis(500));
                }
            });
        }
    }

    @Test
    void theReaderJoinsOnlyGroupsOfItsOwnNeverAServices() {
        // In the ministry's group it could take partitions, commit past hops, or fence a static member.
        for (String group : List.of("foreign-ministry", "audit", "embassy")) {
            try (KafkaConsumer<String, String> consumer = readerIn(group)) {
                consumer.subscribe(List.of(HopTopic.DELIVERY.in(Lane.URGENT)));
                assertThrows(GroupAuthorizationException.class, () -> {
                    for (int i = 0; i < 20; i++) {
                        consumer.poll(Duration.ofMillis(500));
                    }
                }, "the reader joined group " + group);
            }
        }
        // In a group of its own, it reads.
        try (KafkaConsumer<String, String> consumer = readerIn(BrokerAccess.READER_GROUPS + "tester")) {
            consumer.subscribe(List.of(HopTopic.DELIVERY.in(Lane.URGENT)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
            assertTrue(!consumer.assignment().isEmpty(), "the reader was given no partition in its own group");
        }
    }

    private static KafkaConsumer<String, String> readerIn(String group) {
        Map<String, Object> config = new HashMap<>(RunningSystem.stack().kafkaClient(BrokerAccess.READER));
        config.put("group.id", group);
        config.put("default.api.timeout.ms", (int) QUICK.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** The call fails, and an authorization error is why (thrown at once or by the send's future). */
    private static void assertRefused(org.junit.jupiter.api.function.Executable call, String what) {
        Throwable thrown = assertThrows(Exception.class, call, what);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof AuthorizationException) {
                return;
            }
        }
        throw new AssertionError(what + ": refused, but not for want of authorization", thrown);
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> config = new HashMap<>(RunningSystem.stack().kafkaClient(principal));
        config.put("max.block.ms", 10_000);
        config.put("delivery.timeout.ms", 10_000);
        config.put("request.timeout.ms", 5_000);
        config.put("enable.idempotence", false);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
