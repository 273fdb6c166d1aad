package org.chancery.embassy.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chancery.events.registry.Mission;
import org.chancery.events.registry.ReferenceFiles;
import org.chancery.messaging.RegistryEntries;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The resident missions this service knows, from {@code reference/missions.json} or the file
 * {@code chancery.embassy.missions-file} names.
 */
@ApplicationScoped
public class Missions implements RegistryEntries {

    private final Map<String, Mission> byKey;

    Missions(@ConfigProperty(name = "chancery.embassy.missions-file") Optional<String> file) {
        List<Mission> missions = ReferenceFiles.missions(ReferenceFiles.open(file.orElse(null), "reference/missions.json"));
        byKey = missions.stream().collect(Collectors.toUnmodifiableMap(Mission::key, Function.identity()));
    }

    public Map<String, Mission> all() {
        return byKey;
    }

    /** What the embassy publishes on {@code chancery.registry.missions}: every mission. */
    @Override
    public Map<String, Mission> entries() {
        return byKey;
    }

    public Optional<Mission> find(String sending, String host) {
        return Optional.ofNullable(byKey.get(Mission.key(sending, host)));
    }
}
