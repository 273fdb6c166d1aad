package org.chancery.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The topic catalogue: Chancery's public Kafka API. The hop topics are the {@link HopTopic steps} of
 * a path, one topic per {@link Lane}; every hop is keyed by its notice id, so all events of one
 * notice stay in order on one partition. See {@code docs/topics.md}.
 */
public final class Topics {

    /** Resident missions, published by the embassy service; compacted, keyed {@code SENDING@HOST}. */
    public static final String REGISTRY_MISSIONS = "chancery.registry.missions";
    /** Hotlines and their status, published by the hotline service; compacted, keyed by line id. */
    public static final String REGISTRY_HOTLINES = "chancery.registry.hotlines";
    /** Protecting-power mandates, published by the protecting-power service; compacted. */
    public static final String REGISTRY_MANDATES = "chancery.registry.mandates";

    /** What the channels offer: the state a ministry plans routes from; each owned by one {@link Service}. */
    public static final List<String> REGISTRY_TOPICS = Stream.of(Service.values())
            .flatMap(service -> service.registry().stream()).map(Service.Registry::topic).toList();

    /** The service that owns each registry topic: the only one whose signed records count there. */
    public static final Map<String, String> REGISTRY_OWNERS = registryOwners();

    /**
     * Access tokens revoked before they expire: compacted, keyed by the token's id ({@code jti}),
     * each value a revocation signed by the token issuer. Every service with a REST API reads it whole.
     */
    public static final String TOKENS_REVOKED = "chancery.tokens.revoked";

    /** Records no consumer could process, with the reason and their origin in headers. */
    public static final String DEAD_LETTER = "chancery.dead-letter";

    /** Every topic that carries hops of a notice's path, in both lanes; the audit reads them all. */
    public static final List<String> HOP_TOPICS = Stream.of(Lane.values())
            .flatMap(lane -> Stream.of(HopTopic.values()).map(topic -> topic.in(lane)))
            .toList();

    /**
     * The topics a service sends records to ({@link Service#writes}); a name that is no service's
     * may send only dead letters.
     */
    public static List<String> writtenBy(String service) {
        return Service.find(service).map(Service::writes).orElse(List.of(DEAD_LETTER));
    }

    private static Map<String, String> registryOwners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            service.registry().ifPresent(registry -> owners.put(registry.topic(), service.id()));
        }
        return Collections.unmodifiableMap(owners);
    }

    /** How a topic is created: its partitions and its topic-level configuration. */
    public record TopicSpec(String name, int partitions, Map<String, String> config) {
    }

    /** Hop topics keep a week of history; the audit stores what it needs long before that. */
    private static final Map<String, String> HOP_RETENTION = Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    /** The revoked tokens keep the latest value of each key, for as long as the key exists. */
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    /**
     * So do the registries, each record stamped with the time the broker appended it, which no
     * writer chooses: the audit counts a mandate from then, not from the version its writer signed.
     * Their segments are small: compaction cleans only segments no longer written, and a first start
     * publishes a whole snapshot (the missions ~10 MB; later starts only what changed), so with
     * Kafka's 1 GB segments the topic, and what every reader replays at its start, would keep every
     * whole snapshot uncompacted.
     */
    private static final Map<String, String> REGISTRY = Map.of("cleanup.policy", "compact",
            "message.timestamp.type", "LogAppendTime", "segment.bytes", String.valueOf(8 * 1024 * 1024));

    /**
     * Every topic Chancery creates. Six partitions per hop topic bound how many consumers of one
     * service can share the work; keys keep each notice on one partition.
     */
    public static final List<TopicSpec> CATALOGUE = Stream.of(
                    HOP_TOPICS.stream().map(name -> new TopicSpec(name, 6, HOP_RETENTION)),
                    REGISTRY_TOPICS.stream().map(name -> new TopicSpec(name, 1, REGISTRY)),
                    Stream.of(new TopicSpec(TOKENS_REVOKED, 1, COMPACTED)),
                    Stream.of(new TopicSpec(DEAD_LETTER, 3,
                            Map.of("retention.ms", String.valueOf(30L * 24 * 3600 * 1000)))))
            .flatMap(s -> s)
            .toList();

    private Topics() {
    }
}
