package org.chancery.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.chancery.events.Lane;
import org.chancery.events.HopTopic;
import org.chancery.events.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker, started through Kafka's internal server classes, on the Kafka release the
 * build uses: formatted with its credentials, its topics and grants made, a record written and
 * read by the services that may, and everything still there after a restart on the same data.
 * It fails first, and says why, on any Kafka release {@link KafkaBroker} was not checked against.
 */
@Tag("stack")
class KafkaBrokerTest {

    @Test
    void theBuildsKafkaIsTheOneTheBrokerWasCheckedAgainst() {
        assertEquals(KafkaBroker.CHECKED_WITH, AppInfoParser.getVersion(), "KafkaBroker starts Kafka through its "
                + "internal server classes (KafkaRaftServer, KafkaConfig, Formatter), which change between releases: "
                + "check them against this release, let the other test here pass, then update KafkaBroker.CHECKED_WITH");
    }

    @Test
    void startsClosedWithItsTopicsCarriesARecordAndKeepsEverythingAcrossARestart(@TempDir Path home) throws Exception {
        BrokerAccess access = BrokerAccess.in(home);
        BrokerCertificates certificates = BrokerCertificates.in(home);
        int port = StackSettings.freePort();
        int controllerPort = StackSettings.freePort();
        int outsidePort = StackSettings.freePort();
        KafkaBroker.Node node = KafkaBroker.Node.alone("127.0.0.1", controllerPort);
        Path data = home.resolve("kafka");
        String topic = HopTopic.NOTICES.in(Lane.ROUTINE);

        try (KafkaBroker broker = KafkaBroker.start("127.0.0.1", port, controllerPort, outsidePort, node, data, access,
                certificates)) {
            assertTrue(topics(broker, access).containsAll(Topics.CATALOGUE.stream().map(Topics.TopicSpec::name).toList()));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config(broker, access, "foreign-ministry"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "notice", "recorded")).get(30, TimeUnit.SECONDS);
            }
        }
        try (KafkaBroker again = KafkaBroker.start("127.0.0.1", port, controllerPort, outsidePort, node, data, access,
                certificates)) {
            Map<String, Object> config = config(again, access, "audit");
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "audit");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                List<String> read = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (read.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        read.add(record.value());
                    }
                }
                assertEquals(List.of("recorded"), read, "the record written before the restart");
            }
        }
    }

    /**
     * Each owner publishes its whole registry at every start: the broker's compaction must keep the
     * topic, which every reader replays at its own start, within a few snapshots, not one more per start.
     */
    @Test
    void aRegistryPublishedAtEveryStartDoesNotGrowWithEveryStart(@TempDir Path home) throws Exception {
        BrokerAccess access = BrokerAccess.in(home);
        int controllerPort = StackSettings.freePort();
        TopicPartition missions = new TopicPartition(Topics.REGISTRY_MISSIONS, 0);
        int keys = 4_000;
        String value = "x".repeat(2_000); // a snapshot of ~8 MB, about the missions' size
        int snapshots = 5;
        try (KafkaBroker broker = KafkaBroker.start("127.0.0.1", StackSettings.freePort(), controllerPort,
                StackSettings.freePort(), KafkaBroker.Node.alone("127.0.0.1", controllerPort), home.resolve("kafka"),
                access, BrokerCertificates.in(home));
                KafkaProducer<String, String> producer = new KafkaProducer<>(config(broker, access, "embassy"),
                        new StringSerializer(), new StringSerializer());
                Admin admin = Admin.create(config(broker, access, BrokerAccess.ADMIN))) {
            for (int start = 0; start < snapshots; start++) {
                for (int key = 0; key < keys; key++) {
                    producer.send(new ProducerRecord<>(missions.topic(), "M" + key + "@HOST", value));
                }
                producer.flush();
            }
            long published = (long) snapshots * keys * value.length();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long size = size(admin, missions);
            while (size > published / 2 && System.nanoTime() < deadline) {
                TimeUnit.SECONDS.sleep(1);
                size = size(admin, missions);
            }
            assertTrue(size <= published / 2, "the registry holds " + size + " bytes after " + snapshots
                    + " snapshots of " + published / snapshots + ": compaction did not run");
        }
    }

    private static long size(Admin admin, TopicPartition partition) throws Exception {
        return admin.describeLogDirs(List.of(1)).allDescriptions().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .map(dir -> dir.replicaInfos().get(partition))
                .filter(Objects::nonNull)
                .mapToLong(ReplicaInfo::size).sum();
    }

    private static Set<String> topics(KafkaBroker broker, BrokerAccess access) throws Exception {
        try (Admin admin = Admin.create(config(broker, access, BrokerAccess.ADMIN))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> config(KafkaBroker broker, BrokerAccess access, String principal) {
        Map<String, Object> config = new HashMap<>(access.clientConfig(principal));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return config;
    }
}
