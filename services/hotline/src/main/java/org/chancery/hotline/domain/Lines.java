package org.chancery.hotline.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.ReferenceFiles;
import org.chancery.hotline.entity.LineStatus;
import org.chancery.messaging.RegistryEntries;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The lines this service runs, from {@code reference/hotlines.json} (or the file
 * {@code chancery.hotline.lines-file} names), each in the status an operator last declared, or
 * else as recorded in the file.
 */
@ApplicationScoped
public class Lines implements RegistryEntries {

    private final Map<String, Hotline> recorded = new LinkedHashMap<>();

    Lines(@ConfigProperty(name = "chancery.hotline.lines-file") Optional<String> file) {
        ReferenceFiles.hotlines(ReferenceFiles.open(file.orElse(null), "reference/hotlines.json"))
                .forEach(line -> recorded.put(line.id(), line));
    }

    /** Every line in its current status. Reads the database: call it within a transaction. */
    public List<Hotline> all() {
        return List.copyOf(byId().values());
    }

    /**
     * What the service publishes on {@code chancery.registry.hotlines}: every line in its current
     * status, by id. Reads the database: call it within a transaction.
     */
    @Override
    public Map<String, Hotline> entries() {
        return all().stream().collect(Collectors.toMap(Hotline::id, Function.identity()));
    }

    /** Every line in its current status, by id, with one statement. Call it within a transaction. */
    public Map<String, Hotline> byId() {
        Map<String, LineStatus> declared = new LinkedHashMap<>();
        LineStatus.<LineStatus>listAll().forEach(s -> declared.put(s.lineId, s));
        Map<String, Hotline> lines = new LinkedHashMap<>();
        recorded.values().forEach(line -> lines.put(line.id(), current(line, declared.get(line.id()))));
        return lines;
    }

    /** A line as the file records it: its ends, which no declaration changes. */
    public Optional<Hotline> recorded(String id) {
        return Optional.ofNullable(recorded.get(id));
    }

    public Optional<Hotline> find(String id) {
        Hotline line = recorded.get(id);
        return line == null ? Optional.empty() : Optional.of(current(line, LineStatus.findById(id)));
    }

    private static Hotline current(Hotline line, LineStatus declared) {
        return declared == null ? line : line.withStatus(declared.status, declared.note, declared.changedAt);
    }
}
