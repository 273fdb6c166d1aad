package org.chancery.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.ConfigMapping;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one Kafka producer. A record is published once every in-sync replica has it, and
 * retried without duplicates (idempotence); records sent together leave in as few requests as the
 * partitions allow (a short linger gathers a batch's records into one request per broker).
 */
@ApplicationScoped
public class Publisher {

    /** Longer than any send can take: the producer gives every record an outcome within its delivery timeout. */
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Inject
    Batching batching;

    /** How the producer gathers a batch's records into one request per broker. */
    @ConfigMapping(prefix = "chancery.publish")
    public interface Batching {

        /** How long it waits for more records (linger.ms). */
        int lingerMs();

        /** The most bytes of one partition's records in one request (batch.size). */
        int batchBytes();
    }

    /** Made on first use; a test sets a mock producer. */
    Producer<String, String> producer;
    private KafkaClientMetrics metrics;

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-publisher");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, batching.lingerMs());
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, batching.batchBytes());
            // Every send has a definite outcome within 10 s: REST ingress answers 503 rather than wait longer.
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(config);
            metrics = new KafkaClientMetrics(producer);
            metrics.bindTo(registry);
        }
        return producer;
    }

    /**
     * Creates the producer and fetches the metadata of the topics it will write (partitions and
     * their leaders), so that a first record is not held while the producer learns them.
     *
     * @throws org.apache.kafka.common.KafkaException if the broker did not answer in time
     */
    public void learn(Collection<String> topics) {
        Producer<String, String> kafkaProducer = producer();
        for (String topic : topics) {
            kafkaProducer.partitionsFor(topic);
        }
    }

    /**
     * Sends the records back to back and waits once, until the broker has acknowledged every one of
     * them.
     *
     * @throws PublishFailedException if any record was not acknowledged
     */
    public void sendAll(List<ProducerRecord<String, String>> records) {
        List<Throwable> failures = sendEach(records);
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new PublishFailedException(failure);
            }
        }
    }

    /**
     * Sends the records back to back and waits once for all of them; returns, for each record in
     * order, null if the broker acknowledged it, or why not.
     */
    public List<Throwable> sendEach(List<ProducerRecord<String, String>> records) {
        List<Throwable> failures = new ArrayList<>(records.size());
        if (records.isEmpty()) {
            return failures;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        long deadline = System.nanoTime() + WAIT.toNanos();
        Producer<String, String> kafkaProducer = producer();
        RuntimeException refused = null;
        for (ProducerRecord<String, String> record : records) {
            if (refused != null) {
                sends.add(CompletableFuture.failedFuture(refused));
                continue;
            }
            try {
                sends.add(kafkaProducer.send(record));
            } catch (RuntimeException e) {
                // Refused at once (no metadata within max.block.ms, or closed): so would the rest be,
                // each after the same wait.
                refused = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                failures.add(null);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (TimeoutException e) {
                failures.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        }
        return failures;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            metrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The broker did not acknowledge a record in time. */
    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(Throwable cause) {
            super("the broker did not acknowledge the record: " + cause.getMessage(), cause);
        }
    }
}
