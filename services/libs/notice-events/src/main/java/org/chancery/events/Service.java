package org.chancery.events;

import static org.chancery.events.HopTopic.DELIVERY;
import static org.chancery.events.HopTopic.DISPATCH_EMBASSY;
import static org.chancery.events.HopTopic.DISPATCH_HOTLINE;
import static org.chancery.events.HopTopic.DISPATCH_PROTECTING_POWER;
import static org.chancery.events.HopTopic.NOTICES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chancery's five services, each said once: its name, its HTTP port, the hop steps it consumes and
 * sends on, the registry it owns and the other topics it reads. The topic catalogue's registries,
 * the topics each service writes ({@link Topics#writtenBy}), the broker's grants, the launcher's
 * ports and the services it starts and waits for are all read from here (ADR 0027).
 *
 * <p>A service's name is its Kafka principal, its consumer group, its database role and schema, its
 * {@code quarkus.application.name} and its tokens' audience.
 */
public enum Service {

    /** Plans and dispatches notices, records receipts; reads what the channels deliver and what they offer. */
    FOREIGN_MINISTRY("foreign-ministry", 8081, EnumSet.of(DELIVERY),
            EnumSet.of(DISPATCH_EMBASSY, DISPATCH_HOTLINE, DISPATCH_PROTECTING_POWER, NOTICES), null,
            List.of(Topics.REGISTRY_MISSIONS, Topics.REGISTRY_HOTLINES, Topics.REGISTRY_MANDATES,
                    Topics.TOKENS_REVOKED)),
    /** Carries notices by embassies and permanent missions; publishes the missions. */
    EMBASSY("embassy", 8082, EnumSet.of(DISPATCH_EMBASSY), EnumSet.of(DISPATCH_EMBASSY, DELIVERY),
            new Registry(Topics.REGISTRY_MISSIONS, "chancery.registry.mission"),
            List.of(Topics.REGISTRY_MISSIONS)),
    /** Carries notices on dedicated lines; publishes the lines and their status. */
    HOTLINE("hotline", 8083, EnumSet.of(DISPATCH_HOTLINE), EnumSet.of(DISPATCH_HOTLINE, DELIVERY),
            new Registry(Topics.REGISTRY_HOTLINES, "chancery.registry.hotline"),
            List.of(Topics.REGISTRY_HOTLINES, Topics.TOKENS_REVOKED)),
    /** Relays notices by protecting powers and mediators; publishes the mandates. */
    PROTECTING_POWER("protecting-power", 8084, EnumSet.of(DISPATCH_PROTECTING_POWER),
            EnumSet.of(DISPATCH_PROTECTING_POWER, DELIVERY),
            new Registry(Topics.REGISTRY_MANDATES, "chancery.registry.mandate"),
            List.of(Topics.REGISTRY_MANDATES)),
    /** Reads every hop and the mandates third states' hops are judged by; sends none. */
    AUDIT("audit", 8085, EnumSet.allOf(HopTopic.class), EnumSet.noneOf(HopTopic.class), null,
            List.of(Topics.REGISTRY_MANDATES, Topics.TOKENS_REVOKED));

    /**
     * A registry a service owns: a compacted topic on which only its owner's signed records count,
     * and the {@code ce_type} of its records.
     */
    public record Registry(String topic, String ceType) {
    }

    private final String id;
    private final int httpPort;
    private final Set<HopTopic> consumes;
    private final Set<HopTopic> sends;
    private final Registry registry;
    private final List<String> reads;

    Service(String id, int httpPort, EnumSet<HopTopic> consumes, EnumSet<HopTopic> sends, Registry registry,
            List<String> reads) {
        this.id = id;
        this.httpPort = httpPort;
        this.consumes = Collections.unmodifiableSet(consumes);
        this.sends = Collections.unmodifiableSet(sends);
        this.registry = registry;
        this.reads = reads;
    }

    /** The service's name, e.g. {@code foreign-ministry}. */
    public String id() {
        return id;
    }

    /** The port it listens on by default, and in its container. */
    public int httpPort() {
        return httpPort;
    }

    /** The steps whose topics it consumes, in both lanes, in its consumer group ({@code chancery.pipeline.steps}). */
    public Set<HopTopic> consumes() {
        return consumes;
    }

    /** The steps it sends hops on, in both lanes. */
    public Set<HopTopic> sends() {
        return sends;
    }

    /** Whether it emits hops at all, and so signs them (every service but the audit). */
    public boolean emitsHops() {
        return !sends.isEmpty();
    }

    /** The registry it publishes, if any. */
    public Optional<Registry> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * The topics besides hops it reads, whole and without a consumer group: registries (an owner reads
     * its own back to see that nothing else stands under its keys) and, with a REST API, the revoked tokens.
     */
    public List<String> reads() {
        return reads;
    }

    /** Its consumer group: its name. */
    public String group() {
        return id;
    }

    /**
     * The topics it sends records to: the steps it sends hops on, in both lanes, the registry it owns,
     * and the dead letters.
     */
    public List<String> writes() {
        List<String> topics = new ArrayList<>();
        for (HopTopic step : sends) {
            for (Lane lane : Lane.values()) {
                topics.add(step.in(lane));
            }
        }
        registry().ifPresent(owned -> topics.add(owned.topic()));
        topics.add(Topics.DEAD_LETTER);
        return topics;
    }

    /** The service of this name, if there is one. */
    public static Optional<Service> find(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst();
    }

    /** The service of this name; {@link IllegalArgumentException} if there is none. */
    public static Service named(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no service " + id));
    }

    /** Every service's name, in start order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Service::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
