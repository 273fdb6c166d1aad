package org.chancery.protectingpower.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.MandateKind;
import org.chancery.events.registry.ReferenceFiles;
import org.chancery.messaging.RegistryEntries;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The third states' mandates (protecting powers, their message channels, mediators' good offices), from {@code reference/mandates.json} or the file
 * {@code chancery.protecting-power.mandates-file} names.
 */
@ApplicationScoped
public class Mandates implements RegistryEntries {

    private final List<Mandate> mandates;

    Mandates(@ConfigProperty(name = "chancery.protecting-power.mandates-file") Optional<String> file) {
        mandates = ReferenceFiles.mandates(ReferenceFiles.open(file.orElse(null), "reference/mandates.json"));
    }

    public Map<String, Mandate> byKey() {
        return mandates.stream().collect(Collectors.toMap(Mandate::key, Function.identity(), (a, b) -> a));
    }

    /** What the service publishes on {@code chancery.registry.mandates}: every mandate, by key. */
    @Override
    public Map<String, Mandate> entries() {
        return byKey();
    }

    /** The mandate of one of these kinds by which {@code third} acts for {@code sending} towards {@code receiving}. */
    public Optional<Mandate> find(String sending, String receiving, String third, Set<MandateKind> kinds) {
        return mandates.stream().filter(m -> m.sending().equals(sending) && m.receiving().equals(receiving)
                && m.protectingPower().equals(third) && kinds.contains(m.type())).findFirst();
    }

    /** The protecting power whose mandate for this pair is in force and runs the interests section, if any. */
    public Optional<Mandate> inForce(String sending, String receiving) {
        return mandates.stream().filter(m -> m.sending().equals(sending) && m.receiving().equals(receiving)
                && m.inForce() && m.type() == MandateKind.PROTECTING_POWER).findFirst();
    }
}
