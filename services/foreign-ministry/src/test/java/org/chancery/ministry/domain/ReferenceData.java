package org.chancery.ministry.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.events.registry.Hotline;
import org.chancery.events.registry.Mandate;
import org.chancery.events.registry.Mission;
import org.chancery.events.registry.ReferenceFiles;

/** The reference data every service ships, read from the sibling services' sources. */
public final class ReferenceData {

    static final Path SERVICES = Path.of("..").toAbsolutePath().normalize();

    public static final List<Mission> MISSIONS;
    public static final List<Hotline> HOTLINES;
    public static final List<Mandate> MANDATES;
    public static final Relations RELATIONS;

    static {
        try {
            MISSIONS = ReferenceFiles.missions(file("embassy", "missions.json"));
            HOTLINES = ReferenceFiles.hotlines(file("hotline", "hotlines.json"));
            MANDATES = ReferenceFiles.mandates(file("protecting-power", "mandates.json"));
            RELATIONS = Relations.read(file("foreign-ministry", "relations.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReferenceData() {
    }

    public static Hotline hotline(String id) {
        return HOTLINES.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

    private static InputStream file(String service, String name) throws IOException {
        return Files.newInputStream(SERVICES.resolve(service).resolve("src/main/resources/reference").resolve(name));
    }
}
