package org.chancery.ministry.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chancery.events.Topics;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mission;
import org.chancery.messaging.DeadLetters;
import org.chancery.messaging.Publisher;
import org.chancery.ministry.domain.ChannelRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the channels' compacted registry topics from their beginning into the
 * {@link ChannelRegistry}, and keeps reading. Every replica reads all partitions itself (no
 * consumer group), like a global table: planning needs the whole state, not a share of it. The
 * ministry is ready once it has read everything that was on the topics when it started.
 */
@ApplicationScoped
public class RegistryReader {

    private static final Logger LOG = Logger.getLogger(RegistryReader.class);

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Publisher publisher;

    private final ChannelRegistry registry = new ChannelRegistry();
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread reader;

    public ChannelRegistry registry() {
        return registry;
    }

    /** Whether everything on the registry topics when the ministry started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void start(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "foreign-ministry-registry-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        reader = new Thread(this::read, "registry-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private void read() {
        while (running) {
            try {
                if (startEnd == null) {
                    assign();
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    apply(record);
                }
                if (!caughtUp) {
                    caughtUp = startEnd.entrySet().stream()
                            .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (caughtUp) {
                        LOG.info("registry read: ministries plan from what the channels published");
                    }
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("reading the registry topics failed, trying again: %s", e.toString());
                sleep();
            }
        }
        consumer.close();
    }

    private void assign() {
        List<TopicPartition> partitions = Topics.REGISTRY_TOPICS.stream()
                .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEnd = consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        String value = record.value();
        try {
            switch (record.topic()) {
                case Topics.REGISTRY_MISSIONS -> registry.putMission(key, read(key, value, Mission.class, Mission::key));
                case Topics.REGISTRY_HOTLINES -> registry.putHotline(key, read(key, value, Hotline.class, Hotline::key));
                case Topics.REGISTRY_MANDATES -> registry.putMandate(key, read(key, value, Mandate.class, Mandate::key));
                default -> { }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("registry record %s on %s goes to the dead-letter topic: %s", key, record.topic(), e.getMessage());
            try {
                publisher.sendAll(List.of(DeadLetters.of(record, "foreign-ministry",
                        "not a readable registry entry: " + e.getMessage())));
            } catch (Publisher.PublishFailedException unavailable) {
                LOG.warnf("registry record %s not set aside yet: %s", key, unavailable.getMessage());
            }
        }
    }

    /** The entry a record holds (null for a tombstone), refused unless the record's key names it. */
    private <T> T read(String key, String value, Class<T> type, Function<T, String> keyOf) throws IOException {
        if (value == null) {
            return null;
        }
        T entry = json.readValue(value, type);
        if (entry == null || !Objects.equals(key, keyOf.apply(entry))) {
            throw new IllegalArgumentException("its key '" + key + "' does not name the entry it holds");
        }
        return entry;
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
