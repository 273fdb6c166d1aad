package org.chancery.ministry.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.chancery.events.NoticeKind;
import org.chancery.events.Precedence;
import org.chancery.events.registry.ReferenceFiles;
import org.chancery.events.registry.ThirdStateAuthority;
import org.chancery.ministry.domain.ChannelRegistry;
import org.chancery.ministry.domain.Escalation;
import org.chancery.ministry.domain.Plan;
import org.chancery.ministry.domain.RouteQuery;
import org.chancery.ministry.domain.Relations;
import org.chancery.ministry.domain.ReturnRules;
import org.chancery.ministry.domain.RoutePlanner;
import org.chancery.ministry.messaging.RegistryReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ministries' planning knowledge: relations and return rules from their files, the channels'
 * offer from the registry topics, and how long a route may take before the next is tried.
 */
@ApplicationScoped
public class Planning {

    private final RegistryReader registry;
    private final Relations relations;
    private final RoutePlanner planner;
    private final ThirdStateAuthority thirdStates;
    private final ReturnRules returnRules;
    private final Escalation escalation;

    Planning(RegistryReader registry,
            @ConfigProperty(name = "chancery.ministry.relations-file") Optional<String> relationsFile,
            @ConfigProperty(name = "chancery.ministry.return-rules-file") Optional<String> returnRulesFile,
            @ConfigProperty(name = "chancery.ministry.escalate-after.flash") Duration flash,
            @ConfigProperty(name = "chancery.ministry.escalate-after.immediate") Duration immediate,
            @ConfigProperty(name = "chancery.ministry.escalate-after.priority") Duration priority,
            @ConfigProperty(name = "chancery.ministry.escalate-after.routine") Duration routine) {
        this.registry = registry;
        relations = Relations.read(ReferenceFiles.open(relationsFile.orElse(null), "reference/relations.json"));
        planner = new RoutePlanner(relations, registry.registry());
        thirdStates = new ThirdStateAuthority(registry.registry());
        returnRules = returnRulesFile.map(f -> ReturnRules.read(ReferenceFiles.open(f, null))).orElse(ReturnRules.none());
        escalation = new Escalation(Map.of(Precedence.FLASH, flash, Precedence.IMMEDIATE, immediate,
                Precedence.PRIORITY, priority, Precedence.ROUTINE, routine));
    }

    /** Whether the channels' registries have been read: until then no plan can be trusted. */
    public boolean ready() {
        return registry.caughtUp();
    }

    public Plan plan(RouteQuery query) {
        return planner.plan(query);
    }

    /** How two states stand, as the sources say; UNKNOWN where none speaks of them. */
    public Relations.Relation relation(String a, String b) {
        return relations.between(a, b);
    }

    /** The channels the registries offer now, as the planner reads them. */
    public ChannelRegistry channels() {
        return registry.registry();
    }

    /** Why a third state may not hand over a notice of this kind between these states; empty if it holds a mandate. */
    public Optional<String> thirdStateRefusal(String party, String sending, String receiving, NoticeKind kind) {
        return thirdStates.refusal(party, sending, receiving, kind);
    }

    public ReturnRules returnRules() {
        return returnRules;
    }

    /** The precedence's handling time: how long a notice of it may take to reach its receiver. */
    public Duration handlingTime(Precedence precedence) {
        return escalation.handlingTime(precedence);
    }

    /** When routes are given up for the next if no receipt has come ({@link Escalation#at}). */
    public Escalation escalation() {
        return escalation;
    }
}
